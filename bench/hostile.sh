#!/usr/bin/env bash
# Benchmark (not a test): hostile clients against each model, each started fresh, with the figures
# the lab's claims rest on. Sections (default: all of them, in this order):
#   memory  2000 connections (threads: 300) each send only the 14-byte header *1\r\n$1048576\r\n and
#           wait: RSS growth per connection (VmRSS from /proc before and after), next to what as many
#           idle connections cost on a fresh server (the model's own price), and whether a PING client
#           on the side was answered throughout
#   oom     with -Xmx256m, 500 connections (threads: 300) each send all but the last byte of a 1 MiB
#           frame: with the default client buffer budget the server must keep serving; with the
#           budget off it must exit non-zero within seconds (-XX:+ExitOnOutOfMemoryError), not linger
#   bench/hostile.sh [section ...]      MODELS="netty virtual threads" to choose models
# A section is a function named section_<name> that prints its own table; add one the same way.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
C10K="${C10K:-$ROOT/c10k}"
MODELS="${MODELS:-netty virtual threads}"
read -r -a SECTIONS <<<"${*:-memory oom}"

work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ "$BASHPID" = "$$" ] || return 0 # not in a $(...) subshell that inherited the trap
  [ -n "$server_pid" ] && kill -9 "$server_pid" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
"$C10K" --version >/dev/null # builds the lab once, before any server starts

# The server arguments of a model name.
model_args() {
  case "$1" in
    netty) echo "netty" ;;
    *) echo "blocking --model $1" ;;
  esac
}

# connections_for MODEL N: N, or 300 for threads, whose platform thread per connection costs more.
connections_for() {
  if [ "$1" = threads ]; then echo 300; else echo "$2"; fi
}

# start_server MODEL PORT [server options...]: starts it fresh (JVM options from C10K_JAVA_OPTS), sets server_pid.
start_server() {
  local model=$1 port=$2
  shift 2
  # shellcheck disable=SC2046
  "$C10K" server $(model_args "$model") --port "$port" --metrics-port -1 --backlog 4096 "$@" \
    >"$work/$model.out" 2>"$work/$model.err" &
  server_pid=$!
  for _ in $(seq 150); do
    grep -q '^LISTENING' "$work/$model.out" 2>/dev/null && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.2
  done
  echo "the $model server did not start: $(tail -3 "$work/$model.err")" >&2
  exit 1
}

# stop_server: SIGTERM if it still runs; sets exit_code to how it ended (0 = graceful stop).
stop_server() {
  kill "$server_pid" 2>/dev/null || true
  exit_code=0
  wait "$server_pid" 2>/dev/null || exit_code=$?
  server_pid=""
}

# attack MODE PORT CONNECTIONS PID: the clients, in Python; prints one result row as key=value pairs.
attack() {
  PYTHONPATH="$ROOT/bench" python3 - "$@" <<'PY'
import os, socket, sys, threading, time
from resp_client import read_line, rss_kib

mode, port, count, pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
HEADER = b"*1\r\n$1048576\r\n"
ADDRESS = ("127.0.0.1", port)

def alive():
    try:
        os.kill(pid, 0)
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[1].split()[0] != "Z"
    except OSError:
        return False

def receive(sock):
    chunk = sock.recv(65536)
    if not chunk:
        raise OSError("the server closed the connection")
    return chunk

def info(sock):
    sock.sendall(b"INFO\r\n")
    data = b""
    while b"\r\n" not in data:
        data += receive(sock)
    length = int(data[1:data.index(b"\r\n")])
    need = data.index(b"\r\n") + 2 + length + 2
    while len(data) < need:
        data += receive(sock)
    text = data[data.index(b"\r\n") + 2:need - 2].decode()
    return dict(line.split(":", 1) for line in text.split("\r\n") if ":" in line and not line.startswith("#"))

class Pinger(threading.Thread):
    """PINGs every 100 ms on its own connection; a reply later than 2 s counts as a failure."""
    def __init__(self):
        super().__init__(daemon=True)
        self.stop, self.ok, self.failed, self.max_ms = threading.Event(), 0, 0, 0.0
    def run(self):
        sock = None
        while not self.stop.is_set():
            start = time.monotonic()
            try:
                if sock is None:
                    sock = socket.create_connection(ADDRESS, timeout=2)
                sock.sendall(b"PING\r\n")
                read_line(sock)
                self.ok += 1
                self.max_ms = max(self.max_ms, (time.monotonic() - start) * 1000)
            except OSError:
                self.failed += 1
                if sock is not None:
                    sock.close()
                sock = None
            self.stop.wait(0.1)

pinger = Pinger()
pinger.start()
time.sleep(0.5)
observer = socket.create_connection(ADDRESS, timeout=10)
before = rss_kib(pid)
start = time.monotonic()
clients = []
for i in range(count):
    try:
        sock = socket.create_connection(ADDRESS, timeout=10)
    except OSError:
        break # the server is gone
    clients.append(sock)
    try:
        if mode != "idle":
            sock.sendall(HEADER if mode == "headers" else HEADER + bytes(1024 * 1024 - 1))
    except OSError:
        pass # the server closed it: evicted by the budget, or gone
    if not alive():
        break

result = {}
if mode in ("idle", "headers"):
    # Settled once every attacker is open and the accounted bytes stop moving.
    last = None
    for _ in range(100):
        fields = info(observer)
        if int(fields["connections_open"]) >= count + 2 and fields["client_buffer_bytes"] == last:
            break
        last = fields["client_buffer_bytes"]
        time.sleep(0.3)
    time.sleep(1)
    after = rss_kib(pid)
    fields = info(observer)
    result.update(rss_before_mib=round(before / 1024), rss_after_mib=round(after / 1024),
                  kib_per_connection=round((after - before) / count, 1),
                  client_buffer_kib_per_connection=round(int(fields["client_buffer_bytes"]) / 1024 / count, 1))
else:
    # Serving (INFO answers a second after the attack), exited, or alive but answering nothing.
    state, deadline = "unresponsive", time.monotonic() + 15
    observer.settimeout(2)
    while time.monotonic() < deadline:
        if not alive():
            state = "exited"
            break
        try:
            time.sleep(1)
            info(observer)
            state = "serving"
            break
        except OSError:
            pass
    seconds = round(time.monotonic() - start, 1)
    closed = 0 # by the server: evicted by the budget with -ERR, or ended by its exit
    for sock in clients:
        sock.setblocking(False)
        try:
            closed += sock.recv(1, socket.MSG_PEEK) in (b"", b"-")
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
    result.update(state=state, seconds=seconds, closed=closed)
pinger.stop.set()
pinger.join()
result.update(pings_ok=pinger.ok, pings_failed=pinger.failed, ping_max_ms=round(pinger.max_ms))
for sock in clients:
    sock.close()
print(" ".join(f"{key}={value}" for key, value in result.items()))
PY
}

section_memory() {
  echo "== memory: connections that send only the 14-byte header of a 1 MiB bulk string, then wait"
  echo "   RSS growth per connection, each on a fresh server: idle connections (what the model itself costs),"
  echo "   then header-only ones; 'accounted' is INFO's client_buffer_bytes per connection; pings on the side"
  printf '%-8s %6s %10s %10s %12s %10s %9s %7s %7s\n' model conns 'idle KiB' 'header KiB' 'rss MiB' accounted pings_ok failed max_ms
  local model port=7480 conns row idle
  for model in $MODELS; do
    conns="$(connections_for "$model" 2000)"
    start_server "$model" "$port"
    row="$(attack idle "$port" "$conns" "$server_pid")"
    stop_server
    eval "local $row"
    idle=$kib_per_connection
    start_server "$model" $((port + 1))
    row="$(attack headers $((port + 1)) "$conns" "$server_pid")"
    stop_server
    eval "local $row"
    printf '%-8s %6s %10s %10s %12s %10s %9s %7s %7s\n' "$model" "$conns" "$idle" "$kib_per_connection" \
      "$rss_before_mib->$rss_after_mib" "$client_buffer_kib_per_connection" "$pings_ok" "$pings_failed" "$ping_max_ms"
    port=$((port + 2))
  done
}

section_oom() {
  echo "== oom: -Xmx256m, connections that each send all but the last byte of a 1 MiB frame"
  printf '%-8s %6s %-8s %-13s %8s %5s %8s %9s %7s  %s\n' model conns budget state seconds exit closed pings_ok failed \
    'last stderr line'
  local model port=7490 conns budget row
  for model in $MODELS; do
    conns="$(connections_for "$model" 500)"
    for budget in default off; do
      local options=()
      [ "$budget" = off ] && options=(--max-client-buffer-bytes 0)
      C10K_JAVA_OPTS="${C10K_JAVA_OPTS:-} -Xmx256m" start_server "$model" "$port" "${options[@]}"
      row="$(attack frames "$port" "$conns" "$server_pid")"
      stop_server
      eval "local $row"
      printf '%-8s %6s %-8s %-13s %8s %5s %8s %9s %7s  %s\n' "$model" "$conns" "$budget" "$state" "$seconds" \
        "$exit_code" "$closed" "$pings_ok" "$pings_failed" "$(grep -v '^\s*$' "$work/$model.err" | tail -1 | cut -c1-80)"
      port=$((port + 1))
    done
  done
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (ping latencies depend on it)"
for section in "${SECTIONS[@]}"; do
  "section_$section"
done
