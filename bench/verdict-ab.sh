#!/usr/bin/env bash
# Benchmark (not a test): the A/B check, RUNS times. `./c10k compare --models netty,pool` with the default
# flood (200 connections, 10 x SLEEP 100 each, pool at 50 threads): the pool makes three of every four
# connections wait for a thread, so netty's request p99 should be lower, as a significant claim, every run.
#   bench/verdict-ab.sh [RUNS]            (default 5; each run takes one to three minutes on 2 cores)
#   C10K=/path/to/c10k  C10K_ARGS="--repeat 3"  to change what runs
set -euo pipefail
RUNS="${1:-5}"
# shellcheck source=bench/verdict-common.sh
source "$(dirname "$0")/verdict-common.sh"

found=0 measured=0
for run in $(seq "$RUNS"); do
  compare_run "$run" "$RUNS" netty,pool || continue
  measured=$((measured + 1))
  line="$(python3 - "$work/run-$run/compare.json" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
load = result["noise"]["load_average_1m"]["median"]
p99 = [c for c in result["claims"] if c["metric"] == "request_p99_ms"]
for c in p99:
    verdict = "significant" if c["significant"] else "not significant"
    print(f'{verdict}: {c["better"]} lower, {c["worse"]}\'s is {c["ratio"]:.1f}x '
          f'[{c["interval"][0]:.1f}-{c["interval"][1]:.1f}], adjusted p {c["adjusted_p_value"]:.2g} (load {load:.2f})'
          + (" HIT" if c["significant"] and c["better"] == "netty" else ""))
if not p99:
    print(f"no p99 claim (load {load:.2f})")
PY
)"
  case "$line" in *HIT) found=$((found + 1)) ;; esac
  echo "run $run/$RUNS: ${line% HIT}"
done
echo "A/B: $found of $measured measured runs claimed netty's request p99 lower than pool's as significant (target: all)"
