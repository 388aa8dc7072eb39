# Shared by bench/verdict-aa.sh and bench/verdict-ab.sh (sourced, not run): where c10k is, a scratch
# folder, and one comparison run that either yields a compare.json or says why it did not.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
C10K="${C10K:-$ROOT/c10k}"
command -v python3 >/dev/null || { echo "needs python3 to read compare.json" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# compare_run RUN RUNS MODELS: runs `c10k compare --models MODELS` into $work/run-RUN and prints nothing;
# when some server could not be run (exit 3, e.g. it did not start within 30 s on an overloaded machine),
# prints why and fails, so the caller leaves that run out of its count.
compare_run() {
  local out="$work/run-$1"
  # shellcheck disable=SC2086 # C10K_ARGS is a list of options
  if ! "$C10K" compare --models "$3" -q ${C10K_ARGS:-} --out "$out" >"$work/stdout-$1.txt" 2>&1; then
    echo "run $1/$2: not measured: $(grep -m1 'could not be measured' "$work/stdout-$1.txt" \
      || tail -1 "$work/stdout-$1.txt")"
    return 1
  fi
}
