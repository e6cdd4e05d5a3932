#!/usr/bin/python3
"""The Theano tutorial's LeNet in PyTorch 1.13 CPU, the peer of conv4j's `LenetStep` / `./conv4j lenet`.

Same architecture and training step as conv4j: conv 20x1x5x5 -> max-pool 2 -> +b -> tanh,
conv 50x20x5x5 -> max-pool 2 -> +b -> tanh, Linear 800->500 tanh, Linear 500->10, mean
cross-entropy of the logits, plain SGD (lr 0.1), batch 500, float32. Synthetic inputs (uniform
pixels, labels i mod 10): the arithmetic does not depend on the values. Prints one JSON line per
thread count with the median wall time of one iteration, the process CPU time per iteration and
the implied seconds per 50 000-image epoch (100 iterations).

Run with the system interpreter (Debian python3-torch):
    /usr/bin/python3 tools/peer_lenet.py --threads 1 2 --iters 20
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.w0 = nn.Parameter(torch.empty(20, 1, 5, 5).uniform_(-0.1, 0.1))
        self.b0 = nn.Parameter(torch.zeros(20))
        self.w1 = nn.Parameter(torch.empty(50, 20, 5, 5).uniform_(-0.05, 0.05))
        self.b1 = nn.Parameter(torch.zeros(50))
        self.l2 = nn.Linear(800, 500)
        self.l3 = nn.Linear(500, 10)
        nn.init.zeros_(self.l3.weight)
        nn.init.zeros_(self.l3.bias)

    def forward(self, x):
        x = torch.tanh(F.max_pool2d(F.conv2d(x, self.w0), 2) + self.b0.view(-1, 1, 1))
        x = torch.tanh(F.max_pool2d(F.conv2d(x, self.w1), 2) + self.b1.view(-1, 1, 1))
        x = torch.tanh(self.l2(x.flatten(1)))
        return self.l3(x)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--iters", type=int, default=20)
    ap.add_argument("--batch", type=int, default=500)
    a = ap.parse_args()
    torch.manual_seed(0)
    x = torch.rand(a.batch, 1, 28, 28)
    y = torch.arange(a.batch) % 10
    for t in a.threads:
        torch.set_num_threads(t)
        net = LeNet()
        opt = torch.optim.SGD(net.parameters(), lr=0.1)

        def step():
            opt.zero_grad()
            loss = F.cross_entropy(net(x), y)
            loss.item()
            loss.backward()
            opt.step()

        for _ in range(max(5, a.iters // 3)):
            step()
        wall, cpu = [], []
        for _ in range(a.iters):
            c0, w0 = time.process_time(), time.perf_counter()
            step()
            wall.append((time.perf_counter() - w0) * 1e3)
            cpu.append((time.process_time() - c0) * 1e3)
        med = statistics.median(wall)
        print(json.dumps({"impl": "torch " + torch.__version__, "bench": "lenet/step", "batch": a.batch, "threads": t,
                          "wall_ms": round(med, 1), "wall_min_ms": round(min(wall), 1),
                          "cpu_ms": round(statistics.median(cpu), 1), "epoch_s": round(med * 100 / 1e3, 1)}), flush=True)


if __name__ == "__main__":
    main()
