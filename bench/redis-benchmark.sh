#!/usr/bin/env bash
# Benchmark (not a test): redis-benchmark against the netty and virtual models and a real
# redis-server, all in one run on this machine, reported as ratios to Redis. Rounds interleave the
# three servers so background noise hits them alike; the table shows each server's median.
#   bench/redis-benchmark.sh [rounds]        (needs redis-server and redis-benchmark: apt-get install redis-server)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
C10K="${C10K:-$ROOT/c10k}"
ROUNDS="${1:-3}"
REQUESTS="${REQUESTS:-200000}"
CLIENTS="${CLIENTS:-200}"
TESTS="ping_mbulk,set,get"
REDIS_PORT=6390 NETTY_PORT=7390 VIRTUAL_PORT=7391

for tool in redis-server redis-benchmark; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install redis-server redis-tools" >&2; exit 2; }
done
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

redis-server --port "$REDIS_PORT" --save '' --appendonly no --bind 127.0.0.1 >"$work/redis.log" 2>&1 & pids+=($!)
"$C10K" server netty --port "$NETTY_PORT" --metrics-port -1 >"$work/netty.log" 2>&1 & pids+=($!)
"$C10K" server blocking --model virtual --port "$VIRTUAL_PORT" --metrics-port -1 >"$work/virtual.log" 2>&1 & pids+=($!)
for port in $REDIS_PORT $NETTY_PORT $VIRTUAL_PORT; do
  for _ in $(seq 100); do redis-cli -p "$port" PING >/dev/null 2>&1 && break; sleep 0.2; done
done

# One redis-benchmark run; appends "server pipeline test rps" lines to results.
bench() {
  local name=$1 port=$2 pipeline=$3
  redis-benchmark -p "$port" -q -c "$CLIENTS" -n "$REQUESTS" -P "$pipeline" -t "$TESTS" --csv 2>/dev/null \
    | awk -F'","' -v s="$name" -v p="$pipeline" 'NR > 1 { gsub(/"/, "", $1); print s, p, $1, $2 }' >>"$work/results"
}

# Warm-up: JIT-compile the servers' hot paths before anything is measured.
for port in $NETTY_PORT $VIRTUAL_PORT; do
  redis-benchmark -p "$port" -q -c 50 -n 50000 -t "$TESTS" >/dev/null 2>&1
done
for round in $(seq "$ROUNDS"); do
  for pipeline in 1 16; do
    bench redis $REDIS_PORT "$pipeline"
    bench netty $NETTY_PORT "$pipeline"
    bench virtual $VIRTUAL_PORT "$pipeline"
  done
  echo "round $round of $ROUNDS done" >&2
done

echo "redis-benchmark -c $CLIENTS -n $REQUESTS, median of $ROUNDS interleaved rounds (requests/s, ratio to redis-server)"
python3 - "$work/results" <<'PY'
import statistics, sys, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    server, pipeline, test, rps = line.split()
    runs[(server, int(pipeline), test)].append(float(rps))
tests = sorted({k[2] for k in runs})
print(f"{'test':<12}{'pipeline':>9}{'redis':>12}{'netty':>12}{'ratio':>7}{'virtual':>12}{'ratio':>7}")
for pipeline in (1, 16):
    for test in tests:
        med = {s: statistics.median(runs[(s, pipeline, test)]) for s in ("redis", "netty", "virtual")}
        print(f"{test:<12}{pipeline:>9}{med['redis']:>12.0f}{med['netty']:>12.0f}{med['netty']/med['redis']:>7.2f}"
              f"{med['virtual']:>12.0f}{med['virtual']/med['redis']:>7.2f}")
PY
