#!/usr/bin/env bash
# Runs a command with a private, throwaway redis-server: a unix socket under a new temporary folder,
# no TCP port, no persistence. REDIS_URL points the command at it; the server is stopped on any exit.
set -euo pipefail
dir=$(mktemp -d "${TMPDIR:-/tmp}/boxoffice-redis.XXXXXX")
"$(dirname "$0")/redis-start.sh" "$dir"
cleanup() {
  "$(dirname "$0")/redis-stop.sh" "$dir" || true
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
REDIS_URL="unix://$dir/redis.sock" BOXOFFICE_TEST_TMP="$dir" "$@"
