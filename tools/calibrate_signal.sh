#!/usr/bin/env bash
# Times each convolution method of org.conv4j.signal on a grid and prints the cost model's view:
# the measurement behind SignalTuning. Build first: ./build -q -pl conv4j-core test-compile
#   tools/calibrate_signal.sh grid      # the benchmark grid (1-D 1e6 x 16/256/4096, 2-D 512^2 x 3^2/9^2/31^2)
#   tools/calibrate_signal.sh cal       # the calibration shapes
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$here/tools/find-jdk.sh"
cp="$here/conv4j-core/target/classes:$here/conv4j-core/target/test-classes"
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xmx4g -cp "$cp" org.conv4j.signal.Calibrate "$@"
