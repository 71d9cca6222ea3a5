# SPDX-License-Identifier: GPL-3.0-or-later
"""The article's pool example: N tasks of S seconds of sleep on a Pool of W processes.

The tasks run first-in first-out, so 10 tasks of 2 s on 1 worker take about 20 s. Prints
the elapsed seconds from before the pool starts to after it has joined its workers.
"""
import multiprocessing
import sys
import time


def task(seconds):
    time.sleep(seconds)


def main():
    tasks = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    start = time.perf_counter()
    with multiprocessing.Pool(workers) as pool:
        pool.map(task, [seconds] * tasks, chunksize=1)
        pool.close()
        pool.join()
    print(f"{time.perf_counter() - start:.6f}")


if __name__ == "__main__":
    main()
