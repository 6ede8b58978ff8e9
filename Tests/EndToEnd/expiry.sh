#!/usr/bin/env bash
# Holds run out on every open map without a key press and without keyspace notifications (the Redis here has them
# off): the picker counts each hold down from its TTL. Clerk bob reserves a seat with the CLI for 2 seconds:
#  1. alice's open map shows it held (the live event), then free once it runs out;
#  2. carol opens her map while a second such hold is running: it shows held (from the snapshot's PTTL), then free;
#  3. dave, whose own holds last 2 seconds (RESERVATION_TIMEOUT=2), selects a seat: his map and message line say
#     that it ran out and it shows free.
# Only generous deadlines are asserted; how long each change took is printed.
# Usage: expiry.sh <work folder> (unused); needs BOXOFFICE_BIN, BOXOFFICE_DB, REDIS_URL.
source "$(dirname "$0")/lib.bash"

LIVE="holds live \| Free [0-9]+"
ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }

# Keyspace notifications off (the default), so nothing but the picker's own countdown can free the seats.
if [[ "$REDIS_URL" == unix://* ]] && [ -z "${REDIS_PASSWORD_FILE:-}" ]; then
  events=$(redis-cli -s "${REDIS_URL#unix://}" config get notify-keyspace-events | sed -n 2p)
  [ -z "$events" ] && pass "Redis sends no keyspace notifications" || echo "note: notify-keyspace-events is '$events'"
fi

# free_seats <row> <count>: that many free seats of a row, from its right end (away from the cursor's start).
free_seats() {
  "$BOXOFFICE_BIN" seats "$THEATER" --performance "$PERFORMANCE" --json 2>/dev/null \
    | jq -r --arg r "$1" --argjson n "$2" '[.[] | select(.row == $r and .state == "free") | .seat_number] | .[-$n:] | .[]'
}
read -r SEAT1 SEAT2 <<<"$(free_seats A 2 | tr '\n' ' ')"
[ -n "$SEAT1" ] && [ -n "$SEAT2" ] || fail "two free seats in row A"

echo "== 1. an open map sees bob's 2-second hold on $SEAT1 come and go"
start_clerk alice
wait_for alice "$LIVE" "alice's map is drawn, holds live"
wait_glyph alice "$SEAT1" o "alice's map shows $SEAT1 free"
cli bob reserve "$SEAT1" --ttl 2 >/dev/null 2>&1 && pass "bob reserves $SEAT1 for 2 seconds" || fail "bob reserves $SEAT1"
reserved=$(now_ns)
wait_glyph alice "$SEAT1" h "alice's map shows $SEAT1 held"
echo "   held on alice's map $(ms_since "$reserved") ms after the reserve"
wait_glyph alice "$SEAT1" o "alice's map shows $SEAT1 free again, no key pressed" 10
echo "   free on alice's map $(ms_since "$reserved") ms after the reserve (the hold lasted 2000 ms)"
wait_seat "$SEAT1" '.state == "free"' "the CLI agrees $SEAT1 is free"

echo "== 2. a map opened during a hold counts it down from the snapshot"
cli bob reserve "$SEAT2" --ttl 3 >/dev/null 2>&1 && pass "bob reserves $SEAT2 for 3 seconds" || fail "bob reserves $SEAT2"
reserved=$(now_ns)
start_clerk carol
wait_for carol "$LIVE" "carol's map is drawn, holds live"
glyph=$(seat_glyph carol "$SEAT2")
if [ "$glyph" = h ]; then
  pass "carol's new map shows $SEAT2 held"
elif (( $(ms_since "$reserved") < 2500 )); then
  fail "carol's new map shows $SEAT2 held (drawn as '$glyph')"
else
  echo "note: carol's map opened too late to see $SEAT2 held ($(ms_since "$reserved") ms); the machine is slow"
fi
wait_glyph carol "$SEAT2" o "carol's map shows $SEAT2 free again, no key pressed" 10
wait_glyph alice "$SEAT2" o "alice's map shows $SEAT2 free again, no key pressed" 10
echo "   free on both maps $(ms_since "$reserved") ms after the reserve (the hold lasted 3000 ms)"

echo "== 3. a clerk's own hold runs out"
CLERK_ENV=(-e RESERVATION_TIMEOUT=2)
start_clerk dave
CLERK_ENV=()
wait_for dave "$LIVE" "dave's map is drawn, holds live (holds last 2 s)"
tmx send-keys -t dave: Space
wait_held dave
MINE=$HELD
held=$(now_ns)
wait_glyph alice "$MINE" h "alice's map shows $MINE held by dave"
wait_for dave "Your hold on $MINE ran out" "dave's message line says his hold on $MINE ran out" 10
wait_glyph dave "$MINE" o "dave's map shows $MINE free"
wait_glyph alice "$MINE" o "alice's map shows $MINE free"
echo "   free on both maps $(ms_since "$held") ms after dave's hold (it lasted 2000 ms)"
wait_seat "$MINE" '.state == "free"' "the CLI agrees $MINE is free"

for who in alice carol dave; do tmx send-keys -t "$who:" q; done
for who in alice carol dave; do wait_for "$who" "exited rc=0\$" "$who's picker exited cleanly"; done
echo "PASS: expiry"
