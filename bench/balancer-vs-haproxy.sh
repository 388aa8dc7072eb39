#!/usr/bin/env bash
# Benchmark (not a test): the same flood through `c10k balancer` and through HAProxy (TCP mode,
# roundrobin, the same three netty backends, the same PING health check), in one run on this machine,
# reported as a ratio. Rounds alternate the two proxies so background noise hits them alike; each
# round prints both and the ratio, and the last lines give the medians.
#   bench/balancer-vs-haproxy.sh [rounds]        (needs haproxy 2.x: apt-get install haproxy)
#   C10K=/path/to/c10k  CONNECTIONS=200  REQUESTS=200  to change what runs
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
C10K="${C10K:-$ROOT/c10k}"
ROUNDS="${1:-3}"
CONNECTIONS="${CONNECTIONS:-200}"
REQUESTS="${REQUESTS:-200}"
BACKEND_PORTS=(7491 7492 7493)
BALANCER_PORT=7480 HAPROXY_PORT=7481

command -v haproxy >/dev/null || { echo "needs haproxy: apt-get install haproxy" >&2; exit 2; }
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# True once something accepts on 127.0.0.1:$1; bash's /dev/tcp needs no extra tool.
wait_for_port() {
  for _ in $(seq 150); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.2
  done
  echo "nothing listens on port $1; logs in $work" >&2
  exit 1
}

backends=""
for port in "${BACKEND_PORTS[@]}"; do
  "$C10K" server netty --port "$port" --metrics-port -1 >"$work/netty-$port.log" 2>&1 & pids+=($!)
  backends="${backends:+$backends,}127.0.0.1:$port"
done
for port in "${BACKEND_PORTS[@]}"; do wait_for_port "$port"; done

"$C10K" balancer --port "$BALANCER_PORT" --metrics-port -1 --backends "$backends" \
  >"$work/balancer.log" 2>&1 & pids+=($!)

# HAProxy as close to the balancer as its configuration allows: TCP relay, round-robin, a PING
# health check every second (down after 3 failures, up after 2 passes), no connection limit in the way.
# maxconn costs two descriptors a connection and HAProxy refuses to start past ulimit -n (20 000 here).
fds="$(ulimit -n)"; [[ "$fds" =~ ^[0-9]+$ ]] || fds=65536
{
  printf 'global\n  maxconn %s\n\n' "$(( fds / 2 - 100 ))"
  printf 'defaults\n  mode tcp\n  timeout connect 1s\n  timeout client 60s\n  timeout server 60s\n\n'
  printf 'frontend lab\n  bind 127.0.0.1:%s\n  default_backend netty\n\n' "$HAPROXY_PORT"
  printf 'backend netty\n  balance roundrobin\n  option tcp-check\n'
  printf '  tcp-check send "PING\\r\\n"\n  tcp-check expect string +PONG\n'
  for port in "${BACKEND_PORTS[@]}"; do
    printf '  server netty-%s 127.0.0.1:%s check inter 1s fall 3 rise 2\n' "$port" "$port"
  done
} >"$work/haproxy.cfg"
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 & pids+=($!)
wait_for_port "$BALANCER_PORT"
wait_for_port "$HAPROXY_PORT"

# One flood; appends "proxy workload req/s p99_ms failed" to results.
flood() {
  local name=$1 port=$2 workload=$3 out="$work/flood-$1-$RANDOM"
  "$C10K" flood --target "127.0.0.1:$port" -c "$CONNECTIONS" -n "$REQUESTS" --command "$workload" \
    --quiet --out "$out" >"$out.log" 2>&1 || true
  python3 - "$out/results.json" "$name" "$workload" >>"$work/results" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
failed = r["requests"]["total"] - r["requests"]["counts"]["ok"]
print(sys.argv[2], sys.argv[3].replace(" ", "_"), r["requests_per_second"], r["request_latency"]["p99_ms"], failed)
PY
}

# Warm-up: JIT-compile the balancer's (and the backends') hot paths before anything is measured.
flood warmup "$BALANCER_PORT" PING
flood warmup "$HAPROXY_PORT" PING
: >"$work/results"

echo "./c10k flood -c $CONNECTIONS -n $REQUESTS through each proxy, $ROUNDS alternating rounds"
printf '%-6s %-10s %12s %10s %12s %10s %8s\n' round workload "balancer/s" "p99 ms" "haproxy/s" "p99 ms" ratio
for round in $(seq "$ROUNDS"); do
  for workload in "PING" "SLEEP 10"; do
    # Alternate who goes first, so neither always runs on a machine the other just warmed or heated.
    if (( round % 2 )); then flood balancer "$BALANCER_PORT" "$workload"; flood haproxy "$HAPROXY_PORT" "$workload"
    else flood haproxy "$HAPROXY_PORT" "$workload"; flood balancer "$BALANCER_PORT" "$workload"; fi
    python3 - "$work/results" "$round" "$workload" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    name, workload, rps, p99, failed = line.split()
    rows[name] = (float(rps), float(p99), int(failed))
b, h = rows["balancer"], rows["haproxy"]
note = "" if b[2] == h[2] == 0 else f"  failed: balancer {b[2]}, haproxy {h[2]}"
print(f"{sys.argv[2]:<6} {sys.argv[3]:<10} {b[0]:>12.0f} {b[1]:>10.1f} {h[0]:>12.0f} {h[1]:>10.1f} {b[0]/h[0]:>8.2f}{note}")
PY
    cat "$work/results" >>"$work/all"
    : >"$work/results"
  done
done

python3 - "$work/all" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, workload, rps, p99, failed = line.split()
    runs[(name, workload)].append((float(rps), float(p99)))
print("median over rounds (req/s, p99 ms; ratio = balancer / haproxy throughput):")
for workload in sorted({w for _, w in runs}):
    b, h = runs[("balancer", workload)], runs[("haproxy", workload)]
    bm, hm = statistics.median(x[0] for x in b), statistics.median(x[0] for x in h)
    print(f"  {workload.replace('_', ' '):<10} balancer {bm:>8.0f} req/s p99 {statistics.median(x[1] for x in b):>7.1f} ms"
          f"   haproxy {hm:>8.0f} req/s p99 {statistics.median(x[1] for x in h):>7.1f} ms   ratio {bm / hm:.2f}")
PY
