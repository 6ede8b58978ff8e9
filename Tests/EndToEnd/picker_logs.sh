#!/usr/bin/env bash
# While the seat picker owns the terminal, nothing but its screen writes to it. With Redis hung (SIGSTOP), clerk
# alice holds a seat (the hold times out) and books (the booking goes ahead on the database alone, and clearing its
# holds fails: the logger warns). Each time the screen's first line is still the header and no log line is on
# screen; the warning is in alice's own log file ($XDG_STATE_HOME/boxoffice/boxoffice.log, folder 0700, file 0600),
# and her message line says it was written there. Redis is resumed before the end.
# Usage: picker_logs.sh <work folder>; needs BOXOFFICE_BIN, BOXOFFICE_DB and REDIS_URL like every script; it then sells against a Redis of its own (private_redis).
set -uo pipefail
WORK=${1:?usage: picker_logs.sh <work folder>}
source "$(dirname "$0")/lib.bash"
private_redis "$WORK/redis"

STATE=$WORK/state
LOG=$STATE/boxoffice/boxoffice.log
LIVE="holds live \| Free [0-9]+"
# Every level swift-log writes, as its lines begin ("... warning boxoffice: ..."); info too, so that the booking
# without holds logs a line of its own.
LOG_LINE="(trace|debug|info|notice|warning|error|critical) boxoffice:"
CLERK_ENV=(-e "XDG_STATE_HOME=$STATE" -e "BOXOFFICE_LOG_LEVEL=info")

# screen_is_clean <what>: the header is still the first line and no log line is anywhere on screen.
screen_is_clean() {
  local shown
  shown=$(screen alice)
  head -1 <<<"$shown" | grep -q "^ $THEATER | " || fail "$1: the first line is still the header (it is: $(head -1 <<<"$shown"))"
  grep -qE -- "$LOG_LINE" <<<"$shown" && fail "$1: no log line on screen ($(grep -E -- "$LOG_LINE" <<<"$shown" | head -1))"
  pass "$1: the header is still the first line and no log text is on screen"
}

start_clerk alice
wait_for alice "$LIVE" "alice's map is drawn, holds live"
tmx send-keys -t alice: Space
wait_held alice
MINE=$HELD

REDIS_PID=$(cat "$REDIS_DIR/redis.pid")
kill -STOP "$REDIS_PID"
on_exit "kill -CONT $REDIS_PID"
pass "Redis hangs (SIGSTOP)"

echo "== a hold while Redis hangs"
tmx send-keys -t alice: l Space
wait_for alice "Holds are offline" "the hold fails with a plain message about Redis"
wait_for alice "HOLDS OFFLINE" "the status bar says holds are offline"
screen_is_clean "after the failed hold"

echo "== a booking while Redis hangs"
tmx send-keys -t alice: Enter
wait_for alice "Customer name" "the booking form opens"
tmx send-keys -t alice: -l "Log Test"
# The form goes step by step: Enter past the name, Enter past the types (all Adult), u books it unpaid.
tmx send-keys -t alice: Enter Enter u
wait_for alice "Booking reference: " "the booking goes through on the database alone" 15
# The warning is logged just after the booking commits, when clearing its holds fails: wait for what the message line
# says of it (or, without the fix, for the log line scribbled on the terminal) before looking at the screen.
wait_for alice "Written to your log .*boxoffice.log|$LOG_LINE" "the warning was logged" 10
screen_is_clean "after the booking"
wait_for alice "Written to your log .*boxoffice.log" "alice's message line says a warning was written to her log"

[ -f "$LOG" ] && pass "alice's log file exists" || fail "alice's log file $LOG exists"
grep -qE "warning boxoffice: .*(could not clear holds|with a warning)" "$LOG" && pass "the warning is in alice's log file" \
  || { cat "$LOG"; fail "the warning is in alice's log file"; }
[ "$(stat -c %a "$STATE/boxoffice")" = 700 ] && pass "the log folder is 0700" || fail "the log folder is 0700 ($(stat -c %a "$STATE/boxoffice"))"
[ "$(stat -c %a "$LOG")" = 600 ] && pass "the log file is 0600" || fail "the log file is 0600 ($(stat -c %a "$LOG"))"

kill -CONT "$REDIS_PID"
pass "Redis resumed"
wait_for alice "$LIVE" "alice reconnects by herself once Redis answers" 15
screen_is_clean "after Redis answers again"
# The hold that timed out may have run when Redis woke (then it is alice's, and q asks before releasing it).
tmx send-keys -t alice: Escape q
wait_for alice "exited rc=0\$|Leave this performance\?" "q leaves, or asks first when the late hold went through"
screen alice | grep -q "Leave this performance?" && tmx send-keys -t alice: y
wait_for alice "exited rc=0\$" "alice's picker exited cleanly"
wait_for_prompt alice
wait_seat "$MINE" '.state == "booked"' "the CLI shows $MINE booked"
echo "PASS: picker logs"
