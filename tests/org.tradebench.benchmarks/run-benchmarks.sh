#!/usr/bin/env bash
# Runs the JMH benchmarks for real and prints a summary: messages per second per core for the
# tradebench pipelines and the naive baseline measured in the same run, the ratio, and the bytes
# allocated per message. See docs/benchmarks.md.
#
#   tests/org.tradebench.benchmarks/run-benchmarks.sh              # build the jar if missing, run
#   tests/org.tradebench.benchmarks/run-benchmarks.sh --rebuild    # rebuild the jar first
#   tests/org.tradebench.benchmarks/run-benchmarks.sh -p frames=20000 -i 10   # extra JMH options
#
# One benchmark thread and one fork: -t 1 -f 1 -wi 3 -i 5 -prof gc (3 x 2 s warm-up, 5 x 5 s
# measurement per benchmark, about 2 minutes in all). Results: target/jmh-result.json and
# target/jmh-output.txt. Close other work first: the figures are only as quiet as the machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../../releng/scripts/java-home.sh
. "$root/releng/scripts/java-home.sh"
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

jar="$here/target/benchmarks.jar"
if [ "${1:-}" = "--rebuild" ] || [ ! -f "$jar" ]; then
  [ "${1:-}" = "--rebuild" ] && shift
  echo "run-benchmarks: building $jar (./mvnw package -pl tests/org.tradebench.benchmarks -am)" >&2
  (cd "$root" && ./mvnw -B -q package -pl tests/org.tradebench.benchmarks -am -DskipTests)
fi

result="$here/target/jmh-result.json"
output="$here/target/jmh-output.txt"
echo "run-benchmarks: $(date -u '+%Y-%m-%dT%H:%MZ'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
  "$(java -version 2>&1 | head -1)" | tee "$output"
java -jar "$jar" 'org\.tradebench\.benchmarks\.BitfinexBookBenchmark\.' -t 1 -f 1 -wi 3 -i 5 -prof gc \
  -rf json -rff "$result" "$@" | tee -a "$output"
echo
echo "=== Summary ($(date -u '+%Y-%m-%d'), load average after the run $(cut -d' ' -f1-3 /proc/loadavg)) ==="
java -cp "$jar" org.tradebench.benchmarks.BenchmarkSummary "$result" | tee -a "$output"
