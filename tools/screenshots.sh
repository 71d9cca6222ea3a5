#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Screenshots for looking at the application by eye: runs every preset once through the CLI
# with small sizes, opens each result in the application under Xvfb, and captures the four
# charts (Elapsed, CPU, Timeline, Scaling) and the Compare Results window with two results, at
# 1280×800 and 800×600 (a screen of that size, so a window that cannot shrink shows cut off),
# light, dark and German.
#   tools/screenshots.sh [BUILD_DIR] [OUTPUT_DIR] [--curated] [--presets "NAME …"]
# BUILD_DIR (default: build) must hold a built app; this script builds nothing. OUTPUT_DIR
# (default: BUILD_DIR/screenshots) gets <preset>-<chart>-<size>-<variant>.png, chart being
# elapsed, cpu, timeline, scaling or compare, and in the full set a contact sheet per preset
# (contact-<preset>.png) at half size. --curated makes the kept set of data/screenshots/: for
# the most demanding preset (python-gil) each view at 1280×800 light, 800×600 dark and
# 800×600 German. German installs BUILD_DIR's catalogue into LOCALEDIR (default
# /usr/local/share/locale). Needs xvfb-run, xdotool and ImageMagick; dbus-run-session,
# montage and optipng are used when present. Your own history and settings are not touched.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
self="$top/tools/screenshots.sh"
curated_preset=python-gil
charts="elapsed cpu timeline scaling"

# Inside Xvfb: the same script again, with the session's size and variant (see the end).
if [ "${1:-}" = --inner ]; then
  inner=1
  shift
else
  inner=
fi

# The preset's plan with the sizes made small, so that the whole set takes minutes; the shape
# of each chart (which mode overlaps, which waits) stays the preset's.
small_args () {
  case "$1" in
    sleep-2x2|pool-fifo|python-threading|python-processes|python-pool) echo "--size 0.5" ;;
    cpu-bound|gil-lock|python-gil) echo "--size 50" ;;
    scaling) echo "--size 20" ;;
    spawn-cost) echo "--tasks 50" ;;
    file-io) echo "--size 4" ;;
    memory) echo "--size 64" ;;
    *) echo "" ;;
  esac
}

# The chart switcher's mnemonic letter in the session's language, from the catalogue's source:
# translators choose their own letters (German: _Laufzeit, C_PU, _Zeitachse, S_kalierung).
mnemonic () {
  msgid=$(case "$1" in
            elapsed) echo _Elapsed ;; cpu) echo C_PU ;; timeline) echo _Timeline ;;
            scaling) echo _Scaling ;;
          esac)
  label=$msgid
  if [ "$2" != en ] && [ -f "$top/po/$2.po" ]; then
    translated=$(awk -v id="msgid \"$msgid\"" '
      $0 == id { getline; if (sub(/^msgstr "/, "")) { sub(/"$/, ""); print }; exit }' \
      "$top/po/$2.po")
    [ -n "$translated" ] && label=$translated
  fi
  printf '%s\n' "$label" | sed -n 's/^[^_]*_\(.\).*/\1/p' | tr '[:upper:]' '[:lower:]'
}

if [ -z "$inner" ]; then
  build=
  out=
  curated=
  presets=
  while [ $# -gt 0 ]; do
    case "$1" in
      --curated) curated=1 ;;
      --presets) shift; presets=${1:?--presets needs a list of names} ;;
      -h|--help) sed -n '4,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
      -*) echo "tools/screenshots.sh: unknown option $1" >&2; exit 2 ;;
      *) if [ -z "$build" ]; then build=$1; elif [ -z "$out" ]; then out=$1; else
           echo "usage: tools/screenshots.sh [BUILD_DIR] [OUTPUT_DIR] [--curated]" >&2; exit 2; fi ;;
    esac
    shift
  done
  build=${build:-build}
  [ -d "$build" ] || { echo "no build folder: $build" >&2; exit 2; }
  build=$(cd "$build" && pwd)
  out=${out:-$build/screenshots}
  mkdir -p "$out"
  out=$(cd "$out" && pwd)
  for f in src/gui/concurrency-lab src/cli/concurrency-lab-cli src/worker/concurrency-lab-worker \
           data/gschemas.compiled po/de/LC_MESSAGES/concurrency-lab.mo; do
    [ -e "$build/$f" ] || { echo "$build/$f is missing: build the app first" >&2; exit 2; }
  done
  for tool in xvfb-run xdotool import convert python3; do
    command -v "$tool" >/dev/null || { echo "$tool is needed (apt-get install xvfb xdotool imagemagick python3)" >&2; exit 2; }
  done
  locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\{0,1\}8$' \
    || echo "screenshots: the de_DE.UTF-8 locale is missing; German shots will show English numbers" >&2

  if [ -n "$curated" ]; then
    presets=${presets:-$curated_preset}
    sessions="1280x800:light 800x600:dark 800x600:de"
  else
    # The curated preset first: its shots then match those of a --curated run.
    presets=${presets:-$(echo $curated_preset; grep -vx "$curated_preset" "$top/data/presets/index.txt")}
    sessions="1280x800:light 800x600:light 800x600:de 800x600:dark 1280x800:de 1280x800:dark"
  fi
  # Compare Results shows the curated preset twice, or the first one asked for.
  compare_preset=$curated_preset
  echo "$presets" | tr ' ' '\n' | grep -qx "$compare_preset" \
    || compare_preset=$(echo "$presets" | awk '{ print $1 }')

  tmp=$(mktemp -d "${TMPDIR:-/tmp}/clab-screenshots.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/results" "$tmp/home"

  # German: the application looks for its catalogue in LOCALEDIR, not in the build folder.
  # Copied beside it and renamed over it: a German application running meanwhile keeps the
  # file it mapped, where writing into that file in place would crash it.
  case "$sessions" in
    *:de*)
      localedir=$(sed -n 's/^#define LOCALEDIR "\(.*\)"$/\1/p' "$build/config.h")
      mo=$localedir/de/LC_MESSAGES/concurrency-lab.mo
      { mkdir -p "${mo%/*}" && cp "$build/po/de/LC_MESSAGES/concurrency-lab.mo" "$mo.shots.$$" \
          && mv -f "$mo.shots.$$" "$mo"; } \
        || echo "screenshots: could not install the German catalogue into $localedir" >&2 ;;
  esac

  # One run of each preset, one at a time: the machine stays usable for others. A preset that
  # fails is left out of the pictures and makes the exit status 1.
  status=0
  for preset in $presets; do
    [ -f "$top/data/presets/$preset.json" ] || { echo "no such preset: $preset" >&2; exit 2; }
    echo "screenshots: running $preset" >&2
    # shellcheck disable=SC2046  # the small sizes are separate arguments
    HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/data" XDG_CONFIG_HOME="$tmp/home/config" \
      "$build/src/cli/concurrency-lab-cli" run --preset "$preset" --runs 1 --warmup 0 --quiet \
      $(small_args "$preset") --json "$tmp/results/$preset.json" >"$tmp/cli.log" 2>&1 \
      || { status=1; echo "screenshots: $preset failed:" >&2; tail -n 5 "$tmp/cli.log" >&2; }
  done
  # The Compare view wants two results of one plan: the same preset once more.
  if [ -f "$tmp/results/$compare_preset.json" ]; then
    # shellcheck disable=SC2046
    HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/data" XDG_CONFIG_HOME="$tmp/home/config" \
      "$build/src/cli/concurrency-lab-cli" run --preset "$compare_preset" --runs 1 --warmup 0 \
      --quiet $(small_args "$compare_preset") --json "$tmp/results/compare-second.json" \
      >"$tmp/cli.log" 2>&1 || { status=1; echo "screenshots: the second $compare_preset run failed" >&2; }
  fi

  for session in $sessions; do
    size=${session%%:*}
    variant=${session#*:}
    echo "screenshots: $size $variant" >&2
    bus=
    command -v dbus-run-session >/dev/null && bus="dbus-run-session --"
    # shellcheck disable=SC2086  # bus is a command prefix or nothing
    CLAB_SHOTS_BUILD=$build CLAB_SHOTS_OUT=$out CLAB_SHOTS_TMP=$tmp CLAB_SHOTS_PRESETS=$presets \
      CLAB_SHOTS_COMPARE=$compare_preset CLAB_SHOTS_CURATED=$curated \
      xvfb-run -a -s "-screen 0 ${size}x24" $bus sh "$self" --inner "$size" "$variant" \
      3>&2 >"$tmp/session.log" 2>&1 || {
        status=1
        echo "screenshots: the $size $variant session failed; the end of its log:" >&2
        tail -n 20 "$tmp/session.log" >&2
      }
  done

  # Contact sheets: every shot of a preset on one page at half size, for looking through.
  if [ -z "$curated" ] && command -v montage >/dev/null; then
    for preset in $presets; do
      set -- "$out/$preset"-*.png
      [ -e "$1" ] || continue
      montage "$@" -resize 50% -geometry +4+4 -tile 4x -title "$preset" "$out/contact-$preset.png" \
        2>/dev/null || true
    done
  fi
  # The kept set is optimized; the full one is for looking through once.
  # Only this run's pictures: data/screenshots/ also holds the AppStream ones.
  if [ -n "$curated" ] && command -v optipng >/dev/null; then
    for preset in $presets; do
      for f in "$out/$preset"-*.png; do [ -e "$f" ] && { optipng -quiet -o2 "$f" || true; }; done
    done
  fi
  echo "screenshots: $(find "$out" -name '*.png' | wc -l) pictures in $out" >&2
  exit "$status"
fi

# ---- Inside Xvfb ------------------------------------------------------------------------------
size=$1
variant=$2
width=${size%x*}
height=${size#*x}
build=$CLAB_SHOTS_BUILD
out=$CLAB_SHOTS_OUT
tmp=$CLAB_SHOTS_TMP
app_pid=

log () { echo "screenshots: $*" >&3; }

stop_app () {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then kill "$app_pid" 2>/dev/null || true; fi
}
trap stop_app EXIT

export CLAB_WORKER_PATH="$build/src/worker/concurrency-lab-worker"
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$build/data"
export GSK_RENDERER=cairo GDK_DEBUG=gl-disable GDK_BACKEND=x11 GTK_A11Y=none NO_AT_BRIDGE=1
unset GTK_THEME
case "$variant" in
  light) export LANGUAGE=en LC_ALL=C.UTF-8 ADW_DEBUG_COLOR_SCHEME=prefer-light; lang=en ;;
  dark) export LANGUAGE=en LC_ALL=C.UTF-8 ADW_DEBUG_COLOR_SCHEME=prefer-dark; lang=en ;;
  de) export LANGUAGE=de LC_ALL=de_DE.UTF-8 ADW_DEBUG_COLOR_SCHEME=prefer-light; lang=de ;;
  *) log "unknown variant $variant"; exit 2 ;;
esac

# A fresh home for each start: the sidebar shows only what this shot opened, and the person's
# own history and settings are never read or written.
fresh_home () {
  home=$(mktemp -d "$tmp/home.XXXXXX")
  mkdir -p "$home/config/gtk-4.0" "$home/data" "$home/cache" "$home/runtime"
  chmod 700 "$home/runtime"
  export HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data"
  export XDG_CACHE_HOME="$home/cache" XDG_STATE_HOME="$home/data" XDG_RUNTIME_DIR="$home/runtime"
  # The keyboard picks the charts; the shots show what someone using the pointer sees.
  echo '* { outline-color: transparent; }' > "$XDG_CONFIG_HOME/gtk-4.0/gtk.css"
}

# The newest visible top-level window of the application, other than $1.
find_window () {
  for _ in $(seq 60); do
    for w in $(xdotool search --onlyvisible --pid "$app_pid" 2>/dev/null | sort -rn); do
      [ "$w" = "${1:-}" ] && continue
      echo "$w"
      return 0
    done
    sleep 0.5
  done
  return 1
}

# Sizes the window to the whole screen and says so when it will not shrink that far. Below
# a width the sidebar folds with an animation; a shot taken during it shows the sidebar over
# the plan editor, so the window gets time to settle.
fit () {
  xdotool windowmove "$1" 0 0 windowsize "$1" "$width" "$height" 2>/dev/null || true
  sleep 4
  geometry=$(xdotool getwindowgeometry "$1" 2>/dev/null | sed -n 's/.*Geometry: //p')
  [ "$geometry" = "$size" ] || log "$2: the window is $geometry, not $size: it cannot shrink that far"
}

# Waits until the screen shows something other than the last shot and has stopped changing:
# on a busy machine a chart switch can take longer than any fixed pause, and a shot taken
# early shows the chart before it under the new chart's name.
last_shot=
# A digest of the screen's pixels alone: a PNG also holds the time it was written.
pixels () { import -silent -window root -depth 8 rgb:- | md5sum; }

settle () {
  previous=
  for _ in $(seq 40); do
    sleep 0.5
    current=$(pixels)
    if [ "$current" = "$previous" ] && [ "$current" != "$last_shot" ]; then
      last_shot=$current
      return 0
    fi
    previous=$current
  done
  log "$1: the screen did not settle on a new picture in 20 s"
}

shoot () {
  import -silent -window root "$tmp/shot.png"
  last_shot=$(convert "$tmp/shot.png" -depth 8 rgb:- | md5sum)
  convert "$tmp/shot.png" -strip -depth 8 "$out/$1-$size-$variant.png"
  log "wrote $1-$size-$variant.png"
}

start_app () {
  fresh_home
  "$build/src/gui/concurrency-lab" "$@" &
  app_pid=$!
  main=$(find_window) || { log "the window did not open"; return 1; }
  xdotool windowfocus --sync "$main" 2>/dev/null || xdotool windowfocus "$main" 2>/dev/null || true
  fit "$main" "$(basename "$1" .json)"
  # The pointer rests on the title: no hover, no tooltip.
  xdotool mousemove $((width / 2)) 12
  sleep 1
}

quit_app () {
  xdotool key --clearmodifiers ctrl+q 2>/dev/null || true
  for _ in $(seq 20); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
  stop_app
  wait "$app_pid" 2>/dev/null || true
  app_pid=
}

# One start per session: later presets go to the running application (it then lists the
# earlier ones in its sidebar, as it would for someone trying them in turn).
for preset in $CLAB_SHOTS_PRESETS; do
  [ -f "$tmp/results/$preset.json" ] || continue
  if [ -n "$app_pid" ] && ! kill -0 "$app_pid" 2>/dev/null; then
    wait "$app_pid" 2>/dev/null || log "the application ended with status $? before $preset"
    app_pid=
  fi
  if [ -z "$app_pid" ]; then
    start_app "$tmp/results/$preset.json" || { quit_app; continue; }
  else
    # Bounded: should the application have ended meanwhile, this one would stay as the new one.
    timeout 30 "$build/src/gui/concurrency-lab" "$tmp/results/$preset.json" \
      || log "opening $preset in the running application failed"
    sleep 2
  fi
  for chart in $charts; do
    xdotool key --clearmodifiers "alt+$(mnemonic "$chart" "$lang")"
    settle "$preset-$chart"
    shoot "$preset-$chart"
  done
done
quit_app

# Compare Results with two results of one preset: both opened, so both are in the history;
# the window lists them and the keyboard ticks the first two rows. The second file goes to the
# running application once the first has loaded: opening a file cancels one still loading.
preset=$CLAB_SHOTS_COMPARE
if [ -f "$tmp/results/$preset.json" ] && [ -f "$tmp/results/compare-second.json" ]; then
  start_app "$tmp/results/$preset.json"
  timeout 30 "$build/src/gui/concurrency-lab" "$tmp/results/compare-second.json" \
    || log "opening the second result failed"
  sleep 2
  xdotool key --clearmodifiers ctrl+shift+k
  compare=$(find_window "$main") || { log "Compare Results did not open"; exit 1; }
  xdotool windowfocus --sync "$compare" 2>/dev/null || true
  fit "$compare" compare
  xdotool mousemove $((width / 2)) 12
  # Focus starts on the header bar's button; the rows follow it.
  xdotool key --clearmodifiers Tab Tab space Down space
  sleep 2
  shoot "$preset-compare"
  quit_app
fi
