#!/usr/bin/env bash
# Runs the end-to-end benchmark and prints its figures (docs/benchmarks.md): recorded Bitfinex book
# traffic (or, with --exchange binance, Binance diff depth with its REST snapshot) blasted over
# loopback to the connector and, in the same JVM and run, to three baselines (Jetty's String API,
# Jetty's websocket-core frame counter, a Gson/TreeMap client); then paced runs for latency.
# Messages per second, ratios, latency percentiles, GC counts and allocation and CPU per message
# per thread. Binance adds the order benchmark: order call to frame written, against a String +
# javax.crypto + Jetty baseline.
#
#   tests/org.tradebench.benchmarks/run-benchmarks.sh              # build the jar if missing, run
#   tests/org.tradebench.benchmarks/run-benchmarks.sh --rebuild    # rebuild the jar first
#   tests/org.tradebench.benchmarks/run-benchmarks.sh --frames 200000 --rounds 1 --paced-rounds 1
#   tests/org.tradebench.benchmarks/run-benchmarks.sh --exchange binance   # Binance depth and orders
#
# The published configuration: 1,000,000 frames per throughput run, one warm-up round and three
# measured rounds of every client, three paced runs of 10 s at 50,000 msgs/s (about 4 minutes on a
# 2-core machine). Output: target/benchmark-report.txt. Stop other work first: the figures are only
# as quiet as the machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# The product runs on Temurin 25: use it when it is installed, else any JDK 21+.
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
# shellcheck source=../../releng/scripts/java-home.sh
. "$root/releng/scripts/java-home.sh"
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

jar="$here/target/benchmarks.jar"
if [ "${1:-}" = "--rebuild" ] || [ ! -f "$jar" ]; then
  [ "${1:-}" = "--rebuild" ] && shift
  modules=bundles/org.tradebench.api,bundles/org.tradebench.core,bundles/org.tradebench.transport
  modules=$modules,bundles/org.tradebench.connector.support,bundles/org.tradebench.connector.bitfinex
  modules=$modules,bundles/org.tradebench.connector.binance
  modules=$modules,tests/org.tradebench.benchmarks
  echo "run-benchmarks: building $jar (./mvnw install -pl <the connector's bundles>,tests/org.tradebench.benchmarks)" >&2
  # The API baseline check guards releases, not this jar: skipped here.
  (cd "$root" && ./mvnw -B -q install -pl "$modules" -DskipTests -Dtradebench.apiBaseline.skip=true)
fi

# The report is named after the exchange: benchmark-report.txt (Bitfinex), benchmark-report-binance.txt.
report="$here/target/benchmark-report.txt"
prev=""
for a in "$@"; do
  if [ "$prev" = "--exchange" ] && [ "$a" != "bitfinex" ]; then
    report="$here/target/benchmark-report-$a.txt"
  fi
  prev="$a"
done
echo "run-benchmarks: $(date -u '+%Y-%m-%dT%H:%MZ'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exec java -Xms1g -Xmx1g -jar "$jar" --report "$report" "$@"
