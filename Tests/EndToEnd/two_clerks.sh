#!/usr/bin/env bash
# Two clerks sell the same performance in two tmux sessions: alice holds a seat and bob's map shows it held,
# alice books it with a name and bob's map shows it sold, bob quits and his shell prompt is back.
# Needs BOXOFFICE_BIN (the built binary), BOXOFFICE_DB (created here with `init --demo` if missing) and REDIS_URL.
# Screens are polled with a deadline; a failure prints both screens. Exit status 0 only if every step passed.
set -uo pipefail
: "${BOXOFFICE_BIN:?set BOXOFFICE_BIN to the boxoffice binary}"
: "${BOXOFFICE_DB:?set BOXOFFICE_DB to a database path}"
: "${REDIS_URL:?set REDIS_URL to a running Redis}"

SOCKET="boxoffice-e2e-$$"
tmx() { tmux -L "$SOCKET" "$@"; }
trap 'tmx kill-server 2>/dev/null' EXIT

screen() { tmx capture-pane -p -t "$1:" 2>/dev/null; }
pass() { echo "PASS: $*"; }
fail() {
  echo "FAIL: $*"
  for who in alice bob; do echo "----- $who's screen -----"; screen "$who"; done
  exit 1
}

# wait_for <clerk> <extended regex> <what it shows> [seconds]: poll the screen until the text appears.
wait_for() {
  local who=$1 pattern=$2 what=$3 limit=${4:-10}
  local deadline=$(( $(date +%s%N) + limit * 1000000000 ))
  while (( $(date +%s%N) < deadline )); do
    if screen "$who" | grep -qE -- "$pattern"; then pass "$what"; return 0; fi
    sleep 0.05  # polling interval only: the deadline decides
  done
  fail "$what (no /$pattern/ on $who's screen within ${limit}s)"
}

# wait_for_prompt <clerk>: the last line on screen is a shell prompt again (the terminal was given back).
wait_for_prompt() {
  local who=$1 deadline=$(( $(date +%s%N) + 10 * 1000000000 ))
  while (( $(date +%s%N) < deadline )); do
    if screen "$who" | grep -v '^ *$' | tail -1 | grep -qE '[$#] ?$'; then pass "$who's shell prompt is back"; return 0; fi
    sleep 0.05
  done
  fail "$who's shell prompt is back"
}

# The first match of a regex on a clerk's screen.
grab() { screen "$1" | grep -oE -- "$2" | head -1; }

if [ ! -f "$BOXOFFICE_DB" ]; then
  "$BOXOFFICE_BIN" init --demo >/dev/null || fail "boxoffice init --demo"
fi
THEATER="Grand Theatre"
PERFORMANCE=$("$BOXOFFICE_BIN" performances | awk -v t="$THEATER" 'index($0, t) && $1 ~ /^[0-9]+$/ { print $1; exit }')
[ -n "$PERFORMANCE" ] || fail "the demo has a performance of $THEATER"

start_clerk() {
  local who=$1
  local env=(-e "LANG=C.UTF-8" -e "TERM=xterm-256color" -e "BOXOFFICE_DB=$BOXOFFICE_DB" -e "REDIS_URL=$REDIS_URL"
             -e "BOXOFFICE_CLERK=$who")
  [ -n "${BOXOFFICE_REDIS_PREFIX:-}" ] && env+=(-e "BOXOFFICE_REDIS_PREFIX=$BOXOFFICE_REDIS_PREFIX")
  [ -n "${REDIS_PASSWORD_FILE:-}" ] && env+=(-e "REDIS_PASSWORD_FILE=$REDIS_PASSWORD_FILE")
  tmx new-session -d -s "$who" -x 120 -y 40 "${env[@]}" "bash --norc --noprofile" || fail "tmux session for $who"
  tmx send-keys -t "$who:" "\"$BOXOFFICE_BIN\" tui \"$THEATER\" --performance $PERFORMANCE; echo \"exited rc=\$?\"" Enter
}

start_clerk alice
start_clerk bob
wait_for alice "holds live · Free [0-9]+" "alice's map is drawn, holds live"
wait_for bob "holds live · Free [0-9]+" "bob's map is drawn, holds live"

# Both cursors start on the same seat (the middle of the middle row). Alice holds it.
tmx send-keys -t alice: Space
wait_for alice "Holding [A-Z]+[0-9]+" "alice holds the seat under her cursor"
SEAT=$(grab alice "Holding [A-Z]+[0-9]+" | cut -d' ' -f2)
wait_for bob "$SEAT · .*held by alice" "bob sees $SEAT held by alice"

# Alice books it for a named customer.
tmx send-keys -t alice: Enter
wait_for alice "Customer name" "alice's booking form is open"
tmx send-keys -t alice: -l "Ann Endtoend"
tmx send-keys -t alice: Enter
wait_for alice "Booking reference: [A-Z0-9]+" "alice sees the booking reference"
REFERENCE=$(grab alice "Booking reference: [A-Z0-9]+" | awk '{print $3}')
wait_for bob "$SEAT · .*sold $REFERENCE" "bob sees $SEAT sold ($REFERENCE)"

# The booking is in the database under the customer's name.
"$BOXOFFICE_BIN" find "Ann Endtoend" | grep -q "$REFERENCE" && pass "find lists $REFERENCE" || fail "find lists $REFERENCE"

# Bob quits (he holds nothing, so no question) and gets his shell back.
tmx send-keys -t bob: q
wait_for bob "exited rc=0" "bob's seat picker exited cleanly"
wait_for_prompt bob
tmx send-keys -t alice: Escape q
wait_for alice "exited rc=0" "alice's seat picker exited cleanly"
echo "PASS: two clerks"
