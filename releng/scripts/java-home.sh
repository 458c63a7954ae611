# Sourced by the repository's scripts: sets JAVA_HOME to a JDK 21 or newer, or exits with a message.
# Order: $JAVA_HOME if it is 21+, the java on PATH if 21+, Temurin 25, any JDK 21+ under /usr/lib/jvm.
tradebench_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
tradebench_pick_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" \
      "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")" \
      /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(tradebench_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
if ! JAVA_HOME=$(tradebench_pick_jdk); then
  echo "Tradebench needs a JDK 21 or newer (the Eclipse platform requires JavaSE-21)." >&2
  echo "Install one (for example Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64) or set JAVA_HOME." >&2
  exit 2
fi
