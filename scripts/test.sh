#!/usr/bin/env bash
# The whole test suite, run by `make test` inside scripts/with-redis.sh (REDIS_URL is a throwaway Redis):
# the Swift tests (unit and integration, real SQLite files), then the end-to-end scripts in tmux.
set -uo pipefail
cd "$(dirname "$0")/.."
export BOXOFFICE_BIN=$PWD/.build/debug/boxoffice
failed=0
swift test 2>&1 | tee /tmp/boxoffice-swift-test.log
[ "${PIPESTATUS[0]}" -eq 0 ] || failed=1
# The stress harness, short: ~24 clerk processes racing for hot seats while its own Redis restarts and clerks are
# paused and killed; checks from SQLite that nothing was oversold, lost or invented.
"$PWD/.build/debug/boxoffice-stress" --short || failed=1
passed_e2e=0; failed_e2e=0
for script in Tests/EndToEnd/*.sh; do
  [ -e "$script" ] || continue
  work=$(mktemp -d "${TMPDIR:-/tmp}/boxoffice-e2e.XXXXXX")
  echo "== $script"
  if BOXOFFICE_DB=$work/boxoffice.sqlite BOXOFFICE_REDIS_PREFIX="e2e$RANDOM" bash "$script" "$work"; then
    passed_e2e=$((passed_e2e + 1))
  else
    failed_e2e=$((failed_e2e + 1)); failed=1
  fi
  rm -rf "$work"
done
echo "end-to-end: $passed_e2e passed, $failed_e2e failed"
exit $failed
