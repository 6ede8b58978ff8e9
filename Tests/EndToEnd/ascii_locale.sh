#!/usr/bin/env bash
# In a locale that shows ASCII only (LANG=C), the picker never draws a character the terminal cannot show: prices
# by the currency's code (GBP 38.00, not ?38.00), its own symbols by ASCII stand-ins (needs 64x14, not 64?14), and a
# customer's name transliterated (Zoe Angstrom, not Zo? ?ngstr?m). The command line's output stays UTF-8.
# Usage: ascii_locale.sh <work folder> (unused); needs BOXOFFICE_BIN, BOXOFFICE_DB, REDIS_URL.
source "$(dirname "$0")/lib.bash"

PLAIN=0  # no --ascii: the locale alone must decide
CLERK_ENV=(-e "LANG=C" -e "LC_ALL=C")
NAME="Zoë Ångström"

SEAT=$("$BOXOFFICE_BIN" seats "$THEATER" --performance "$PERFORMANCE" --json | jq -r '[.[] | select(.state == "free")] | .[0].seat_number')
out=$(cli bob book "$SEAT" --name "$NAME" --json) || fail "bob books $SEAT for $NAME"
REF=$(jq -r '.reference // .booking_ref // empty' <<<"$out")
[ -n "$REF" ] || fail "the booking's reference (from: $out)"
LC_ALL=C "$BOXOFFICE_BIN" find "Zo" | grep -q "$NAME" && pass "the CLI's output stays UTF-8 under LANG=C" \
  || fail "the CLI's output stays UTF-8 under LANG=C"

start_clerk alice
wait_for alice "holds live \| Free [0-9]+" "alice's map is drawn under LANG=C"
wait_for alice " [A-Z]+[0-9]+ \| [A-Za-z ]+ \| GBP [0-9]+\.[0-9]{2}" "the price under the cursor reads GBP, not a question mark"
screen alice | grep -qE '\?[0-9]+\.[0-9]{2}' && fail "no price drawn as ?NN.NN" || pass "no price drawn as ?NN.NN"

tmx send-keys -t alice: /
wait_for alice "Find a booking" "the find form opens"
tmx send-keys -t alice: -l "$REF"
tmx send-keys -t alice: Enter
wait_for alice "Booking $REF for Zoe Angstrom: $SEAT \| GBP [0-9]+\.[0-9]{2}" "the customer's name is transliterated, the total in GBP"
screen alice | grep -q "Zo?" && fail "no name drawn with question marks" || pass "no name drawn with question marks"

tmx resize-window -t alice: -x 40 -y 10
wait_for alice "needs 64x14" "too small a terminal is told 64x14, not 64?14"
tmx resize-window -t alice: -x "$WIDTH" -y "$HEIGHT"
wait_for alice "holds live \| Free [0-9]+" "the map is back at full size"
screen alice | sed 's/? help//g' | grep -q '?' && fail "no question mark on screen but the help key's" \
  || pass "no stray question mark on screen"

tmx send-keys -t alice: q
wait_for alice "exited rc=0\$" "alice's picker exited cleanly"
echo "PASS: ascii locale"
