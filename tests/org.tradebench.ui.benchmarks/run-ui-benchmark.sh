#!/usr/bin/env bash
# The UI load benchmark (docs/benchmarks.md, "UI under load"): the real workbench under Xvfb with the
# order book, chart, tape and watchlist (and the heatmap when installed) open together on the embedded
# simulated exchange at RATE market events/s, measured for SECONDS, then the naive one-asyncExec-per-
# event binding measured the same way in the same run. Prints the report and leaves it in
# tests/org.tradebench.ui.benchmarks/target/ui-benchmark-report.txt (screenshots beside it).
#
#   tests/org.tradebench.ui.benchmarks/run-ui-benchmark.sh                 # 30 s at 56,000 events/s, 90 % on BTC/USD
#   SECONDS_=60 RATE=200000 FOCUS= tests/org.tradebench.ui.benchmarks/run-ui-benchmark.sh   # spread over all
#
# RATE is the simulated exchange's event rate; FOCUS (default BTC/USD) gets 90 % of the events, so
# 56,000 events/s give about 50,000 book updates/s on the shown instrument. The report prints the
# book updates/s actually delivered on BTC/USD, which is what the views receive.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SECONDS_=${SECONDS_:-30}
RATE=${RATE:-56000}
FOCUS=${FOCUS-BTC/USD}
. "$root/releng/scripts/java-home.sh"
export JAVA_HOME

. "$root/releng/scripts/xvfb.sh"

cd "$root"
report=tests/org.tradebench.ui.benchmarks/target/ui-benchmark-report.txt
rm -f "$report"
log=$(mktemp /tmp/tradebench-ui-benchmark.XXXXXX.log)
features=features/org.tradebench.platform.feature,features/org.tradebench.views.trading.feature,features/org.tradebench.views.analysis.feature,features/org.tradebench.views.verification.feature,features/org.tradebench.bitfinex.feature,features/org.tradebench.binance.feature
./mvnw -o -q -B verify -pl "$features,tests/org.tradebench.ui.benchmarks" -am -Dtradebench.apiBaseline.skip=true \
  -Dtradebench.uiBenchmark.seconds="$SECONDS_" -Dtradebench.uiBenchmark.rate="$RATE" -Dtradebench.uiBenchmark.focus="$FOCUS" "$@" \
  >"$log" 2>&1 || true
[ -s "$report" ] || { echo "no report: see $log" >&2; exit 1; }
cat "$report"
