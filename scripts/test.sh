#!/usr/bin/env bash
# The project's tests: unit tests, then end to end through the real sf CLI. Run scripts/setup.sh first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
cd "$repo_root"
npm test
