#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Validates the files Concurrency Lab writes against data/schema/*.schema.json.

  validate-schema.py --schemas DIR [--cli PROGRAM] [--writer PROGRAM] [FILE|FOLDER ...]

--cli runs concurrency-lab-cli on several plans (a sweep, a failing command, a cancelled
run among them) and checks each --json result; --writer runs tests/schema-files, which
writes the engine session's results and saved plans; FILE and FOLDER (its *.json) are
checked as they are. A file with a "schema" member is a result, any other a plan. Damaged
copies of a written result must fail, so a schema that accepts anything fails the test.
Exit status 0 when all is valid, 1 otherwise, 77 (skipped) without python3-jsonschema.
"""

import argparse
import copy
import json
import pathlib
import signal
import subprocess
import sys
import tempfile
import time

try:
    import jsonschema
except ImportError:
    print("1..0 # SKIP python3-jsonschema is not installed")
    sys.exit(77)


def make_validators(schema_dir):
    schemas = {}
    for name in ("result", "plan"):
        with open(schema_dir / f"{name}.schema.json", encoding="utf-8") as f:
            schemas[name] = json.load(f)
    cls = jsonschema.validators.validator_for(schemas["result"])
    for schema in schemas.values():
        cls.check_schema(schema)
    try:  # jsonschema 4.18 and later
        from referencing import Registry, Resource
        registry = Registry().with_resources(
            (s["$id"], Resource.from_contents(s)) for s in schemas.values())
        return {k: cls(s, registry=registry) for k, s in schemas.items()}
    except ImportError:  # Debian 12's 4.10
        store = {s["$id"]: s for s in schemas.values()}
        return {k: cls(s, resolver=jsonschema.RefResolver.from_schema(s, store=store))
                for k, s in schemas.items()}


def kind_of(document):
    return "result" if isinstance(document, dict) and "schema" in document else "plan"


def problems(validators, document):
    validator = validators[kind_of(document)]
    return ["/".join(str(p) for p in e.absolute_path) + ": " + e.message
            for e in validator.iter_errors(document)]


def cli_results(cli, folder):
    """Results of concurrency-lab-cli run --json, one per kind of comparison."""
    runs = {
        "cli-sleep": ["--preset", "sleep-2x2", "--size", "0.05"],
        "cli-cpu": ["--preset", "cpu-bound", "--size", "2", "--tasks", "2", "--runs", "2",
                    "--warmup", "1"],
        "cli-sweep": ["--preset", "scaling", "--size", "2", "--tasks", "4",
                      "--sweep-workers", "1,2"],
        "cli-failing-command": ["--workload", "command", "--command", "sh -c 'exit 3'",
                                "--tasks", "2", "--modes", "sequential,process-pool",
                                "--timeout", "5"],
        "cli-timed-out": ["--workload", "command", "--command", "sleep 5", "--tasks", "1",
                          "--modes", "threads", "--timeout", "0.2"],
        "cli-io": ["--preset", "file-io", "--size", "1", "--tasks", "2"],
        "cli-io-folder": ["--preset", "file-io", "--size", "1", "--tasks", "2",
                          "--io-folder", str(folder)],
        "cli-memory": ["--preset", "memory", "--size", "1", "--tasks", "2"],
    }
    paths = []
    for name, args in runs.items():
        path = folder / f"{name}.json"
        subprocess.run([cli, "run", *args, "--sample-interval", "20", "--quiet",
                        "--json", str(path)], check=True, stdout=subprocess.DEVNULL)
        paths.append(path)

    # Stopped with SIGINT while it runs: the partial result is written too.
    path = folder / "cli-cancelled.json"
    child = subprocess.Popen([cli, "run", "--workload", "sleep", "--size", "30", "--tasks", "2",
                              "--modes", "threads", "--quiet", "--json", str(path)],
                             stdout=subprocess.DEVNULL)
    time.sleep(2.5)
    child.send_signal(signal.SIGINT)
    if child.wait(timeout=60) != 130:
        raise RuntimeError("the cancelled run did not exit with status 130")
    # A very slow start is cancelled before anything was measured: then there is no file.
    if path.exists():
        paths.append(path)
    else:
        print("# the cancelled run ended before its first measure: no partial result to check")

    # A result file is a plan too: run again from one.
    path = folder / "cli-from-result.json"
    subprocess.run([cli, "run", "--preset", str(folder / "cli-sleep.json"), "--quiet",
                    "--json", str(path)], check=True, stdout=subprocess.DEVNULL)
    paths.append(path)
    return paths


def damaged_copies(result):
    """Copies of a valid result that each break one rule of the schema."""
    def damage(change):
        copy_ = copy.deepcopy(result)
        change(copy_)
        return copy_

    run = ("modes", 0, "runs", 0)

    def at(doc, path):
        for step in path:
            doc = doc[step]
        return doc

    return {
        "another schema": damage(lambda d: d.update(schema="concurrency-lab/result/2")),
        "no modes": damage(lambda d: d.pop("modes")),
        "system.cpus a string": damage(lambda d: d["system"].update(cpus="two")),
        "an unknown mode": damage(lambda d: d["modes"][0].update(mode="fibers")),
        "elapsed_s null": damage(lambda d: at(d, run).update(elapsed_s=None)),
        "a task without status": damage(lambda d: at(d, run)["tasks"][0].pop("status")),
        "a checksum not hexadecimal": damage(
            lambda d: at(d, run)["tasks"][0].update(checksum="xyz")),
        "per_cpu_pct a number": damage(
            lambda d: at(d, run)["samples"][0].update(per_cpu_pct=1.5)),
        "verdict.conclusive a string": damage(
            lambda d: d.update(verdict={"text": "", "conclusive": "yes", "reason": None})),
        "plan.workload unknown": damage(lambda d: d["plan"].update(workload="gpu")),
        "plan.modes a string": damage(lambda d: d["plan"].update(modes="threads")),
    }


def collect(arguments):
    paths = []
    for argument in arguments:
        path = pathlib.Path(argument)
        paths.extend(sorted(path.glob("*.json")) if path.is_dir() else [path])
    return paths


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schemas", required=True, type=pathlib.Path)
    parser.add_argument("--cli")
    parser.add_argument("--writer")
    parser.add_argument("paths", nargs="*")
    options = parser.parse_args()

    validators = make_validators(options.schemas)
    failed = 0
    checked = {"result": 0, "plan": 0}
    with tempfile.TemporaryDirectory(prefix="clab-schema-") as tmp:
        folder = pathlib.Path(tmp)
        paths = collect(options.paths)
        if options.writer:
            subprocess.run([options.writer, tmp], check=True)
            paths.extend(sorted(folder.glob("*.json")))
        if options.cli:
            paths.extend(cli_results(options.cli, folder))

        documents = {}
        for path in paths:
            with open(path, encoding="utf-8") as f:
                documents[path] = json.load(f)
            found = problems(validators, documents[path])
            checked[kind_of(documents[path])] += 1
            status = "ok" if not found else "not ok"
            print(f"{status} - {kind_of(documents[path])} {path.name}")
            for problem in found[:5]:
                print(f"#   {problem}")
            failed += bool(found)

        results = [d for d in documents.values() if kind_of(d) == "result" and d["modes"]
                   and d["modes"][0]["runs"] and d["modes"][0]["runs"][0]["tasks"]
                   and d["modes"][0]["runs"][0]["samples"]]
        if options.cli or options.writer:
            if not results:
                print("not ok - no written result with tasks and samples to damage")
                failed += 1
            for name, damaged in damaged_copies(results[0] if results else {}).items() \
                    if results else []:
                rejected = bool(problems(validators, damaged))
                print(f"{'ok' if rejected else 'not ok'} - damaged result refused: {name}")
                failed += not rejected

    print(f"# {checked['result']} results and {checked['plan']} plans checked, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
