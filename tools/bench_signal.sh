#!/usr/bin/env bash
# The scipy.signal convolution benchmark of docs/BENCHMARKS.md: SignalBench (JMH, all threads) and
# its SciPy peer (tools/bench_signal.py, single-threaded) in the same session: SciPy, then JMH, then
# SciPy again (the table takes the faster SciPy figure of the two), with `uptime` between the parts.
#   flock /work/bench.lock nice -n -15 tools/bench_signal.sh [JMH options, e.g. -wi 3 -i 4]
# (the flock: one benchmark at a time on the shared machine)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
. tools/find-jdk.sh
./build -q -pl conv4j-core,conv4j-bench package -DskipTests
mkdir -p target
uptime | tee target/signal-uptime.txt
python3 tools/bench_signal.py | tee target/signal-peer.tsv
uptime | tee -a target/signal-uptime.txt
# Other JMH runs on a shared machine hold /tmp/jmh.lock; -Djmh.ignoreLock=true runs anyway (note the load).
"$JAVA_HOME/bin/java" -Djmh.ignoreLock=true -jar conv4j-bench/target/benchmarks.jar SignalBench -rf csv -rff target/signal-jmh.csv \
  -p point=1d_16,1d_256,2d_3,2d_9,2d_31 "$@" | tail -5
# DIRECT on 10^6 x 4096 takes a second per call and is never the best method: left out.
"$JAVA_HOME/bin/java" -Djmh.ignoreLock=true -jar conv4j-bench/target/benchmarks.jar SignalBench -rf csv -rff target/signal-jmh-4096.csv \
  -p point=1d_4096 -p method=AUTO,FFT,OVERLAP_ADD "$@" | tail -5
tail -n +2 target/signal-jmh-4096.csv >> target/signal-jmh.csv
uptime | tee -a target/signal-uptime.txt
python3 tools/bench_signal.py | tee target/signal-peer2.tsv
uptime | tee -a target/signal-uptime.txt
python3 tools/bench_signal_table.py target/signal-jmh.csv target/signal-peer.tsv target/signal-peer2.tsv
