#!/usr/bin/env bash
# Sets up a Debian 12 machine for Concurrency Lab, builds it, and runs it or its tests.
#   tools/dev.sh run    install what is missing, build, start the application (on a machine
#                       without a display: the command line's default comparison)
#   tools/dev.sh test   install what is missing, build, run the whole test suite
#   tools/dev.sh deps [fuzz]  only install what is missing (fuzz: also clang and libFuzzer,
#                       for tools/fuzz.sh)
# BUILD_DIR (default: build) and MESON_ARGS choose the build; extra arguments go to the app.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build}
packages=(
  build-essential meson ninja-build pkg-config gettext python3
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libcairo2-dev libpango1.0-dev
  libgtk-4-dev libadwaita-1-dev libgtksourceview-5-dev
  desktop-file-utils appstream xvfb xauth fonts-dejavu-core
  python3-jsonschema
)
# clang and its runtimes (libFuzzer, ASan, UBSan): only tools/fuzz.sh needs them.
fuzz_packages=(clang libclang-rt-14-dev)
# hyperfine: the peers benchmark's baseline; without it, peers is skipped, not passed.
bench_packages=(hyperfine)

# Installs those of the given packages that are missing.
install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "Installing: ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "${missing[@]}"
}

configure_and_build() {
  if [ ! -f "$build/build.ninja" ]; then
    # shellcheck disable=SC2086
    meson setup "$build" "$top" ${MESON_ARGS:-}
  fi
  meson compile -C "$build"
}

cmd=${1:-run}
[ $# -gt 0 ] && shift
case "$cmd" in
  run)
    install_missing "${packages[@]}"
    configure_and_build
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$build/src/gui/concurrency-lab" ]; then
      # Uninstalled, the settings schema is found in the build tree.
      GSETTINGS_SCHEMA_DIR="$build/data" exec "$build/src/gui/concurrency-lab" "$@"
    fi
    exec "$build/src/cli/concurrency-lab-cli" run "$@"
    ;;
  test)
    install_missing "${packages[@]}"
    configure_and_build
    exec meson test -C "$build" --print-errorlogs --num-processes 2 "$@"
    ;;
  deps)
    if [ "${1:-}" = fuzz ]; then
      install_missing "${packages[@]}" "${fuzz_packages[@]}"
    elif [ "${1:-}" = bench ]; then
      install_missing "${packages[@]}" "${bench_packages[@]}"
    else
      install_missing "${packages[@]}"
    fi
    ;;
  *)
    echo "usage: tools/dev.sh run|test|deps [fuzz|bench] [args…]" >&2
    exit 2
    ;;
esac
