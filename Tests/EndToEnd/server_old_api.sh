#!/usr/bin/env bash
# The old web service's four endpoints over real HTTP (curl) against the real boxoffice-server, SQLite file and
# Redis: its exact strings and statuses, without its flaws (holds expire, the holder can book, Idempotency-Key
# replays the same 201), API keys and X-Hold-Token, and SIGTERM exiting 0.
source "$(dirname "$0")/server.bash"
export RESERVATION_TIMEOUT=2

start_server --anonymous-writes

call GET /theaters
expect 200 "GET /theaters lists the old service's theaters" '.[0] == {"id": 1, "name": "Theater A"} and .[1].id == 2'

call GET /theaters/1/seats
expect 200 "GET /theaters/1/seats: the old fields (and more)" \
  '(.[0] | has("id") and has("seat_number") and has("is_booked") and has("theater_id")) and ([.[].seat_number] | index("A1")) != null'
# As the old service wrote it: compact, each seat opening with its four fields in their order, more fields after them.
[[ "$BODY" == '[{"id":1,"seat_number":"A1","is_booked":false,"theater_id":1,"'* ]] \
  || fail "the old seat list does not open with the old fields in the old order: ${BODY:0:120}"
[ "$(jq -c '[.[] | to_entries[0:4] | map(.key)] | unique' <<<"$BODY")" = '[["id","seat_number","is_booked","theater_id"]]' ] \
  || fail "not every seat opens with id, seat_number, is_booked, theater_id"
pass "every seat opens with id, seat_number, is_booked, theater_id, as the old service wrote them"

call GET /theaters/99/seats
expect 404 "an unknown theater is 404 with the old message" \
  '.message == "Theater not found. Please use one of the ids from the list: [1, 2, 3]."'
call GET /theaters/abc/seats
expect 404 "a theater id that is not a number is 404"

call POST /theaters/1/reserve '{"seat_number": "A1"}'
expect 201 "reserve answers 201 with the old text" '.message == "The A1 is reserved in theater_id:1."'
[[ "$BODY" == '{"message":"The A1 is reserved in theater_id:1."'* ]] || fail "the old message is not first: $BODY"
pass "the message comes first, as the old service wrote it"

call POST /theaters/1/reserve '{"seat_number": "A1"}' -H 'X-Hold-Token: customer-2'
expect 409 "another customer's token cannot take a held seat, told who holds it" '.message | test("A1 is held by anonymous")'

call POST /theaters/1/book '{"seat_number": "A1"}'
expect 201 "the holder books its own hold" '.message == "The A1 is booked in theater_id:1."'
[[ "$BODY" == '{"message":"The A1 is booked in theater_id:1."'* ]] || fail "the old message is not first: $BODY"

call POST /theaters/1/book '{"seat_number": "A1"}'
expect 409 "booking a booked seat is 409 naming the booking" '.message | test("already booked \\(booking [A-Z0-9-]+")'

call POST /theaters/1/book '{"seat_number": "B2"}' -H 'Idempotency-Key: order-77'
expect 201 "a booking with an Idempotency-Key" '.message == "The B2 is booked in theater_id:1."'
first=$BODY
call POST /theaters/1/book '{"seat_number": "B2"}' -H 'Idempotency-Key: order-77'
expect 201 "the same Idempotency-Key replays the same 201"
[ "$BODY" = "$first" ] || fail "the replay's body differs: $BODY vs $first"
grep -q '^idempotent-replayed: true' <<<"$HEADERS" || fail "the replay is not marked Idempotent-Replayed"
pass "the replay is the same body, marked Idempotent-Replayed"

call POST /theaters/1/book '{"seat_number": "Z99"}'
expect 400 "a wrong seat is 400 with the seats still available in the old list format" \
  '.message == "Wrong seat number provided. Try these available seats:['"'"'C12'"'"', '"'"'D9'"'"'] in theater id: 1."'

for bad in '' 'not json' '[]' '{"seat": "A1"}' '{"seat_number": 12}'; do
  call POST /theaters/1/reserve "$bad"
  [ "$STATUS" = 422 ] || fail "the body '$bad' should be 422, got $STATUS: $BODY"
done
pass "a body that is not {\"seat_number\": …} is 422"

call POST /theaters/3/reserve '{"seat_number": "A1"}'
expect 409 "with several performances on sale, the old endpoints name them" '.message | test("--performance [0-9]+")'

# A reservation expires (RESERVATION_TIMEOUT=2): the seat is free again, and another customer can hold it.
call POST /theaters/1/reserve '{"seat_number": "C12"}' -H 'X-Hold-Token: customer-1'
expect 201 "customer 1 reserves C12"
deadline=$(deadline_in 10)
while (( $(now_ns) < deadline )); do
  call GET /theaters/1/seats
  [ "$(jq -r '.[] | select(.seat_number == "C12") | .state' <<<"$BODY")" = free ] && break
  sleep 0.1
done
[ "$(jq -r '.[] | select(.seat_number == "C12") | .state' <<<"$BODY")" = free ] || fail "C12's reservation did not expire"
pass "a reservation expires and frees the seat"
call POST /theaters/1/reserve '{"seat_number": "C12"}' -H 'X-Hold-Token: customer-2'
expect 201 "after it expired, another customer reserves C12"

# Tokens: at most --max-holds-per-token seats, across every performance (holds of 300 s here, so that none expires
# while the limit is being checked).
stop_server
RESERVATION_TIMEOUT=300 start_server --anonymous-writes --max-holds-per-token 1
call POST /v1/performances/1/holds '{"seats": ["D9"]}' -H 'X-Hold-Token: greedy'
expect 201 "a token holds one seat"
call POST /v1/performances/2/holds '{"seats": ["E11"]}' -H 'X-Hold-Token: greedy'
expect 422 "a token past --max-holds-per-token is refused in another performance too" '.error.message | test("at most 1 seats")'
call POST /theaters/2/reserve '{"seat_number": "E11"}' -H 'X-Hold-Token: greedy'
expect 422 "...and through the old reserve endpoint" '.message | test("at most 1 seats")'
call DELETE /v1/performances/1/holds '{"seats": ["D9"]}' -H 'X-Hold-Token: greedy'
expect 204 "the token releases its seat"
call POST /v1/performances/2/holds '{"seats": ["E11"]}' -H 'X-Hold-Token: greedy'
expect 201 "released, the seat counts no more: the token holds one in the other performance"
call POST /v1/performances/2/holds '{"seats": ["E12"]}' -H 'X-Hold-Token: greedy'
expect 422 "a token past --max-holds-per-token is refused" '.error.message | test("at most 1 seats")'

# The performance the old seat list shows is remembered between requests: a clerk's change must show at once. A second
# performance of Theater A on sale with a start time is the one shown (the next to start); closed, the open sale again.
call GET /theaters/1/seats
expect 200 "the old seat list shows Theater A's open sale" '.[0].performance_id == 1'
matinee=$("$BOXOFFICE_BIN" performances add "Theater A" --title "Matinee" --starts "$(date -d tomorrow +%F) 14:00" --json | jq -r '.[0]')
[[ "$matinee" =~ ^[0-9]+$ ]] || fail "performances add --json did not print the new id: $matinee"
call GET /theaters/1/seats
expect 200 "a clerk's new performance is the one the old seat list shows, at once" ".[0].performance_id == $matinee"
"$BOXOFFICE_BIN" performances close "$matinee" >/dev/null || fail "performances close $matinee failed"
call GET /theaters/1/seats
expect 200 "closed by a clerk, it is no longer shown" '.[0].performance_id == 1'
stop_server
pass "SIGTERM stops the server with exit 0"

# API keys: without --anonymous-writes reads are open, writes need a key.
start_server
call GET /theaters
expect 200 "reads need no key"
call POST /theaters/2/reserve '{"seat_number": "E12"}'
expect 401 "a write without a key is 401"
grep -q '^www-authenticate: bearer' <<<"$HEADERS" || fail "the 401 has no WWW-Authenticate: Bearer"
pass "the 401 carries WWW-Authenticate: Bearer"
for bad in 'not json' '{"seat": "A1"}'; do
  call POST /theaters/2/book "$bad"
  [ "$STATUS" = 401 ] || fail "a write without a key is 401 whatever its body ('$bad'): got $STATUS: $BODY"
  call POST /v1/performances/2/holds "$bad"
  [ "$STATUS" = 401 ] || fail "a /v1 write without a key is 401 whatever its body ('$bad'): got $STATUS: $BODY"
done
pass "a write without a key is 401 before its body is looked at"
key=$("$BOXOFFICE_BIN" apikey add webshop | tail -1)
[[ "$key" =~ ^bo_[0-9a-f]{64}$ ]] || fail "apikey add did not print the key alone on its last line: $key"
sqlite3_has_key=$("$BOXOFFICE_BIN" apikey list | grep -c webshop)
[ "$sqlite3_has_key" = 1 ] || fail "apikey list does not show webshop"
call POST /theaters/2/reserve '{"seat_number": "E12"}' -H "Authorization: Bearer $key"
expect 201 "a write with a key is accepted"
call POST /theaters/2/book '{"seat_number": "E12"}' -H "Authorization: Bearer $key"
expect 201 "the key's clerk books its hold"
"$BOXOFFICE_BIN" audit --json | jq -e '[.[] | select(.action == "book" and .clerk == "webshop")] | length == 1' >/dev/null \
  || fail "the audit log does not name the key's clerk"
pass "the audit log names the key's clerk"
call POST /theaters/2/reserve '{"seat_number": "E11"}' -H "Authorization: Bearer wrong"
expect 401 "an unknown key is 401"
"$BOXOFFICE_BIN" apikey revoke webshop >/dev/null || fail "apikey revoke failed"
call POST /theaters/2/reserve '{"seat_number": "E11"}' -H "Authorization: Bearer $key"
expect 401 "a revoked key is 401 at once"
stop_server
