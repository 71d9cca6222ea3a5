#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The lab against the tools people use instead (issue 5):
#   1. `true` run 500 times: hyperfine -N against the command workload, sequential, through
#      concurrency-lab-cli --json; mean per run, target lab ≤ 1.2 × hyperfine.
#   2. The article's Python threading, multiprocessing and Pool examples, run with the system
#      python3, against the same plans in the lab: elapsed and start-up overhead, no target.
# A peer that is not installed is skipped with a message. Exit status: 0 when the target is
# met, 1 when it is missed, 77 (skipped) when hyperfine is missing.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cli=${CLAB_CLI_PATH:-concurrency-lab-cli}
reps=${CLAB_BENCH_REPS:-3}
runs=500
target=1.2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! command -v "$cli" >/dev/null 2>&1; then
  echo "peers: concurrency-lab-cli not found (set CLAB_CLI_PATH)" >&2
  exit 2
fi
if [ -x /usr/bin/python3 ]; then
  python=/usr/bin/python3
else
  python=$(command -v python3 || true)
fi

now () { date +%s.%N; }
calc () { awk "BEGIN { printf \"%.6f\", $1 }"; }

median () {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) printf "%.9f", v[(NR + 1) / 2]
    else printf "%.9f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The elapsed time of the first run in a result file of the lab.
lab_elapsed () {
  sed -n 's/.*"elapsed_s": *\([-0-9.e+]*\).*/\1/p' "$1" | head -n 1
}

# Runs the lab with the plan in "$@"; prints "<run elapsed> <whole command wall time>".
lab_run () {
  local start end
  start=$(now)
  "$cli" run --runs 1 --warmup 0 --quiet --json "$work/lab.json" "$@" >/dev/null
  end=$(now)
  echo "$(lab_elapsed "$work/lab.json") $(calc "$end - $start")"
}

hyperfine_mean () {
  hyperfine -N --runs "$runs" --style none --export-json "$work/hf.json" true >/dev/null 2>&1
  sed -n 's/.*"mean": *\([-0-9.e+]*\).*/\1/p' "$work/hf.json" | head -n 1
}

lab_true_mean () {
  local elapsed
  read -r elapsed _ < <(lab_run --workload command --command true --tasks "$runs" \
                                --workers 1 --modes sequential)
  calc "$elapsed / $runs"
}

compare_true () {
  local hf=() lab=() h l ratio verdict
  # Alternating which goes first, so that a shared machine's drift hits both alike.
  for ((r = 0; r < reps; r++)); do
    if ((r % 2 == 0)); then
      hf+=("$(hyperfine_mean)"); lab+=("$(lab_true_mean)")
    else
      lab+=("$(lab_true_mean)"); hf+=("$(hyperfine_mean)")
    fi
  done
  h=$(median "${hf[@]}")
  l=$(median "${lab[@]}")
  ratio=$(calc "$l / $h")
  verdict=$(awk "BEGIN { print ($ratio <= $target) ? \"pass\" : \"FAIL\" }")
  echo
  echo "peers: \`true\` × $runs, sequential; baseline: hyperfine -N --runs $runs true" \
       "(median of $reps, alternating)"
  printf '  %-36s %14s %14s %9s %11s  %s\n' figure measured baseline ratio target result
  printf '  %-36s %11.1f µs %11.1f µs %9.3f %11s  %s\n' "command workload, mean per run" \
    "$(calc "$l * 1e6")" "$(calc "$h * 1e6")" "$ratio" "≤ $target" "$verdict"
  [ "$verdict" = pass ]
}

# One line of the Python table: the script, the lab's plan, and the ideal time.
python_case () {
  local name=$1 script=$2 ideal=$3 py_args=$4
  shift 4
  local start end py_in py_wall lab_in lab_wall
  start=$(now)
  # shellcheck disable=SC2086  # the arguments are words on purpose
  py_in=$("$python" "$here/$script" $py_args)
  end=$(now)
  py_wall=$(calc "$end - $start")
  read -r lab_in lab_wall < <(lab_run "$@")
  printf '  %-28s %7.3f s %9.3f s %+9.3f s %9.3f s %9.3f s %+9.3f s %9.3f s\n' "$name" "$ideal" \
    "$py_in" "$(calc "$py_in - $ideal")" "$py_wall" \
    "$lab_in" "$(calc "$lab_in - $ideal")" "$lab_wall"
}

compare_python () {
  local sleep2=(--workload sleep --size 2)
  echo
  echo "peers: the article's Python examples ($("$python" --version 2>&1), $python)" \
       "against the same plans in the lab"
  printf '  %-28s %9s %11s %11s %11s %11s %11s %11s\n' case ideal python "overhead" \
    "py wall" lab "overhead" "lab wall"
  python_case "2 × sleep 2 s, threads" article-threading.py 2 "2 2" \
    "${sleep2[@]}" --tasks 2 --workers 2 --modes threads
  python_case "2 × sleep 2 s, processes" article-multiprocessing.py 2 "2 2" \
    "${sleep2[@]}" --tasks 2 --workers 2 --modes processes
  python_case "10 × sleep 2 s, pool of 1" article-pool.py 20 "10 2 1" \
    "${sleep2[@]}" --tasks 10 --workers 1 --modes process-pool
  echo "  python, lab: elapsed inside the script, and the lab's run; overhead: minus the ideal;"
  echo "  py wall, lab wall: the whole command, interpreter or CLI start-up included"
}

status=0
if [ -n "$python" ]; then
  compare_python
else
  echo "peers: python3 is not installed: the article's Python examples are skipped"
fi
if command -v hyperfine >/dev/null 2>&1; then
  compare_true || status=1
else
  echo "peers: hyperfine is not installed: the \`true\` × $runs comparison is skipped"
  status=77
fi
if [ "$status" = 0 ]; then echo "peers: every target met"; fi
if [ "$status" = 1 ]; then echo "peers: TARGET MISSED"; fi
exit "$status"
