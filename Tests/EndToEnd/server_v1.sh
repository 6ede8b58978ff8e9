#!/usr/bin/env bash
# /v1 over real HTTP (curl) against the real boxoffice-server, SQLite file and Redis: performances, seats, holds,
# best available, bookings (idempotent; ticket types and an external payment), find, cancel, the error shape,
# hardening, 50 concurrent bookings of one seat (exactly one 201, 49 409s) and 30 racing holds of one token (10 held).
source "$(dirname "$0")/server.bash"
start_server --request-timeout 2
key=$("$BOXOFFICE_BIN" apikey add shop | tail -1)
auth=(-H "Authorization: Bearer $key")

call GET /v1/performances
expect 200 "GET /v1/performances" '[.[] | select(.title == "Hamlet")] | length == 2'
perf=$(jq -r '[.[] | select(.title == "Hamlet")][0].id' <<<"$BODY")
perf2=$(jq -r '[.[] | select(.title == "Hamlet")][1].id' <<<"$BODY")

call GET "/v1/performances/$perf/seats"
expect 200 "the seat map with states, columns and lines" \
  '(.seats | length) > 700 and (.seats[0] | has("map_column") and has("map_line") and has("state")) and
   ([.seats[] | select(.seat_number == "E9")][0].state == "booked") and (.version | type) == "number"'

call POST "/v1/performances/$perf/holds" '{"seats": ["K1", "K2"], "unknown_field": true}' "${auth[@]}" -H 'X-Hold-Token: t1'
expect 201 "hold two seats (an unknown field is ignored)" '.seats == ["K1", "K2"] and (.expires_at | type) == "string"'
call POST "/v1/performances/$perf/holds" '{"seats": ["K3", "K2"]}' "${auth[@]}" -H 'X-Hold-Token: t2'
expect 409 "holds are all or nothing: K2 is another token's" '.error.kind == "held_by_other"'
call GET "/v1/performances/$perf/seats"
jq -e '[.seats[] | select(.seat_number == "K3")][0].state == "free"' <<<"$BODY" >/dev/null || fail "K3 was held though K2 was refused"
pass "nothing was held of a refused request"
call DELETE "/v1/performances/$perf/holds" '{"seats": ["K1"]}' "${auth[@]}" -H 'X-Hold-Token: t2'
expect 422 "another token cannot release K1" '.error.kind == "not_holder"'
call DELETE "/v1/performances/$perf/holds" '{"seats": ["K1"]}' "${auth[@]}" -H 'X-Hold-Token: t1'
expect 204 "the holder releases K1"

call POST "/v1/performances/$perf/best-available" '{"count": 3}' "${auth[@]}" -H 'X-Hold-Token: t3'
expect 201 "best available 3 seats, held" '(.seats | length) == 3'
best=$(jq -c '.seats' <<<"$BODY")

call POST "/v1/performances/$perf/bookings" "{\"seats\": $best, \"customer_name\": \"Ada\"}" "${auth[@]}" -H 'X-Hold-Token: t3' -H 'Idempotency-Key: k-1'
expect 201 "book the held seats" '.customer_name == "Ada" and .clerk == "shop" and (.seats | length) == 3'
ref=$(jq -r .reference <<<"$BODY")
first=$BODY
call POST "/v1/performances/$perf/bookings" "{\"seats\": $best, \"customer_name\": \"Ada\"}" "${auth[@]}" -H 'X-Hold-Token: t3' -H 'Idempotency-Key: k-1'
expect 201 "the same Idempotency-Key replays the same 201"
[ "$BODY" = "$first" ] || fail "the replay differs"
call POST "/v1/performances/$perf/bookings" '{"seats": ["A1"]}' "${auth[@]}" -H 'Idempotency-Key: k-1'
expect 422 "the same Idempotency-Key with another body is 422" '.error.kind == "idempotency_key_reused"'

call GET "/v1/bookings/$ref" "" "${auth[@]}"
expect 200 "GET a booking" ".reference == \"$ref\""
# A mixed booking: one of its tickets exchanged at the window to the other Hamlet; GET gives each ticket's performance.
moved=$(jq -r '.seats[0].seat_number' <<<"$first")
out=$(BOXOFFICE_CLERK=bob "$BOXOFFICE_BIN" exchange "$ref" --seats "$moved" --to K5 --performance "$perf2" --json) \
  || fail "exchange $moved of $ref to K5 of performance $perf2: $out"
call GET "/v1/bookings/$ref" "" "${auth[@]}"
expect 200 "GET a mixed booking: each ticket names its own performance" \
  "([.tickets[] | select(.status == \"active\") | .performance_id] | unique) == ([$perf, $perf2] | sort) and .performance_id == $perf
   and ([.tickets[] | select(.seat_number == \"K5\")][0].performance_id == $perf2)"
call GET "/v1/performances/$perf2/seats"
expect 200 "K5 of the other performance is the booking's" '[.seats[] | select(.seat_number == "K5")][0].state == "booked"'
call GET "/v1/bookings?q=Ada" "" "${auth[@]}"
expect 200 "find bookings by name" "[.[].reference] | index(\"$ref\") != null"
call DELETE "/v1/bookings/$ref" "" "${auth[@]}"
expect 200 "cancel a booking" '.cancelled_at != null'
call GET "/v1/performances/$perf2/seats"
expect 200 "cancelling the mixed booking frees its seat of the other performance too" '[.seats[] | select(.seat_number == "K5")][0].state == "free"'
call GET "/v1/bookings/NOPE-NOPE" "" "${auth[@]}"
expect 404 "an unknown booking is 404" '.error.kind == "unknown_booking"'

# A web shop's sale: a Child ticket beside an Adult one, paid by the shop's provider (external) to the penny.
for band in $("$BOXOFFICE_BIN" prices show "Grand Theatre" --json | jq -r '.[].band' | sort -u); do
  "$BOXOFFICE_BIN" prices set "Grand Theatre" "$band" Child=12.50 >/dev/null || fail "prices set $band Child=12.50"
done
call GET "/v1/performances/$perf/seats"
read -r adult_seat child_seat <<<"$(jq -r '[.seats[] | select(.row == "L" and .state == "free") | .seat_number][0:2] | join(" ")' <<<"$BODY")"
band=$(jq -r --arg s "$adult_seat" '.seats[] | select(.seat_number == $s) | .band' <<<"$BODY")
adult_cents=$("$BOXOFFICE_BIN" prices show "Grand Theatre" --json | jq --arg b "$band" '[.[] | select(.band == $b and .type == "Adult")][0].price_cents')
total=$(( adult_cents + 1250 ))
sale() { echo "{\"seats\": [\"$adult_seat\", \"$child_seat\"], \"customer_name\": \"Web Family\", \"tickets\": [{\"seat_number\": \"$child_seat\", \"type\": \"$1\"}], \"payment\": $2}"; }
call POST "/v1/performances/$perf/bookings" "$(sale Child "{\"method\": \"external\", \"amount_cents\": $(( total - 1 )), \"reference\": \"pi_1\"}")" "${auth[@]}"
expect 422 "a payment a penny short is refused, naming what is due" \
  ".error.kind == \"invalid_input\" and (.error.message | contains(\"£$(( total / 100 )).$(printf %02d $(( total % 100 )))\"))"
call POST "/v1/performances/$perf/bookings" "$(sale Child '{"method": "cash", "amount_cents": 1, "reference": "pi_1"}')" "${auth[@]}"
expect 422 "only an external payment is taken over HTTP" '.error.kind == "invalid_input" and (.error.message | contains("external"))'
call POST "/v1/performances/$perf/bookings" "$(sale Child "{\"method\": \"external\", \"amount_cents\": $total}")" "${auth[@]}"
expect 422 "an external payment needs the provider's reference" '.error.kind == "invalid_input" and (.error.message | contains("reference"))'
call POST "/v1/performances/$perf/bookings" "$(sale Pensioner "{\"method\": \"external\", \"amount_cents\": $total, \"reference\": \"pi_1\"}")" "${auth[@]}"
expect 422 "an unknown ticket type is refused, listing the types" '.error.kind == "invalid_input" and (.error.message | contains("Child"))'
call GET "/v1/performances/$perf/seats"
jq -e --arg a "$adult_seat" --arg c "$child_seat" '[.seats[] | select(.seat_number == $a or .seat_number == $c) | .state] == ["free", "free"]' <<<"$BODY" >/dev/null \
  || fail "a refused sale booked something"
pass "nothing was booked of the refused sales"
call POST "/v1/performances/$perf/bookings" "$(sale child "{\"method\": \"external\", \"amount_cents\": $total, \"reference\": \"pi_3PqX\"}")" "${auth[@]}"
expect 201 "the exact total, paid externally: booked and paid" \
  ".status == \"paid\" and .total_cents == $total and .paid_cents == $total and
   ([.tickets[] | [.seat_number, .type, .price_cents]] | sort) == ([[\"$adult_seat\", \"Adult\", $adult_cents], [\"$child_seat\", \"Child\", 1250]] | sort) and
   ([.payments[] | [.method, .amount_cents, .reference, .kind]] == [[\"external\", $total, \"pi_3PqX\", \"payment\"]])"
"$BOXOFFICE_BIN" find "Web Family" --json | jq -e ".[0].paid_cents == $total and .[0].payments[0].method == \"external\"" >/dev/null \
  || fail "the CLI does not see the web sale as paid"
pass "the clerks' CLI sees the web sale paid by external"

# Hardening: ids, sizes, control characters.
call GET /v1/performances/999999/seats
expect 404 "an unknown performance is 404" '.error.kind == "unknown_performance"'
call GET /v1/performances/x1/seats
expect 404 "a malformed performance id is 404"
call POST "/v1/performances/$perf/holds" '{"seats": "K5"}' "${auth[@]}"
expect 422 "a body of the wrong shape is 422" '.error.kind == "invalid_body"'
call POST "/v1/performances/$perf/bookings" '{"seats": ["K9"], "customer_name": "Eve\u001b[2J"}' "${auth[@]}"
expect 422 "control characters in a name are refused" '.error.kind == "invalid_input"'
big=$(head -c 70000 /dev/zero | tr '\0' 'a')
call POST "/v1/performances/$perf/holds" "{\"seats\": [\"$big\"]}" "${auth[@]}"
[ "$STATUS" = 413 ] || fail "a 70 KB body should be 413, got $STATUS"
jq -e '.error.kind == "body_too_large"' <<<"$BODY" >/dev/null || fail "the 413 is not in /v1's error shape (as /openapi.json says): $BODY"
pass "a body over 64 KB is 413, in /v1's error shape"
# Declared larger than 64 KB: refused at once, not waited for until the request times out (which closed the
# connection without an answer).
call POST "/v1/performances/$perf/holds" '{"seats": ["K5"]}' "${auth[@]}" -H 'Content-Length: 99999999'
expect 413 "a body declared over 64 KB is 413 before it arrives" '.error.kind == "body_too_large"'
call POST /theaters/1/reserve '{"seat_number": "A1"}' "${auth[@]}" -H 'Content-Length: 99999999'
expect 413 "...on the old endpoints too, in their shape" '.message | test("larger than 64 KB")'
# A request that stops half-way is closed by the server, which keeps serving others.
start=$(now_ns)
printf 'POST /v1/performances/%s/holds HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"seats"' "$perf" \
  | curl -s --max-time 30 telnet://127.0.0.1:"${BASE##*:}" >/dev/null 2>&1 &
half=$!
call GET /healthz
expect 200 "the server answers while a request hangs half-sent" '.status == "ok"'
wait $half
elapsed=$(( ($(now_ns) - start) / 1000000000 ))
(( elapsed < 15 )) || fail "a half-sent request was not timed out by the server"
pass "a half-sent request times out"
# A body trickled a byte at a time, each well within the idle timeout: the whole body must still arrive within
# --request-timeout (2 s here), else 408, in time, and the connection closes.
python3 - "${BASE##*:}" "$perf" "$key" <<'PY' || fail "a trickled body was not answered 408 in time"
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
body = b'{"seats": ["K5"]}' + b" " * 80
s.sendall(b"POST /v1/performances/%s/holds HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" % sys.argv[2].encode()
          + b"Authorization: Bearer %s\r\n" % sys.argv[3].encode()
          + b"Content-Length: %d\r\n\r\n" % len(body))
start, reply = time.time(), b""
s.settimeout(0.3)                    # the pace of the trickle
for byte in body:
    try:
        s.sendall(bytes([byte]))
        chunk = s.recv(4096)
        if not chunk: break
        reply += chunk
        if b"\r\n\r\n" in reply: break
    except socket.timeout:
        pass
    except (BrokenPipeError, ConnectionResetError):
        break
elapsed = time.time() - start
status = reply.split(b"\r\n")[0].decode(errors="replace")
if not status.startswith("HTTP/1.1 408") or not 1.5 < elapsed < 6:
    sys.exit(f"got {status!r} after {elapsed:.1f} s")
PY
pass "a body trickled in too slowly is 408 after --request-timeout"
# Headers trickled in one line at a time, each well within the timeout: the whole head must still arrive in time.
python3 - "${BASE##*:}" <<'PY' || fail "a request whose headers trickle in was not timed out by the server"
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
deadline = time.time() + 15
try:
    while time.time() < deadline:
        s.sendall(b"X-Trickle: a\r\n")
        s.settimeout(0.2)          # the pace of the trickle, and the wait for the server's close
        try:
            if s.recv(100) == b"": sys.exit(0)
        except socket.timeout:
            pass
except (BrokenPipeError, ConnectionResetError):
    sys.exit(0)
sys.exit(1)
PY
pass "a request whose headers trickle in times out"

# 50 concurrent bookings of one seat: exactly one 201 and 49 409s.
seq 50 | xargs -P 50 -I{} curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 -X POST \
  -H 'Content-Type: application/json' -H "Authorization: Bearer $key" -H 'X-Hold-Token: racer-{}' \
  --data '{"seats": ["M10"]}' "$BASE/v1/performances/$perf/bookings" >"$WORK/race"
created=$(grep -c '^201$' "$WORK/race"); conflicts=$(grep -c '^409$' "$WORK/race")
[ "$created" = 1 ] && [ "$conflicts" = 49 ] || fail "50 bookings of M10: $created × 201, $conflicts × 409 ($(sort "$WORK/race" | uniq -c | tr '\n' ' '))"
pass "50 concurrent bookings of one seat: one 201, 49 409s"
"$BOXOFFICE_BIN" seats "Grand Theatre" --performance "$perf" --json | jq -e '[.[] | select(.seat_number == "M10" and .state == "booked")] | length == 1' >/dev/null \
  || fail "M10 is not booked once in the database"

# One customer's token racing itself: 30 holds at once on 30 distinct seats, half of them in the other Hamlet, the limit
# 10 (--max-holds-per-token's default) across every performance. The count and the hold are one Redis script, so
# exactly 10 are held, in both performances together.
perf2=$(curl -s "$BASE/v1/performances" | jq -r '[.[] | select(.title == "Hamlet")][1].id')
call GET "/v1/performances/$perf/seats"; free1=$(jq -c '[.seats[] | select(.state == "free") | .seat_number]' <<<"$BODY")
call GET "/v1/performances/$perf2/seats"
jq -r --argjson other "$free1" '[.seats[] | select(.state == "free" and (.row == "R" or .row == "S")) | .seat_number
  | select(. as $s | $other | index($s))][0:30] | to_entries[] | "\(.value) \(if .key % 2 == 0 then 1 else 2 end)"' <<<"$BODY" \
  | sed "s/ 1\$/ $perf/; s/ 2\$/ $perf2/" >"$WORK/thirty"
[ "$(wc -l <"$WORK/thirty")" = 30 ] || fail "30 seats in rows R and S free in both Hamlets"
xargs -P 30 -L 1 sh -c 'curl -s -o /dev/null -w "%{http_code}\n" --max-time 30 -X POST -H "Content-Type: application/json" \
  -H "Authorization: Bearer $1" -H "X-Hold-Token: greedy-script" --data "{\"seats\": [\"$2\"]}" "$0/v1/performances/$3/holds"' \
  "$BASE" "$key" <"$WORK/thirty" >"$WORK/greedy"
held=$(grep -c '^201$' "$WORK/greedy"); refused=$(grep -c '^422$' "$WORK/greedy")
[ "$held" = 10 ] && [ "$refused" = 20 ] || fail "30 racing holds of one token: $held × 201, $refused × 422 ($(sort "$WORK/greedy" | uniq -c | tr '\n' ' '))"
pass "30 racing holds of one token in two performances: 10 held, 20 refused (422)"
on_map=0
for p in "$perf" "$perf2"; do
  call GET "/v1/performances/$p/seats"
  on_map=$(( on_map + $(jq --slurpfile s <(cut -d' ' -f1 "$WORK/thirty" | jq -R . ) '[.seats[] | select(.state == "held" and (.seat_number as $n | $s | index($n)))] | length' <<<"$BODY") ))
done
[ "$on_map" = 10 ] || fail "the token's holds on the two maps: $on_map, not 10"
pass "the two maps show the token's 10 holds between them"

call GET /healthz
expect 200 "/healthz" '.database == "ok" and .redis == "ok"'
call GET /metrics
[ "$STATUS" = 200 ] || fail "/metrics: $STATUS"
for metric in boxoffice_bookings_total boxoffice_conflicts_total boxoffice_holds_total hb_requests http_server_request_duration_bucket; do
  grep -q "^$metric" <<<"$BODY" || fail "/metrics lacks $metric"
done
pass "/metrics counts requests, latencies, bookings, conflicts and holds"
call GET /openapi.json
expect 200 "/openapi.json is OpenAPI 3.1" '.openapi == "3.1.0" and (.paths | has("/v1/performances/{performance_id}/bookings"))'
call GET /
[ "$STATUS" = 200 ] && grep -q 'href="/openapi.json"' <<<"$BODY" || fail "/ does not link /openapi.json"
pass "/ links /openapi.json"

# SIGTERM with a booking in flight (its body half-sent): the server stops accepting, answers the booking, exits 0.
drain_seat=$(curl -s "$BASE/v1/performances/$perf/seats" | jq -r '[.seats[] | select(.state == "free" and .row == "P")][0].seat_number')
cat >"$WORK/drain.py" <<'PY'
import json, socket, sys, time, urllib.request
port, perf, seat, key, work = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
body = json.dumps({"seats": [seat], "customer_name": "In Flight"}).encode()
s = socket.create_connection(("127.0.0.1", port))
s.sendall(f"POST /v1/performances/{perf}/bookings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {key}\r\n"
          f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body[:8])
def active():
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics").read().decode()
    return sum(float(l.split()[-1]) for l in text.splitlines() if l.startswith("http_server_active_requests"))
deadline = time.time() + 10
while active() < 2:            # this booking, and the /metrics request asking
    if time.time() > deadline: sys.exit("the half-sent booking never became a request in flight")
    time.sleep(0.02)           # polling interval only
open(f"{work}/in_flight", "w").close()
while True:                    # the shell sends SIGTERM; wait until the server stops accepting
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except ConnectionRefusedError:
        break
    if time.time() > deadline + 10: sys.exit("the server still accepts connections after SIGTERM")
    time.sleep(0.02)           # polling interval only
s.sendall(body[8:])
s.settimeout(20)
reply = b""
while b"\r\n\r\n" not in reply:
    chunk = s.recv(4096)
    if not chunk: break
    reply += chunk
print(reply.split(b"\r\n")[0].decode())
PY
python3 "$WORK/drain.py" "${BASE##*:}" "$perf" "$drain_seat" "$key" "$WORK" >"$WORK/drain.out" &
drainer=$!
deadline=$(deadline_in 10)
until [ -e "$WORK/in_flight" ]; do (( $(now_ns) < deadline )) || fail "the half-sent booking never became a request in flight"; sleep 0.05; done
stop_server
wait "$drainer" || fail "the in-flight booking: $(cat "$WORK/drain.out")"
grep -q '^HTTP/1.1 201' "$WORK/drain.out" || fail "the booking in flight at SIGTERM was not answered 201: $(cat "$WORK/drain.out")"
"$BOXOFFICE_BIN" find "In Flight" --json | jq -e --arg s "$drain_seat" '[.[0].seats[].seat_number] == [$s]' >/dev/null \
  || fail "the booking answered during the drain is not in the database"
pass "SIGTERM: new connections refused, the booking in flight answered 201 and kept, exit 0"
