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
# Link the plugin into your sf (its data directory, ~/.local/share/sf), so bin/sf, and an sf of your own, run it.
"$repo_root/bin/sf" plugins link "$repo_root" --no-install >/dev/null
(cd tmp/demo && "$repo_root/bin/sf" integration-user generate --vendor "${1:-grax}" "${@:2}")

cat <<DONE

Set up: the plugin is built and linked into your sf. To run sf with it (README, "Use it with sf"):

  cd $repo_root
  export PATH="\$PWD/bin:\$PATH"      # sf is bin/sf: the sf CLI of node_modules, under Node 22
  cd tmp/demo
  sf integration-user list vendors

Or without changing PATH: $repo_root/bin/sf integration-user list vendors
DONE
