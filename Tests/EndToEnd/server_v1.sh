#!/usr/bin/env bash
# /v1 over real HTTP (curl) against the real boxoffice-server, SQLite file and Redis: performances, seats, holds,
# best available, bookings (idempotent), find, cancel, the error shape, hardening, and 50 concurrent bookings of
# one seat (exactly one 201, 49 409s).
source "$(dirname "$0")/server.bash"
start_server --request-timeout 2
key=$("$BOXOFFICE_BIN" apikey add shop | tail -1)
auth=(-H "Authorization: Bearer $key")

call GET /v1/performances
expect 200 "GET /v1/performances" '[.[] | select(.title == "Hamlet")] | length == 2'
perf=$(jq -r '[.[] | select(.title == "Hamlet")][0].id' <<<"$BODY")

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
call GET "/v1/bookings?q=Ada" "" "${auth[@]}"
expect 200 "find bookings by name" "[.[].reference] | index(\"$ref\") != null"
call DELETE "/v1/bookings/$ref" "" "${auth[@]}"
expect 200 "cancel a booking" '.cancelled_at != null'
call GET "/v1/bookings/NOPE-NOPE" "" "${auth[@]}"
expect 404 "an unknown booking is 404" '.error.kind == "unknown_booking"'

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
pass "a body over 64 KB is 413"
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

# 50 concurrent bookings of one seat: exactly one 201 and 49 409s.
seq 50 | xargs -P 50 -I{} curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 -X POST \
  -H 'Content-Type: application/json' -H "Authorization: Bearer $key" -H 'X-Hold-Token: racer-{}' \
  --data '{"seats": ["M10"]}' "$BASE/v1/performances/$perf/bookings" >"$WORK/race"
created=$(grep -c '^201$' "$WORK/race"); conflicts=$(grep -c '^409$' "$WORK/race")
[ "$created" = 1 ] && [ "$conflicts" = 49 ] || fail "50 bookings of M10: $created × 201, $conflicts × 409 ($(sort "$WORK/race" | uniq -c | tr '\n' ' '))"
pass "50 concurrent bookings of one seat: one 201, 49 409s"
"$BOXOFFICE_BIN" seats "Grand Theatre" --performance "$perf" --json | jq -e '[.[] | select(.seat_number == "M10" and .state == "booked")] | length == 1' >/dev/null \
  || fail "M10 is not booked once in the database"

call GET /healthz
expect 200 "/healthz" '.database == "ok" and .redis == "ok"'
call GET /metrics
[ "$STATUS" = 200 ] && grep -q '^boxoffice_bookings_total' <<<"$BODY" && grep -q 'boxoffice_conflicts_total' <<<"$BODY" \
  || fail "/metrics lacks bookings or conflicts: $STATUS"
pass "/metrics counts bookings and conflicts"
call GET /openapi.json
expect 200 "/openapi.json is OpenAPI 3.1" '.openapi == "3.1.0" and (.paths | has("/v1/performances/{performance_id}/bookings"))'
call GET /
[ "$STATUS" = 200 ] && grep -q 'href="/openapi.json"' <<<"$BODY" || fail "/ does not link /openapi.json"
pass "/ links /openapi.json"
stop_server
