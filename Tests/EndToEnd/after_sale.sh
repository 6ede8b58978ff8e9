#!/usr/bin/env bash
# After a sale in the picker: alice sells two seats (best available, card), presses p on the "Booked" result, and the
# tickets land as a PDF in her own folder (no BOXOFFICE_PRINTER): the message line names it, each page's QR code
# decodes (pdftoppm + zbarimg) to that ticket's code, a second p is a reprint counted in the audit log; the door admits
# each ticket once; $ shows her shift with the sale's total, as `report shift --json` has it; quitting prints it.
# Needs BOXOFFICE_BIN, BOXOFFICE_DB (created here with `init --demo` if missing) and REDIS_URL.
if [ -n "${BOXOFFICE_DB:-}" ] && [ ! -f "$BOXOFFICE_DB" ]; then
  "$BOXOFFICE_BIN" init --demo >/dev/null || { echo "FAIL: boxoffice init --demo"; exit 1; }
fi
source "$(dirname "$0")/lib.bash"
PLAIN=0 WIDTH=160 HEIGHT=44
for tool in pdftoppm zbarimg; do command -v "$tool" >/dev/null || fail "$tool is not installed (make deps: poppler-utils, zbar-tools)"; done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/boxoffice-after-sale.XXXXXX")
on_exit "rm -rf '$WORK'"
STATE="$WORK/state"
# Her own state folder, and no printer: the tickets go to a file.
CLERK_ENV=(-e "XDG_STATE_HOME=$STATE" -e "BOXOFFICE_PRINTER=")

start_clerk alice
wait_for alice "holds live · Free [0-9]+" "alice's map is drawn, holds live"
tmx send-keys -t alice: 2 b
wait_for alice "Best available: [A-Z]+[0-9]+ [A-Z]+[0-9]+" "alice holds the best two seats together"
sell_by_card alice "Pat Print"
REFERENCE=$(grab alice "Booking reference: [A-Z0-9]+" | awk '{print $3}')
JSON=$("$BOXOFFICE_BIN" find "$REFERENCE" --json | jq -c '.[0]')
TOTAL=$(jq -r '.total_cents' <<<"$JSON")
[ "$(jq '.tickets | length' <<<"$JSON")" -eq 2 ] && [ "$TOTAL" -gt 0 ] && pass "booking $REFERENCE: two tickets, $TOTAL pence" \
  || fail "booking $REFERENCE: $JSON"

# p: the tickets as a PDF in her own folder, named on the message line.
PDF="$STATE/boxoffice/tickets/$REFERENCE.pdf"
tmx send-keys -t alice: p
wait_for alice "Saved 2 tickets of $REFERENCE as .*$REFERENCE.pdf" "p: the message line says where the tickets went" 30
[ -s "$PDF" ] && pass "the PDF is $PDF" || fail "no PDF at $PDF: $(ls -R "$STATE" 2>&1)"
[ "$(stat -c %a "$STATE/boxoffice/tickets")" = 700 ] && pass "the tickets folder is the clerk's alone (0700)" \
  || fail "tickets folder mode $(stat -c %a "$STATE/boxoffice/tickets")"
mkdir -p "$WORK/pages"
pdftoppm -r 150 -gray -png "$PDF" "$WORK/pages/page" || fail "pdftoppm $PDF"
DECODED=""
for page in "$WORK"/pages/page*.png; do
  DECODED+="$(zbarimg --quiet --raw -Sdisable -Sqrcode.enable "$page" 2>/dev/null)"$'\n'
done
[ "$(ls "$WORK"/pages/page*.png | wc -l)" -eq 2 ] && pass "one page per ticket" || fail "pages: $(ls "$WORK/pages")"
EXPECTED=$(jq -r '.tickets[].code' <<<"$JSON")
[ "$(sort <<<"$EXPECTED")" = "$(grep -v '^$' <<<"$DECODED" | sort)" ] && pass "each page's QR code decodes to its ticket's code" \
  || fail "decoded [$DECODED], the tickets' codes [$EXPECTED]"

# A reprint is allowed, and counted in the audit log.
tmx send-keys -t alice: p
wait_for alice "Saved 2 tickets of $REFERENCE .*\(reprint 1\)" "a second p is a reprint" 30
PRINTS=$("$BOXOFFICE_BIN" audit --clerk alice --json | jq -c --arg r "$REFERENCE" '[.[] | select(.action == "print tickets" and .reference == $r) | .detail]')
[ "$PRINTS" = '["print of 2 tickets, pdf","reprint 1 of 2 tickets, pdf"]' ] && pass "the audit log counts the print and the reprint" \
  || fail "audit: $PRINTS"

# The door admits each ticket once.
for code in $EXPECTED; do
  "$BOXOFFICE_BIN" checkin "$code" --clerk door1 >/dev/null && pass "the door admits $code" || fail "checkin $code"
  "$BOXOFFICE_BIN" checkin "$code" --clerk door2 >/dev/null 2>&1; status=$?
  [ "$status" -eq 2 ] && pass "a second scan of $code is refused (exit 2)" || fail "second scan of $code answered $status"
done

# $: her shift so far, with the sale's total, as `report shift` has it.
MONEY=$(printf '£%d.%02d' $((TOTAL / 100)) $((TOTAL % 100)))
NET=$("$BOXOFFICE_BIN" report shift --clerk alice --json | jq -r '.[0].net_cents')
[ "$NET" = "$TOTAL" ] && pass "report shift: net $NET is the sale's total" || fail "report shift net $NET, sale $TOTAL"
tmx send-keys -t alice: Escape '$'
wait_for alice "Your shift so far · alice" "\$ opens alice's shift"
wait_for alice "Net +$MONEY" "the shift shows the sale's total, $MONEY, as net"
wait_for alice "card +$MONEY" "taken by card: $MONEY"
wait_for alice "Bookings +1\b" "one booking"
tmx send-keys -t alice: Escape

# Quitting is one key, and offers the shift once the terminal is the shell's again.
tmx send-keys -t alice: q
wait_for alice "exited rc=0" "q quits at once"
wait_for alice "Before you go, your shift so far" "quitting offers her shift"
wait_for alice "^  Net +$MONEY" "with the sale's total"
wait_for_prompt alice
echo "PASS: after a sale in the picker"
