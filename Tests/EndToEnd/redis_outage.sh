#!/usr/bin/env bash
# Redis goes away under an open seat map, and comes back empty. With its own Redis (this script stops and restarts
# it), clerk alice holds seats in the picker, then:
#  1. Redis stops: alice's status bar says holds are offline; bob books another seat with the CLI (booking works
#     without Redis, with a warning) and alice's map shows it sold without a key press (PRAGMA data_version).
#     Redis restarts empty: alice reconnects by herself, the status bar says live again, and her seat is held again
#     (the CLI shows it held by alice).
#  2. Redis stops again: bob books one of alice's two selected seats meanwhile. Alice's message line says so at once,
#     and after the restart she holds the other again and the message line names the one she lost.
#  3. Redis hangs (SIGSTOP): holds time out with a plain message while the cursor keeps moving, and the status bar
#     says holds are offline (the subscription's socket stays open and silent; the failed holds tell at once),
#     and keeps saying so while the picker reconnects to the stopped Redis (connecting succeeds; the subscription is
#     never confirmed). Resumed, alice reconnects by herself and Space holds.
#  4. Redis hangs while alice touches nothing: the subscription's heartbeat (a PING when it has been quiet) shows
#     holds offline within seconds, and live again once Redis answers.
# Usage: redis_outage.sh <work folder>; needs BOXOFFICE_BIN, BOXOFFICE_DB and REDIS_URL like every script; it then sells against a Redis of its own (private_redis).
set -uo pipefail
WORK=${1:?usage: redis_outage.sh <work folder>}
SCRIPTS=$(cd "$(dirname "$0")/../../scripts" && pwd)
source "$(dirname "$0")/lib.bash"
private_redis "$WORK/redis"

redis_stop() {
  "$SCRIPTS/redis-stop.sh" "$REDIS_DIR"
  redis-cli -s "$REDIS_DIR/redis.sock" ping >/dev/null 2>&1 && fail "Redis stopped" || pass "Redis stopped"
}
redis_start() {
  rm -f "$REDIS_DIR/redis.pid"
  "$SCRIPTS/redis-start.sh" "$REDIS_DIR" && pass "Redis restarted, empty" || fail "Redis restarted"
}

# free_seat_in_row <row> <label to avoid>...: a free seat of that row, for bob to book.
free_seat_in_row() {
  local row=$1; shift
  "$BOXOFFICE_BIN" seats "$THEATER" --performance "$PERFORMANCE" --json 2>/dev/null \
    | jq -r --arg r "$row" --args '[.[] | select(.row == $r and .state == "free") | .seat_number
                                     | select(. as $l | $ARGS.positional | index($l) | not)] | last' "$@"
}

OFFLINE="HOLDS OFFLINE"
LIVE="holds live \| Free [0-9]+"

start_clerk alice
wait_for alice "$LIVE" "alice's map is drawn, holds live"
tmx send-keys -t alice: Space
wait_held alice
MINE=$HELD
wait_seat "$MINE" '.held_by == "alice"' "the CLI shows $MINE held by alice"
ROW=${MINE%%[0-9]*}
OTHER=$(free_seat_in_row "$ROW" "$MINE")
[ -n "$OTHER" ] && [ "$OTHER" != null ] || fail "a free seat in row $ROW for bob"
wait_glyph alice "$OTHER" o "alice's map shows $OTHER free"

echo "== 1. Redis stops; bob books $OTHER without it; Redis comes back empty"
redis_stop
wait_for alice "$OFFLINE" "alice's status bar says holds are offline"
wait_glyph alice "$MINE" "#" "offline, $MINE is still drawn as alice's"
log=$WORK/book-other.log
cli bob book "$OTHER" --name "Bob Offline" >"$log" 2>&1 && pass "bob books $OTHER with Redis down" \
  || { cat "$log"; fail "bob books $OTHER with Redis down"; }
grep -qi "offline\|redis" "$log" && pass "the CLI warns that holds are offline" \
  || { cat "$log"; fail "the CLI warns that holds are offline"; }
wait_glyph alice "$OTHER" x "alice's map shows $OTHER sold without a key press"
wait_for alice "$OFFLINE" "the status bar still says holds are offline"
redis_start
wait_for alice "$LIVE" "alice reconnects by herself: holds live again" 20
wait_for alice "Holds are live again" "alice's message line says holds are live again"
wait_seat "$MINE" '.held_by == "alice" and .state == "held"' "$MINE is held by alice again (the CLI shows it)"
wait_glyph alice "$MINE" "#" "$MINE is drawn as alice's"
wait_glyph alice "$OTHER" x "$OTHER is still drawn sold"

echo "== 2. Redis stops; bob books one of alice's seats meanwhile; after the restart alice is told she lost it"
# alice adds the seat to the right of her first one (free in the demo: checked, not assumed).
SECOND=$ROW$(( ${MINE#"$ROW"} + 1 ))
wait_seat "$SECOND" '.state == "free"' "$SECOND, next to $MINE, is free"
tmx send-keys -t alice: l
wait_for alice " $SECOND \| .*\| £" "alice's cursor is on $SECOND"
tmx send-keys -t alice: Space
wait_for alice "Holding $SECOND" "alice holds $SECOND too"
wait_seat "$SECOND" '.held_by == "alice"' "the CLI shows $SECOND held by alice"
redis_stop
wait_for alice "$OFFLINE" "alice's status bar says holds are offline"
cli bob book "$SECOND" --name "Bob Takes It" >"$log" 2>&1 && pass "bob books alice's $SECOND with Redis down" \
  || { cat "$log"; fail "bob books alice's $SECOND with Redis down"; }
wait_glyph alice "$SECOND" x "alice's map shows $SECOND sold without a key press"
wait_for alice "another clerk took $SECOND \(booked\)" "alice's message line says at once that $SECOND was taken"
redis_start
wait_for alice "$LIVE" "alice reconnects by herself: holds live again" 20
wait_for alice "went to others meanwhile: .*$SECOND" "alice's message line names $SECOND as lost"
wait_seat "$MINE" '.held_by == "alice" and .state == "held"' "$MINE is held by alice again (the CLI shows it)"
wait_seat "$SECOND" '.state == "booked"' "the CLI shows $SECOND booked by bob"
wait_glyph alice "$MINE" "#" "$MINE is drawn as alice's"

echo "== 3. Redis hangs (SIGSTOP): holds time out, and the keyboard never waits for them"
tmx send-keys -t alice: j
wait_for alice " Q[0-9]+ \| .*\| £" "alice's cursor is on row Q"
START=$(cursor_seat alice)
TARGET=Q$(( ${START#Q} + 6 ))
wait_seat "$TARGET" '.state == "free"' "$TARGET, six seats right of $START, is free"
REDIS_PID=$(cat "$REDIS_DIR/redis.pid")
kill -STOP "$REDIS_PID"
on_exit "kill -CONT $REDIS_PID"
# Six holds, each waiting up to Redis's 750 ms timeout, one after another: a keyboard that waited on them
# would take over 4 s to move the cursor six seats; the deadline is 2.5 s.
sent=$(now_ns)
tmx send-keys -t alice: Space l Space l Space l Space l Space l Space l
wait_for alice " $TARGET \| .*\| £" "the cursor moves six seats while six holds wait on a hung Redis" 2.5
echo "   cursor on $TARGET $(( ($(now_ns) - sent) / 1000000 )) ms after the keys were sent"
wait_for alice "Holds are offline" "the holds fail with a plain message about Redis" 10
wait_for alice "$OFFLINE" "alice's status bar says holds are offline while Redis hangs"
# The picker drops the silent subscription and connects again with its back-off (250 ms, 500 ms, 1 s ...): each
# attempt reaches the stopped Redis's socket. For 3 s, long enough for a few attempts, it must never say "live".
watch_until=$(deadline_in 3)
while (( $(now_ns) < watch_until )); do
  shown=$(screen alice)
  grep -q "holds live" <<<"$shown" && fail "the status bar never says holds are live while Redis hangs"
  grep -q "$OFFLINE" <<<"$shown" || fail "the status bar keeps saying holds are offline while Redis hangs"
  sleep 0.05  # polling interval of a fixed observation window
done
pass "the status bar keeps saying holds are offline while the picker reconnects to the hung Redis"
kill -CONT "$REDIS_PID"
pass "Redis resumed"
wait_for alice "$LIVE" "alice reconnects by herself once Redis answers: holds live again" 15
# A hold that timed out here may still run when Redis wakes: then alice's map takes it into her selection (from
# the snapshot read on reconnecting, or from its event), so quitting releases it below instead of leaving it held
# for its whole TTL. Press Space only while the legend does not say the seat is alice's.
deadline=$(deadline_in 15)
until screen alice | grep -qE " $TARGET \| .*\| yours"; do
  (( $(now_ns) < deadline )) || fail "with Redis answering again, Space holds $TARGET"
  tmx send-keys -t alice: Space
  try=$(deadline_in 1.5)
  while (( $(now_ns) < try )) && ! screen alice | grep -qE " $TARGET \| .*\| yours"; do sleep 0.05; done
done
pass "with Redis answering again, Space holds $TARGET"
wait_seat "$TARGET" '.held_by == "alice"' "the CLI shows $TARGET held by alice"

echo "== 4. Redis hangs while alice touches nothing: the heartbeat notices, and notices it answering again"
kill -STOP "$REDIS_PID"
wait_for alice "$OFFLINE" "with no key pressed, alice's status bar says holds are offline while Redis hangs" 15
kill -CONT "$REDIS_PID"
wait_for alice "$LIVE" "with no key pressed, holds are live again once Redis answers" 15

# alice leaves, releasing what she holds.
tmx send-keys -t alice: q
wait_for alice "Leave this performance\?" "q asks before releasing the held seat"
tmx send-keys -t alice: y
wait_for alice "exited rc=0\$" "alice's picker exited cleanly"
wait_for_prompt alice
wait_seat "$MINE" '.state == "free"' "after quitting, $MINE is free"
for n in $(seq "${START#Q}" "${TARGET#Q}"); do
  wait_seat "Q$n" '.state == "free"' "after quitting, Q$n is free (no hold of alice's is left behind)"
done
echo "PASS: redis outage"
