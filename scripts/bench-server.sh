#!/usr/bin/env bash
# The HTTP server's figures, measured with wrk beside baselines of the same run (scripts/bench.sh runs it after
# boxoffice-bench; REDIS_URL is the throwaway Redis of scripts/with-redis.sh):
#   - the seat list of the 744-seat demo performance at 16 connections (requests/s, p99);
#   - bookings from 64 concurrent clients on distinct seats, against raw one-row SQLite commits (WAL,
#     synchronous=FULL, C API through Python's sqlite3) on the same file system, measured before and after;
#   - 50 concurrent bookings of one seat: exactly one 201 and 49 409s.
# Prints a table and writes bench/server-results.json. Usage: scripts/bench-server.sh <release bin folder>
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:?the folder of the release binaries}
: "${REDIS_URL:?run under scripts/with-redis.sh (make bench does)}"
command -v wrk >/dev/null || { echo "bench: wrk is not installed (make deps installs it)" >&2; exit 1; }
SECONDS_EACH=${BENCH_SERVER_SECONDS:-10}
work=$(mktemp -d "$PWD/bench/server.XXXXXX")
export BOXOFFICE_DB=$work/boxoffice.sqlite BOXOFFICE_REDIS_PREFIX="bench$RANDOM" SWIFT_BACKTRACE=enable=no
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$bin/boxoffice" init --demo >/dev/null
# More nights of the demo house, so that every booking of the run has a seat of its own: room for 10,000 bookings a
# second (744 seats a night). With too few, the house sells out before wrk stops and the rest of the run counts
# only the cheap 409s of a full house (forty nights did that once bookings passed 3,000/s).
nights=$(( (SECONDS_EACH * 10000 + 743) / 744 ))
"$bin/boxoffice" performances add "Grand Theatre" --title "Bench" --starts "2031-01-01 19:30" --repeat daily \
  --until "$(date -d "2031-01-01 + $(( nights - 1 )) days" +%F)" >/dev/null

"$bin/boxoffice-server" --port 0 --anonymous-writes 2>"$work/server.log" &
server=$!
for _ in $(seq 200); do grep -q 'listening on' "$work/server.log" && break; sleep 0.05; done
base=$(sed -nE 's|.*listening on (http://[^ ]+).*|\1|p' "$work/server.log" | head -1)
[ -n "$base" ] || { echo "bench: boxoffice-server did not start"; cat "$work/server.log"; exit 1; }
perfs=$(curl -s "$base/v1/performances")
tonight=$(jq -r '[.[] | select(.title == "Hamlet")][0].id' <<<"$perfs")
bench_perfs=$(jq -r '[.[] | select(.title | startswith("Bench")) | .id] | join(",")' <<<"$perfs")
labels=$(curl -s "$base/v1/performances/${bench_perfs%%,*}/seats" | jq -r '[.seats[] | select(.state == "free") | "\"" + .seat_number + "\""] | join(",")')

# wrk's latency in milliseconds from its "99%  1.23ms" line.
p99_ms() { awk '$1 == "99%" { v = $2; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v);
  f = (u == "us") ? 0.001 : (u == "s") ? 1000 : 1; printf "%.2f", v * f }' "$1"; }
rps() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1"; }
non2xx() { awk '/Non-2xx or 3xx responses:/ { print $5 }' "$1" | grep . || echo 0; }
total_requests() { awk '/requests in/ { print $1 }' "$1"; }

raw_commits() {
  python3 - "$work/raw.sqlite" "$1" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode=WAL"); db.execute("PRAGMA synchronous=FULL")
db.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)")
seconds = float(sys.argv[2]); n = 0; end = time.monotonic() + seconds
while time.monotonic() < end:
    db.execute("BEGIN IMMEDIATE"); db.execute("INSERT INTO t (v) VALUES ('x')"); db.execute("COMMIT"); n += 1
print(round(n / seconds))
PY
}

echo "== seat list: GET /v1/performances/$tonight/seats, 16 connections, ${SECONDS_EACH}s"
wrk -t2 -c16 -d"${SECONDS_EACH}s" --latency "$base/v1/performances/$tonight/seats" >"$work/seats.txt"
cat "$work/seats.txt"
echo "== old seat list: GET /theaters/1/seats (4 seats), 8 connections, ${SECONDS_EACH}s"
wrk -t2 -c8 -d"${SECONDS_EACH}s" --latency "$base/theaters/1/seats" >"$work/old.txt"

raw_before=$(raw_commits 3)
cat >"$work/book.lua" <<LUA
-- Each request books one seat no other request of the run books: thread k takes indexes k, k + 2, k + 4, ...
perfs = {$bench_perfs}
labels = {$labels}
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
function init(args) counter = tid end
function request()
  local i = counter; counter = counter + 2
  local p = perfs[math.floor(i / #labels) % #perfs + 1]
  local l = labels[i % #labels + 1]
  return wrk.format("POST", "/v1/performances/" .. p .. "/bookings", {["Content-Type"] = "application/json"},
                    '{"seats": ["' .. l .. '"], "customer_name": "Bench"}')
end
LUA
# CPU seconds (user + system) a process has used so far, from /proc: the server's and Redis' cost per booking is
# steadier than a rate on a machine shared with other work.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.3f", ($12 + $13) / hz }' "/proc/$1/stat"; }
redis_cli() { case $REDIS_URL in unix://*) redis-cli -s "${REDIS_URL#unix://}" "$@" ;; *) redis-cli -u "$REDIS_URL" "$@" ;; esac; }
redis_pid=$(redis_cli INFO server 2>/dev/null | tr -d '\r' | sed -n 's/^process_id://p')
[ -n "$redis_pid" ] && [ -r "/proc/$redis_pid/stat" ] || redis_pid=""
server_cpu_before=$(cpu_seconds "$server"); redis_cpu_before=$([ -n "$redis_pid" ] && cpu_seconds "$redis_pid" || echo 0)
echo "== bookings: POST /v1/performances/{id}/bookings, 64 connections on distinct seats, ${SECONDS_EACH}s"
wrk -t2 -c64 -d"${SECONDS_EACH}s" --latency -s "$work/book.lua" "$base" >"$work/book.txt"
server_cpu=$(awk -v a="$server_cpu_before" -v b="$(cpu_seconds "$server")" 'BEGIN { printf "%.3f", b - a }')
redis_cpu=$(awk -v a="$redis_cpu_before" -v b="$([ -n "$redis_pid" ] && cpu_seconds "$redis_pid" || echo 0)" 'BEGIN { printf "%.3f", b - a }')
cat "$work/book.txt"
raw_after=$(raw_commits 3)
raw=$(( (raw_before + raw_after) / 2 ))
booked=$(( $(total_requests "$work/book.txt") - $(non2xx "$work/book.txt") ))
book_rate=$(awk -v n="$booked" -v s="$SECONDS_EACH" 'BEGIN { printf "%.0f", n / s }')
in_db=$(sqlite3_count() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from booked_seat b join orders o on o.id = b.order_id where o.customer_name = 'Bench'\").fetchone()[0])" "$BOXOFFICE_DB"; }; sqlite3_count)

echo "== 50 concurrent bookings of one seat"
seq 50 | xargs -P 50 -I{} curl -s -o /dev/null -w '%{http_code}\n' -X POST -H 'Content-Type: application/json' \
  -H 'X-Hold-Token: racer-{}' --data '{"seats": ["A1"]}' "$base/v1/performances/$tonight/bookings" >"$work/race.txt"
race_201=$(grep -c '^201$' "$work/race.txt" || true); race_409=$(grep -c '^409$' "$work/race.txt" || true)

seat_rps=$(rps "$work/seats.txt"); seat_p99=$(p99_ms "$work/seats.txt")
old_rps=$(rps "$work/old.txt"); old_p99=$(p99_ms "$work/old.txt")
book_p99=$(p99_ms "$work/book.txt")
ratio=$(awk -v a="$book_rate" -v b="$raw" 'BEGIN { printf "%.2f", a / b }')
per_booking() { awk -v c="$1" -v n="$booked" 'BEGIN { printf "%.0f", (n > 0) ? c * 1e6 / n : 0 }'; }
server_us=$(per_booking "$server_cpu"); redis_us=$(per_booking "$redis_cpu")
verdict() { awk -v ok="$1" 'BEGIN { print (ok ? "met" : "missed") }'; }
echo
echo "| metric | value | target | baseline (same run) | ratio |"
echo "|---|---:|---|---|---:|"
echo "| \`http_seat_list_744_per_s\` (16 connections) | $seat_rps /s | ≥ 5,000 /s ($(verdict "$(( seat_rps >= 5000 ))")) | – | – |"
echo "| \`http_seat_list_744_p99_ms\` | $seat_p99 ms | < 10 ms ($(verdict "$(awk -v p="$seat_p99" 'BEGIN { print (p < 10) }')")) | – | – |"
echo "| \`http_old_seat_list_4_per_s\` (8 connections) | $old_rps /s | – | old service 650–920 /s | – |"
echo "| \`http_old_seat_list_4_p99_ms\` | $old_p99 ms | – | old service 54–67 ms | – |"
echo "| \`http_book_per_s\` (64 clients, distinct seats) | $book_rate /s | ≥ 0.5× raw commits ($(verdict "$(awk -v r="$ratio" 'BEGIN { print (r >= 0.5) }')")) | \`sqlite_commit_per_s\` $raw /s | ${ratio}× |"
echo "| \`http_book_p99_ms\` | $book_p99 ms | – | – | – |"
echo "| \`http_book_cpu_us\` (server + Redis CPU per booking) | $(( server_us + redis_us )) µs ($server_us + $redis_us) | – | – | – |"
echo "| \`http_same_seat_race\` (50 clients) | $race_201 × 201, $race_409 × 409 | 1 × 201, 49 × 409 | – | – |"
echo "(bookings answered 201: $booked of $(total_requests "$work/book.txt") requests; booked seats in the database: $in_db, the difference in flight when wrk stopped)"
jq -n --argjson seat_rps "$seat_rps" --argjson seat_p99 "$seat_p99" --argjson old_rps "$old_rps" --argjson old_p99 "$old_p99" \
  --argjson book "$book_rate" --argjson book_p99 "$book_p99" --argjson raw "$raw" --argjson ratio "$ratio" \
  --argjson server_us "$server_us" --argjson redis_us "$redis_us" --argjson r201 "$race_201" --argjson r409 "$race_409" --argjson booked "$booked" --argjson in_db "$in_db" \
  '{http_seat_list_744_per_s: $seat_rps, http_seat_list_744_p99_ms: $seat_p99, http_old_seat_list_4_per_s: $old_rps,
    http_old_seat_list_4_p99_ms: $old_p99, http_book_per_s: $book, http_book_p99_ms: $book_p99, http_book_server_cpu_us: $server_us,
    http_book_redis_cpu_us: $redis_us, sqlite_commit_per_s: $raw,
    book_ratio: $ratio, same_seat_race_201: $r201, same_seat_race_409: $r409, bookings_answered: $booked,
    bookings_in_database: $in_db}' >bench/server-results.json
# wrk stops counting at the deadline with up to 64 bookings in flight, which still commit: never fewer, at most 64 more.
(( in_db >= booked && in_db <= booked + 64 )) || { echo "bench: $booked bookings answered 201 but $in_db in the database" >&2; exit 1; }
