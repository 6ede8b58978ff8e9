# Helpers for the HTTP server's end-to-end scripts; source it, do not run it. The real boxoffice-server process,
# on a free loopback port, against the script's SQLite file and the throwaway Redis; curl as the HTTP client.
# Every wait polls with a deadline; a sleep is only ever the polling interval.
set -uo pipefail
: "${BOXOFFICE_BIN:?set BOXOFFICE_BIN to the boxoffice binary}"
: "${BOXOFFICE_DB:?set BOXOFFICE_DB to a database path}"
: "${REDIS_URL:?set REDIS_URL to a running Redis}"
SERVER_BIN=${BOXOFFICE_SERVER_BIN:-$(dirname "$BOXOFFICE_BIN")/boxoffice-server}
[ -x "$SERVER_BIN" ] || { echo "FAIL: $SERVER_BIN is not built (swift build --product boxoffice-server)"; exit 1; }
command -v curl >/dev/null || { echo "FAIL: curl is not installed"; exit 1; }
command -v jq >/dev/null || { echo "FAIL: jq is not installed"; exit 1; }

WORK=${1:?the work folder}
SERVER_PID="" BASE="" SERVER_LOG="$WORK/server.log"
CLEANUPS=()
on_exit() { CLEANUPS+=("$1"); }
run_cleanups() {
  local i
  for (( i=${#CLEANUPS[@]}-1; i>=0; i-- )); do eval "${CLEANUPS[$i]}" 2>/dev/null || true; done
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
}
trap run_cleanups EXIT

now_ns() { date +%s%N; }
deadline_in() { echo $(( $(now_ns) + $(awk -v s="$1" 'BEGIN { printf "%d", s * 1000 }') * 1000000 )); }
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; echo "----- server log -----"; tail -20 "$SERVER_LOG" 2>/dev/null; exit 1; }

# start_server [flags...]: starts boxoffice-server on a free port and waits until it says where it listens.
start_server() {
  : >"$SERVER_LOG"
  "$SERVER_BIN" --port 0 "$@" 2>>"$SERVER_LOG" &
  SERVER_PID=$!
  local deadline=$(deadline_in 20) port=""
  while (( $(now_ns) < deadline )); do
    port=$(sed -nE 's|.*listening on http://[^:]+:([0-9]+).*|\1|p' "$SERVER_LOG" | head -1)
    [ -n "$port" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || fail "boxoffice-server exited at start"
    sleep 0.05
  done
  [ -n "$port" ] || fail "boxoffice-server did not start listening within 20 s"
  BASE="http://127.0.0.1:$port"
}

# stop_server: SIGTERM, and the server must exit 0.
stop_server() {
  kill -TERM "$SERVER_PID"
  local status=0
  wait "$SERVER_PID" || status=$?
  SERVER_PID=""
  [ "$status" -eq 0 ] || fail "boxoffice-server exited $status on SIGTERM"
}

# call METHOD PATH [JSON body] [curl args...]: sets STATUS, BODY and HEADERS (lower-case names).
call() {
  local method=$1 path=$2 body=${3:-}
  shift 2; [ $# -gt 0 ] && shift
  local args=(-s -X "$method" -D "$WORK/headers" -o "$WORK/body" -w '%{http_code}' --max-time 20)
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  STATUS=$(curl "${args[@]}" "$@" "$BASE$path")
  BODY=$(cat "$WORK/body")
  HEADERS=$(tr -d '\r' <"$WORK/headers" | tr 'A-Z' 'a-z')
}

# expect <status> <what> [jq expression that must be true of BODY]
expect() {
  local status=$1 what=$2 check=${3:-}
  [ "$STATUS" = "$status" ] || fail "$what: expected $status, got $STATUS: $BODY"
  if [ -n "$check" ]; then
    jq -e "$check" <<<"$BODY" >/dev/null 2>&1 || fail "$what: $check is not true of $BODY"
  fi
  pass "$what"
}
