#!/usr/bin/env python3
"""conv4j filters vs scipy.ndimage, measured in one session (issue 6 bars).

Workload: a 2048x2048 float32 image (uniform in [0, 1)), window 9 (9x9), mode 'reflect':
median_filter, uniform_filter, maximum_filter, and a 9x9 correlate for scale. SciPy runs
single-threaded (scipy.ndimage has no threads); conv4j runs with 2 threads (FilterBench, JMH,
2 forks x 5 measurement iterations). Prints a markdown table with medians, the ratio, and the
load average (uptime) before each side.

Two modes:
  --interleaved (default): a persistent JVM (org.conv4j.bench.FilterTimer) runs one conv4j call at a
      time, alternating with one SciPy call, so that every pair sees the same machine load (the
      development machine is shared; load averages swing between 3 and 9 within minutes). Reports
      medians of wall time (SciPy 1 thread vs conv4j 2 threads) and, as a contention-free view, of
      CPU time with one thread on each side (time.process_time vs the thread's CPU time).
  --jmh: SciPy medians, then JMH FilterBench (2 forks x 5 iterations), sequentially.

Usage (from the repository root, after building the benchmark jar):
  ./build -q -pl conv4j-bench -am package -DskipTests
  nice -n -15 python3 tools/bench_filter.py             # interleaved, then the table
  nice -n -15 python3 tools/bench_filter.py --jmh       # SciPy + JMH, then the table
  python3 tools/bench_filter.py --scipy-only            # SciPy medians only
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy import ndimage as nd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "conv4j-bench", "target", "benchmarks.jar")


def load():
    return os.getloadavg()[0]


def scipy_times(n, size, repeats):
    rng = np.random.default_rng(20240611)
    x = rng.random((n, n), dtype=np.float32)
    w = rng.uniform(-1, 1, (size, size))
    ops = {
        "medianFilter": lambda: nd.median_filter(x, size),
        "uniformFilter": lambda: nd.uniform_filter(x, size),
        "maximumFilter": lambda: nd.maximum_filter(x, size),
        "correlate": lambda: nd.correlate(x, w),
    }
    out = {}
    for name, fn in ops.items():
        fn()  # warm-up
        reps = max(3, repeats // 4) if name in ("medianFilter", "correlate") else repeats
        ts = []
        for _ in range(reps):
            t0 = time.perf_counter()
            fn()
            ts.append((time.perf_counter() - t0) * 1e3)
        out[name] = (statistics.median(ts), min(ts), len(ts))
    return out


def wait_for_jmh_lock(limit_s=1800):
    """JMH allows one run per machine (/tmp/jmh.lock); wait until no other run holds it."""
    import fcntl
    start = time.time()
    while True:
        with open("/tmp/jmh.lock", "a") as f:
            try:
                fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.lockf(f, fcntl.LOCK_UN)
                return
            except OSError:
                pass
        if time.time() - start > limit_s:
            raise SystemExit("another JMH run held /tmp/jmh.lock for %d s" % limit_s)
        time.sleep(5)


def jmh_times(java, threads):
    wait_for_jmh_lock()
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        path = f.name
    cmd = [java, "--add-modules", "jdk.incubator.vector", "-jar", JAR, "FilterBench", "-p", "threads=%d" % threads,
           "-rf", "json", "-rff", path]
    subprocess.run(cmd, check=True, stdout=sys.stderr)
    with open(path) as f:
        res = json.load(f)
    out = {}
    for r in res:
        name = r["benchmark"].rsplit(".", 1)[1]
        raw = [v for fork in r["primaryMetric"]["rawData"] for v in fork]
        out[name] = (statistics.median(raw), min(raw), len(raw))
    return out


OPS = ("medianFilter", "uniformFilter", "maximumFilter", "correlate")
BARS = {"medianFilter": 10, "uniformFilter": 3, "maximumFilter": 3, "correlate": None}


def scipy_ops(n, size):
    rng = np.random.default_rng(20240611)
    x = rng.random((n, n), dtype=np.float32)
    w = rng.uniform(-1, 1, (size, size))
    return {
        "medianFilter": lambda: nd.median_filter(x, size),
        "uniformFilter": lambda: nd.uniform_filter(x, size),
        "maximumFilter": lambda: nd.maximum_filter(x, size),
        "correlate": lambda: nd.correlate(x, w),
    }


def interleaved(java, threads, rounds):
    ops = scipy_ops(2048, 9)
    proc = subprocess.Popen([java, "--add-modules", "jdk.incubator.vector", "-Xmx2g", "-cp", JAR,
                             "org.conv4j.bench.FilterTimer"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)

    def java_call(op, t):
        proc.stdin.write("%s %d\n" % (op, t))
        proc.stdin.flush()
        wall, cpu = proc.stdout.readline().split()
        return float(wall), float(cpu)

    def scipy_call(op):
        c0, t0 = time.process_time(), time.perf_counter()
        ops[op]()
        return (time.perf_counter() - t0) * 1e3, (time.process_time() - c0) * 1e3

    rows = {}
    loads = [load()]
    for op in OPS:
        for _ in range(3):  # warm-up: JIT compilation, SciPy's first call
            java_call(op, threads)
            java_call(op, 1)
        scipy_call(op)
        reps = max(3, rounds // 3) if op in ("medianFilter", "correlate") else rounds
        sw, jw, sc, jc = [], [], [], []
        for _ in range(reps):
            w, c = scipy_call(op)
            sw.append(w)
            sc.append(c)
            jw.append(java_call(op, threads)[0])
            jc.append(java_call(op, 1)[1])
        rows[op] = tuple(statistics.median(v) for v in (sw, jw, sc, jc)) + (reps,)
        loads.append(load())
    proc.stdin.close()
    proc.wait()
    print("| 2048x2048 float32, size 9, reflect | SciPy %s, 1 thread: wall ms | conv4j, %d threads: wall ms | speed-up"
          " | bar | CPU ms, 1 thread: SciPy / conv4j | CPU ratio | pairs |"
          % (__import__("scipy").__version__, threads))
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for op in OPS:
        sw, jw, sc, jc, reps = rows[op]
        ratio = sw / jw
        bar = BARS[op]
        verdict = "-" if bar is None else ("%d×: %s" % (bar, "met" if ratio >= bar else "MISSED"))
        print("| %s | %.1f | %.2f | %.1f× | %s | %.0f / %.1f | %.1f× | %d |"
              % (op, sw, jw, ratio, verdict, sc, jc, sc / jc, reps))
    print()
    print("load average (1 min) at the start and after each op: " + ", ".join("%.2f" % v for v in loads))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jmh", action="store_true")
    ap.add_argument("--scipy-only", action="store_true")
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--java", default=os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java"))
    args = ap.parse_args()
    if not args.jmh and not args.scipy_only:
        interleaved(args.java, args.threads, args.repeats)
        return
    if not args.scipy_only:
        wait_for_jmh_lock()  # so that SciPy and JMH run back to back
    load_scipy = load()
    sp = scipy_times(2048, 9, args.repeats)
    if args.scipy_only:
        for k, v in sp.items():
            print("%-14s median %.1f ms  min %.1f ms  (n=%d, load %.2f)" % (k, v[0], v[1], v[2], load_scipy))
        return
    load_java = load()
    jv = jmh_times(args.java, args.threads)
    print("| 2048x2048 float32, size 9, reflect | SciPy %s, 1 thread: median (min) ms | conv4j, %d threads: median (min) ms"
          " | speed-up | bar |" % (__import__("scipy").__version__, args.threads))
    print("| --- | --- | --- | --- | --- |")
    bars = {"medianFilter": 10, "uniformFilter": 3, "maximumFilter": 3, "correlate": None}
    for k in ("medianFilter", "uniformFilter", "maximumFilter", "correlate"):
        s, j = sp[k], jv[k]
        ratio = s[0] / j[0]
        bar = bars[k]
        verdict = "-" if bar is None else ("%d×: %s" % (bar, "met" if ratio >= bar else "MISSED"))
        print("| %s | %.1f (%.1f) | %.2f (%.2f) | %.1f× | %s |" % (k, s[0], s[1], j[0], j[1], ratio, verdict))
    print()
    print("load average (1 min) before SciPy: %.2f, before JMH: %.2f, after: %.2f" % (load_scipy, load_java, load()))


if __name__ == "__main__":
    main()
