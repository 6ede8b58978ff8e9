#!/usr/bin/env bash
# The benchmark suite, run by `make bench` inside scripts/with-redis.sh (REDIS_URL is a throwaway Redis):
# the release boxoffice-bench measures every hot path and its baseline in one run, prints the table and writes
# bench/results.json. Extra arguments go to boxoffice-bench (e.g. `--scale 0.2` for a quick look).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${REDIS_URL:?run under scripts/with-redis.sh (make bench does)}"
bin=$(swift build -c release --show-bin-path ${BENCH_SCRATCH:+--scratch-path "$BENCH_SCRATCH"})
for b in boxoffice boxoffice-bench; do
  [ -x "$bin/$b" ] || { echo "bench: $bin/$b is missing; build with: make bench" >&2; exit 1; }
done
# The cli_* figures' baseline: a static hello-world importing Foundation, built now with the same compiler.
hello="$bin/bench-hello-static"
swiftc -O -static-stdlib bench/hello.swift -o "$hello"
# Other clerks' processes and Swift's backtracer must not turn a crash into a hang.
export SWIFT_BACKTRACE=enable=no
"$bin/boxoffice-bench" run --out bench/results.json --boxoffice "$bin/boxoffice" --hello "$hello" "$@"
# The HTTP server with wrk: seat lists, concurrent bookings against raw commits, one seat raced by 50 clients.
if [ -x "$bin/boxoffice-server" ]; then scripts/bench-server.sh "$bin"; else echo "bench: $bin/boxoffice-server is missing; skipping the HTTP figures" >&2; fi
