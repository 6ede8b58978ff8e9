#!/usr/bin/env bash
# Live both ways: a clerk's booking (the CLI) appears in the HTTP event stream (a real SSE client, curl), and a
# booking made over HTTP is published on the Redis channel every clerk's seat picker listens to. Also: hold,
# release, expire (timed by the server) and cancel events; Last-Event-ID → resync; a client too slow for its backlog
# → resync; SIGTERM with a stream open → 0.
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
curl -sN --max-time 2 -H "Last-Event-ID: not-a-version" "$BASE/v1/performances/$perf/events" >"$WORK/garbled"
grep -q '^event: resync' "$WORK/garbled" || fail "a Last-Event-ID that is no version got no resync: $(cat "$WORK/garbled")"
pass "Last-Event-ID that is no version: resync"

# A client that stops reading while 100,000 events pass: its backlog overflows, and instead of losing events silently
# it gets a resync (then everything after it, to the last event). A small receive buffer, so the server feels it.
flood=100000
cat >"$WORK/slow_client.py" <<'PY'
import os, socket, sys, time
host, port, perf, work = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.connect((host, port))
s.sendall(f"GET /v1/performances/{perf}/events HTTP/1.1\r\nHost: test\r\n\r\n".encode())
seen = b""
while b": ready at version" not in seen:
    seen += s.recv(4096)
open(f"{work}/slow_ready", "w").close()          # the stream is live: flood now
while not os.path.exists(f"{work}/flooded"):      # and read nothing meanwhile
    time.sleep(0.05)
last = open(f"{work}/flooded").read().strip()
s.settimeout(30)
out = open(f"{work}/slow_stream", "wb")
out.write(seen)
tail = b""
while f"id: {last}\n".encode() not in tail:
    chunk = s.recv(65536)
    if not chunk: break
    out.write(chunk)
    tail = (tail + chunk)[-4096:]
out.close()
PY
python3 "$WORK/slow_client.py" 127.0.0.1 "${BASE##*:}" "$perf" "$WORK" &
slow=$!
on_exit "kill $slow"
# A client that keeps up, beside it: when it has the last event, the server has handed every event to both.
curl -sN --max-time 120 "$BASE/v1/performances/$perf/events" >"$WORK/fast" &
fast=$!
on_exit "kill $fast"
wait_in "$WORK/fast" '^: ready at version' "a second client that keeps up is live"
deadline=$(deadline_in 10)
until [ -e "$WORK/slow_ready" ]; do (( $(now_ns) < deadline )) || fail "the slow client's stream did not start"; sleep 0.05; done
last=$(redis-cli -s "$socket" EVAL "local v = 0
  for i = 1, tonumber(ARGV[2]) do
    v = redis.call('INCR', KEYS[1])
    redis.call('PUBLISH', ARGV[1], cjson.encode({kind = 'block', version = v, labels = {'A1'}, clerk = 'flood', session = 'flood', reference = ''}))
  end
  return v" 1 "$prefix:{perf:$perf}:ver" "$prefix:{perf:$perf}:events" "$flood")
[[ "$last" =~ ^[0-9]+$ ]] || fail "the flood of events failed: $last"
wait_in "$WORK/fast" "^id: $last\$" "the client that keeps up has all $flood events" 60
echo "$last" >"$WORK/flooded"
wait "$slow" || fail "the slow client did not read to the last event"
grep -q "^id: $last\$" "$WORK/slow_stream" || fail "the slow client never got the last event ($last)"
received=$(grep -c '^event: block' "$WORK/slow_stream")
grep -q '^event: resync' "$WORK/slow_stream" || fail "the slow client lost events without a resync ($received of $flood received)"
(( received < flood )) || fail "every event arrived: the backlog never overflowed, nothing was tested"
pass "a client too slow for its backlog gets a resync, not a silent gap ($received of $flood events, then the last)"

# SIGTERM with a stream open: the stream ends, the server exits 0.
stop_server
wait "$stream" 2>/dev/null
pass "SIGTERM ends the open stream"
