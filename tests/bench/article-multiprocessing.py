# SPDX-License-Identifier: GPL-3.0-or-later
"""The article's multiprocessing example: N processes that each sleep S seconds.

Prints the elapsed seconds from before the first start to after the last join.
"""
import multiprocessing
import sys
import time


def task(seconds):
    time.sleep(seconds)


def main():
    tasks = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
    start = time.perf_counter()
    processes = [multiprocessing.Process(target=task, args=(seconds,)) for _ in range(tasks)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    print(f"{time.perf_counter() - start:.6f}")


if __name__ == "__main__":
    main()
