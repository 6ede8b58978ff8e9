#!/usr/bin/env bash
# An exchange at the window, in the picker: a booking of two £22.00 seats (paid by card) is found with /, `e` puts
# the map in "exchange for <ref>" mode, the best two seats are chosen and then backed out of with Esc (released,
# nothing changed); chosen again, confirmed, and the £66.00 difference paid in cash with £70.00 tendered. The
# booking keeps its reference (read back through `find --json`): new seats active, old ones exchanged, paid in full,
# change £4.00; the picker's map shows the old seats free and the new ones as the booking's. Then `c` cancels it: the
# confirmation and the message line say the refund per method (£66.00 cash, £44.00 card), as the ledger has it.
# Needs BOXOFFICE_BIN, BOXOFFICE_DB (created here with `init --demo` if missing) and REDIS_URL.
if [ -n "${BOXOFFICE_DB:-}" ] && [ ! -f "$BOXOFFICE_DB" ]; then
  "$BOXOFFICE_BIN" init --demo >/dev/null || { echo "FAIL: boxoffice init --demo"; exit 1; }
fi
source "$(dirname "$0")/lib.bash"

# A1 and A2 are band C (£22.00): the best seats of the house cost more.
BOOKED=$(cli bob book A1 A2 --name "Eve Exchange" --pay card --json) || fail "bob books A1 A2 by card: $BOOKED"
REFERENCE=$(jq -r .reference <<<"$BOOKED")
[ "$(jq -r .total_cents <<<"$BOOKED")" = 4400 ] && pass "booking $REFERENCE: A1 A2 for £44.00, paid by card" \
  || fail "A1 A2 cost £44.00: $BOOKED"

start_clerk alice
wait_for alice "holds live \| Free [0-9]+" "alice's map is drawn, holds live"
tmx send-keys -t alice: /
wait_for alice "Booking reference or customer name" "/ asks for a booking"
tmx send-keys -t alice: -l "$REFERENCE"
tmx send-keys -t alice: Enter
wait_for alice "Booking $REFERENCE for Eve Exchange: A1 A2 .*e exchanges its seats" "the booking is found and shown"
tmx send-keys -t alice: e
wait_for alice "EXCHANGE for $REFERENCE: A1 A2 -> _ _ \| 2 more seats to choose" "e: exchange mode, two seats to choose"

# Chosen, then backed out of: the held seats go back, the booking is as it was.
tmx send-keys -t alice: 2 b
wait_for alice "Best available: [A-Z]+[0-9]+ [A-Z]+[0-9]+ .*Enter confirms the exchange" "2 b holds the best two seats"
read -r FIRST SECOND < <(grab alice "Best available: [A-Z]+[0-9]+ [A-Z]+[0-9]+" | cut -d' ' -f3-)
wait_for alice "A1 A2 -> $FIRST $SECOND \| Enter confirms" "the banner pairs the old seats with $FIRST $SECOND"
wait_seat "$FIRST" '.state == "held" and .held_by == "alice"' "$FIRST is held by alice"
tmx send-keys -t alice: Enter
wait_for alice "The customer pays £66.00" "the form shows the £66.00 difference"
tmx send-keys -t alice: Escape
wait_gone alice "The customer pays" "Esc: back to the seats"
wait_for alice "EXCHANGE for $REFERENCE" "still in exchange mode"
tmx send-keys -t alice: Escape
wait_for alice "Exchange for $REFERENCE not made: nothing changed" "Esc again: out of the exchange"
wait_gone alice "EXCHANGE for" "the banner is gone"
wait_seat "$FIRST" '.state == "free"' "$FIRST is released"
wait_seat "$SECOND" '.state == "free"' "$SECOND is released"
"$BOXOFFICE_BIN" find "$REFERENCE" --json | jq -e '.[0] | [.tickets[].seat_number] == ["A1", "A2"] and .total_cents == 4400' >/dev/null \
  && pass "the booking is unchanged" || fail "the booking is unchanged: $("$BOXOFFICE_BIN" find "$REFERENCE" --json)"

# Again, to the end: the difference paid in cash.
tmx send-keys -t alice: e
wait_for alice "EXCHANGE for $REFERENCE: A1 A2 -> _ _" "e: exchange mode again"
tmx send-keys -t alice: 2 b
wait_for alice "A1 A2 -> [A-Z]+[0-9]+ [A-Z]+[0-9]+ \| Enter confirms" "two new seats chosen"
read -r FIRST SECOND < <(grab alice "A1 A2 -> [A-Z]+[0-9]+ [A-Z]+[0-9]+" | cut -d' ' -f4-)
tmx send-keys -t alice: Enter
wait_for alice "The customer pays £66.00" "the difference: £66.00"
tmx send-keys -t alice: Enter
wait_for alice "c cash  = exact  d card" "then the payment step"
tmx send-keys -t alice: c
wait_for alice "Cash tendered" "cash asks for the amount tendered"
tmx send-keys -t alice: 7 0 Enter
wait_for alice "Change: £4.00" "the form shows £4.00 change"
tmx send-keys -t alice: Enter
wait_for alice "Exchanged $REFERENCE: A1->$FIRST A2->$SECOND \| total £110.00; took £66.00 cash \(change £4.00\)" \
  "alice sees the exchange made, with the change"
wait_glyph alice A1 o "A1 is free on alice's map"
wait_glyph alice A2 o "A2 is free on alice's map"
wait_glyph alice "$FIRST" '\*' "$FIRST is the booking's on alice's map"
wait_glyph alice "$SECOND" '\*' "$SECOND is the booking's on alice's map"

JSON=$("$BOXOFFICE_BIN" find "$REFERENCE" --json | jq -c '.[0]')
check() { jq -e "$1" >/dev/null <<<"$JSON" && pass "$2" || fail "$2: $JSON"; }
check ".reference == \"$REFERENCE\"" "the booking keeps its reference"
check "[.tickets[] | select(.status == \"active\") | .seat_number] == [\"$FIRST\", \"$SECOND\"]" "the new seats are its active tickets"
check '[.tickets[] | select(.status == "exchanged") | .seat_number] == ["A1", "A2"]' "A1 and A2 are exchanged"
check '.total_cents == 11000 and .status == "paid" and .paid_cents == 11000' "£110.00, paid in full"
check '[.payments[] | [.method, .kind, .amount_cents]] == [["card", "payment", 4400], ["cash", "payment", 6600]]' "card, then £66.00 cash"
check '.change_cents == 400 and ([.payments[].clerk] == ["bob", "alice"])' "£4.00 change; each payment names its clerk"
wait_seat "$FIRST" ".state == \"booked\" and .booking_ref == \"$REFERENCE\"" "the CLI shows $FIRST booked by $REFERENCE"
wait_seat A1 '.state == "free"' "the CLI shows A1 free"

# Cancelled at the window: the clerk is told, before and after, what goes back and how (largest first: the cash, then
# the card), since she hands the cash back herself.
tmx send-keys -t alice: c
wait_for alice "Refund £66.00 cash, £44.00 card \(to the methods paid\)" "c: the confirmation says what will be refunded, per method"
tmx send-keys -t alice: y
wait_for alice "Cancelled $REFERENCE, refunded £66.00 cash, £44.00 card: $FIRST $SECOND are free again" \
  "the message line says the refunds first"
JSON=$("$BOXOFFICE_BIN" find "$REFERENCE" --json | jq -c '.[0]')
check '.status == "cancelled" and ([.payments[] | select(.kind == "refund") | [.method, .amount_cents]] == [["cash", -6600], ["card", -4400]])' \
  "the ledger refunded exactly what the clerk was told"

tmx send-keys -t alice: Escape q
wait_for alice "exited rc=0" "alice's seat picker exited cleanly"
echo "PASS: an exchange in the picker"
