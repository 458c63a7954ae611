#!/usr/bin/env bash
# Measures the JVM's pauses with the workbench open, once per garbage collector, so that the product
# ships the collector with the shortest pauses (docs/benchmarks.md, "JVM and GC flags").
#
# For each collector it starts the built product (Trading perspective: order book ladder and market
# status on the embedded simulated exchange, the market at RATE events/s) under Xvfb for DURATION
# seconds with a fresh workspace, and logs every safepoint (-Xlog:safepoint): a safepoint is where
# every Java thread, the UI thread included, stands still. Then it prints per collector the number of
# pauses, their p50/p99/max, the total paused time, and the number of collections.
#
#   ./verify (or a build of the product) first; then:
#   tests/org.tradebench.benchmarks/gc-pauses.sh            # 60 s each at 2000 events/s
#   DURATION=120 RATE=5000 tests/org.tradebench.benchmarks/gc-pauses.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
product="$root/releng/org.tradebench.product/target/products/org.tradebench.product/linux/gtk/x86_64"
[ -x "$product/tradebench" ] || { echo "no product in $product: build it first (./verify)" >&2; exit 2; }
DURATION=${DURATION:-60}
RATE=${RATE:-2000}
out=$(mktemp -d /tmp/tradebench-gc.XXXXXX)
. "$root/releng/scripts/java-home.sh"

. "$root/releng/scripts/xvfb.sh"

for gc in G1 ZGC; do
  case $gc in G1) flag=-XX:+UseG1GC ;; ZGC) flag=-XX:+UseZGC ;; esac
  copy="$out/product-$gc"
  cp -r "$product" "$copy"
  # the collector under test replaces the product's own choice
  sed "/^-XX:+Use.*GC$/d" "$copy/eclipse.ini" > "$copy/tradebench.ini"
  echo "$flag" >> "$copy/tradebench.ini"
  echo "gc-pauses: $gc for ${DURATION}s at $RATE events/s" >&2
  TRADEBENCH_WORKSPACE="$out/workspace-$gc" JAVA_HOME="$JAVA_HOME" \
  TRADEBENCH_VM_ARGS="-Xlog:safepoint:file=$out/safepoint-$gc.log -Xlog:gc:file=$out/gc-$gc.log -Dtradebench.simulated.rate=$RATE" \
    timeout --signal=TERM "$DURATION" "$copy/tradebench" -nosplash >"$out/console-$gc.log" 2>&1 || true
  sleep 2
done

python3 - "$out" <<'PY'
import re, sys, statistics, pathlib
out = pathlib.Path(sys.argv[1])
print(f"{'collector':10} {'pauses':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'total ms':>9} {'GCs':>5}")
for gc in ("G1", "ZGC"):
    sp = out / f"safepoint-{gc}.log"
    totals = [int(m.group(1)) / 1e6 for m in re.finditer(r"Total: (\d+) ns", sp.read_text())] if sp.exists() else []
    gcs = 0
    g = out / f"gc-{gc}.log"
    if g.exists():
        gcs = len(re.findall(r"GC\(\d+\) (?:Pause Young|Pause Full|Minor Collection|Major Collection|Garbage Collection)", g.read_text()))
    if not totals:
        print(f"{gc:10} no safepoints logged (see {out})")
        continue
    totals.sort()
    p = lambda q: totals[min(len(totals) - 1, int(q * len(totals)))]
    print(f"{gc:10} {len(totals):7d} {statistics.median(totals):8.3f} {p(0.99):8.3f} {totals[-1]:8.3f} {sum(totals):9.1f} {gcs:5d}")
print(f"logs: {out}")
PY
