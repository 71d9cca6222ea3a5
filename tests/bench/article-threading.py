# SPDX-License-Identifier: GPL-3.0-or-later
"""The article's threading example: N threads that each sleep S seconds.

Prints the elapsed seconds from before the first start to after the last join.
"""
import sys
import threading
import time


def task(seconds):
    time.sleep(seconds)


def main():
    tasks = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
    start = time.perf_counter()
    threads = [threading.Thread(target=task, args=(seconds,)) for _ in range(tasks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"{time.perf_counter() - start:.6f}")


if __name__ == "__main__":
    main()
