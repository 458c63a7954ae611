#!/usr/bin/env bash
# Records the API baseline: builds each baselined bundle and copies it to
# releng/api-baseline/<bsn>.jar, the recorded release that the build's API baseline check
# (releng/api-baseline/ApiBaselineCheck.java, run by `./mvnw verify`) compares the bundle with.
# Run it when a release's API is final (and, until that release is out, after a deliberate API
# change). See docs/contributor-guide.md, "API versions and the baseline check".
#
# Usage: releng/scripts/update-api-baseline.sh [extra Maven options, e.g. -o]
# Then review `git status releng/api-baseline` and commit the jar with the API change.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
. releng/scripts/java-home.sh
export JAVA_HOME

# The baselined bundles: each sets pom.model.property.tradebench.apiBaseline.skip = false in its
# build.properties.
bundles=(org.tradebench.api)

modules=$(printf 'bundles/%s,' "${bundles[@]}")
# The check is skipped: the API being recorded differs from the old baseline on purpose.
./mvnw -B -q "$@" -pl "${modules%,}" clean verify -Dtradebench.apiBaseline.skip=true

for bundle in "${bundles[@]}"; do
  jar=$(find "bundles/$bundle/target" -maxdepth 1 -name "$bundle-*.jar" ! -name '*-sources.jar' | head -n 1)
  if [ -z "$jar" ]; then
    echo "update-api-baseline: the build made no jar in bundles/$bundle/target" >&2
    exit 1
  fi
  cp "$jar" "releng/api-baseline/$bundle.jar"
  version=$(sed -n 's/^Bundle-Version: *\([^[:space:]]*\).*/\1/p' "bundles/$bundle/target/MANIFEST.MF")
  echo "update-api-baseline: releng/api-baseline/$bundle.jar is now $bundle $version"
done
