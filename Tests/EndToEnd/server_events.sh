#!/usr/bin/env bash
# Live both ways: a clerk's booking (the CLI) appears in the HTTP event stream (a real SSE client, curl), and a
# booking made over HTTP is published on the Redis channel every clerk's seat picker listens to. Also: hold,
# release, expire (timed by the server) and cancel events; Last-Event-ID → resync; SIGTERM with a stream open → 0.
source "$(dirname "$0")/server.bash"
export RESERVATION_TIMEOUT=1
command -v redis-cli >/dev/null || fail "redis-cli is not installed"
start_server --anonymous-writes

call GET /v1/performances
perf=$(jq -r '[.[] | select(.title == "Hamlet")][0].id' <<<"$BODY")
prefix=${BOXOFFICE_REDIS_PREFIX:-bo}
socket=${REDIS_URL#unix://}

# wait_in <file> <extended regex> <what> [seconds]
wait_in() {
  local file=$1 pattern=$2 what=$3 limit=${4:-10}
  local deadline=$(deadline_in "$limit")
  while (( $(now_ns) < deadline )); do
    if grep -qE -- "$pattern" "$file"; then pass "$what"; return 0; fi
    sleep 0.05  # polling interval only
  done
  echo "----- $file -----"; cat "$file"
  fail "$what (no /$pattern/ within ${limit}s)"
}

curl -sN --max-time 60 "$BASE/v1/performances/$perf/events" >"$WORK/events" &
stream=$!
on_exit "kill $stream"
wait_in "$WORK/events" '^: ready at version' "the event stream is live"

# A clerk's booking from the command line appears in the stream, with the version as its id.
"$BOXOFFICE_BIN" book "Grand Theatre" N5 --performance "$perf" --name "Window sale" --clerk alice >/dev/null || fail "the CLI booking failed"
wait_in "$WORK/events" '^data: \{.*"kind":"book".*"seats":\["N5"\]' "a clerk's CLI booking appears in the event stream"
grep -B2 '"seats":\["N5"\]' "$WORK/events" | grep -qE '^id: [0-9]+$' || fail "the book event has no version id"
pass "events carry the version as their id"
first_id=$(grep -m1 -E '^id: ' "$WORK/events" | cut -d' ' -f2)

# An HTTP booking is published on the channel the seat picker reads.
redis-cli -s "$socket" SUBSCRIBE "$prefix:{perf:$perf}:events" >"$WORK/channel" &
sub=$!
on_exit "kill $sub"
wait_in "$WORK/channel" '^subscribe$' "subscribed to the seat picker's channel"
call POST "/v1/performances/$perf/bookings" '{"seats": ["N6"]}'
expect 201 "a booking over HTTP"
ref=$(jq -r .reference <<<"$BODY")
wait_in "$WORK/channel" '"kind":"book".*"N6"' "the HTTP booking reaches the channel every clerk's picker listens to"

call POST "/v1/performances/$perf/holds" '{"seats": ["N7"]}'
expect 201 "hold N7 for a second"
wait_in "$WORK/events" '"kind":"hold".*"seats":\["N7"\]' "a hold event"
wait_in "$WORK/events" '"kind":"expire".*"seats":\["N7"\]' "the hold's expiry, timed by the server" 5
call POST "/v1/performances/$perf/holds" '{"seats": ["N8"]}'
call DELETE "/v1/performances/$perf/holds" '{"seats": ["N8"]}'
expect 204 "release N8"
wait_in "$WORK/events" '"kind":"release".*"seats":\["N8"\]' "a release event"
"$BOXOFFICE_BIN" cancel "$ref" >/dev/null || fail "the CLI cancel failed"
wait_in "$WORK/events" '"kind":"cancel".*"seats":\["N6"\]' "a clerk's cancellation appears in the stream"

# Reconnecting with an old Last-Event-ID: a resync; with the latest: none.
latest=$(grep -E '^id: ' "$WORK/events" | tail -1 | cut -d' ' -f2)
curl -sN --max-time 3 -H "Last-Event-ID: $first_id" "$BASE/v1/performances/$perf/events" >"$WORK/again"
grep -q '^event: resync' "$WORK/again" || fail "no resync for a client that missed events: $(cat "$WORK/again")"
pass "Last-Event-ID behind the version: resync"
curl -sN --max-time 2 -H "Last-Event-ID: $latest" "$BASE/v1/performances/$perf/events" >"$WORK/current"
grep -q '^: ready at version' "$WORK/current" && ! grep -q '^event: resync' "$WORK/current" \
  || fail "a client that missed nothing got: $(cat "$WORK/current")"
pass "Last-Event-ID at the version: no resync"

# SIGTERM with a stream open: the stream ends, the server exits 0.
stop_server
wait "$stream" 2>/dev/null
pass "SIGTERM ends the open stream"
