#!/usr/bin/env bash
# Held-back seats end to end: alice's open map shows seats the manager holds back (their own glyph, `=` in ASCII);
# booking one without the code is a conflict naming it (exit 2); with the code it sells and alice's map shows it sold;
# the other, released, is free again on her map. Then in the picker: the legend names held-back seats; Space on one
# asks for its code; a wrong code says so and changes nothing; the right one (any case) holds it, and Enter sells it.
# Usage: holdback.sh <work folder> (unused); needs BOXOFFICE_BIN, BOXOFFICE_DB, REDIS_URL.
source "$(dirname "$0")/lib.bash"

LIVE="holds live \| Free [0-9]+"
read -r SEAT1 SEAT2 <<<"$("$BOXOFFICE_BIN" seats "$THEATER" --performance "$PERFORMANCE" --json 2>/dev/null \
  | jq -r '[.[] | select(.row == "B" and .state == "free") | .seat_number] | .[-2:] | .[]' | tr '\n' ' ')"
[ -n "$SEAT1" ] && [ -n "$SEAT2" ] || fail "two free seats in row B"

start_clerk alice
wait_for alice "$LIVE" "alice's map is drawn, holds live"
wait_glyph alice "$SEAT1" o "alice's map shows $SEAT1 free"

BOXOFFICE_CLERK=manager "$BOXOFFICE_BIN" holdback "$THEATER" "$SEAT1" "$SEAT2" --performance "$PERFORMANCE" --code PRESS >/dev/null \
  && pass "the manager holds back $SEAT1 and $SEAT2 for PRESS" || fail "holdback"
wait_glyph alice "$SEAT1" "=" "alice's open map shows $SEAT1 held back"
wait_seat "$SEAT1" '.state == "held_back" and .holdback_code == "PRESS"' "seats --json: held_back, code PRESS"

out=$(cli bob book "$SEAT1" 2>&1); status=$?
[ "$status" -eq 2 ] && grep -q PRESS <<<"$out" && pass "booking $SEAT1 without the code: exit 2 naming PRESS" \
  || fail "booking without the code answered $status: $out"
cli bob book "$SEAT1" --holdback-code PRESS --name Critic >/dev/null 2>&1 && pass "with --holdback-code PRESS it sells" \
  || fail "booking with the code"
wait_glyph alice "$SEAT1" x "alice's map shows $SEAT1 sold"

BOXOFFICE_CLERK=manager "$BOXOFFICE_BIN" release-holdback "$THEATER" "$SEAT2" --performance "$PERFORMANCE" >/dev/null \
  && pass "the manager releases $SEAT2" || fail "release-holdback"
wait_glyph alice "$SEAT2" o "alice's map shows $SEAT2 free again"

# The picker sells a held-back seat by its code: the seat under alice's cursor is held back for HOUSE.
SEAT3=$(cursor_seat alice)
[ -n "$SEAT3" ] || fail "the seat under alice's cursor"
BOXOFFICE_CLERK=manager "$BOXOFFICE_BIN" holdback "$THEATER" "$SEAT3" --performance "$PERFORMANCE" --code HOUSE >/dev/null \
  && pass "the manager holds back $SEAT3 (under alice's cursor) for HOUSE" || fail "holdback $SEAT3"
wait_glyph alice "$SEAT3" "=" "alice's map shows $SEAT3 held back"
wait_for alice "= held back" "the legend names the held-back glyph"
tmx send-keys -t alice: Space
wait_for alice "$SEAT3 is held back for HOUSE" "Space on $SEAT3 asks for its code, naming it"
tmx send-keys -t alice: -l "PRESS"
tmx send-keys -t alice: Enter
wait_for alice "\"PRESS\" is not the code for $SEAT3: nothing was held" "a wrong code says so"
wait_seat "$SEAT3" '.state == "held_back" and .holdback_code == "HOUSE"' "after the wrong code $SEAT3 is still held back"
tmx send-keys -t alice: C-u
tmx send-keys -t alice: -l "house"
tmx send-keys -t alice: Enter
wait_for alice "Holding $SEAT3 .*held back for house" "the right code (any case) holds $SEAT3"
wait_glyph alice "$SEAT3" "#" "alice's map shows $SEAT3 as hers"
wait_seat "$SEAT3" '.state == "held" and .held_by == "alice" and .holdback_code == "HOUSE"' "seats --json: $SEAT3 held by alice, still naming HOUSE"
# Book it: name, types (Adult), card for the whole.
sell_by_card alice "House Guest"
wait_seat "$SEAT3" '.state == "booked"' "seats --json: $SEAT3 booked"
wait_glyph alice "$SEAT3" x "alice's map shows $SEAT3 sold"
tmx send-keys -t alice: Escape q
wait_for alice "exited rc=0" "alice's seat picker exited cleanly"
