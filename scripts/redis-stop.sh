#!/usr/bin/env bash
# Stops the private redis-server started in the folder given, and waits until it has gone.
set -u
dir=$1
[ -f "$dir/redis.pid" ] || exit 0
pid=$(cat "$dir/redis.pid")
kill "$pid" 2>/dev/null || exit 0
for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.05; done
kill -9 "$pid" 2>/dev/null || true
