#!/usr/bin/env bash
# Benchmark (not a test): slow clients and SIGTERM against every model, the large versions of the
# hostile timing tests. Per model:
#   - TRICKLERS connections each send a never-ending request at one byte per second, with the
#     default --request-timeout (10s): how long they stay open and how they end, whether a PING
#     client beside them is answered, and whether a new client is served once they are gone;
#   - SIGTERM with IDLE idle connections open, and SIGTERM in the middle of
#     `redis-benchmark -c BENCH_CLIENTS`: time from the signal to the process's exit, and its exit code.
# The pool model runs the SIGTERM parts with --pool-size 64, so every connection holds a thread.
#   bench/hostile-slow.sh [models]       (default: netty virtual threads pool; needs python3, and
#                                         redis-benchmark for the last column: apt-get install redis-tools)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export C10K="${C10K:-$ROOT/c10k}"
export MODELS="${*:-netty virtual threads pool}"
export TRICKLERS="${TRICKLERS:-300}"
export IDLE="${IDLE:-50}"
export BENCH_CLIENTS="${BENCH_CLIENTS:-50}"

command -v python3 >/dev/null || { echo "needs python3" >&2; exit 2; }
"$C10K" --help >/dev/null # builds the lab first if needed, so no timing below includes a build

python3 - <<'PY'
import asyncio, os, shutil, signal, statistics, subprocess, sys, tempfile, time

C10K = os.environ["C10K"]
MODELS = os.environ["MODELS"].split()
TRICKLERS = int(os.environ["TRICKLERS"])
IDLE = int(os.environ["IDLE"])
BENCH_CLIENTS = int(os.environ["BENCH_CLIENTS"])
TRICKLE_PAUSE = 1.0          # seconds between a trickler's bytes, as in issue 12
TRICKLE_CAP = 40.0           # a trickler still open after this is reported as ">40s"
ENDLESS = b"*2\r\n$4\r\nECHO\r\n$100000\r\n"  # a request a trickler never finishes
BENCH = shutil.which("redis-benchmark")
logs = tempfile.mkdtemp(prefix="hostile-slow-")


def start(model, *extra):
    """Starts a server, returns (process, port) once it printed its LISTENING line."""
    args = ["server", "netty"] if model == "netty" else ["server", "blocking", "--model", model]
    err = open(os.path.join(logs, f"{model}-{len(os.listdir(logs))}.stderr"), "w")
    proc = subprocess.Popen([C10K, *args, "--port", "0", "--metrics-port", "-1", *extra],
                            stdout=subprocess.PIPE, stderr=err, text=True)
    for line in proc.stdout:
        if line.startswith("LISTENING"):
            address = dict(f.split("=", 1) for f in line.split()[1:])["address"]
            return proc, int(address.rsplit(":", 1)[1])
    raise SystemExit(f"{model} did not start; see {err.name}")


def stop(proc):
    """SIGTERM; seconds until the process exited, and its exit code."""
    start_time = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(timeout=60)
    return time.monotonic() - start_time, code


async def read_all(reader, timeout):
    """Everything until EOF (or a reset); None when the connection is still open after timeout."""
    data = b""
    try:
        async with asyncio.timeout(timeout):
            while chunk := await reader.read(65536):
                data += chunk
    except TimeoutError:
        return None
    except ConnectionError:
        pass
    return data


async def trickler(port):
    began = time.monotonic()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)

    async def trickle():
        try:
            for b in ENDLESS:
                writer.write(bytes([b]))
                await writer.drain()
                await asyncio.sleep(TRICKLE_PAUSE)
        except ConnectionError:
            pass

    sending = asyncio.create_task(trickle())
    data = await read_all(reader, TRICKLE_CAP)
    sending.cancel()
    writer.close()
    return time.monotonic() - began, data


async def ping(reader, writer):
    writer.write(b"PING\r\n")
    await writer.drain()
    return await reader.readline()


async def trickle_phase(port):
    side_reader, side_writer = await asyncio.open_connection("127.0.0.1", port)  # first, so a pool admits it
    tricklers = [asyncio.create_task(trickler(port)) for _ in range(TRICKLERS)]
    latencies, failures = [], 0
    while not all(t.done() for t in tricklers):
        sent = time.monotonic()
        try:
            reply = await asyncio.wait_for(ping(side_reader, side_writer), 10)
            if reply == b"+PONG\r\n":
                latencies.append(time.monotonic() - sent)
            else:
                failures += 1
        except (TimeoutError, ConnectionError):
            failures += 1
            break
        await asyncio.sleep(0.2)
    results = [await t for t in tricklers]
    side_writer.close()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    after = (await asyncio.wait_for(ping(reader, writer), 10)).decode().strip()
    writer.close()
    return results, latencies, failures, after


async def idle_connections(port, count):
    conns = []
    for _ in range(count):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        assert await asyncio.wait_for(ping(reader, writer), 10) == b"+PONG\r\n"
        conns.append((reader, writer))
    return conns


def describe_endings(results):
    timed_out = sum(1 for _, data in results if data == b"-ERR request timeout\r\n")
    still_open = sum(1 for _, data in results if data is None)
    other = {}
    for _, data in results:
        if data is not None and data != b"-ERR request timeout\r\n":
            key = data.decode(errors="replace").strip() or "closed, no reply"
            other[key] = other.get(key, 0) + 1
    parts = [f"{timed_out} request timeout"]
    if still_open:
        parts.append(f"{still_open} still open at {TRICKLE_CAP:.0f}s")
    parts += [f"{n} '{text}'" for text, n in other.items()]
    return ", ".join(parts)


rows = []
for model in MODELS:
    proc, port = start(model)
    results, latencies, failures, after = asyncio.run(trickle_phase(port))
    stop(proc)
    cut = sorted(seconds for seconds, data in results if data == b"-ERR request timeout\r\n")
    open_for = f"{statistics.median(cut):.1f} / {cut[-1]:.1f}" if cut else "-"
    side = f"{len(latencies)} ok, max {max(latencies) * 1000:.0f} ms" if latencies else "none answered"
    if failures:
        side += f", {failures} failed"

    extra = ["--pool-size", "64"] if model == "pool" else []
    proc, port = start(model, *extra)

    async def idle_then_stop():
        conns = await idle_connections(port, IDLE)
        seconds, code = await asyncio.to_thread(stop, proc)
        closed = sum([1 for r, _ in conns if await read_all(r, 5) is not None])
        return seconds, code, closed

    idle_seconds, idle_code, idle_closed = asyncio.run(idle_then_stop())
    idle = f"{idle_seconds:.2f} s, exit {idle_code}, {idle_closed}/{IDLE} closed"

    if BENCH:
        proc, port = start(model, *extra)
        bench = subprocess.Popen([BENCH, "-p", str(port), "-c", str(BENCH_CLIENTS), "-n", "100000000",
                                  "-t", "ping,set,get", "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(2)  # let it reach full speed
        bench_seconds, bench_code = stop(proc)
        try:
            bench.wait(timeout=10)
        except subprocess.TimeoutExpired:
            bench.kill()
        under_bench = f"{bench_seconds:.2f} s, exit {bench_code}"
    else:
        under_bench = "redis-benchmark not installed"
    rows.append((model, describe_endings(results), open_for, side, after, idle, under_bench))
    print(f"{model} done", file=sys.stderr)

print(f"\n{TRICKLERS} tricklers (1 byte/s, default --request-timeout 10s); SIGTERM with {IDLE} idle "
      f"connections and amid redis-benchmark -c {BENCH_CLIENTS} (default --drain-timeout 5s)\n")
head = ("model", "how the tricklers ended", "cut off after p50 / max (s)", "PING beside them",
        "new client after", f"SIGTERM, {IDLE} idle", f"SIGTERM, redis-benchmark -c {BENCH_CLIENTS}")
widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
for r in [head, tuple("-" * w for w in widths), *rows]:
    print(" | ".join(str(c).ljust(w) for c, w in zip(r, widths)))
print(f"\nserver stderr: {logs}")
PY
