#!/usr/bin/env python3
"""Peers of conv4j-bench MatchBench, medians of repeated runs in one process.

    python3 tools/bench_match.py interleaved    # conv4j, OpenCV and SciPy alternating (see below)
    python3 tools/bench_match.py interleaved --cpu   # the same, one thread each, CPU time
    python3 tools/bench_match.py scipy          # SciPy decomposition + ndimage.generic_filter
    /usr/bin/python3 tools/bench_match.py cv    # OpenCV matchTemplate (Debian python3-opencv)
    python3 tools/bench_match.py scipy --cpu    # one thread, CPU time (time.thread_time)
    /usr/bin/python3 tools/bench_match.py cv --cpu

Interleaved mode (the fair one on a shared machine): this process (the default python3, SciPy)
starts a conv4j timing JVM (org.conv4j.bench.MatchTimer from conv4j-bench/target/benchmarks.jar)
and an OpenCV server (/usr/bin/python3 tools/bench_match.py cv-server), then for R rounds runs a
burst of each workload on every side in turn (conv4j, OpenCV, SciPy), so all sides see the same
load. Reports medians over all calls after warm-up, the ratio peer/conv4j and the load average.
Wall time with all threads (conv4j and OpenCV 2, SciPy has none), or with --cpu one thread each
and the calling thread's CPU time.

Workloads: seed 000 (SPEC §8.1: 500x500 closed-form Z, X0 = Z[123:133, 321:331], MSD) and
2048x2048 float32 uniform random with a 31x31 template (TM_SQDIFF, TM_CCOEFF_NORMED).
"""
import sys
import time

import numpy as np


CLOCK = time.perf_counter


def median_time(f, reps, warm=2):
    for _ in range(warm):
        f()
    ts = []
    for _ in range(reps):
        t0 = CLOCK()
        f()
        ts.append(CLOCK() - t0)
    return 1000 * float(np.median(ts))


def seed():
    i, j = np.mgrid[0:500, 0:500]
    z = ((3 * i * i + 5 * j * j + 7 * i * j + 11 * i + 13 * j) % 1009).astype(np.float64)
    return z, z[123:133, 321:331].copy()


def big():
    rng = np.random.default_rng(1)
    b = rng.random((2048, 2048), dtype=np.float32)
    return b, b[1000:1031, 700:731].copy()


def scipy_peers():
    from scipy import ndimage, signal
    z, x0 = seed()
    m = 10

    def decomposition(z, x0):
        # The best SciPy route: box sums by uniform_filter, correlation by FFT (scipy.signal.correlate auto).
        s2 = ndimage.uniform_filter(z * z, m, mode="constant", origin=-(m // 2))[:491, :491] * (m * m)
        c = signal.correlate(z, x0, "valid")
        return (s2 - 2 * c + (x0 * x0).sum()) / (m * m)

    for dt in (np.float32, np.float64):
        zz, xx = z.astype(dt), x0.astype(dt)
        ms = median_time(lambda: decomposition(zz, xx), 15)
        print(f"scipy decomposition seed MSD {np.dtype(dt).name}: {ms:.2f} ms")
    xf = x0.ravel()
    ms = median_time(lambda: ndimage.generic_filter(z, lambda v: np.mean((v - xf) ** 2), size=10, mode="constant",
                                                    origin=-5), 3, warm=1)
    print(f"scipy generic_filter seed MSD float64: {ms:.1f} ms")


def cv_peers():
    import cv2
    if CLOCK is time.thread_time:
        cv2.setNumThreads(1)
    z, x0 = seed()
    z32, x32 = z.astype(np.float32), x0.astype(np.float32)
    ms = median_time(lambda: cv2.matchTemplate(z32, x32, cv2.TM_SQDIFF) / 100.0, 30)
    print(f"opencv {cv2.__version__} TM_SQDIFF seed float32 (threads {cv2.getNumThreads()}): {ms:.2f} ms")
    b, t = big()
    ms = median_time(lambda: cv2.matchTemplate(b, t, cv2.TM_SQDIFF), 10)
    print(f"opencv TM_SQDIFF 2048^2 31x31 float32: {ms:.1f} ms")
    ms = median_time(lambda: cv2.matchTemplate(b, t, cv2.TM_CCOEFF_NORMED), 10)
    print(f"opencv TM_CCOEFF_NORMED 2048^2 31x31 float32: {ms:.1f} ms")


# ---------------------------------------------------------------------------------------------
# interleaved mode

def cv_server():
    """Reads 'OP THREADS REPS' lines; prints 'WALL/CPU' ms pairs per call (OpenCV)."""
    import cv2
    z, x0 = seed()
    z32, x32 = z.astype(np.float32), x0.astype(np.float32)
    b, t = big()
    ops = {
        "seed32": lambda: cv2.matchTemplate(z32, x32, cv2.TM_SQDIFF) / 100.0,
        "bigSsd": lambda: cv2.matchTemplate(b, t, cv2.TM_SQDIFF),
        "bigCcoeffNormed": lambda: cv2.matchTemplate(b, t, cv2.TM_CCOEFF_NORMED),
    }
    print("ready opencv " + cv2.__version__, flush=True)
    for line in sys.stdin:
        op, threads, reps = line.split()
        cv2.setNumThreads(int(threads))
        out = []
        for _ in range(int(reps)):
            c0, t0 = time.thread_time(), time.perf_counter()
            ops[op]()
            out.append("%.4f/%.4f" % (1000 * (time.perf_counter() - t0), 1000 * (time.thread_time() - c0)))
        print(" ".join(out), flush=True)


class Server:
    def __init__(self, cmd):
        import subprocess
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.hello = self.p.stdout.readline().strip()

    def run(self, op, threads, reps):
        self.p.stdin.write("%s %d %d\n" % (op, threads, reps))
        self.p.stdin.flush()
        pairs = self.p.stdout.readline().split()
        return [tuple(float(v) for v in pr.split("/")) for pr in pairs]

    def close(self):
        self.p.stdin.close()
        self.p.wait()


def interleaved(rounds, cpu):
    import os
    from scipy import ndimage, signal
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    jar = os.path.join(root, "conv4j-bench", "target", "benchmarks.jar")
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if "JAVA_HOME" in os.environ else "java"
    threads = 1 if cpu else 2
    j = Server([java, "--add-modules", "jdk.incubator.vector", "-Xmx3g", "-cp", jar, "org.conv4j.bench.MatchTimer"])
    cv = Server(["/usr/bin/python3", os.path.abspath(__file__), "cv-server"])
    z, x0 = seed()
    b, t = big()
    m = 10

    def decomposition(z, x0):
        s2 = ndimage.uniform_filter(z * z, m, mode="constant", origin=-(m // 2))[:491, :491] * (m * m)
        c = signal.correlate(z, x0, "valid")
        return (s2 - 2 * c + (x0 * x0).sum()) / (m * m)

    z32, x32 = z.astype(np.float32), x0.astype(np.float32)
    xf = x0.ravel()
    scipy_ops = {
        "seed32": lambda: decomposition(z32, x32),
        "seed64": lambda: decomposition(z, x0),
        "generic": lambda: ndimage.generic_filter(z, lambda v: np.mean((v - xf) ** 2), size=10, mode="constant",
                                                  origin=-5),
    }
    # workload: (burst per round, peers)
    plan = [("seed32", 20, ["opencv", "scipy"]), ("seed64", 20, ["scipy"]), ("bigSsd", 2, ["opencv"]),
            ("bigCcoeffNormed", 2, ["opencv"]), ("generic", 1, ["scipy"])]
    clock = time.thread_time if cpu else time.perf_counter

    def scipy_run(op, reps):
        out = []
        for _ in range(reps):
            t0 = clock()
            scipy_ops[op]()
            out.append(1000 * (clock() - t0))
        return out

    pick = 1 if cpu else 0
    res = {}
    loads = [os.getloadavg()[0]]
    for r in range(rounds + 1):  # round 0 is warm-up
        for op, burst, peers in plan:
            reps = burst if op != "generic" or r > 0 else 1
            got = {"conv4j": [v[pick] for v in j.run(op, threads, reps if r else max(reps, 10))]}
            if "opencv" in peers:
                got["opencv"] = [v[pick] for v in cv.run(op, threads, reps)]
            if "scipy" in peers:
                got["scipy"] = scipy_run(op, reps)
            if r > 0:
                for k, v in got.items():
                    res.setdefault((op, k), []).extend(v)
        loads.append(os.getloadavg()[0])
    j.close()
    cv.close()
    names = {"seed32": "seed MSD float32", "seed64": "seed MSD float64 (bit-exact)",
             "bigSsd": "2048², 31×31, SSD float32", "bigCcoeffNormed": "2048², 31×31, CCOEFF_NORMED float32",
             "generic": "generic op, seed MSD lambda (float64)"}
    peer_names = {("seed32", "opencv"): "OpenCV TM_SQDIFF", ("seed32", "scipy"): "SciPy decomposition f32",
                  ("seed64", "scipy"): "SciPy decomposition f64", ("bigSsd", "opencv"): "OpenCV TM_SQDIFF",
                  ("bigCcoeffNormed", "opencv"): "OpenCV TM_CCOEFF_NORMED", ("generic", "scipy"): "`generic_filter`"}
    what = "CPU ms, 1 thread" if cpu else "wall ms, %d threads (SciPy 1)" % threads
    print("(%s; %d rounds; %s; %s; load average %s)" % (what, rounds, j.hello, cv.hello,
                                                        " → ".join("%.1f" % v for v in loads)))
    print("| workload | conv4j ms | peer | peer ms | ratio peer/conv4j | calls each |")
    print("|---|---|---|---|---|---|")
    for op, burst, peers in plan:
        c = float(np.median(res[(op, "conv4j")]))
        for p in peers:
            v = float(np.median(res[(op, p)]))
            print("| %s | %.2f | %s | %.2f | **%.2f** | %d |" % (names[op], c, peer_names[(op, p)], v, v / c,
                                                                len(res[(op, p)])))


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "scipy"
    if which == "cv-server":
        cv_server()
        sys.exit(0)
    if which == "interleaved":
        rounds = 5
        if "--rounds" in sys.argv:
            rounds = int(sys.argv[sys.argv.index("--rounds") + 1])
        interleaved(rounds, "--cpu" in sys.argv)
        sys.exit(0)
    if "--cpu" in sys.argv:
        CLOCK = time.thread_time
        print("(one thread, CPU time)")
    (cv_peers if which == "cv" else scipy_peers)()
