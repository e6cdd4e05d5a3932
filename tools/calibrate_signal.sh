#!/usr/bin/env bash
# Times each convolution method of org.conv4j.signal and prints the cost model's view: the
# measurement behind SignalTuning. Build first: ./build -q -pl conv4j-core test-compile
#   nice -n -15 tools/calibrate_signal.sh min      # min single-thread ms per method on the grid (fit the coefficients)
#   nice -n -15 tools/calibrate_signal.sh grid     # medians on all threads + the model's estimates and choice
#   nice -n -15 tools/calibrate_signal.sh cal      # the same on other shapes
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$here/tools/find-jdk.sh"
cp="$here/conv4j-core/target/classes:$here/conv4j-core/target/test-classes"
if [ "${1:-grid}" = min ]; then
  exec "$JAVA_HOME/bin/java" -Dconv4j.threads=1 --add-modules jdk.incubator.vector -Xmx4g -cp "$cp" org.conv4j.signal.CalibrateMin
fi
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xmx4g -cp "$cp" org.conv4j.signal.Calibrate "$@"
