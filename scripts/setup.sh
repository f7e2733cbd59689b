#!/usr/bin/env bash
# Install and build the plugin, then run it: generate GRAX's integration user metadata in a new sf project (tmp/demo).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
cd "$repo_root"

npm ci --no-audit --no-fund
npm run build

export SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true SF_SKIP_NEW_VERSION_CHECK=true
export PATH="$repo_root/node_modules/.bin:$PATH"
rm -rf tmp/demo
mkdir -p tmp
sf template generate project --name demo --output-dir tmp >/dev/null
cd tmp/demo
"$repo_root/bin/run.js" integration-user generate --vendor "${1:-grax}" "${@:2}"
