#!/usr/bin/env bash
# Fuzzes the readers of outside data (result files, plan files, the worker's lines) with
# libFuzzer: installs clang if missing, builds tests/fuzz with clang, ASan and UBSan into
# BUILD_DIR (default: build-fuzz), and runs each target for SECONDS (default: CLAB_FUZZ_SECONDS,
# else 60) from seeds of the repository's own files. Prints "fuzz-…: N runs, no crash" per
# target; fails if one crashes, leaking, hanging or running out of memory (the input is kept
# in BUILD_DIR/tests/fuzz/artifacts/).
#   tools/fuzz.sh [SECONDS]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build-fuzz}
seconds=${1:-${CLAB_FUZZ_SECONDS:-60}}
case "$seconds" in ''|*[!0-9]*) echo "usage: tools/fuzz.sh [SECONDS]" >&2; exit 2 ;; esac
targets=(fuzz-result fuzz-plan fuzz-protocol)

"$top/tools/dev.sh" deps fuzz
if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$top" -Dfuzzing=true -Dgui=disabled -Dbenchmarks=false \
    -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized
fi
meson compile -C "$build" "${targets[@]}" concurrency-lab-cli concurrency-lab-worker

status=0
CLAB_FUZZ_SECONDS=$seconds meson test -C "$build" --suite fuzz --no-rebuild \
  --num-processes ${#targets[@]} --print-errorlogs || status=1

python3 - "$build/meson-logs/testlog.json" <<'PY'
import json, sys
for line in open(sys.argv[1]).read().splitlines():
    test = json.loads(line)
    out = [l for l in (test.get("stdout") or "").splitlines() if l.startswith("fuzz-")]
    print(out[-1] if out else f"{test['name']}: {test.get('result')}")
PY
exit $status
