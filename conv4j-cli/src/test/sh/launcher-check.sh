#!/usr/bin/env bash
# End-to-end check of the ./conv4j launcher (not part of the Surefire suite): runs it from another
# directory on a NumPy fixture and checks exit codes, that the error line is the last stderr line,
# CONV4J_JAVA_OPTS, --batch from stdin, and start-up time (prints the median of 5 runs).
#   bash conv4j-cli/src/test/sh/launcher-check.sh
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
launcher="$root/conv4j"
fixtures="$root/conv4j-cli/src/test/resources/org/conv4j/cli/fixtures"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$fixtures/f32_2x3.npy" "$work/a.npy"
cd "$work" || exit 1
failures=0

check() { # check NAME CODE STDOUT_REGEX LAST_STDERR_LINE -- ARGS...  (empty = not checked)
  local name=$1 code=$2 out_re=$3 last_err=$4
  shift 5
  "$launcher" "$@" >out.txt 2>err.txt
  local got=$?
  local last
  last=$(tail -n 1 err.txt)
  if [ "$got" != "$code" ] || { [ -n "$out_re" ] && ! grep -qE -- "$out_re" out.txt; } ||
    { [ -n "$last_err" ] && [ "$last" != "$last_err" ]; }; then
    echo "FAIL $name: exit $got (want $code); stdout: $(head -c 300 out.txt); last stderr: $last"
    failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
}

"$launcher" --version >/dev/null 2>&1 || { echo "FAIL: ./conv4j --version does not run (build?)"; exit 1; }
check version 0 '^conv4j [0-9]' '' -- --version
check info-relative-path 0 '^a.npy: shape=\(2, 3\) size=6 dtype=float32 min=-1.5 max=4.0 mean=1.4583334$' '' -- info a.npy
check missing-file 1 '' 'conv4j info: missing.npy: no such file' -- info missing.npy
check unknown-option 2 '' "conv4j info: unknown option '--bogus'" -- info --bogus a.npy
if CONV4J_JAVA_OPTS="-Xmx64m -Xss8m" "$launcher" info a.npy >/dev/null 2>&1 &&
  ! CONV4J_JAVA_OPTS="-Xbogus" "$launcher" info a.npy >/dev/null 2>&1; then
  echo "ok   java-opts"
else
  echo "FAIL java-opts: CONV4J_JAVA_OPTS not passed to the JVM"
  failures=$((failures + 1))
fi
printf 'info a.npy\ninfo nope.npy\n' | "$launcher" --batch - >out.txt 2>err.txt
code=$?
if [ "$code" = 1 ] && [ "$(sed -n 2p out.txt)" = ok ] && grep -q '^error: line 2: conv4j info: nope.npy: no such file$' out.txt; then
  echo "ok   batch-stdin"
else
  echo "FAIL batch-stdin: exit $code; $(cat out.txt err.txt)"
  failures=$((failures + 1))
fi

times=()
for _ in 1 2 3 4 5; do
  s=$(date +%s%N)
  "$launcher" info a.npy >/dev/null 2>&1
  e=$(date +%s%N)
  times+=($(((e - s) / 1000000)))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
echo "start-up: ./conv4j info a.npy took ${times[*]} ms (median $median ms)"

[ "$failures" = 0 ] && echo "launcher-check: all passed" || echo "launcher-check: $failures failed"
[ "$failures" = 0 ]
