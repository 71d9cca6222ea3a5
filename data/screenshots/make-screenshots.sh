#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes the AppStream screenshots: starts the built app under Xvfb with a preset, runs it,
# and captures the 1280×800 window on the chart that tells each preset's story.
#
#   data/screenshots/make-screenshots.sh [BUILD_DIR] [OUTPUT_DIR]
#
# BUILD_DIR (default ./build) must already hold a built app; this script builds nothing.
# OUTPUT_DIR defaults to the folder of this script. Needs xvfb-run, xdotool, ImageMagick
# (import, compare, convert) and gsettings; dbus-run-session and optipng are used when present.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
presets="$here/../presets"
app_id=io.github.concurrencylab.ConcurrencyLab

# Outside Xvfb: check, then run this same script again on a private X server.
if [ -z "${CLAB_SCREENSHOTS_INNER:-}" ]; then
  build=$(cd "${1:-build}" 2>/dev/null && pwd) || { echo "no build folder: ${1:-build}" >&2; exit 2; }
  out=$(mkdir -p "${2:-$here}" && cd "${2:-$here}" && pwd)
  for f in src/gui/concurrency-lab src/worker/concurrency-lab-worker data/gschemas.compiled; do
    [ -e "$build/$f" ] || { echo "$build/$f is missing: build the app first" >&2; exit 2; }
  done
  for tool in xvfb-run xdotool import compare convert gsettings; do
    command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }
  done
  # A private session bus, so that a Concurrency Lab the user has open is never the one shown.
  bus=()
  command -v dbus-run-session >/dev/null && bus=(dbus-run-session --)
  # A throwaway home: the user's settings, caches and recent files stay untouched.
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/clab-screenshots.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  # The session's chatter (bus, portals, GTK) goes to a log, shown only when something fails.
  status=0
  CLAB_SCREENSHOTS_INNER="$tmp" xvfb-run -a -s '-screen 0 1280x800x24' \
    "${bus[@]}" bash "$0" "$build" "$out" 3>&2 >"$tmp/session.log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    echo "make-screenshots: failed; the end of the session's log:" >&2
    tail -n 30 "$tmp/session.log" >&2
  fi
  exit "$status"
fi

build=$1
out=$2
tmp=$CLAB_SCREENSHOTS_INNER
app_pid=
stop_app () {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then kill "$app_pid" 2>/dev/null || true; fi
}
trap stop_app EXIT
mkdir -p "$tmp/home" "$tmp/config" "$tmp/data" "$tmp/cache" "$tmp/state" "$tmp/runtime"
chmod 700 "$tmp/runtime"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
export XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state" XDG_RUNTIME_DIR="$tmp/runtime"
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$build/data"
export CLAB_WORKER_PATH="$build/src/worker/concurrency-lab-worker"
export GSK_RENDERER=cairo GDK_DEBUG=gl-disable GDK_BACKEND=x11
export GTK_A11Y=none NO_AT_BRIDGE=1 LANGUAGE=en LC_ALL=C.UTF-8
unset GTK_THEME
# The keyboard picks the charts; the shots show the app as someone using the pointer sees it,
# without the focus ring the keyboard draws.
mkdir -p "$XDG_CONFIG_HOME/gtk-4.0"
echo '* { outline-color: transparent; }' > "$XDG_CONFIG_HOME/gtk-4.0/gtk.css"

log () { echo "make-screenshots: $*" >&3; }

# The window opens on the plan it was left with, so the preset goes into the settings first.
set_preset () {
  local json
  json=$(tr '\n' ' ' < "$presets/$1.json" | sed -e 's/\\/\\\\/g' -e "s/'/\\\\'/g")
  gsettings set "$app_id" last-plan "'$json'"
}

capture () {
  import -silent -window "$1" "$2"
}

# The live CPU chart moves while a comparison runs; a window that stays still has finished.
wait_until_done () {
  local wid=$1 min=$2 max=$3 waited=0 still=0
  sleep "$min"
  capture "$wid" "$tmp/a.png"
  while [ "$waited" -lt "$max" ]; do
    sleep 1
    waited=$((waited + 1))
    capture "$wid" "$tmp/b.png"
    if [ "$(compare -metric AE "$tmp/a.png" "$tmp/b.png" null: 2>&1 || true)" = 0 ]; then
      still=$((still + 1))
      [ "$still" -ge 3 ] && return 0
    else
      still=0
    fi
    mv "$tmp/b.png" "$tmp/a.png"
  done
  log "the comparison did not finish within $((min + max)) s"
  return 1
}

# shoot PRESET MIN_SECONDS SIDEBAR CHART:KEY… — runs PRESET and captures each chart, chosen by
# the mnemonic of its button in the chart switcher (Alt+E elapsed, Alt+P CPU, Alt+T timeline,
# Alt+S scaling).
# SIDEBAR is "sidebar" to keep the list of comparisons, "wide" to give the chart its room.
shoot () {
  local preset=$1 min=$2 sidebar=$3 wid='' shot
  shift 3
  log "$preset: starting"
  set_preset "$preset"
  "$build/src/gui/concurrency-lab" &
  app_pid=$!
  for _ in $(seq 60); do
    wid=$(xdotool search --onlyvisible --name '^Concurrency Lab$' 2>/dev/null | head -n1 || true)
    [ -n "$wid" ] && break
    sleep 0.5
  done
  [ -n "$wid" ] || { log "the window did not open"; return 1; }
  xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid"
  sleep 2
  # The pointer rests on the empty end of the header bar: no hover, no tooltip.
  xdotool mousemove --window "$wid" 1000 27
  if [ "$sidebar" = wide ]; then xdotool key --clearmodifiers F9; fi
  log "$preset: running"
  xdotool key --clearmodifiers ctrl+Return
  wait_until_done "$wid" "$min" 300
  for shot in "$@"; do
    xdotool key --clearmodifiers "alt+${shot#*:}"
    sleep 1.5
    capture "$wid" "$tmp/${shot%%:*}.png"
    # Metadata off, 8 bits a channel: the same picture in a smaller file.
    convert "$tmp/${shot%%:*}.png" -strip -depth 8 "$out/${shot%%:*}.png"
    if command -v optipng >/dev/null; then optipng -quiet -o2 "$out/${shot%%:*}.png"; fi
    log "$preset: wrote $out/${shot%%:*}.png"
  done
  xdotool key --clearmodifiers ctrl+q
  for _ in $(seq 20); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
  stop_app
  wait "$app_pid" 2>/dev/null || true
  app_pid=
}

# Claim 1: two sleeps overlap on threads (≈2 s against 4 s one after the other).
shoot sleep-2x2 8 sidebar elapsed:e
# Claim 3: under one shared lock (the GIL) threads take turns while processes run in parallel.
shoot gil-lock 15 wide timeline:t cpu:p
# More workers than CPUs: compute speeds up with the workers until the CPUs run out.
shoot scaling 15 wide scaling:s
