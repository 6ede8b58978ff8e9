#!/usr/bin/env bash
# Two clerks sell the same performance in two tmux sessions: alice holds a seat and bob's map shows it held,
# alice books it with a name and bob's map shows it sold, bob quits and his shell prompt is back.
# Needs BOXOFFICE_BIN (the built binary), BOXOFFICE_DB (created here with `init --demo` if missing) and REDIS_URL.
# Screens are polled with a deadline; a failure prints both screens. Exit status 0 only if every step passed.
if [ -n "${BOXOFFICE_DB:-}" ] && [ ! -f "$BOXOFFICE_DB" ]; then
  "$BOXOFFICE_BIN" init --demo >/dev/null || { echo "FAIL: boxoffice init --demo"; exit 1; }
fi
source "$(dirname "$0")/lib.bash"
# As a clerk's terminal usually is: UTF-8 glyphs and colour, 120 columns.
PLAIN=0 WIDTH=120 HEIGHT=40

start_clerk alice
start_clerk bob
wait_for alice "holds live · Free [0-9]+" "alice's map is drawn, holds live"
wait_for bob "holds live · Free [0-9]+" "bob's map is drawn, holds live"

# Both cursors start on the same seat (the middle of the middle row). Alice holds it.
tmx send-keys -t alice: Space
wait_held alice
SEAT=$HELD
wait_for bob "$SEAT · .*held by alice" "bob sees $SEAT held by alice"

# Alice books it for a named customer.
tmx send-keys -t alice: Enter
wait_for alice "Customer name" "alice's booking form is open"
tmx send-keys -t alice: -l "Ann Endtoend"
# The form goes step by step: Enter past the name, Enter past the types (all Adult), u books it unpaid.
tmx send-keys -t alice: Enter Enter u
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
