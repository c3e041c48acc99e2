#!/usr/bin/env bash
# Prints the path of a JDK >= 21 (prefers Temurin 25), or exits 1 with a message.
# Usage: JAVA_HOME="$(.ci/select-jdk.sh)"
set -euo pipefail

jdk_major() {
  # $1 = JDK home; prints the feature version number (e.g. 25) or nothing.
  local v
  v="$("$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')" || return 0
  v="${v#1.}"
  printf '%s' "${v%%.*}"
}

candidates=()
[ -n "${CONSTELLATION_JAVA_HOME:-}" ] && candidates+=("$CONSTELLATION_JAVA_HOME")
candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64)
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
for d in /usr/lib/jvm/*; do candidates+=("$d"); done

for d in "${candidates[@]}"; do
  [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ] || continue
  major="$(jdk_major "$d")"
  if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
    printf '%s\n' "$d"
    exit 0
  fi
done

echo "ERROR: no JDK >= 21 found (looked at \$CONSTELLATION_JAVA_HOME, /usr/lib/jvm/temurin-25-jdk-amd64, \$JAVA_HOME, /usr/lib/jvm/*)." >&2
echo "       Install one, e.g.: apt-get install -y openjdk-21-jdk-headless (or a Temurin 21+/25 JDK)." >&2
exit 1
