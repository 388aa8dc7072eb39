#!/usr/bin/env bash
# Benchmark (not a test): what a request and an idle connection cost each server, and what the
# flood costs as a load generator, next to redis-server and redis-benchmark on this machine.
# Rounds interleave the servers (and the generators) so background noise hits them alike; the
# tables show each one's median over the rounds and its ratio to Redis. Sections (default: all):
#   cpu        server CPU per request (utime+stime from /proc/PID/stat across one redis-benchmark
#              GET run, -c 200, divided by -n), unpipelined and -P 16: redis-server, netty, virtual
#   memory     RSS growth per idle held connection: a freshly started server (redis-server, netty,
#              virtual, threads) per round, CONNS connections that each answered one PING, then idle;
#              for the JVMs also the live heap they hold (GC.class_histogram with them held, less once
#              the server closed them), which RSS growth blurs with garbage and JIT code
#   generator  flood against redis-benchmark as load generators (PING, -c 200, unpipelined and -P 16)
#              against one redis-server: ok requests/s and the generator's own CPU per request; the
#              flood runs one event-loop thread (--threads 1) as redis-benchmark does, so on a 2-core
#              box each generator has the core the server leaves it
#   bench/perf.sh [rounds] [section ...]     (default: 3 rounds; QUICK=1: 1 round, small counts)
# Environment: CPU_REQUESTS (200000) and CPU_PIPELINED_REQUESTS (1000000) per redis-benchmark run,
# CONNS (5000) held connections, GEN_REQUESTS (400000) and GEN_PIPELINED_REQUESTS (5000000) per
# generator run (several seconds each: shorter runs measure the JVM's start and JIT, not the flood), C10K_JAVA_OPTS for the lab's JVMs, C10K to use another launcher.
# Needs redis-server, redis-benchmark and redis-cli (apt-get install redis-server redis-tools), python3.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
C10K="${C10K:-$ROOT/c10k}"

usage() { sed -n '2,/^set -/p' "$0" | grep '^#' | cut -c3-; }
ROUNDS=""
SECTIONS=()
for arg in "$@"; do
  case "$arg" in
    -h | --help) usage; exit 0 ;;
    cpu | memory | generator) SECTIONS+=("$arg") ;;
    *[!0-9]* | '' | 0) echo "unknown argument: $arg (expected: a number of rounds, cpu, memory, generator)" >&2; exit 2 ;;
    *) ROUNDS=$arg ;;
  esac
done
[ ${#SECTIONS[@]} -gt 0 ] || SECTIONS=(cpu memory generator)

# QUICK=1 is a smoke run of a minute or two: one round, a tenth of the requests, 1000 connections.
if [ "${QUICK:-0}" = 1 ]; then
  : "${ROUNDS:=1}" "${CPU_REQUESTS:=20000}" "${CPU_PIPELINED_REQUESTS:=200000}" "${CONNS:=1000}"
  : "${GEN_REQUESTS:=20000}" "${GEN_PIPELINED_REQUESTS:=200000}"
fi
ROUNDS="${ROUNDS:-3}"
CPU_REQUESTS="${CPU_REQUESTS:-200000}"
CPU_PIPELINED_REQUESTS="${CPU_PIPELINED_REQUESTS:-1000000}"
CONNS="${CONNS:-5000}"
GEN_REQUESTS="${GEN_REQUESTS:-400000}"
GEN_PIPELINED_REQUESTS="${GEN_PIPELINED_REQUESTS:-5000000}"
CLIENTS=200
RUN_TIMEOUT=600 # seconds any one benchmark run may take before it counts as failed
CPU_PORTS=(6601 7601 7602)            # redis netty virtual
MEMORY_PORTS=(6611 7611 7612 7613)    # redis netty virtual threads
GENERATOR_PORT=6621

for tool in redis-server redis-benchmark redis-cli; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install redis-server redis-tools" >&2; exit 2; }
done
command -v python3 >/dev/null || { echo "needs python3: apt-get install python3" >&2; exit 2; }
TICKS="$(getconf CLK_TCK)"

work="$(mktemp -d)"
results="$work/results" # one line per measurement: section server-or-tool pipeline value [more values]
touch "$results"
pids=()
failures=0
cleanup() {
  [ "$BASHPID" = "$$" ] || return 0 # not in a $(...) subshell that inherited the trap
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
"$C10K" --version >/dev/null # builds the lab once, before any server starts

# fail WHAT: says what failed on stderr; the script goes on and exits non-zero at the end.
fail() { echo "FAILED: $*" >&2; failures=$((failures + 1)); }

# start_server NAME PORT: starts redis-server or a lab model (netty, virtual, threads) fresh and waits
# until it answers PING; sets server_pid. JVM options come from C10K_JAVA_OPTS, read by the launcher.
start_server() {
  local name=$1 port=$2 command
  if timeout 2 redis-cli -p "$port" PING >/dev/null 2>&1; then
    echo "port $port is in use by another server; stop it or edit the ports at the top of $0" >&2
    exit 1
  fi
  case "$name" in
    redis) command=(redis-server --port "$port" --save '' --appendonly no --bind 127.0.0.1) ;;
    netty) command=("$C10K" server netty --port "$port" --metrics-port -1) ;;
    *) command=("$C10K" server blocking --model "$name" --port "$port" --metrics-port -1) ;;
  esac
  # A simple command run with & is the server's own process (the launcher execs java): its pid is the
  # one whose /proc counters are read.
  "${command[@]}" >"$work/$name-$port.log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  for _ in $(seq 300); do
    kill -0 "$server_pid" 2>/dev/null || break
    [ "$(timeout 2 redis-cli -p "$port" PING 2>/dev/null)" = PONG ] && return 0
    sleep 0.2
  done
  echo "the $name server on port $port did not answer PING within 60 s: $(tail -3 "$work/$name-$port.log")" >&2
  exit 1
}

# stop_server PID: SIGTERM, then SIGKILL if it still runs after 15 s.
stop_server() {
  kill "$1" 2>/dev/null || true
  for _ in $(seq 75); do kill -0 "$1" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# cpu_ticks PID: the process's utime+stime (all its threads) in clock ticks, from /proc/PID/stat.
cpu_ticks() {
  local stat
  stat="$(<"/proc/$1/stat")"
  # shellcheck disable=SC2086 # split the fields after "(comm) "; utime and stime are fields 14 and 15
  set -- ${stat##*) }
  echo $((${12} + ${13}))
}

# measured OUTFILE CMD...: runs CMD (bounded by RUN_TIMEOUT) with its output in OUTFILE and prints the
# CPU seconds it and all its descendants used (getrusage RUSAGE_CHILDREN after the wait); CMD's exit code.
measured() {
  python3 - "$RUN_TIMEOUT" "$@" <<'PY'
import resource, subprocess, sys
timeout, out, command = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
with open(out, "w") as log:
    try:
        code = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                              timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        code = 124
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{usage.ru_utime + usage.ru_stime:.3f}")
sys.exit(code)
PY
}

# benchmark PORT PIPELINE REQUESTS TEST [CLIENTS]: one redis-benchmark run; prints its requests/s.
benchmark() {
  local out
  out="$(timeout "$RUN_TIMEOUT" redis-benchmark -p "$1" -c "${5:-$CLIENTS}" -n "$3" -P "$2" -t "$4" --csv 2>/dev/null)" \
    || return 1
  awk -F'","' 'NR > 1 { gsub(/"/, "", $2); print $2; found = 1 } END { exit !found }' <<<"$out"
}

section_cpu() {
  local names=(redis netty virtual) server_pids=() i round pipeline requests before rps after
  for i in 0 1 2; do
    start_server "${names[$i]}" "${CPU_PORTS[$i]}"
    server_pids+=("$server_pid")
    # GET of a 3-byte value (redis-benchmark's default key and size), not of a missing key.
    redis-cli -p "${CPU_PORTS[$i]}" SET key:__rand_int__ xxx >/dev/null
  done
  # Warm-up: JIT-compile the JVM servers' hot paths, both unpipelined and pipelined, unmeasured.
  for i in 1 2; do
    for pipeline in 1 16; do
      benchmark "${CPU_PORTS[$i]}" "$pipeline" $((CPU_REQUESTS / 2 * pipeline)) get >/dev/null \
        || fail "cpu: warm-up of ${names[$i]} -P $pipeline"
    done
  done
  for round in $(seq "$ROUNDS"); do
    for pipeline in 1 16; do
      requests=$CPU_REQUESTS
      [ "$pipeline" = 1 ] || requests=$CPU_PIPELINED_REQUESTS
      for i in 0 1 2; do
        before="$(cpu_ticks "${server_pids[$i]}")"
        if rps="$(benchmark "${CPU_PORTS[$i]}" "$pipeline" "$requests" get)"; then
          after="$(cpu_ticks "${server_pids[$i]}")"
          echo "cpu ${names[$i]} $pipeline $(((after - before) * 1000000 / TICKS)) $requests $rps" >>"$results"
        else
          fail "cpu: redis-benchmark GET -P $pipeline against ${names[$i]}"
        fi
      done
    done
    echo "cpu: round $round of $ROUNDS done" >&2
  done
  for i in 0 1 2; do stop_server "${server_pids[$i]}"; done
}

# hold PORT COUNT PID: COUNT idle connections, each answered one PING; prints RSS before and after.
hold() {
  PYTHONPATH="$ROOT/bench" python3 - "$@" <<'PY'
import os, resource, socket, subprocess, sys, time
from resp_client import read_line, rss_kib

port, count, pid = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard)) # each held connection is an open file here too

def heap_bytes(pid):
    """Live heap of a JVM: GC.class_histogram runs a full GC first, so only reachable objects count."""
    jcmd = os.path.join(os.path.dirname(os.readlink(f"/proc/{pid}/exe")), "jcmd")
    out = subprocess.run([jcmd, str(pid), "GC.class_histogram"], capture_output=True, text=True, timeout=120).stdout
    return int(next(line.split()[2] for line in out.splitlines() if line.startswith("Total")))

def open_connections(port):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"INFO\r\n")
        text = b""
        while b"connections_open:" not in text or not text.endswith(b"\r\n"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            text += chunk
    return int(text.split(b"connections_open:")[1].split(b"\r\n")[0])

def live_heap_kib_per_connection(port, pid, clients):
    """What the held connections' objects occupy (JVMs only): the live heap with them held, less the
    live heap once the server has closed them all. Taken after the RSS reading, so it disturbs nothing."""
    if not clients or not os.path.basename(os.readlink(f"/proc/{pid}/exe")).startswith("java"):
        for sock in clients:
            sock.close()
        return "-"
    held_heap = heap_bytes(pid)
    for sock in clients:
        sock.close()
    deadline = time.monotonic() + 60
    while open_connections(port) > 1 and time.monotonic() < deadline: # 1: this INFO's own
        time.sleep(0.5)
    return f"{(held_heap - heap_bytes(pid)) / len(clients) / 1024:.2f}"

before = rss_kib(pid)
clients, error = [], ""
for i in range(count):
    sock = None
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        sock.sendall(b"PING\r\n") # answered only once the server has set the connection up
        reply = read_line(sock)
        if reply != b"+PONG\r\n":
            raise OSError(f"answered {reply!r}")
        clients.append(sock)
    except OSError as e:
        error = f"connection {i + 1} of {count}: {e}"
        if sock is not None:
            sock.close()
        break
held = len(clients)
# Steady once two reads a second apart differ by at most 1%, or after 30 s.
after, deadline = rss_kib(pid), time.monotonic() + 30
while time.monotonic() < deadline:
    time.sleep(1)
    previous, after = after, rss_kib(pid)
    if abs(after - previous) <= previous / 100:
        break
per = (after - before) / held if held else 0
live = live_heap_kib_per_connection(port, pid, clients)
print(f"held={held} before_kib={before} after_kib={after} kib_per_connection={per:.2f} live_kib={live}")
if error:
    print(error, file=sys.stderr)
PY
}

section_memory() {
  local names=(redis netty virtual threads) i round row held before_kib after_kib kib_per_connection live_kib
  for round in $(seq "$ROUNDS"); do
    for i in 0 1 2 3; do
      start_server "${names[$i]}" "${MEMORY_PORTS[$i]}"
      sleep 2 # let a fresh JVM finish its start-up allocations before the baseline
      if row="$(hold "${MEMORY_PORTS[$i]}" "$CONNS" "$server_pid" 2>"$work/hold.err")"; then
        eval "$row"
        echo "memory ${names[$i]} 0 $kib_per_connection $held" >>"$results"
        [ "$live_kib" = - ] || echo "live ${names[$i]} 0 $live_kib $held" >>"$results"
        [ "$held" = "$CONNS" ] || echo "memory: ${names[$i]} held only $held of $CONNS: $(cat "$work/hold.err")" >&2
        [ "$held" -gt 0 ] || fail "memory: ${names[$i]} held no connection"
      else
        fail "memory: holding connections on ${names[$i]}: $(tail -1 "$work/hold.err")"
      fi
      stop_server "$server_pid"
    done
    echo "memory: round $round of $ROUNDS done" >&2
  done
}

section_generator() {
  local round pipeline requests cpu out rps
  start_server redis "$GENERATOR_PORT"
  local redis_pid=$server_pid
  out="$work/generator.out"
  for round in $(seq "$ROUNDS"); do
    for pipeline in 1 16; do
      requests=$GEN_REQUESTS
      [ "$pipeline" = 1 ] || requests=$GEN_PIPELINED_REQUESTS
      if cpu="$(measured "$out" redis-benchmark -p "$GENERATOR_PORT" -c "$CLIENTS" -n "$requests" -P "$pipeline" \
          -t ping_mbulk --csv)" && rps="$(awk -F'","' 'NR > 1 { gsub(/"/, "", $2); print $2 }' "$out")" \
          && [ -n "$rps" ]; then
        echo "generator redis-benchmark $pipeline $rps $cpu $requests" >>"$results"
      else
        fail "generator: redis-benchmark PING -P $pipeline: $(tail -1 "$out")"
      fi
      rm -rf "$work/flood"
      if cpu="$(measured "$out" "$C10K" flood --target "127.0.0.1:$GENERATOR_PORT" -c "$CLIENTS" \
          -n $((requests / CLIENTS)) -P "$pipeline" --threads 1 --command PING -q --out "$work/flood")"; then
        python3 - "$work/flood/results.json" "$pipeline" "$cpu" >>"$results" <<'PY' || fail "generator: flood results"
import json, sys
result = json.load(open(sys.argv[1]))
ok, seconds = result["requests"]["counts"]["ok"], result["run"]["elapsed_seconds"]
print(f"generator flood {sys.argv[2]} {ok / seconds:.1f} {sys.argv[3]} {ok} "
      f"{result['harness_lag']['event_loops']['run_seconds']}")
PY
      else
        fail "generator: flood PING -P $pipeline: $(tail -1 "$out")"
      fi
    done
    echo "generator: round $round of $ROUNDS done" >&2
  done
  stop_server "$redis_pid"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; $ROUNDS interleaved round(s); $(date -u +%FT%TZ)"
for section in "${SECTIONS[@]}"; do
  "section_$section"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
python3 - "$results" "$ROUNDS" "$CLIENTS" "$CPU_REQUESTS" "$CPU_PIPELINED_REQUESTS" "$CONNS" "${SECTIONS[*]}" <<'PY'
import collections, statistics, sys

path, rounds, clients, requests, pipelined, conns, sections = sys.argv[1:8]
runs = collections.defaultdict(list)
for line in open(path):
    section, who, pipeline, *values = line.split()
    runs[(section, who, int(pipeline))].append([float(v) for v in values])

def median(section, who, pipeline, column=0):
    values = [v[column] for v in runs.get((section, who, pipeline), [])]
    return statistics.median(values) if values else None

def cell(value, base, unit_format="{:.2f}", ratio=True):
    if value is None:
        return "failed"
    text = unit_format.format(value)
    return f"{text} ({value / base:.2f}x)" if ratio and base else text

servers = ("redis", "netty", "virtual", "threads")
print(f"medians of {rounds} interleaved round(s); (Nx) = ratio to redis-server")
print(f"{'figure':<58}" + "".join(f"{s if s != 'redis' else 'redis-server':>18}" for s in servers))
if "cpu" in sections:
    for pipeline, n in ((1, requests), (16, pipelined)):
        label = f"server CPU us/request, GET -c {clients} -P {pipeline} (-n {n})"
        base = median("cpu", "redis", pipeline)
        cells = [cell(median("cpu", s, pipeline) / int(n) if median("cpu", s, pipeline) is not None else None,
                      base / int(n) if base else None) for s in servers[:3]]
        print(f"{label:<58}" + "".join(f"{c:>18}" for c in cells) + f"{'-':>18}")
    for pipeline in (1, 16):
        label = f"  (same runs: requests/s, -P {pipeline})"
        base = median("cpu", "redis", pipeline, 2)
        cells = [cell(median("cpu", s, pipeline, 2), base, "{:.0f}") for s in servers[:3]]
        print(f"{label:<58}" + "".join(f"{c:>18}" for c in cells) + f"{'-':>18}")
if "memory" in sections:
    label = f"RSS KiB per idle held connection ({conns} held, fresh)"
    base = median("memory", "redis", 0)
    print(f"{label:<58}" + "".join(f"{cell(median('memory', s, 0), base):>18}" for s in servers))
    label = "  live heap KiB per held connection (JVMs)"
    print(f"{label:<58}{'-':>18}" + "".join(f"{cell(median('live', s, 0), None):>18}" for s in servers[1:]))
    short = {s: min(v[1] for v in runs[("memory", s, 0)]) for s in servers if runs.get(("memory", s, 0))}
    for s, held in short.items():
        if held < int(conns):
            print(f"  note: {s} held only {held:.0f} of {conns} in some round; its figure divides by what it held")
print("CPU = utime+stime of the whole server process across the run; KiB = 1024 bytes of VmRSS growth,")
print("  which for a JVM follows the pages its heap first touches and the code it loads, not object sizes")
if "generator" in sections:
    print()
    print(f"load generators against one redis-server: PING, -c {clients}; flood/redis-benchmark ratios")
    print(f"{'pipeline':<10}{'redis-benchmark ok/s':>22}{'flood ok/s':>14}{'ratio':>7}"
          f"{'redis-benchmark us/req':>24}{'flood us/req':>14}{'ratio':>7}{'flood loops us/req':>20}"
          f"{'flood rest s':>14}")
    for pipeline in (1, 16):
        rb = runs.get(("generator", "redis-benchmark", pipeline), [])
        fl = runs.get(("generator", "flood", pipeline), [])
        if not rb or not fl:
            print(f"{pipeline:<10}failed")
            continue
        rb_rps = statistics.median(v[0] for v in rb)
        fl_rps = statistics.median(v[0] for v in fl)
        rb_us = statistics.median(v[1] * 1e6 / v[2] for v in rb)
        fl_us = statistics.median(v[1] * 1e6 / v[2] for v in fl)
        loops_us = statistics.median(v[3] * 1e6 / v[2] for v in fl)
        rest_s = statistics.median(v[1] - v[3] for v in fl)
        print(f"{pipeline:<10}{rb_rps:>22.0f}{fl_rps:>14.0f}{fl_rps / rb_rps:>7.2f}"
              f"{rb_us:>24.2f}{fl_us:>14.2f}{fl_us / rb_us:>7.2f}{loops_us:>20.2f}{rest_s:>14.1f}")
    print("ok/s: redis-benchmark's own figure; flood's ok requests / its own elapsed seconds (results.json)")
    print("us/req: CPU of the generator's whole process tree (getrusage of children) / requests; for the flood")
    print("  that includes JVM start, its in-process warm-up, JIT and GC; 'loops' is its event-loop thread only,")
    print("  'rest' the CPU seconds of everything else in its process: a fixed cost that longer runs spread thinner")
print()
print("every round's value (in the order run): cpu us/request, memory KiB/connection, generator ok/s")
for (section, who, pipeline), values in sorted(runs.items()):
    if section == "cpu":
        n = int(requests if pipeline == 1 else pipelined)
        shown = [f"{v[0] / n:.2f}" for v in values]
    elif section in ("memory", "live"):
        shown = [f"{v[0]:.2f}" + ("" if v[1] == int(conns) else f"(held {v[1]:.0f})") for v in values]
    else:
        shown = [f"{v[0]:.0f}" for v in values]
    print(f"  {section:<10}{who:<16}" + (f"-P {pipeline:<4}" if section not in ("memory", "live") else " " * 7) + " ".join(shown))
PY
if [ "$failures" -gt 0 ]; then
  echo "$failures step(s) failed (see FAILED lines above)" >&2
  exit 1
fi
