#!/usr/bin/env bash
# A sale at the window, through the picker's booking form: three seats best available, the customer's name, two
# Adult and one Child by counts and keys (2 a 1 k), £20 in cash with £50 tendered, the rest by card. The form shows
# the change; the booking (read back through `find --json`) has the right types, total, payments and change.
# Needs BOXOFFICE_BIN, BOXOFFICE_DB (created here with `init --demo` if missing) and REDIS_URL.
if [ -n "${BOXOFFICE_DB:-}" ] && [ ! -f "$BOXOFFICE_DB" ]; then
  "$BOXOFFICE_BIN" init --demo >/dev/null || { echo "FAIL: boxoffice init --demo"; exit 1; }
fi
source "$(dirname "$0")/lib.bash"
PLAIN=0 WIDTH=120 HEIGHT=40

# Child tickets cost £12.50 in every band of the theatre.
for band in $("$BOXOFFICE_BIN" prices show "$THEATER" --json | jq -r '.[].band' | sort -u); do
  "$BOXOFFICE_BIN" prices set "$THEATER" "$band" Child=12.50 >/dev/null || fail "prices set $band Child=12.50"
done
pass "Child priced at £12.50"

start_clerk alice
wait_for alice "holds live · Free [0-9]+" "alice's map is drawn, holds live"
tmx send-keys -t alice: 3 b
wait_for alice "Best available: [A-Z]+[0-9]+" "alice holds the best three seats together"

tmx send-keys -t alice: Enter
wait_for alice "Customer name" "the booking form asks for the name"
tmx send-keys -t alice: -l "Ann Window"
tmx send-keys -t alice: Enter
wait_for alice "Tab type" "then the types"
tmx send-keys -t alice: 2 a 1 k
wait_for alice "Child +£12.50" "the third seat is a Child at £12.50"
tmx send-keys -t alice: Enter
wait_for alice "c cash" "then the payment"
tmx send-keys -t alice: 2 0 c
wait_for alice "Cash tendered" "cash asks for the amount tendered"
tmx send-keys -t alice: 5 0 Enter
wait_for alice "Change: £30.00" "the form shows £30.00 change"
tmx send-keys -t alice: d
wait_for alice "Enter books" "the card takes the rest"
tmx send-keys -t alice: Enter
wait_for alice "Booking reference: [A-Z0-9]+" "alice sees the booking reference"
REFERENCE=$(grab alice "Booking reference: [A-Z0-9]+" | awk '{print $3}')
wait_for alice "change £30.00" "the result shows the change"

JSON=$("$BOXOFFICE_BIN" find "$REFERENCE" --json | jq -c '.[0]')
check() { jq -e "$1" >/dev/null <<<"$JSON" && pass "$2" || fail "$2: $JSON"; }
check '[.tickets[].type] | sort == ["Adult", "Adult", "Child"]' "two Adult tickets and one Child"
check '([.tickets[] | select(.type == "Child") | .price_cents] == [1250])' "the Child ticket costs 1250"
check '.total_cents == ([.tickets[].price_cents] | add)' "total_cents is the price of the tickets"
check '.status == "paid" and .paid_cents == .total_cents' "paid in full"
check '.change_cents == 3000 and .currency == "GBP"' "change 3000 GBP"
check '[.payments[] | [.method, .kind]] == [["cash", "payment"], ["card", "payment"]]' "cash then card"
check '.payments[0].amount_cents == 2000 and .payments[1].amount_cents == .total_cents - 2000' "£20 cash, the rest by card"
check '[.payments[].clerk] == ["alice", "alice"]' "each payment names the clerk"

tmx send-keys -t alice: Escape q
wait_for alice "exited rc=0" "alice's seat picker exited cleanly"
echo "PASS: a sale in the picker"
