#!/usr/bin/env bash
# Runs one libFuzzer target for CLAB_FUZZ_SECONDS (default 60) on a scratch copy of its seeds.
#   run-fuzzer.sh NAME FUZZER ARTIFACT_DIR [--result-seed] SEED…
# A seed is a file or a folder of files; --result-seed adds a result file that the command
# line (CLAB_CLI_PATH) saves. Ends with "NAME: N runs, no crash", or keeps the crashing
# input in ARTIFACT_DIR and fails.
set -uo pipefail

name=$1 fuzzer=$2 artifacts=$3
shift 3
seconds=${CLAB_FUZZ_SECONDS:-60}
case "$seconds" in ''|*[!0-9]*) echo "CLAB_FUZZ_SECONDS must be a whole number of seconds"; exit 1 ;; esac
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

scratch=$(mktemp -d) || exit 1
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/corpus"
for seed in "$@"; do
  if [ "$seed" = --result-seed ]; then
    # Sequential and threads need no worker: a real result file in well under a second.
    if ! (cd "$scratch" && ASAN_OPTIONS=detect_leaks=0 "$CLAB_CLI_PATH" run --workload sleep \
            --size 0.01 --tasks 2 --modes sequential,threads --json "$scratch/corpus/result.json" \
            >/dev/null 2>"$scratch/cli.log"); then
      echo "$name: could not make a result file to seed with:"; cat "$scratch/cli.log"; exit 1
    fi
  elif [ -d "$seed" ]; then
    cp "$seed"/* "$scratch/corpus/"
  else
    cp "$seed" "$scratch/corpus/"
  fi
done
mkdir -p "$artifacts"

timeout --kill-after=30 $((seconds + 300)) "$fuzzer" -max_total_time="$seconds" \
  -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 -artifact_prefix="$artifacts/$name-" \
  "$scratch/corpus" >"$scratch/fuzz.log" 2>&1
rc=$?
runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$scratch/fuzz.log" | tail -n 1)
if [ $rc -ne 0 ] || [ -z "$runs" ]; then
  # libFuzzer's own exit status for a crash is 77, which meson would count as skipped.
  tail -n 80 "$scratch/fuzz.log"
  echo "$name: CRASH (exit status $rc); the input is kept in $artifacts"
  exit 1
fi
echo "$name: $runs runs, no crash"
