#!/usr/bin/env bash
# A scratch org with GRAX's integration user, from nothing and with no manual step: the org preferences in
# the scratch definition, the metadata deployed, the user created with its permission sets.
# Run from the root of a Salesforce DX project with a Dev Hub authorized (sf org login web --alias devhub).
set -euo pipefail

DEV_HUB="${DEV_HUB:-devhub}"
ALIAS="${ALIAS:-grax-scratch}"
# A username is unique across all Salesforce orgs: a new one for each scratch org.
USERNAME="${USERNAME:-grax-integration-$(date +%s)@example.com}"

sf integration-user generate --vendor grax --username "$USERNAME" --scratch-def config/project-scratch-def.json
sf org create scratch --definition-file config/project-scratch-def.json --alias "$ALIAS" --target-dev-hub "$DEV_HUB" --duration-days 7 --wait 20
# One deploy per manifest, in their order (settings first where generate splits them).
for manifest in manifest/grax-package*.xml; do
  sf project deploy start --manifest "$manifest" --target-org "$ALIAS" --wait 30
done
# The definition file names the user, its profile and User fields, and the permission sets it gets at creation.
sf org create user --definition-file config/grax-integration-user-def.json --target-org "$ALIAS"
