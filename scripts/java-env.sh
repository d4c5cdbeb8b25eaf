# Sourced by ./igm and ./run-tests: finds a JDK >= 25 and exports JAVA_HOME.
# Order: $JAVA_HOME if it is >= 25, then the newest JDK >= 25 under /usr/lib/jvm or /opt.

igm_java_major() {
    # Prints the major version of the JDK at $1 (from its release file), or 0.
    local release="$1/release"
    [ -f "$release" ] || { echo 0; return; }
    local v
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
    echo "${v:-0}"
}

igm_find_jdk() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(igm_java_major "$JAVA_HOME")" -ge 25 ]; then
        echo "$JAVA_HOME"
        return 0
    fi
    local best="" best_major=0 dir major
    for dir in /usr/lib/jvm/* /opt/java/* /opt/*jdk* /usr/local/*jdk*; do
        [ -x "$dir/bin/javac" ] || continue
        major=$(igm_java_major "$dir")
        if [ "$major" -ge 25 ] && [ "$major" -gt "$best_major" ]; then
            best="$dir"
            best_major=$major
        fi
    done
    [ -n "$best" ] || return 1
    echo "$best"
}

if ! IGM_JDK=$(igm_find_jdk); then
    echo "igm: no JDK 25 or newer found (looked at JAVA_HOME and /usr/lib/jvm); install one, e.g. Temurin 25" >&2
    exit 2
fi
export JAVA_HOME="$IGM_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
