#!/usr/bin/python3
"""Peer figures for ConvBench and PoolBench: PyTorch 1.13 CPU (Debian python3-torch, so run it with
the system interpreter /usr/bin/python3) on the same float32 workloads and thread count:

    /usr/bin/python3 tools/peer_conv.py --threads 2 [--reps 9]

conv2d forward (with bias) and backward (dx, dw and db from one autograd call on a retained graph,
so the forward is not timed), on LeNet conv1 (500x1x28x28, 20 5x5), LeNet conv2 (500x20x12x12,
50 5x5) and a ResNet layer (32x64x56x56, 64 3x3, padding 1); 2x2 max pooling with indices and 2x2 average pooling, forward
and backward on LeNet's maps (500x20x24x24 and 500x50x8x8); 3x3/2 padding-1 max (with indices) and average pooling
on ResNet's stem maps (32x64x112x112) and in 3-D (8x32x16x56x56): PoolWindowBench's workloads.
Prints one JSON object per line: {"bench": "conv/lenet1/forward", "threads": 2, "ms": median}.
With --cpu (and --threads 1) the times are the calling thread's CPU time ("cpu_ms"), the
counterpart of org.conv4j.bench.CpuTimeCheck.
"""
import argparse
import json
import re
import statistics
import sys
import time

import torch
import torch.nn.functional as F

ap = argparse.ArgumentParser()
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--reps", type=int, default=9)
ap.add_argument("--cpu", action="store_true", help="time with time.thread_time (use with --threads 1)")
ap.add_argument("--only", default="", help="run only the workloads whose key (e.g. pool/stem) matches this regex")
args = ap.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(0)


def median_ms(fn, reps):
    clock = time.thread_time if args.cpu else time.perf_counter
    for _ in range(2):
        fn()
    ts = []
    for _ in range(reps):
        t = clock()
        fn()
        ts.append(clock() - t)
    return statistics.median(ts) * 1e3


def wanted(workload):
    return not args.only or re.search(args.only, workload) is not None


def emit(bench, ms):
    key = "cpu_ms" if args.cpu else "ms"
    print(json.dumps({"peer": "torch " + torch.__version__, "bench": bench, "threads": args.threads, key: ms}))
    sys.stdout.flush()


LAYERS = {"lenet1": (500, 1, 28, 20, 5, 0), "lenet2": (500, 20, 12, 50, 5, 0), "resnet": (32, 64, 56, 64, 3, 1)}
for name, (n, c, h, oc, k, pad) in LAYERS.items():
    if not wanted(f"conv/{name}"):
        continue
    x = torch.randn(n, c, h, h, requires_grad=True)
    w = torch.randn(oc, c, k, k, requires_grad=True)
    b = torch.randn(oc, requires_grad=True)
    reps = args.reps if name != "resnet" else max(5, args.reps // 2)
    with torch.no_grad():
        emit(f"conv/{name}/forward", median_ms(lambda: F.conv2d(x, w, b, padding=pad), reps))
    y = F.conv2d(x, w, b, padding=pad)
    dy = torch.randn_like(y)
    emit(f"conv/{name}/backward",
         median_ms(lambda: torch.autograd.grad(y, (x, w, b), dy, retain_graph=True), reps))

for name, shape in {"lenet1": (500, 20, 24, 24), "lenet2": (500, 50, 8, 8)}.items():
    if not wanted(f"pool/{name}"):
        continue
    x = torch.randn(*shape, requires_grad=True)
    with torch.no_grad():
        emit(f"pool/{name}/forward", median_ms(lambda: F.max_pool2d(x, 2, return_indices=True), args.reps))
    y, _ = F.max_pool2d(x, 2, return_indices=True)
    dy = torch.randn_like(y)
    emit(f"pool/{name}/backward", median_ms(lambda: torch.autograd.grad(y, (x,), dy, retain_graph=True), args.reps))
    with torch.no_grad():
        emit(f"pool/{name}/avgForward", median_ms(lambda: F.avg_pool2d(x, 2), args.reps))
    ya = F.avg_pool2d(x, 2)
    dya = torch.randn_like(ya)
    emit(f"pool/{name}/avgBackward", median_ms(lambda: torch.autograd.grad(ya, (x,), dya, retain_graph=True), args.reps))

# windows that are not uniform 2-D tiles (conv4j's table-driven kernels, PoolWindowBench)
for name, (shape, pool, avg) in {"stem": ((32, 64, 112, 112), F.max_pool2d, F.avg_pool2d),
                                 "pool3d": ((8, 32, 16, 56, 56), F.max_pool3d, F.avg_pool3d)}.items():
    if not wanted(f"pool/{name}"):
        continue
    x = torch.randn(*shape, requires_grad=True)
    with torch.no_grad():
        emit(f"pool/{name}/forward", median_ms(lambda: pool(x, 3, 2, 1, return_indices=True), args.reps))
    y, _ = pool(x, 3, 2, 1, return_indices=True)
    dy = torch.randn_like(y)
    emit(f"pool/{name}/backward", median_ms(lambda: torch.autograd.grad(y, (x,), dy, retain_graph=True), args.reps))
    with torch.no_grad():
        emit(f"pool/{name}/avgForward", median_ms(lambda: avg(x, 3, 2, 1), args.reps))
    ya = avg(x, 3, 2, 1)
    dya = torch.randn_like(ya)
    emit(f"pool/{name}/avgBackward", median_ms(lambda: torch.autograd.grad(ya, (x,), dya, retain_graph=True), args.reps))
