#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that the application id, the command, the binaries and the icon names agree across
the Flatpak manifest, data/*.desktop.in, data/*.metainfo.xml.in, the GSettings schema, the
resources and the meson files, and that the manifest asks for no more than it needs.

Usage: check-consistency.py SOURCE_ROOT
Prints one line per check; exits 0 when all pass, 1 otherwise.
"""

import configparser
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

FINISH_ARGS = {"--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri"}
RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"


class Checker:
    def __init__(self, root):
        self.root = root
        self.failures = 0

    def path(self, *parts):
        return os.path.join(self.root, *parts)

    def read(self, *parts):
        with open(self.path(*parts), encoding="utf-8") as f:
            return f.read()

    def check(self, ok, what, detail=""):
        print("%s: %s%s" % ("ok" if ok else "FAIL", what, "" if ok else " — " + detail))
        if not ok:
            self.failures += 1
        return ok


def meson_strings(text, variables):
    """The string literals of a meson file after folding `+` and `/` between literals and the
    given variables, so that `'icons/' + app_id + '.svg'` reads as one path."""
    text = re.sub(r"#.*", "", text)
    for name, value in variables.items():
        text = re.sub(r"\b%s\b" % re.escape(name), "'%s'" % value, text)
    literal = r"'((?:[^'\\]|\\.)*)'"
    pattern = re.compile(literal + r"\s*([+/])\s*" + literal)
    while True:
        folded = pattern.sub(
            lambda m: "'%s%s%s'" % (m.group(1), "/" if m.group(2) == "/" else "", m.group(3)),
            text)
        if folded == text:
            break
        text = folded
    return re.findall(literal, text)


def meson_executables(checker):
    """{name: folder} of every executable() that meson installs, from src/*/meson.build."""
    found = {}
    for folder in sorted(os.listdir(checker.path("src"))):
        build = checker.path("src", folder, "meson.build")
        if not os.path.isfile(build):
            continue
        text = checker.read("src", folder, "meson.build")
        for m in re.finditer(r"executable\(\s*'([^']+)'(.*?)\n\)", text, re.S):
            if re.search(r"install\s*:\s*true", m.group(2)):
                where = "libexec" if "libexecdir" in m.group(2) else "bin"
                found[m.group(1)] = (folder, where)
    return found


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                           os.path.join(os.path.dirname(__file__), ".."))
    c = Checker(root)

    # meson: the application id and the programs it installs.
    m = re.search(r"^app_id\s*=\s*'([^']+)'", c.read("meson.build"), re.M)
    if not c.check(m is not None, "meson.build defines app_id"):
        return 1
    app_id = m.group(1)
    print("   application id %s" % app_id)
    programs = meson_executables(c)
    gui = [n for n, (folder, _) in programs.items() if folder == "gui"]
    cli = [n for n, (folder, _) in programs.items() if folder == "cli"]
    worker = [n for n, (folder, _) in programs.items() if folder == "worker"]
    c.check(len(gui) == 1, "src/gui/meson.build installs one program", "found %s" % gui)
    c.check(len(cli) == 1, "src/cli/meson.build installs one program", "found %s" % cli)
    c.check(len(worker) == 1 and programs[worker[0]][1] == "libexec",
            "src/worker/meson.build installs the worker in libexecdir", "found %s" % worker)
    gui_name = gui[0] if gui else "concurrency-lab"
    cli_name = cli[0] if cli else "concurrency-lab-cli"
    in_bin = {n for n, (_, where) in programs.items() if where == "bin"}

    # The manifest.
    manifest_path = c.path("flatpak", app_id + ".json")
    if c.check(os.path.isfile(manifest_path), "flatpak/%s.json exists" % app_id):
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
        c.check(manifest.get("id", manifest.get("app-id")) == app_id, "manifest id is " + app_id,
                "it is %r" % manifest.get("id", manifest.get("app-id")))
        c.check(manifest.get("command") == gui_name, "manifest command is " + gui_name,
                "it is %r" % manifest.get("command"))
        c.check(manifest.get("runtime") == RUNTIME and manifest.get("sdk") == SDK,
                "manifest runtime %s, sdk %s" % (RUNTIME, SDK),
                "runtime %r, sdk %r" % (manifest.get("runtime"), manifest.get("sdk")))
        c.check(re.fullmatch(r"\d+", str(manifest.get("runtime-version", ""))) is not None,
                "manifest runtime-version is a GNOME stable branch",
                "it is %r" % manifest.get("runtime-version"))
        args = manifest.get("finish-args", [])
        c.check(set(args) == FINISH_ARGS and len(args) == len(FINISH_ARGS),
                "finish-args are exactly " + " ".join(sorted(FINISH_ARGS)),
                "they are %s" % args)
        modules = manifest.get("modules", [])
        last = modules[-1] if modules and isinstance(modules[-1], dict) else {}
        sources = last.get("sources", [])
        c.check(last.get("buildsystem") == "meson"
                and any(s.get("type") == "dir" and s.get("path") == ".." for s in sources),
                "the last module builds this tree (dir source '..') with meson")
        c.check("-Dbenchmarks=false" in last.get("config-opts", []),
                "the module configures -Dbenchmarks=false")

    # The desktop file.
    desktop_in = app_id + ".desktop.in"
    if c.check(os.path.isfile(c.path("data", desktop_in)), "data/%s exists" % desktop_in):
        desktop = configparser.RawConfigParser(strict=False, interpolation=None)
        desktop.optionxform = str
        desktop.read(c.path("data", desktop_in), encoding="utf-8")
        entry = desktop["Desktop Entry"] if desktop.has_section("Desktop Entry") else {}
        exec_line = entry.get("Exec", "").split()
        c.check(exec_line[:1] == [gui_name], "desktop Exec runs " + gui_name,
                "Exec=%s" % entry.get("Exec"))
        c.check(entry.get("Icon") == app_id, "desktop Icon is " + app_id,
                "Icon=%s" % entry.get("Icon"))

    # The metainfo.
    metainfo_in = app_id + ".metainfo.xml.in"
    if c.check(os.path.isfile(c.path("data", metainfo_in)), "data/%s exists" % metainfo_in):
        component = ET.parse(c.path("data", metainfo_in)).getroot()
        c.check(component.findtext("id") == app_id, "metainfo id is " + app_id,
                "it is %r" % component.findtext("id"))
        launchable = component.find("launchable[@type='desktop-id']")
        c.check(launchable is not None and launchable.text == app_id + ".desktop",
                "metainfo launchable is %s.desktop" % app_id,
                "it is %r" % (launchable.text if launchable is not None else None))
        binaries = {b.text for b in component.findall("provides/binary")}
        c.check({gui_name, cli_name} <= binaries,
                "metainfo provides the binaries %s and %s" % (gui_name, cli_name),
                "it provides %s" % sorted(binaries))
        c.check(binaries <= in_bin, "every binary the metainfo provides is installed by meson",
                "%s are not" % sorted(binaries - in_bin))
        for icon in component.findall("icon[@type='stock']"):
            c.check(icon.text == app_id, "metainfo stock icon is " + app_id, icon.text)

    # Icons, schema and resources.
    icons = {
        "scalable": os.path.join("icons", "hicolor", "scalable", "apps", app_id + ".svg"),
        "symbolic": os.path.join("icons", "hicolor", "symbolic", "apps", app_id + "-symbolic.svg"),
    }
    for kind, rel in icons.items():
        ok = os.path.isfile(c.path("data", rel))
        if ok:
            try:
                ok = ET.parse(c.path("data", rel)).getroot().tag.endswith("svg")
            except ET.ParseError:
                ok = False
        c.check(ok, "the %s icon data/%s is an SVG" % (kind, rel))

    schema_name = app_id + ".gschema.xml"
    if c.check(os.path.isfile(c.path("data", schema_name)), "data/%s exists" % schema_name):
        schema = ET.parse(c.path("data", schema_name)).getroot().find("schema")
        path = "/" + app_id.replace(".", "/") + "/"
        c.check(schema is not None and schema.get("id") == app_id and schema.get("path") == path,
                "the schema's id is %s and its path %s" % (app_id, path),
                "id %r, path %r" % (schema.get("id") if schema is not None else None,
                                    schema.get("path") if schema is not None else None))

    data_strings = set(meson_strings(c.read("data", "meson.build"), {"app_id": app_id}))
    for name in (desktop_in, metainfo_in, schema_name, icons["scalable"], icons["symbolic"]):
        c.check(name in data_strings, "data/meson.build uses " + name,
                "no such file name in data/meson.build")
    c.check(app_id + ".desktop" in data_strings and app_id + ".metainfo.xml" in data_strings,
            "data/meson.build installs %s.desktop and %s.metainfo.xml" % (app_id, app_id))

    resources = c.path("ui", "clab.gresource.xml")
    if os.path.isfile(resources):
        prefixes = {r.get("prefix") for r in ET.parse(resources).getroot().findall("gresource")}
        base = "/" + app_id.replace(".", "/")
        c.check(all(p == base or p.startswith(base + "/") for p in prefixes),
                "the GTK resources live under " + base, "prefixes %s" % sorted(prefixes))

    # The sources name the application only through APP_ID from config.h.
    gui_dir = c.path("src", "gui")
    if os.path.isdir(gui_dir):
        stray = []
        for name in sorted(os.listdir(gui_dir)):
            if name.endswith((".c", ".h")):
                with open(os.path.join(gui_dir, name), encoding="utf-8") as f:
                    for literal in re.findall(r'"(io\.github\.[^"]*)"', f.read()):
                        if literal != app_id and not literal.startswith(app_id + "."):
                            stray.append("%s: %s" % (name, literal))
        c.check(not stray, "src/gui names no other application id", "; ".join(stray))

    print("%d check(s) failed" % c.failures if c.failures else "all checks passed")
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
