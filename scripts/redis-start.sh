#!/usr/bin/env bash
# Starts a private redis-server in the folder given: unix socket mode 770, no TCP port, nothing saved to disk.
# Waits until it answers PING (with a deadline), so callers never sleep to synchronise.
set -euo pipefail
dir=$1
mkdir -p "$dir"
chmod 2770 "$dir"
redis-server --port 0 --unixsocket "$dir/redis.sock" --unixsocketperm 770 \
  --save '' --appendonly no --daemonize yes --dir "$dir" \
  --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
deadline=$((SECONDS + 10))
until redis-cli -s "$dir/redis.sock" ping >/dev/null 2>&1; do
  if (( SECONDS > deadline )); then echo "redis-server did not start; see $dir/redis.log" >&2; exit 1; fi
  sleep 0.05
done
