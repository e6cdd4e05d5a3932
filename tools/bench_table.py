#!/usr/bin/env python3
"""Joins a JMH JSON result file with peer JSON-lines files into the table of docs/BENCHMARKS.md.

    python3 tools/bench_table.py RESULTS_DIR

RESULTS_DIR holds jmh.json (JMH -rf json), peer_before.jsonl and peer_after.jsonl (the peers run
right before and right after JMH) and load.txt. For each workload the conv4j figure is the median
over all measurement iterations of all forks; the peer figure is the faster of its two medians
(the conservative choice for conv4j). ratio = peer time / conv4j time: above 1 conv4j is faster.
"""
import json
import os
import statistics
import sys

d = sys.argv[1]
jmh = json.load(open(os.path.join(d, "jmh.json")))
ours = {}
for r in jmh:
    cls, method = r["benchmark"].split(".")[-2:]
    p = r.get("params", {})
    threads = int(p.get("threads", 1))
    raw = [v for fork in r["primaryMetric"]["rawData"] for v in fork]
    med = statistics.median(raw)
    if cls == "GemmBench":
        key = f"{method}/{p['n']}"
    elif cls == "ConvBench":
        key = f"conv/{p['layer']}/{method}"
    elif cls in ("PoolBench", "PoolWindowBench"):
        key = f"pool/{p['maps']}/{method}"
    else:
        continue
    ours[(key, threads)] = (med, min(raw), max(raw), len(raw))

peers = {}
peer_names = {}
for f in ("peer_before.jsonl", "peer_after.jsonl"):
    path = os.path.join(d, f)
    if not os.path.exists(path):
        continue
    for line in open(path):
        line = line.strip()
        if not line.startswith("{"):
            continue
        e = json.loads(line)
        k = (e["bench"], int(e["threads"]))
        peers.setdefault(k, []).append(e["ms"])
        peer_names[k] = e.get("peer", "")


def gflops(key, ms):
    if key.startswith(("sgemm/", "dgemm/")):
        n = int(key.split("/")[1])
        return f"{2 * n ** 3 / (ms * 1e-3) / 1e9:.1f}"
    return ""


print("| workload | threads | conv4j ms (median, min–max, n) | conv4j GFLOP/s | peer | peer ms (before / after) | peer GFLOP/s | ratio (peer time / conv4j time) |")
print("|---|---|---|---|---|---|---|---|")
for (key, t) in sorted(ours, key=lambda k: (k[0].split("/")[0], k[0], k[1])):
    med, lo, hi, cnt = ours[(key, t)]
    pm = peers.get((key, t))
    if pm:
        best = min(pm)
        ratio = f"**{best / med:.2f}**"
        pstr = " / ".join(f"{v:.2f}" for v in pm)
        pg = gflops(key, best)
    else:
        ratio, pstr, pg = "", "", ""
    print(f"| {key} | {t} | {med:.2f} ({lo:.2f}–{hi:.2f}, {cnt}) | {gflops(key, med)} | {peer_names.get((key, t), '')} | {pstr} | {pg} | {ratio} |")
cpu_ours = os.path.join(d, "cpu_conv4j.jsonl")
cpu_peer = os.path.join(d, "cpu_peer.jsonl")
if os.path.exists(cpu_ours) and os.path.exists(cpu_peer):
    mine = {}
    for line in open(cpu_ours):
        if line.startswith("{"):
            e = json.loads(line)
            mine[e["bench"]] = e["cpu_ms"]
    theirs = {}
    names = {}
    for line in open(cpu_peer):
        if line.startswith("{"):
            e = json.loads(line)
            theirs.setdefault(e["bench"], []).append(e["cpu_ms"])
            names[e["bench"]] = e.get("peer", "")
    print()
    print("One thread, CPU time of the calling thread (robust to other jobs on the machine):")
    print()
    print("| workload | conv4j CPU ms | peer | peer CPU ms (before / after) | ratio (peer / conv4j) |")
    print("|---|---|---|---|---|")
    for k in mine:
        if k in theirs:
            best = min(theirs[k])
            print(f"| {k} | {mine[k]:.2f} | {names[k]} | {' / '.join(f'{v:.2f}' for v in theirs[k])} | **{best / mine[k]:.2f}** |")
load = os.path.join(d, "load.txt")
if os.path.exists(load):
    print()
    print("Load (uptime) during the run:")
    print()
    for line in open(load):
        print("    " + line.rstrip())
