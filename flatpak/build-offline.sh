#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The offline end-to-end proof of the Flatpak manifest.
#
# The GNOME runtime cannot be downloaded here, so this script makes a Platform and an Sdk from
# Debian 12 packages (debootstrap + apt in a chroot), exports both with
# `flatpak build-export --runtime` to a local repository, installs them with `flatpak --user`,
# builds the real manifest with flatpak-builder (only runtime, sdk and their branch rewritten),
# installs the application and then, inside the sandbox:
#   - runs concurrency-lab-cli on the sleep-2x2 preset in every mode, writing JSON and a PNG chart
#     into the application's data folder, and checks both, and that the checksums of every task
#     match the same plan run by a host build;
#   - starts the application under xvfb-run and checks that its window opens.
#
# Usage: flatpak/build-offline.sh [--host-cli PATH] [--keep]
#   --host-cli PATH   the host build's concurrency-lab-cli to compare with (default: build one)
#   --keep            keep the temporary folder (its path is printed) for inspection
# Environment: CLAB_FLATPAK_CACHE (default /var/tmp/clab-flatpak-cache) holds the two runtimes
# between runs, keyed by a hash of the package lists; CLAB_DEBIAN_MIRROR and
# CLAB_DEBIAN_SECURITY_MIRROR (default: the ones this machine's apt uses for bookworm, else
# debootstrap's default); CLAB_JOBS (default 2).
#
# Exit status: 0 passed, 77 skipped (one line "skipped: why": flatpak or debootstrap cannot work
# here at all), anything else failed.

set -euo pipefail

APP_ID=io.github.concurrencylab.ConcurrencyLab
SUITE=bookworm
BRANCH=12
PLATFORM_ID=io.github.concurrencylab.Debian.Platform
SDK_ID=io.github.concurrencylab.Debian.Sdk
REMOTE=clab-offline
# Bump when the way a runtime is laid out changes, so that cached runtimes are rebuilt.
RECIPE=3

MIRROR=${CLAB_DEBIAN_MIRROR:-}
SECURITY_MIRROR=${CLAB_DEBIAN_SECURITY_MIRROR:-}
CACHE=${CLAB_FLATPAK_CACHE:-/var/tmp/clab-flatpak-cache}
JOBS=${CLAB_JOBS:-2}
MODES=sequential,threads,thread-pool,processes,process-pool
CHART_W=1280
CHART_H=720

# What GNOME's Platform gives this application: GLib, json-glib, cairo, Pango, GTK 4,
# libadwaita, GtkSourceView 5, icons, fonts, Mesa for GL, the tools a Platform carries
# (ldconfig, gio), and Python 3 with its standard library (the Python runtime's plans).
PLATFORM_PKGS=(
  libglib2.0-0 libglib2.0-bin shared-mime-info gsettings-desktop-schemas
  libjson-glib-1.0-0 libcairo2 libpango-1.0-0 libpangocairo-1.0-0 libpangoft2-1.0-0
  libgtk-4-1 libgtk-4-common libadwaita-1-0 libgtksourceview-5-0 libgtksourceview-5-common
  libgdk-pixbuf-2.0-0 librsvg2-common python3
  adwaita-icon-theme hicolor-icon-theme fontconfig fonts-cantarell fonts-dejavu-core xkb-data
  libgl1 libegl1 libgles2 libgl1-mesa-dri libglx-mesa0 libegl-mesa0
)
# The Sdk is the Platform plus a compiler, meson, ninja, pkg-config, the -dev packages and the
# tools that the build and flatpak-builder call (msgfmt, appstream-compose, icon cache, …).
SDK_PKGS=(
  gcc libc6-dev meson ninja-build pkgconf gettext python3
  libglib2.0-dev libglib2.0-dev-bin libjson-glib-dev libcairo2-dev libpango1.0-dev
  libgtk-4-dev libgtk-4-bin libadwaita-1-dev libgtksourceview-5-dev libxml2-utils
  desktop-file-utils appstream appstream-util
)
HOST_TOOLS=(flatpak:flatpak flatpak-builder:flatpak-builder debootstrap:debootstrap
  bwrap:bubblewrap xvfb-run:xvfb xauth:xauth xdotool:xdotool xwininfo:x11-utils
  dbus-run-session:dbus-daemon eu-strip:elfutils meson:meson ninja:ninja-build python3:python3
  flock:util-linux)

SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MANIFEST=$SRCDIR/flatpak/$APP_ID.json
HOST_CLI=
KEEP=
START=$(date +%s)
WORK=

while [ $# -gt 0 ]; do
  case "$1" in
    --host-cli) HOST_CLI=$2; shift 2 ;;
    --host-cli=*) HOST_CLI=${1#*=}; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '3,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-offline: unknown argument: $1" >&2; exit 2 ;;
  esac
done

step () {
  local now
  now=$(date +%s)
  echo "==> [$((now - START))s] $*"
}

info () { echo "    $*"; }

skip () {
  echo "skipped: $*"
  exit 77
}

fail () {
  echo "FAILED: $*" >&2
  exit 1
}

# Runs a command with its output in a log file; on failure shows the end of the log.
logged () {
  local log=$1 rc=0
  shift
  "$@" >"$log" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "---- last lines of $log ----" >&2
    tail -n 40 "$log" >&2
    fail "$* (exit status $rc)"
  fi
}

cleanup () {
  local rc=$? mp
  set +e
  if [ -n "$WORK" ] && [ -d "$WORK" ]; then
    # Unmount whatever is still mounted below the work folder (the chroot's /proc), deepest
    # first, before removing anything: never follow a bind mount out of it.
    for mp in $(awk '{print $2}' /proc/self/mounts | grep "^$WORK/" | sort -r); do
      umount "$mp" 2>/dev/null || umount -l "$mp"
    done
    if [ -n "$KEEP" ]; then
      echo "==> kept $WORK"
    else
      rm -rf --one-file-system "$WORK"
    fi
  fi
  if [ -n "${CACHE_TMP:-}" ] && [ -d "$CACHE_TMP" ]; then
    rm -rf --one-file-system "$CACHE_TMP"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

have () { command -v "$1" >/dev/null 2>&1; }

[ -z "$HOST_CLI" ] || HOST_CLI=$(realpath -m -- "$HOST_CLI")

# --- 1. Tools ------------------------------------------------------------------------------

ensure_host_tools () {
  local entry cmd pkg missing=()
  for entry in "${HOST_TOOLS[@]}"; do
    cmd=${entry%%:*}
    pkg=${entry#*:}
    have "$cmd" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "installing missing host tools: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ] || ! have apt-get; then
    skip "missing ${missing[*]}, and apt-get cannot install them here (not root or not Debian)"
  fi
  if ! (apt-get update -q && DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${missing[@]}") >/tmp/clab-flatpak-apt.$$.log 2>&1; then
    tail -n 20 /tmp/clab-flatpak-apt.$$.log >&2
    rm -f /tmp/clab-flatpak-apt.$$.log
    skip "apt-get could not install ${missing[*]}"
  fi
  rm -f /tmp/clab-flatpak-apt.$$.log
  for entry in "${HOST_TOOLS[@]}"; do
    have "${entry%%:*}" || skip "${entry%%:*} is still missing after apt-get install"
  done
}

check_sandbox_works () {
  local err
  if ! err=$(bwrap --unshare-all --die-with-parent --ro-bind / / --proc /proc --dev /dev \
                   true 2>&1); then
    skip "bubblewrap cannot create a sandbox here (no user namespaces?): $err"
  fi
}

# The mirrors this machine's apt already uses for the suite (deb822 .sources and one-line
# .list files), else debootstrap's own default.
find_mirrors () {
  local found mirror_given=${MIRROR:+1}
  found=$(python3 - "$SUITE" <<'EOF'
import glob, re, sys
suite = sys.argv[1]
entries = []  # (uri, suites)
for path in glob.glob("/etc/apt/sources.list.d/*.sources"):
    for para in re.split(r"\n\s*\n", open(path, errors="replace").read()):
        fields = dict(re.findall(r"^([A-Za-z-]+):[ \t]*(.*)$", para, re.M))
        if "deb" in fields.get("Types", "").split() and fields.get("Enabled", "yes") != "no":
            for uri in fields.get("URIs", "").split():
                entries.append((uri, fields.get("Suites", "").split()))
for path in ["/etc/apt/sources.list"] + glob.glob("/etc/apt/sources.list.d/*.list"):
    try:
        lines = open(path, errors="replace").read().splitlines()
    except OSError:
        continue
    for line in lines:
        words = re.sub(r"\[[^]]*\]", "", line.split("#")[0]).split()
        if len(words) >= 3 and words[0] == "deb":
            entries.append((words[1], [words[2]]))
main = next((u for u, s in entries if suite in s and u.startswith("http")), "")
security = next((u for u, s in entries if suite + "-security" in s and u.startswith("http")), "")
print(main.rstrip("/"), security.rstrip("/"))
EOF
) || found=
  if [ -z "$MIRROR" ]; then
    MIRROR=${found%% *}
    [ -n "$MIRROR" ] || MIRROR=$(sed -n 's/^DEF_MIRROR="\(.*\)"$/\1/p' "$(command -v debootstrap)")
  fi
  if [ -z "$SECURITY_MIRROR" ]; then
    [ -n "$mirror_given" ] || SECURITY_MIRROR=${found#* }
    [ -n "$SECURITY_MIRROR" ] || [ "${MIRROR%/debian}" = "$MIRROR" ] \
      || SECURITY_MIRROR=${MIRROR%/debian}/debian-security
  fi
  [ -n "$MIRROR" ] || skip "no Debian mirror is known (set CLAB_DEBIAN_MIRROR)"
  info "Debian mirror $MIRROR, security ${SECURITY_MIRROR:-none}"
}

check_mirror () {
  if ! python3 - "$MIRROR/dists/$SUITE/InRelease" <<'EOF' >/dev/null 2>&1; then
import sys, urllib.request
urllib.request.urlopen(sys.argv[1], timeout=30).read(1)
EOF
    skip "the Debian mirror $MIRROR cannot be reached, and no runtime is cached in $CACHE"
  fi
}

# --- 2. The Debian runtimes ----------------------------------------------------------------

runtime_key () {
  {
    echo "recipe $RECIPE $SUITE $BRANCH $(uname -m) $PLATFORM_ID $SDK_ID"
    echo "platform ${PLATFORM_PKGS[*]}"
    echo "sdk ${SDK_PKGS[*]}"
  } | sha256sum | cut -c1-16
}

in_chroot () {
  chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive HOME=/root "$@"
}

make_debian_root () {
  ROOT=$WORK/debian-root
  step "debootstrap --variant=minbase $SUITE from $MIRROR (a few minutes)"
  logged "$WORK/debootstrap.log" debootstrap --variant=minbase --arch=amd64 --components=main \
    "$SUITE" "$ROOT" "$MIRROR"
  mount -t proc proc "$ROOT/proc"
  printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
  chmod 755 "$ROOT/usr/sbin/policy-rc.d"
  cat >"$ROOT/etc/dpkg/dpkg.cfg.d/01-clab-slim" <<'EOF'
path-exclude=/usr/share/doc/*
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/lintian/*
path-exclude=/usr/share/locale/*
EOF
  {
    echo "deb $MIRROR $SUITE main"
    echo "deb $MIRROR $SUITE-updates main"
    [ -z "$SECURITY_MIRROR" ] || echo "deb $SECURITY_MIRROR $SUITE-security main"
  } >"$ROOT/etc/apt/sources.list"
  cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
  step "apt-get update in the chroot"
  logged "$WORK/apt-update.log" in_chroot apt-get update
}

apt_install () {
  local what=$1
  shift
  step "apt-get install the $what packages in the chroot: $*"
  logged "$WORK/apt-$what.log" in_chroot apt-get install -y --no-install-recommends "$@"
  in_chroot apt-get clean
  in_chroot ldconfig
}

# Turns the chroot's /usr into a runtime's files/ and its /etc into files/etc.
snapshot_runtime () {
  local id=$1 dir=$2 files=$2/files
  step "laying out $id from the chroot"
  mkdir -p "$files"
  cp -a "$ROOT/usr/." "$files/"
  cp -a "$ROOT/etc" "$files/etc"
  rm -rf "$files/etc/"{shadow,shadow-,gshadow,gshadow-,passwd-,group-,resolv.conf,hostname} \
         "$files/etc/machine-id" "$files/etc/apt/apt.conf.d/01autoremove-kernels" \
         "$files/share/"{doc,man,info,lintian} "$files/sbin/policy-rc.d"
  # /etc is the runtime's files/etc seen at /usr/etc, with /etc/* symlinked to it: a relative
  # symlink out of /etc (os-release -> ../usr/lib/os-release) must become absolute.
  python3 - "$files/etc" <<'EOF'
import os, sys
top = sys.argv[1]
for base, dirs, names in os.walk(top):
    for name in dirs + names:
        path = os.path.join(base, name)
        if not os.path.islink(path):
            continue
        target = os.readlink(path)
        if os.path.isabs(target):
            continue
        inside = "/etc/" + os.path.relpath(base, top)
        resolved = os.path.normpath(os.path.join(inside, target))
        if not resolved.startswith("/etc/"):
            os.unlink(path)
            os.symlink(resolved, path)
EOF
  # flatpak generates the sandbox's ld.so.cache with "ldconfig" from the runtime's /usr/bin,
  # reading /usr/etc/ld.so.conf alone (no /etc/ld.so.conf.d there): inline the folders.
  [ -e "$files/bin/ldconfig" ] || ln -s ../sbin/ldconfig "$files/bin/ldconfig"
  {
    echo "include /run/flatpak/ld.so.conf.d/app-*.conf"
    echo "include /app/etc/ld.so.conf"
    echo "/app/lib"
    cat "$ROOT"/etc/ld.so.conf.d/*.conf | grep -v -e '^#' -e '^include' -e '^$' || true
    echo "include /run/flatpak/ld.so.conf.d/runtime-*.conf"
  } >"$files/etc/ld.so.conf"
  rm -rf "$files/etc/ld.so.conf.d"
  cat >"$dir/metadata" <<EOF
[Runtime]
name=$id
runtime=$PLATFORM_ID/$(uname -m)/$BRANCH
sdk=$SDK_ID/$(uname -m)/$BRANCH
EOF
  info "$(du -sh "$files" | cut -f1) in $files"
}

export_runtime () {
  local dir=$1 repo=$2
  step "flatpak build-export --runtime $(sed -n 's/^name=//p' "$dir/metadata")"
  logged "$WORK/export-$(basename "$dir").log" \
    flatpak build-export --runtime --files=files --no-update-summary \
      --subject="Debian $SUITE packages for the Concurrency Lab offline build" \
      "$repo" "$dir" "$BRANCH"
}

# Sets RUNTIME_REPO to a repository holding both runtimes, from the cache or freshly built.
ensure_runtimes () {
  local key
  key=$(runtime_key)
  RUNTIME_REPO=$CACHE/runtimes-$key/repo
  if [ -f "$CACHE/runtimes-$key/complete" ]; then
    step "using the cached runtimes $RUNTIME_REPO"
    return 0
  fi
  step "no cached runtimes for key $key: building them from Debian packages"
  [ "$(id -u)" -eq 0 ] || skip "building the Debian runtime needs root (debootstrap, chroot)"
  find_mirrors
  check_mirror
  make_debian_root
  apt_install platform "${PLATFORM_PKGS[@]}"
  snapshot_runtime "$PLATFORM_ID" "$WORK/platform"
  apt_install sdk "${SDK_PKGS[@]}"
  snapshot_runtime "$SDK_ID" "$WORK/sdk"
  umount "$ROOT/proc"
  rm -rf --one-file-system "$ROOT"
  CACHE_TMP=$CACHE/runtimes-$key.tmp.$$
  mkdir -p "$CACHE_TMP"
  ostree --repo="$CACHE_TMP/repo" init --mode=archive-z2
  export_runtime "$WORK/platform" "$CACHE_TMP/repo"
  export_runtime "$WORK/sdk" "$CACHE_TMP/repo"
  logged "$WORK/update-repo.log" flatpak build-update-repo --prune "$CACHE_TMP/repo"
  rm -rf --one-file-system "$WORK/platform" "$WORK/sdk"
  # Only one set of runtimes is kept: the one for the current package lists.
  find "$CACHE" -mindepth 1 -maxdepth 1 -name 'runtimes-*' ! -name "runtimes-$key.tmp.$$" \
    -exec rm -rf --one-file-system {} +
  touch "$CACHE_TMP/complete"
  mv "$CACHE_TMP" "$CACHE/runtimes-$key"
  CACHE_TMP=
  info "cached in $CACHE/runtimes-$key ($(du -sh "$CACHE/runtimes-$key" | cut -f1))"
}

# --- 3. flatpak --user in a throw-away home ------------------------------------------------

setup_flatpak_home () {
  export HOME=$WORK/home
  export XDG_DATA_HOME=$HOME/.local/share XDG_CONFIG_HOME=$HOME/.config
  export XDG_CACHE_HOME=$HOME/.cache XDG_RUNTIME_DIR=$WORK/run
  export FLATPAK_USER_DIR=$XDG_DATA_HOME/flatpak
  unset DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY DISPLAY XAUTHORITY
  mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
  mkdir -p "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
}

install_runtimes () {
  local arch
  arch=$(uname -m)
  step "flatpak --user remote-add --no-gpg-verify $REMOTE, install the Platform and the Sdk"
  flatpak --user remote-add --no-gpg-verify "$REMOTE" "file://$RUNTIME_REPO"
  logged "$WORK/install-runtimes.log" flatpak --user install -y --noninteractive "$REMOTE" \
    "runtime/$PLATFORM_ID/$arch/$BRANCH" "runtime/$SDK_ID/$arch/$BRANCH"
  flatpak --user list --runtime --columns=application,branch,installation | sed 's/^/    /'
}

# --- 4. The application --------------------------------------------------------------------

# A copy of the tree as git would ship it (tracked and new files, not ignored ones such as
# build folders), with the manifest's runtime and sdk names rewritten to the local ones.
snapshot_sources () {
  step "copying the source tree and rewriting runtime and sdk in the manifest copy"
  mkdir -p "$WORK/src"
  if have git && git -C "$SRCDIR" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$SRCDIR" && git ls-files -z --cached --others --exclude-standard \
       | xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh \
       | tar --null --no-recursion -T - -cf - | tar -C "$WORK/src" -xf -)
  else
    tar -C "$SRCDIR" --exclude='./build*' --exclude='./_build*' --exclude=./.git \
        --exclude=./.flatpak-builder -cf - . | tar -C "$WORK/src" -xf -
  fi
  python3 - "$MANIFEST" "$WORK/src/flatpak/$APP_ID.json" "$PLATFORM_ID" "$SDK_ID" "$BRANCH" <<'EOF'
import json, sys
src, dst, platform, sdk, branch = sys.argv[1:]
with open(src) as f:
    manifest = json.load(f)
original = json.loads(json.dumps(manifest))
manifest["runtime"] = platform
manifest["sdk"] = sdk
manifest["runtime-version"] = branch
changed = sorted(k for k in set(manifest) | set(original) if manifest.get(k) != original.get(k))
assert set(changed) <= {"runtime", "sdk", "runtime-version"}, changed
with open(dst, "w") as f:
    json.dump(manifest, f, indent=2)
print("    %s: %s//%s → %s//%s, %s → %s" % (manifest["id"], original["runtime"],
      original["runtime-version"], platform, branch, original["sdk"], sdk))
EOF
}

build_app () {
  step "flatpak-builder --user --install (build log: $WORK/flatpak-builder.log)"
  (cd "$WORK/src" && logged "$WORK/flatpak-builder.log" \
    flatpak-builder --user --install --force-clean --disable-rofiles-fuse --disable-updates \
      --disable-download --jobs="$JOBS" --state-dir="$WORK/fb-state" --repo="$WORK/app-repo" \
      "$WORK/fb-build" "flatpak/$APP_ID.json")
  rm -rf --one-file-system "$WORK/fb-build" "$WORK/fb-state"
  flatpak --user list --app --columns=application,branch,runtime | sed 's/^/    /'
  APP_FILES=$FLATPAK_USER_DIR/app/$APP_ID/current/active/files
  [ -x "$APP_FILES/bin/concurrency-lab-cli" ] || fail "the installed app has no bin/concurrency-lab-cli"
  [ -x "$APP_FILES/libexec/concurrency-lab-worker" ] \
    || fail "the installed app has no libexec/concurrency-lab-worker"
}

cli_args () {
  echo run --preset sleep-2x2 --modes "$MODES" --quiet \
    --json "$1.json" --chart "$1.png" --chart-size "${CHART_W}x${CHART_H}"
}

run_cli_in_sandbox () {
  local data=$HOME/.var/app/$APP_ID/data
  step "flatpak run --command=concurrency-lab-cli … run --preset sleep-2x2 --modes $MODES"
  mkdir -p "$data"
  # shellcheck disable=SC2046
  logged "$WORK/sandbox-cli.log" flatpak run --command=concurrency-lab-cli "$APP_ID" \
    $(cli_args "$data/sandbox")
  sed 's/^/    /' "$WORK/sandbox-cli.log"
  SANDBOX_OUT=$data/sandbox
}

run_cli_on_host () {
  if [ -z "$HOST_CLI" ]; then
    step "building concurrency-lab-cli on the host, for the comparison"
    logged "$WORK/host-setup.log" meson setup "$WORK/host-build" "$WORK/src" \
      -Dgui=disabled -Dbenchmarks=false
    logged "$WORK/host-build.log" ninja -C "$WORK/host-build" -j "$JOBS" \
      src/cli/concurrency-lab-cli src/worker/concurrency-lab-worker
    HOST_CLI=$WORK/host-build/src/cli/concurrency-lab-cli
  fi
  [ -x "$HOST_CLI" ] || fail "no host concurrency-lab-cli at $HOST_CLI"
  step "the same plan on the host: $HOST_CLI"
  mkdir -p "$WORK/host-out"
  # shellcheck disable=SC2046
  logged "$WORK/host-cli.log" "$HOST_CLI" $(cli_args "$WORK/host-out/host")
  HOST_OUT=$WORK/host-out/host
}

compare_results () {
  step "checking the sandbox's JSON and PNG, and its checksums against the host's"
  python3 - "$SANDBOX_OUT" "$HOST_OUT" "$MODES" "$CHART_W" "$CHART_H" <<'EOF'
import json, struct, sys
sandbox, host, modes, width, height = sys.argv[1:]
modes = modes.split(",")

def load(prefix):
    with open(prefix + ".json") as f:
        result = json.load(f)
    assert result.get("schema") == "concurrency-lab/result/1", result.get("schema")
    names = [m["mode"] for m in result["modes"]]
    assert names == modes, "modes %s, expected %s" % (names, modes)
    sums = {}
    for m in result["modes"]:
        for r, run in enumerate(m["runs"]):
            tasks = sorted(run["tasks"], key=lambda t: t["index"])
            assert len(tasks) == result["plan"]["tasks"], (m["mode"], len(tasks))
            for t in tasks:
                assert t["status"] == "ok", (m["mode"], t)
                assert t.get("checksum"), (m["mode"], t)
            sums[(m["mode"], r)] = [(t["index"], t["checksum"]) for t in tasks]
    return result, sums

def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", path + " is not a PNG"
    return struct.unpack(">II", head[16:24])

result, in_sandbox = load(sandbox)
_, on_host = load(host)
for prefix in (sandbox, host):
    size = png_size(prefix + ".png")
    assert size == (int(width), int(height)), "%s.png is %dx%d" % ((prefix,) + size)
assert in_sandbox == on_host, "checksums differ:\n sandbox %s\n host    %s" % (in_sandbox, on_host)
for m in result["modes"]:
    print("    %-13s %.3f s  checksums %s" % (m["mode"], m["stats"]["mean_s"],
          " ".join(c for _, c in in_sandbox[(m["mode"], 0)])))
print("    JSON loads, %s.png is %sx%s, %d tasks: same checksums in the sandbox and on the host"
      % (sandbox, width, height, sum(len(v) for v in in_sandbox.values())))
EOF
}

# A Python plan runs on the runtime's own python3, inside the sandbox, in three modes.
run_python_in_sandbox () {
  local data=$HOME/.var/app/$APP_ID/data
  step "flatpak run --command=concurrency-lab-cli … run --runtime python (the runtime's python3)"
  logged "$WORK/sandbox-python.log" flatpak run --command=concurrency-lab-cli "$APP_ID" \
    run --runtime python --workload cpu --size 20 --tasks 4 --workers 2 \
    --modes sequential,threads,process-pool --runs 1 --warmup 0 --quiet --json "$data/python.json"
  sed 's/^/    /' "$WORK/sandbox-python.log"
  python3 - "$data/python.json" <<'EOF'
import json, sys
with open(sys.argv[1]) as f:
    result = json.load(f)
python = result["system"]["python"]
assert python["implementation"] == "CPython" and python["version"].startswith("3."), python
assert python["executable"].startswith("/usr/"), python
sums = set()
for m in result["modes"]:
    tasks = m["runs"][0]["tasks"]
    assert len(tasks) == 4 and all(t["status"] == "ok" for t in tasks), (m["mode"], tasks)
    sums.add(tuple(sorted(t["checksum"] for t in tasks)))
assert len(sums) == 1, "checksums differ between modes: %s" % sums
print("    CPython %s in the sandbox (%s): sequential, threads and process-pool, same checksums"
      % (python["version"], python["executable"]))
EOF
}

run_gui_in_sandbox () {
  local probe=$WORK/gui-probe.sh
  if [ ! -x "$APP_FILES/bin/concurrency-lab" ]; then
    step "GUI: skipped: the application is not built yet (no bin/concurrency-lab in the app)"
    return 0
  fi
  step "flatpak run $APP_ID under xvfb-run: waiting for its window"
  cat >"$probe" <<'EOF'
#!/bin/bash
# Runs inside dbus-run-session and xvfb-run: start the app, wait for its window, keep it a while.
set -u
app_id=$1 log=$2
exec 3>"$3"   # this probe's findings; stdout and stderr carry the session's chatter
say () { echo "$*" >&3; }
flatpak run "$app_id" >"$log" 2>&1 &
pid=$!
window=
for _ in $(seq 1 120); do
  if ! kill -0 "$pid" 2>/dev/null; then
    say "the application exited before its window opened"; exit 1
  fi
  window=$(xdotool search --onlyvisible --name 'Concurrency Lab' 2>/dev/null | head -n 1)
  [ -n "$window" ] && break
  sleep 0.5
done
if [ -z "$window" ]; then
  say "no window named 'Concurrency Lab' after 60 s; windows:"
  xwininfo -root -tree | sed -n '1,30p' >&3
  kill "$pid"; exit 1
fi
sleep 3
if ! kill -0 "$pid" 2>/dev/null; then
  say "the application exited after opening its window"; exit 1
fi
say "window $(xwininfo -id "$window" | sed -n 's/^xwininfo: Window id: //p'), \
$(xwininfo -id "$window" | sed -n 's/^ *Width: //p')x$(xwininfo -id "$window" | sed -n 's/^ *Height: //p'), \
still running after 3 s"
xwininfo -root -tree | grep -i 'Concurrency Lab' | sed 's/^ */in the tree: /' | head -n 3 >&3
flatpak kill "$app_id" 2>/dev/null || kill "$pid"
wait "$pid" 2>/dev/null
exit 0
EOF
  chmod +x "$probe"
  # A private session bus: GApplication registers on it, flatpak starts its proxy and portals.
  if ! dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
         "$probe" "$APP_ID" "$WORK/gui.log" "$WORK/gui-probe.log" >"$WORK/gui-session.log" 2>&1; then
    sed 's/^/    /' "$WORK/gui-probe.log" >&2
    echo "---- the session's output ----" >&2
    tail -n 30 "$WORK/gui-session.log" >&2
    echo "---- the application's output ----" >&2
    tail -n 40 "$WORK/gui.log" >&2
    fail "the application's window did not open in the sandbox"
  fi
  sed 's/^/    /' "$WORK/gui-probe.log"
}

# --- main ----------------------------------------------------------------------------------

main () {
  [ -f "$MANIFEST" ] || fail "no manifest at $MANIFEST"
  ensure_host_tools
  check_sandbox_works
  mkdir -p "$CACHE"
  WORK=$(mktemp -d /var/tmp/clab-flatpak-work.XXXXXX)
  step "work folder $WORK, cache $CACHE"
  exec 9>"$CACHE/.lock"
  if ! flock -n 9; then
    step "waiting for another build-offline.sh to release $CACHE/.lock"
    flock -w 3600 9 || fail "another build-offline.sh holds $CACHE/.lock"
  fi
  ensure_runtimes
  setup_flatpak_home
  install_runtimes
  snapshot_sources
  build_app
  run_cli_in_sandbox
  run_cli_on_host
  compare_results
  run_python_in_sandbox
  run_gui_in_sandbox
  step "passed: the manifest builds, installs and runs offline, in $(($(date +%s) - START)) s"
}

main
