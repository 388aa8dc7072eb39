#!/usr/bin/env bash
# Benchmark (not a test): the A/A check, RUNS times. `./c10k compare --models netty,netty` runs the same
# server as two groups (netty#1, netty#2), interleaved; any claim between them that comes out significant
# is a false alarm. The verdict's claims are Holm-corrected at 1%, so at most about one run in a hundred
# should have one; the target is at most 1 in 20.
#   bench/verdict-aa.sh [RUNS]            (default 20; each run takes about a minute on 2 cores)
#   C10K=/path/to/c10k  C10K_ARGS="--repeat 3"  to change what runs
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
C10K="${C10K:-$ROOT/c10k}"
RUNS="${1:-20}"
command -v python3 >/dev/null || { echo "needs python3 to read compare.json" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Prints the significant claims of a compare.json, one "metric better<worse ratio" per line.
significant() {
  python3 - "$1" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
for c in result["claims"]:
    if c["significant"]:
        print(f'{c["metric"]} {c["better"]}<{c["worse"]} {c["ratio"]:.2f}x')
PY
}

alarms=0
for run in $(seq "$RUNS"); do
  out="$work/run-$run"
  # shellcheck disable=SC2086 # C10K_ARGS is a list of options
  "$C10K" compare --models netty,netty -q ${C10K_ARGS:-} --out "$out" >"$work/stdout-$run.txt" 2>&1 \
    || { cat "$work/stdout-$run.txt" >&2; exit 1; }
  claims="$(significant "$out/compare.json")"
  load="$(python3 -c 'import json,sys; n=json.load(open(sys.argv[1]))["noise"]["load_average_1m"]; print("%.2f" % n["median"])' "$out/compare.json")"
  if [ -n "$claims" ]; then
    alarms=$((alarms + 1))
    echo "run $run/$RUNS: significant (load $load): $(echo "$claims" | paste -sd ';')"
  else
    echo "run $run/$RUNS: no clear difference (load $load)"
  fi
done
echo "A/A: $alarms of $RUNS runs had a significant claim between netty#1 and netty#2 (target: at most 1 in 20)"
