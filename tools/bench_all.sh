#!/usr/bin/env bash
# Runs the conv4j JMH benchmarks and their peers (NumPy/OpenBLAS for GEMM, PyTorch 1.13 for conv
# and pooling) in one session and prints the comparison table (docs/BENCHMARKS.md).
#
#   tools/bench_all.sh                 # everything, 3 JMH forks (about 40 minutes on 2 cores)
#   tools/bench_all.sh quick           # 2 forks, fewer iterations (about 15 minutes)
#   BENCH='ConvBench' tools/bench_all.sh   # a subset (JMH regex)
#
# Peers run right before and right after JMH; the table takes the faster peer figure. Everything
# runs under `nice -n -15` when root (steadier on a shared machine). Results go to
# conv4j-bench/target/bench-results/<timestamp>/ (jmh.json, peer_*.jsonl, cpu_*.jsonl, load.txt, heap.txt, table.md).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
. tools/find-jdk.sh
mode=${1:-full}
bench=${BENCH:-'GemmBench|ConvBench|PoolBench'}
out=conv4j-bench/target/bench-results/$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
nice_cmd=()
if [ "$(id -u)" = 0 ]; then nice_cmd=(nice -n -15); fi
jmh_args=()
if [ "$mode" = quick ]; then jmh_args=(-f 2 -wi 3 -i 4); fi

./build -q -pl conv4j-bench -am package -DskipTests
torch_py=/usr/bin/python3
if ! "$torch_py" -c 'import torch' 2>/dev/null; then
  echo "PyTorch missing for $torch_py: apt-get update && apt-get install -y python3-torch" >&2
  exit 1
fi

peers() {
  local file=$1
  for t in 1 2; do
    "${nice_cmd[@]}" python3 tools/peer_gemm.py --threads "$t" >> "$file"
    "${nice_cmd[@]}" "$torch_py" tools/peer_conv.py --threads "$t" >> "$file"
  done
}

{ echo "start:  $(uptime)"; } >> "$out/load.txt"
peers "$out/peer_before.jsonl"
{ echo "jmh:    $(uptime)"; } >> "$out/load.txt"
"${nice_cmd[@]}" java --add-modules jdk.incubator.vector -jar conv4j-bench/target/benchmarks.jar "$bench" \
  "${jmh_args[@]}" -rf json -rff "$out/jmh.json" | tee "$out/jmh.log"
{ echo "after:  $(uptime)"; } >> "$out/load.txt"
peers "$out/peer_after.jsonl"
{ echo "end:    $(uptime)"; } >> "$out/load.txt"
java --add-modules jdk.incubator.vector -Xmx1g -cp conv4j-bench/target/benchmarks.jar org.conv4j.bench.HeapCheck \
  2>/dev/null | tee "$out/heap.txt"
# One-thread CPU time on both sides (robust to other jobs on the machine), peers around conv4j.
{ echo "cpu:    $(uptime)"; } >> "$out/load.txt"
"${nice_cmd[@]}" "$torch_py" tools/peer_conv.py --threads 1 --cpu >> "$out/cpu_peer.jsonl"
"${nice_cmd[@]}" python3 tools/peer_gemm.py --threads 1 --cpu --sizes 1024 >> "$out/cpu_peer.jsonl"
"${nice_cmd[@]}" java --add-modules jdk.incubator.vector -Xmx4g -cp conv4j-bench/target/benchmarks.jar \
  org.conv4j.bench.CpuTimeCheck 2>/dev/null >> "$out/cpu_conv4j.jsonl"
"${nice_cmd[@]}" "$torch_py" tools/peer_conv.py --threads 1 --cpu >> "$out/cpu_peer.jsonl"
"${nice_cmd[@]}" python3 tools/peer_gemm.py --threads 1 --cpu --sizes 1024 >> "$out/cpu_peer.jsonl"
python3 tools/bench_table.py "$out" | tee "$out/table.md"
