#!/usr/bin/env bash
# Benchmark (not a test): the A/A check, RUNS times. `./c10k compare --models netty,netty` runs the same
# server as two groups (netty#1, netty#2), interleaved; any claim between them that comes out significant
# is a false alarm. The verdict's claims are Holm-corrected at 1%, so at most about one run in a hundred
# should have one; the target is at most 1 in 20.
#   bench/verdict-aa.sh [RUNS]            (default 20; each run takes one to three minutes on 2 cores)
#   C10K=/path/to/c10k  C10K_ARGS="--repeat 3"  to change what runs
set -euo pipefail
RUNS="${1:-20}"
# shellcheck source=bench/verdict-common.sh
source "$(dirname "$0")/verdict-common.sh"

alarms=0 measured=0
for run in $(seq "$RUNS"); do
  compare_run "$run" "$RUNS" netty,netty || continue
  measured=$((measured + 1))
  line="$(python3 - "$work/run-$run/compare.json" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
load = result["noise"]["load_average_1m"]["median"]
alarms = [f'{c["metric"]} {c["better"]}<{c["worse"]} {c["ratio"]:.2f}x' for c in result["claims"] if c["significant"]]
print((f"significant (load {load:.2f}): " + "; ".join(alarms) + " ALARM") if alarms
      else f"no clear difference (load {load:.2f})")
PY
)"
  case "$line" in *ALARM) alarms=$((alarms + 1)) ;; esac
  echo "run $run/$RUNS: ${line% ALARM}"
done
echo "A/A: $alarms of $measured measured runs had a significant claim between netty#1 and netty#2 (target: at most 1 in 20)"
