#!/usr/bin/env bash
# Held-back seats end to end: alice's open map shows seats the manager holds back (their own glyph, `=` in ASCII);
# booking one without the code is a conflict naming it (exit 2); with the code it sells and alice's map shows it sold;
# the other, released, is free again on her map.
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
