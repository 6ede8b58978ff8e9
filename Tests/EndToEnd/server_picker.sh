#!/usr/bin/env bash
# A booking made through HTTP appears live in a clerk's seat picker (issue 12's "Done when"): clerk alice has the
# demo performance open in tmux; a web shop holds one seat and books two others over HTTP (/v1 and the old
# POST /theaters/{id}/book), and alice's map draws them held by another (h), then sold (x), without a key press.
# The real boxoffice-server, SQLite file and Redis; curl as the client. Every wait polls the screen with a deadline.
# Usage: server_picker.sh <work folder>; needs BOXOFFICE_BIN, BOXOFFICE_DB, REDIS_URL.
source "$(dirname "$0")/server.bash"
source "$(dirname "$0")/lib.bash"
# lib.bash owns the exit trap now (it stops tmux): stop the server there too; a failure prints the screens and the log.
on_exit 'if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID"; wait "$SERVER_PID"; fi'
fail() {
  echo "FAIL: $*"
  local who
  for who in "${CLERKS[@]}"; do echo "----- $who's screen -----"; screen "$who"; done
  echo "----- server log -----"; tail -20 "$SERVER_LOG" 2>/dev/null
  exit 1
}

# free_seats <row> <count>: that many free seats of a row, from its right end (away from the cursor's start).
free_seats() {
  "$BOXOFFICE_BIN" seats "$THEATER" --performance "$PERFORMANCE" --json 2>/dev/null \
    | jq -r --arg r "$1" --argjson n "$2" '[.[] | select(.row == $r and .state == "free") | .seat_number] | .[-$n:] | .[]'
}
read -r HOLD_SEAT BOOK_SEAT OLD_SEAT <<<"$(free_seats C 3 | tr '\n' ' ')"
[ -n "$OLD_SEAT" ] || fail "three free seats in row C"

start_server --anonymous-writes
start_clerk alice
wait_for alice "holds live \| Free [0-9]+" "alice's map is drawn, holds live"
for seat in "$HOLD_SEAT" "$BOOK_SEAT" "$OLD_SEAT"; do wait_glyph alice "$seat" o "$seat is free on alice's map"; done

# A web customer's hold (its own X-Hold-Token) shows as held by another.
call POST "/v1/performances/$PERFORMANCE/holds" "{\"seats\": [\"$HOLD_SEAT\"]}" -H 'X-Hold-Token: web-customer-1'
expect 201 "a web shop holds $HOLD_SEAT over HTTP"
wait_glyph alice "$HOLD_SEAT" h "the web hold on $HOLD_SEAT appears on alice's open map as held by another"

# The same customer books it, and another seat, through /v1: both turn sold on the open map.
call POST "/v1/performances/$PERFORMANCE/bookings" "{\"seats\": [\"$HOLD_SEAT\", \"$BOOK_SEAT\"], \"customer_name\": \"Web Shopper\"}" \
  -H 'X-Hold-Token: web-customer-1'
expect 201 "the web shop books $HOLD_SEAT and $BOOK_SEAT through /v1" '.reference | length > 0'
REFERENCE=$(jq -r .reference <<<"$BODY")
wait_glyph alice "$HOLD_SEAT" x "the HTTP booking shows $HOLD_SEAT sold on alice's open map"
wait_glyph alice "$BOOK_SEAT" x "the HTTP booking shows $BOOK_SEAT sold on alice's open map"

# The old API sells the theater's one performance on sale: the demo's other nights close their sales first.
for other in $("$BOXOFFICE_BIN" performances "$THEATER" --json | jq -r --argjson p "$PERFORMANCE" '.[] | select(.on_sale and .id != $p) | .id'); do
  "$BOXOFFICE_BIN" performances close "$other" --reason "server_picker.sh" >/dev/null || fail "close the sales of performance $other"
done
call GET /theaters
theater=$(jq -r --arg t "$THEATER" '[.[] | select(.name == $t)][0].id' <<<"$BODY")
call POST "/theaters/$theater/book" "{\"seat_number\": \"$OLD_SEAT\"}"
expect 201 "the old API books $OLD_SEAT" ".message == \"The $OLD_SEAT is booked in theater_id:$theater.\""
wait_glyph alice "$OLD_SEAT" x "the old API's booking shows $OLD_SEAT sold on alice's open map"

# The booking is the web customer's.
"$BOXOFFICE_BIN" find "$REFERENCE" | grep -q "Web Shopper" && pass "find names the web customer of $REFERENCE" \
  || fail "find $REFERENCE does not name the web customer"

tmx send-keys -t alice: q
wait_for alice "exited rc=0" "alice's seat picker exited cleanly"
stop_server
pass "SIGTERM: the server exits 0"
echo "PASS: an HTTP booking appears live in a clerk's picker"
