#!/usr/bin/env bash
# Parses docker-compose.yml without a Docker engine, in both shapes: the default stack and the
# `cluster` profile. Uses whichever of `docker-compose` (Debian's 1.29) and `docker compose` is
# installed; both accept the file. Exit 0: valid; 1: invalid; 2: no compose tool installed.
# Usage: scripts/validate-compose.sh [compose file]   (default: docker-compose.yml at the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
file="${1:-docker-compose.yml}"

if command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
elif command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
else
  echo "skipped: docker-compose not installed (apt-get install docker-compose)" >&2
  exit 2
fi

for profile in "" cluster; do
  args=()
  [ -n "$profile" ] && args=(--profile "$profile")
  if ! "${compose[@]}" -f "$file" "${args[@]}" config --quiet; then
    echo "$file is not valid${profile:+ with profile $profile} for ${compose[*]}" >&2
    exit 1
  fi
done
echo "$file is valid for ${compose[*]} (default and --profile cluster)"
