#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Concurrency Lab's Python driver: runs one mode of a plan inside the chosen interpreter.

The lab spawns it as
    PYTHON -u clab-python-driver.py --check [--function FILE] [--start-method METHOD]
    PYTHON -u clab-python-driver.py --mode MODE --workload KIND --size SIZE --tasks N
                                    --workers W [--function FILE] [--start-method METHOD]
                                    [--folder DIR]
with MODE one of sequential, threads, thread-pool, processes, process-pool and KIND one of
sleep, cpu, lock, io, memory (ignored with --function); DIR is where io writes its temporary
files (default: the temporary folder). Standard library only, Python 3.9
or newer; this file parses on older interpreters too, so that they can say they are too old.

The modes are CPython's own: a for loop; one threading.Thread per task, all started at
once; concurrent.futures.ThreadPoolExecutor(W); one multiprocessing.Process per task, all
started at once; multiprocessing.Pool(W), tasks handed out first in, first out (map with
chunksize 1). Processes come from multiprocessing.get_context(METHOD).

Protocol (version 1). Lines on stdout, UTF-8, fields separated by one space; the last
field of HELLO, FAIL and ERROR is the rest of the line. Every line is written with one
os.write() of at most 4000 bytes, so lines from several threads and processes never mix
(a pipe write of up to PIPE_BUF bytes is atomic). The task's own prints go to stderr.
    HELLO <protocol> <gil> <start_method> <implementation> <version> <executable>
        gil is 1 when the GIL is enabled (sys._is_gil_enabled() where it exists, else 1)
    READY <user_us> <sys_us>
        (run only) everything is imported and loaded; the driver now waits for one line
        "GO" on stdin and starts the mode's clock when it arrives; end of file: exit 0.
        The numbers are the CPU time spent so far, as FINISH counts it: not the run's
    PROC <pid>
        a process of the mode started (multiprocessing.Process, a Pool's worker)
    START <index> <worker> <tid> <pid> <start_ns>
    DONE  <index> <worker> <tid> <pid> <start_ns> <end_ns> <cpu_ns> <checksum>
    FAIL  <index> <worker> <tid> <pid> <start_ns> <end_ns> <cpu_ns> <reason>
        worker: the thread's index (sequential 0, threads the task's index, thread-pool
        the pool thread's number in order of first use) or the process's pid; tid is
        threading.get_native_id() of the thread that ran the task and pid os.getpid();
        times are time.monotonic_ns(), CLOCK_MONOTONIC as the lab's own clock; cpu_ns is
        the task's own CPU time, time.thread_time_ns() on a thread, time.process_time_ns()
        in a process; checksum 16 hex digits; reason a Python exception, "Type: message"
    FINISH <end_ns> <user_us> <sys_us>
        every task has reported and the mode's threads, pool and processes are joined;
        user_us and sys_us are the CPU time of this process and every process it reaped
        (getrusage RUSAGE_SELF + RUSAGE_CHILDREN, microseconds, counting what ran in this
        process before the interpreter, such as a launcher like pyenv's), taken then: the
        run's is FINISH's less READY's, and what the interpreter does as it exits is not
    ERROR <code> <detail>
        nothing runs; the driver exits with status 2. Codes: old-python <version>,
        unreadable <message>, syntax <line> <message>, no-task, function <message>,
        start-method <method>, usage <message>
"""

import os
import sys

PROTOCOL = 1
MASK = 0xFFFFFFFFFFFFFFFF
MIB = 1024 * 1024
MAX_LINE = 4000
# One work unit of the cpu workload is about 1 ms of interpreter work: Debian 12's
# CPython 3.11.2 ran 3,900-4,100 iterations of the kernel below per millisecond on the
# lab's reference machine (2 vCPUs); 3.13 runs about 3,000, 3.9 about 2,200.
CPU_ITERATIONS_PER_UNIT = 4000


def emit(line):
    data = (line + "\n").encode("utf-8", "replace")
    if len(data) > MAX_LINE:
        data = data[:MAX_LINE - 1].decode("utf-8", "ignore").encode("utf-8") + b"\n"
    while data:
        written = os.write(1, data)
        data = data[written:]


def fail(code, detail):
    emit("ERROR %s %s" % (code, " ".join(str(detail).split())))
    sys.exit(2)


if sys.version_info < (3, 9):
    fail("old-python", "%d.%d.%d" % tuple(sys.version_info[:3]))

# Only on a new enough interpreter.
import argparse  # noqa: E402
import hashlib  # noqa: E402
import importlib.util  # noqa: E402
import multiprocessing  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import struct  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402

MODES = ("sequential", "threads", "thread-pool", "processes", "process-pool")
WORKLOADS = ("sleep", "cpu", "lock", "io", "memory")

# The lock workload's lock: one per process, as CPython's GIL is one per interpreter.
_LOCK = threading.Lock()
# What a process runs: set by main(), and in a spawned process by its initializer.
_CONFIG = None
_FUNCTION = None
_LANES = {}
_LANES_LOCK = threading.Lock()


def mix(a, b):
    """The lab's checksum mixer (clab_checksum_mix, splitmix64's finaliser)."""
    z = a ^ ((b + 0x9E3779B97F4A7C15 + ((a << 6) & MASK) + (a >> 2)) & MASK)
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def cpu_work(index, units):
    """Pure-Python integer arithmetic (xorshift64); the checksum depends on every step."""
    x = mix(index, 0x5EED) | 1
    acc = 0
    for _ in range(int(round(units * CPU_ITERATIONS_PER_UNIT))):
        x ^= (x << 13) & MASK
        x ^= x >> 7
        x ^= (x << 17) & MASK
        acc = (acc + (x & 0xFFFF)) & MASK
    return mix(x, acc)


def pattern(seed):
    block = hashlib.blake2b(struct.pack("<Q", seed & MASK), digest_size=64).digest()
    return block * (MIB // len(block))


def digest_value(h):
    return struct.unpack("<Q", h.digest())[0]


def io_work(index, size, folder=None):
    mib = int(size)
    h = hashlib.blake2b(digest_size=8)
    # folder None: the temporary folder, as the native io workload.
    fd, path = tempfile.mkstemp(prefix="concurrency-lab-io-", dir=folder)
    # Unlinked at once: even a process killed mid-task leaves no file behind.
    os.unlink(path)
    try:
        for m in range(mib):
            view = memoryview(pattern(index + m))
            while view:
                view = view[os.write(fd, view):]
        os.fsync(fd)
        os.lseek(fd, 0, os.SEEK_SET)
        for m in range(mib):
            chunk = b""
            while len(chunk) < MIB:
                more = os.read(fd, MIB - len(chunk))
                if not more:
                    raise OSError("The temporary file ended early")
                chunk += more
            h.update(chunk)
    finally:
        os.close(fd)
    return mix(digest_value(h), mib)


def memory_work(index, size):
    mib = int(size)
    buf = bytearray(max(mib, 1) * MIB)
    view = memoryview(buf)
    for m in range(mib):
        view[m * MIB:(m + 1) * MIB] = pattern(index + m)
    h = hashlib.blake2b(digest_size=8)
    for m in range(mib):
        h.update(view[m * MIB:(m + 1) * MIB])
    view.release()
    return mix(digest_value(h), mib)


def load_function(path):
    """Imports the person's file; returns its task function or raises LoadError."""
    try:
        with open(path, "rb") as f:
            source = f.read()
    except OSError as e:
        raise LoadError("unreadable", e.strerror or str(e))
    try:
        code = compile(source, path, "exec")
    except SyntaxError as e:
        raise LoadError("syntax", "%s %s" % (e.lineno or 0, e.msg))
    except ValueError as e:
        raise LoadError("syntax", "0 %s" % e)
    spec = importlib.util.spec_from_file_location("clab_user_function", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["clab_user_function"] = module
    try:
        exec(code, module.__dict__)
    except BaseException as e:  # noqa: B902: the person's code may raise anything
        raise LoadError("function", describe(e))
    function = getattr(module, "task", None)
    if not callable(function):
        raise LoadError("no-task", "")
    return function


class LoadError(Exception):
    def __init__(self, code, detail):
        Exception.__init__(self, detail)
        self.code = code
        self.detail = detail


def describe(e):
    text = " ".join(str(e).split())
    return "%s: %s" % (type(e).__name__, text) if text else type(e).__name__


def function_work(index, size):
    global _FUNCTION
    if _FUNCTION is None:
        _FUNCTION = load_function(_CONFIG["function"])
    value = _FUNCTION(index, size)
    h = hashlib.blake2b(str(value).encode("utf-8", "surrogatepass"), digest_size=8)
    return mix(index, digest_value(h))


def run_workload(index):
    cfg = _CONFIG
    size = cfg["size"]
    if cfg["function"] is not None:
        return function_work(index, size)
    kind = cfg["workload"]
    if kind == "sleep":
        time.sleep(size)
        return mix(index, int(size * 1e6))
    if kind == "cpu":
        return cpu_work(index, size)
    if kind == "lock":
        # The article's remark: the work inside the lock runs one task at a time.
        with _LOCK:
            return cpu_work(index, size)
    if kind == "io":
        return io_work(index, size, cfg.get("folder"))
    return memory_work(index, size)


def run_task(index, worker, in_process):
    """Runs task @index on the calling thread and reports it; never raises."""
    tid = threading.get_native_id()
    pid = os.getpid()
    clock = time.process_time_ns if in_process else time.thread_time_ns
    cpu0 = clock()
    start = time.monotonic_ns()
    emit("START %d %d %d %d %d" % (index, worker, tid, pid, start))
    try:
        checksum = run_workload(index)
        outcome = "DONE"
        last = "%016x" % (checksum & MASK)
    except LoadError as e:
        outcome, last = "FAIL", "The function file could not be loaded: %s" % e.detail
    except BaseException as e:  # noqa: B902: a task's exception, whatever it is, fails it
        outcome, last = "FAIL", describe(e)
    end = time.monotonic_ns()
    emit("%s %d %d %d %d %d %d %d %s" % (outcome, index, worker, tid, pid, start, end,
                                          max(clock() - cpu0, 0), last))


def thread_lane():
    ident = threading.get_ident()
    with _LANES_LOCK:
        return _LANES.setdefault(ident, len(_LANES))


def process_init(cfg):
    """A new process of the mode: what to run, and prints kept off the protocol."""
    global _CONFIG, _FUNCTION
    sys.stdout = sys.stderr
    if _CONFIG is None:
        _CONFIG = cfg
    # A spawned process imports the person's file before its first task's clock starts;
    # a failure is left for each task to report.
    if _FUNCTION is None and cfg["function"] is not None:
        try:
            _FUNCTION = load_function(cfg["function"])
        except LoadError:
            pass


def process_main(cfg, index):
    process_init(cfg)
    run_task(index, os.getpid(), True)


def pool_task(index):
    run_task(index, os.getpid(), True)


def run_sequential(cfg):
    for index in range(cfg["tasks"]):
        run_task(index, 0, False)


def run_threads(cfg):
    threads = []
    for index in range(cfg["tasks"]):
        thread = threading.Thread(target=run_task, args=(index, index, False))
        try:
            thread.start()
        except RuntimeError as e:
            now = time.monotonic_ns()
            emit("FAIL %d %d 0 %d %d %d 0 %s" % (index, index, os.getpid(), now, now, describe(e)))
            continue
        threads.append(thread)
    for thread in threads:
        thread.join()


def run_thread_pool(cfg):
    def pooled(index):
        run_task(index, thread_lane(), False)

    with ThreadPoolExecutor(max_workers=cfg["workers"]) as pool:
        list(pool.map(pooled, range(cfg["tasks"])))


def exit_reason(exitcode):
    if exitcode < 0:
        return "The process was killed by signal %d before it reported." % -exitcode
    return "The process exited with status %d before it reported." % exitcode


def run_processes(cfg, context):
    started = []
    for index in range(cfg["tasks"]):
        process = context.Process(target=process_main, args=(cfg, index))
        try:
            process.start()
        except OSError as e:
            now = time.monotonic_ns()
            emit("FAIL %d 0 0 0 %d %d 0 %s" % (index, now, now, describe(e)))
            continue
        emit("PROC %d" % process.pid)
        started.append((index, process))
    for index, process in started:
        process.join()
        # A process that ended without its line: the lab keeps the first report of a task.
        if process.exitcode != 0:
            now = time.monotonic_ns()
            emit("FAIL %d %d 0 %d %d %d 0 %s" % (index, process.pid, process.pid, now, now,
                                                 exit_reason(process.exitcode)))


def run_process_pool(cfg, context):
    pool = context.Pool(cfg["workers"], initializer=process_init, initargs=(cfg,))
    try:
        for process in getattr(pool, "_pool", []):
            emit("PROC %d" % process.pid)
        pool.map(pool_task, range(cfg["tasks"]), chunksize=1)
        pool.close()
        pool.join()
    finally:
        pool.terminate()


def cpu_time_us():
    """The CPU time of this process and all it reaped, "user system" in microseconds."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return "%d %d" % (round(sum(u.ru_utime for u in usage) * 1e6),
                      round(sum(u.ru_stime for u in usage) * 1e6))


def gil_enabled():
    probe = getattr(sys, "_is_gil_enabled", None)
    return 1 if probe is None else int(bool(probe()))


def resolve_start_method(method):
    available = multiprocessing.get_all_start_methods()
    if method is None:
        method = multiprocessing.get_start_method(allow_none=True) or available[0]
    if method not in available:
        fail("start-method", method)
    return method


def stop_forkserver(method):
    """The forkserver's children are its own: it is reaped here so that their CPU time
    reaches this process's children's, and so the lab's."""
    if method != "forkserver":
        return
    try:
        from multiprocessing import forkserver
        forkserver._forkserver._stop()
    except Exception:  # noqa: B902: a private API; its absence only costs the accounting
        pass


def parse_args(argv):
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--mode", choices=MODES)
    parser.add_argument("--workload", choices=WORKLOADS, default="cpu")
    parser.add_argument("--size", type=float, default=1.0)
    parser.add_argument("--tasks", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--function")
    parser.add_argument("--start-method")
    parser.add_argument("--folder")
    try:
        args, rest = parser.parse_known_args(argv)
    except SystemExit:
        fail("usage", "bad arguments: %s" % " ".join(argv))
    if rest or (not args.check and args.mode is None) or args.tasks < 0 or args.workers < 1:
        fail("usage", "bad arguments: %s" % " ".join(argv))
    return args


def main(argv):
    global _CONFIG, _FUNCTION
    args = parse_args(argv)
    # The person's prints must not reach the protocol.
    sys.stdout = sys.stderr
    method = resolve_start_method(args.start_method)
    if args.function is not None:
        try:
            _FUNCTION = load_function(args.function)
        except LoadError as e:
            fail(e.code, e.detail)
    emit("HELLO %d %d %s %s %s %s" % (PROTOCOL, gil_enabled(), method,
                                       platform.python_implementation(),
                                       platform.python_version(), sys.executable))
    if args.check:
        return 0
    _CONFIG = {"workload": args.workload, "size": args.size, "tasks": args.tasks,
               "workers": args.workers, "function": args.function,
               "folder": args.folder}
    context = multiprocessing.get_context(method)
    emit("READY %s" % cpu_time_us())
    if sys.stdin.readline().strip() != "GO":
        return 0
    if args.mode == "sequential":
        run_sequential(_CONFIG)
    elif args.mode == "threads":
        run_threads(_CONFIG)
    elif args.mode == "thread-pool":
        run_thread_pool(_CONFIG)
    elif args.mode == "processes":
        run_processes(_CONFIG, context)
    else:
        run_process_pool(_CONFIG, context)
    end_ns = time.monotonic_ns()
    # Reaped first: the forkserver's children's time reaches this process through it.
    stop_forkserver(method)
    emit("FINISH %d %s" % (end_ns, cpu_time_us()))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except SystemExit:
        raise
    except BaseException:  # noqa: B902: the lab reads the last line of stderr
        traceback.print_exc()
        sys.exit(3)
