#!/usr/bin/env python3
"""Combines SignalBench's JMH CSV and tools/bench_signal.py's output into the Markdown table of
docs/BENCHMARKS.md (section "scipy.signal convolution"), with the issue's three bars per point.
With two peer files (the SciPy run before and after JMH), each SciPy figure is the faster of the two.

    python3 tools/bench_signal_table.py target/signal-jmh.csv target/signal-peer.tsv [target/signal-peer2.tsv]
"""
import csv
import sys

jmh = {}
with open(sys.argv[1]) as fh:
    for row in csv.DictReader(fh):
        if row['Mode'] != 'sample':
            continue
        # SampleTime 'Score' is the mean; medians are in the p0.50 secondary rows, which the CSV
        # lists as separate benchmarks named '...:p0.50'.
        jmh_key = (row['Param: point'], row['Param: dtype'], row['Param: method'])
        if row['Benchmark'].endswith(':p0.50'):
            jmh[jmh_key] = float(row['Score'])
peer = {}
for path in sys.argv[2:]:
    with open(path) as fh:
        for line in fh:
            if line.startswith('#') or not line.strip():
                continue
            point, dtype, method, med, _mn = line.split('\t')
            key = (point, dtype, method)
            peer[key] = min(peer.get(key, float('inf')), float(med))

points = ['1d_16', '1d_256', '1d_4096', '2d_3', '2d_9', '2d_31']
label = {'1d_16': '1-D 10⁶ × 16', '1d_256': '1-D 10⁶ × 256', '1d_4096': '1-D 10⁶ × 4096', '2d_3': '2-D 512² × 3²',
         '2d_9': '2-D 512² × 9²', '2d_31': '2-D 512² × 31²'}
print('| point | dtype | conv4j auto (ms) | conv4j direct / fft / oa (ms) | SciPy auto (ms) | SciPy oa / fft / direct (ms) '
      '| SciPy auto ÷ ours (≥ 2) | SciPy best ÷ ours (≥ 1) | ours auto ÷ our best (≤ 1.3) |')
print('|---|---|---|---|---|---|---|---|---|')
for dtype in ('float32', 'float64'):
    for p in points:
        ours = {m: jmh.get((p, dtype, m)) for m in ('AUTO', 'DIRECT', 'FFT', 'OVERLAP_ADD')}
        auto = ours['AUTO']
        known = [v for k, v in ours.items() if k != 'AUTO' and v is not None]
        best = min(known + [auto]) if auto is not None else None
        sa = peer.get((p, dtype, 'auto'))
        sb = min(v for v in (peer.get((p, dtype, m)) for m in ('oaconvolve', 'fftconvolve', 'direct')) if v is not None)
        f = lambda v: '—' if v is None else f'{v:.2f}'
        r1 = sa / auto if auto else None
        r2 = sb / auto if auto else None
        r3 = auto / best if auto and best else None
        mark = lambda ok: '' if ok else ' ✗'
        print(f'| {label[p]} | {dtype} | {f(auto)} | {f(ours["DIRECT"])} / {f(ours["FFT"])} / {f(ours["OVERLAP_ADD"])} '
              f'| {f(sa)} | {f(peer.get((p, dtype, "oaconvolve")))} / {f(peer.get((p, dtype, "fftconvolve")))} / {f(peer.get((p, dtype, "direct")))} '
              f'| {r1:.2f}{mark(r1 >= 2)} | {r2:.2f}{mark(r2 >= 1)} | {r3:.2f}{mark(r3 <= 1.3)} |')
