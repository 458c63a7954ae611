#!/usr/bin/env bash
# Runs the loopback Binance spot and USD-M futures simulators (BinanceSimulatorMain) outside OSGi until interrupted, on the
# jars the last build left: the venues, simulated-exchange, toolkit, core and API bundles, and Jetty,
# Gson and SLF4J from the local Maven repository. Argument: market events per second (default 25).
# Trading: it makes a demo HMAC key and a demo Ed25519 key at every start and prints the directory
# holding them (demo-keys.properties, demo-ed25519-private.pem; $TRADEBENCH_SCRATCH/binance-simulator
# or the temp dir); the secrets are never printed.
#   ./verify (or a build of these modules) first; then:
#   tests/org.tradebench.venues/run-binance-simulator.sh 40
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/releng/scripts/java-home.sh"
m2="${MAVEN_REPO:-$HOME/.m2/repository}"
cp=""
for module in tests/org.tradebench.venues bundles/org.tradebench.connector.simulated bundles/org.tradebench.connector.support \
    bundles/org.tradebench.core bundles/org.tradebench.api; do
  jar=$(ls "$root/$module"/target/*.jar 2>/dev/null | grep -v sources | head -1 || true)
  [ -n "$jar" ] || { echo "no jar in $module/target: build first (./verify, or ./mvnw -pl ... package)" >&2; exit 2; }
  cp="$cp:$jar"
done
jetty=12.1.12
for a in org/eclipse/jetty/jetty-server org/eclipse/jetty/jetty-http org/eclipse/jetty/jetty-io \
    org/eclipse/jetty/jetty-util org/eclipse/jetty/websocket/jetty-websocket-jetty-server \
    org/eclipse/jetty/websocket/jetty-websocket-jetty-api org/eclipse/jetty/websocket/jetty-websocket-jetty-common \
    org/eclipse/jetty/websocket/jetty-websocket-core-server org/eclipse/jetty/websocket/jetty-websocket-core-common \
    org/eclipse/jetty/ee10/jetty-ee10-servlet; do
  name=$(basename "$a")
  jar="$m2/$a/$jetty/$name-$jetty.jar"
  [ -f "$jar" ] && cp="$cp:$jar"
done
for jar in "$m2"/com/google/code/gson/gson/2.15.0/gson-2.15.0.jar "$m2"/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar; do
  [ -f "$jar" ] && cp="$cp:$jar"
done
exec "$JAVA_HOME/bin/java" -cp "${cp#:}" org.tradebench.venues.binance.BinanceSimulatorMain "$@"
