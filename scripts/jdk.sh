# Finds a JDK of version 25 or newer and exports JAVA_HOME to it.
# Sourced by ./lamina and ./run-tests. Looks at $JAVA_HOME first, then /usr/lib/jvm/*.

lamina_java_major() {
    # The major version of the JDK at $1, or 0 when it is not a JDK.
    local version
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || { echo 0; return; }
    version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    case "$version" in
        1.*) echo "${version#1.}" | cut -d. -f1 ;;
        "") echo 0 ;;
        *) echo "$version" | cut -d. -f1 ;;
    esac
}

lamina_find_jdk() {
    local candidate best="" best_major=0 major
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
        [ -n "$candidate" ] && [ -d "$candidate" ] || continue
        major=$(lamina_java_major "$candidate")
        if [ "$major" -ge 25 ] && [ "$major" -gt "$best_major" ]; then
            best="$candidate"
            best_major="$major"
            # An explicit JAVA_HOME that is new enough wins.
            [ "$candidate" = "${JAVA_HOME:-}" ] && break
        fi
    done
    if [ -z "$best" ]; then
        echo "lamina: no JDK 25 or newer found in \$JAVA_HOME or /usr/lib/jvm; install one (e.g. Temurin 25) or set JAVA_HOME" >&2
        return 1
    fi
    export JAVA_HOME="$best"
}
