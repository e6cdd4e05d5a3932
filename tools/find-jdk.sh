# Sourced by ./build, ./conv4j and .ci/run: sets JAVA_HOME to a JDK >= 21 and puts it first on PATH.
# Looks at $JAVA_HOME, then the java on PATH, then every JDK under /usr/lib/jvm (newest first).
# Fails with a message saying what it looked at when none is found.

conv4j_java_major() {
  # Prints the feature version of the JDK at $1 (a JDK home), or nothing.
  local v
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)
  printf '%s' "${v%%.*}"
}

conv4j_find_jdk() {
  local cand major home tried=""
  local cands=()
  [ -n "${JAVA_HOME:-}" ] && cands+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    cands+=("$home")
  fi
  if [ -d /usr/lib/jvm ]; then
    while IFS= read -r cand; do cands+=("$cand"); done < <(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -rV)
  fi
  for cand in "${cands[@]}"; do
    major=$(conv4j_java_major "$cand")
    tried="$tried $cand(${major:-none})"
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$cand"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "conv4j: no JDK >= 21 found (looked at:$tried). Install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME." >&2
  return 1
}

conv4j_find_jdk
