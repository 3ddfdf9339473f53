#!/bin/sh
# Makes the start-up cache for the Phoenix IdP, which roughly halves the time a restart needs: the
# JVM maps classes that are already parsed and verified (and, with an AOT cache, linked, with the
# profiles of their hot methods) instead of loading them from the jars.
#   cds-archive.sh [--extract FAT_JAR] [--spring-aot] [--skip=true|false] DIR
# DIR holds the extracted layout (auth-server.jar + lib/*.jar, as `java -Djarmode=tools -jar
# auth-server.jar extract` writes it); with --extract FAT_JAR the script first (re)makes DIR from
# FAT_JAR. What it writes depends on the JVM:
#   Java 24 or later: DIR/app.aot, an AOT cache (JEP 483/515), used as
#     java -XX:AOTCache=DIR/app.aot -jar DIR/auth-server.jar
#   Java 17 to 23: DIR/application.jsa, a class-data-sharing archive (AppCDS), used as
#     java -XX:SharedArchiveFile=DIR/application.jsa -jar DIR/auth-server.jar
# by auth-server/phoenix-idp and the distribution's bin/phoenix-idp when the file is there (app.aot
# only by a Java 24 or later: an older one would refuse the option). Measured on a 2-core host with
# Java 25, a restart with the AOT cache needs about a quarter less than with AppCDS.
# --skip=true (the build's -Dcds.skip=true) only deletes DIR, so no stale archive is left behind.
# --spring-aot (the build passes it) first runs Spring AOT on the demo configuration (the README's
# quick start), compiles the generated code with javac into DIR/auth-server.jar (a copy: the
# released auth-server.jar is never changed) and writes DIR/spring-aot, upon which
# auth-server/phoenix-idp passes -Dspring.aot.enabled=true; the training run then uses that code.
# A start whose configuration is not the processed one falls back to the ordinary start by itself
# (AotFingerprintCheck). Without a javac (a JRE) this step is left out, saying so.
#
# How: a training run starts the application with the demo profile on a throw-away data directory
# in a temporary folder (nothing else is touched: no port is opened, the environment is emptied
# so that no SPRING_* or PHOENIX_* variable points it at a real database) and stops it once the
# Spring context is refreshed (spring.context.exit=onRefresh), recording the classes it loaded (and
# on Java 24+ how it used them); a second JVM then writes the archive from that record. The archive
# is only valid for the same JVM build, the same absolute path of DIR and the same jar files:
# another JVM silently ignores it (start-up is then as slow as without it); run this script again
# after a JDK update or after moving DIR.
# JAVA_HOME (else java on the PATH) is the JVM the archive is made for. Exits non-zero, saying why,
# when the training run or the dump fails; the archive is then absent.
set -eu

extract=
skip=false
spring_aot=false
while [ $# -gt 1 ]; do
  case $1 in
    --extract) extract=$2; shift 2 ;;
    --spring-aot) spring_aot=true; shift ;;
    --skip=*) skip=${1#--skip=}; shift ;;
    *) break ;;
  esac
done
if [ $# -ne 1 ]; then
  echo "usage: cds-archive.sh [--extract FAT_JAR] [--spring-aot] [--skip=true|false] DIR" >&2
  exit 2
fi
dir=$1

fail() {
  echo "cds-archive: error: $1" >&2
  if [ -n "${2:-}" ] && [ -f "$2" ]; then
    echo "cds-archive: the last lines of $2:" >&2
    tail -n 40 "$2" >&2
  fi
  exit 1
}

if [ "$skip" = true ]; then
  rm -rf "$dir"
  echo "cds-archive: skipped (cds.skip), $dir removed"
  exit 0
fi

if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi

if [ -n "$extract" ]; then
  rm -rf "$dir"
  "$java" -Djarmode=tools -jar "$extract" extract --destination "$dir" >/dev/null \
    || fail "could not extract $extract into $dir"
fi
[ -f "$dir/auth-server.jar" ] || fail "$dir/auth-server.jar not found (not an extracted auth-server.jar)"
# The archive records the class path as given: always the absolute path without symbolic links,
# as the launchers give it.
dir=$(cd "$dir" && pwd -P)
jar=$dir/auth-server.jar
rm -f "$dir/application.jsa" "$dir/application.jsa.tmp" "$dir/app.aot" "$dir/app.aot.tmp" "$dir/spring-aot"

# the JVM's feature version (17, 21, 25 ...; 1 for 1.8): JEP 483's AOT cache from 24 on
feature=$("$java" -version 2>&1 | sed -n 's/^[^"]* version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
[ -n "$feature" ] || fail "cannot tell the version of $java"

work=$(mktemp -d "${TMPDIR:-/tmp}/phoenix-cds.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
# The launchers' default JVM options: the archive is made with the heap settings it is used with.
opts="-XX:+UseG1GC -Xms192m -Xmx192m -XX:MaxNewSize=40m -XX:ReservedCodeCacheSize=64m -Xss512k"

# Spring AOT (--spring-aot): the bean definitions of the demo configuration as generated code, which
# a start then registers instead of evaluating conditions and scanning classes. Processed in the
# emptied environment the training run has, with the quick start's arguments (the data directory and
# logging levels are not part of what must match, see AotFingerprint).
aot_opts=
if [ "$spring_aot" = true ]; then
  if [ -n "${JAVA_HOME:-}" ]; then bin=$JAVA_HOME/bin/; else bin=$(dirname "$(command -v java)")/; fi
  if [ ! -x "${bin}javac" ] || [ ! -x "${bin}jar" ]; then
    echo "cds-archive: no javac and jar beside $java (a JRE?): Spring AOT left out"
  else
    aot_start=$(date +%s)
    mkdir -p "$work/aot/classes" "$work/aot-data"
    (cd "$work" && env -i PATH="$PATH" HOME="$work" LANG=C.UTF-8 "$java" -cp "$jar:$dir/lib/*" \
      org.springframework.boot.SpringApplicationAotProcessor com.phoenixidp.authserver.PhoenixAuthServerApplication \
      "$work/aot/sources" "$work/aot/resources" "$work/aot/classes" com.phoenixidp auth-server \
      --spring.profiles.active=demo --phoenix.data-dir="$work/aot-data" --logging.level.root=WARN \
      >"$work/spring-aot.log" 2>&1) || fail "Spring AOT processing failed" "$work/spring-aot.log"
    [ -f "$work/aot/resources/META-INF/phoenix/aot-configuration.txt" ] \
      || fail "Spring AOT processing recorded no configuration" "$work/spring-aot.log"
    find "$work/aot/sources" -name '*.java' >"$work/aot/sources.list"
    "${bin}javac" -nowarn -proc:none -encoding UTF-8 -d "$work/aot/classes" -cp "$jar:$dir/lib/*" \
      "@$work/aot/sources.list" >"$work/javac.log" 2>&1 || fail "the code Spring AOT generated does not compile" "$work/javac.log"
    "${bin}jar" uf "$jar" -C "$work/aot/classes" . -C "$work/aot/resources" . \
      || fail "could not add the Spring AOT code to $jar"
    aot_opts=-Dspring.aot.enabled=true
    echo "cds-archive: Spring AOT code for the demo configuration in $jar ($(wc -l <"$work/aot/sources.list") sources, $(( $(date +%s) - aot_start )) s)"
  fi
fi

# The training run: the start-up with the demo profile (it generates its own master key into the
# throw-away data directory) so that the whole context is created; $1... are the recording options.
train() {
  # shellcheck disable=SC2086
  (cd "$work" && env -i PATH="$PATH" HOME="$work" LANG=C.UTF-8 "$java" $opts $aot_opts "$@" \
    -Dspring.context.exit=onRefresh \
    -jar "$jar" --spring.profiles.active=demo --phoenix.data-dir="$work/data" --server.port=0 \
    --logging.level.root=WARN --logging.level.com.phoenixidp.authserver.config.AotFingerprintCheck=INFO \
    >"$work/training.log" 2>&1) \
    || fail "the training run (start-up with the demo profile) failed" "$work/training.log"
  if [ -n "$aot_opts" ] && grep -q "Started without the code Spring AOT generated" "$work/training.log"; then
    fail "the training run did not use the Spring AOT code" "$work/training.log"
  fi
}

# DIR/spring-aot: tells the launcher to turn Spring AOT on (written once the archive is made)
mark_spring_aot() {
  if [ -n "$aot_opts" ]; then
    echo "Spring AOT code for the demo configuration is in auth-server.jar: auth-server/phoenix-idp passes $aot_opts" >"$dir/spring-aot"
  fi
}

start=$(date +%s)
if [ "$feature" -ge 24 ]; then
  # as the launchers start Java 24+ (ACCP loads its native library; without this the JVM warns), and
  # an AOT cache is only used with the module options it was made with
  opts="$opts --enable-native-access=ALL-UNNAMED"
  # 1. Training run, recording the AOT configuration. 2. The cache from it (no application code
  #    runs), written beside the jar under a temporary name, checked, then renamed. Classes of
  #    signed jars (Bouncy Castle, Amazon Corretto Crypto Provider) are left out by the JVM itself.
  train -XX:AOTMode=record -XX:AOTConfiguration="$work/app.aotconf"
  [ -s "$work/app.aotconf" ] || fail "the training run recorded no AOT configuration" "$work/training.log"
  # shellcheck disable=SC2086
  if ! (cd "$work" && "$java" $opts -XX:AOTMode=create -XX:AOTConfiguration="$work/app.aotconf" \
      -XX:AOTCache="$dir/app.aot.tmp" -jar "$jar" >"$work/dump.log" 2>&1); then
    rm -f "$dir/app.aot.tmp"
    fail "the AOT cache could not be made (java -XX:AOTMode=create)" "$work/dump.log"
  fi
  # shellcheck disable=SC2086
  "$java" $opts -XX:AOTMode=on -XX:AOTCache="$dir/app.aot.tmp" "-Xlog:aot*=off" -cp "$jar" -version \
    >"$work/check.log" 2>&1 || { rm -f "$dir/app.aot.tmp"; fail "the AOT cache made cannot be used" "$work/check.log"; }
  mv "$dir/app.aot.tmp" "$dir/app.aot"
  mark_spring_aot
  echo "cds-archive: $dir/app.aot (AOT cache for Java $feature, $(( $(date +%s) - start )) s)"
  exit 0
fi

# 1. Training run: the classes a start loads.
train -XX:DumpLoadedClassList="$work/classes.list"
[ -s "$work/classes.list" ] || fail "the training run listed no classes" "$work/training.log"

# 2. Lambdas of classes from signed jars (Bouncy Castle, Amazon Corretto Crypto Provider) crash the
#    JDK 17 archive dump (SIGSEGV in SystemDictionaryShared::adjust_lambda_proxy_class_dictionary);
#    signed jars are never archived anyway, so their lambda lines are left out of the list. A jar is
#    signed when it holds META-INF/*.SF; its packages are read from the entry names.
: >"$work/signed-packages"
for lib in "$dir"/lib/*.jar; do
  if LC_ALL=C grep -aq 'META-INF/[A-Za-z0-9_-]*\.SF' "$lib"; then
    LC_ALL=C grep -ao '[A-Za-z0-9_$/]*/[A-Za-z0-9_$]*\.class' "$lib" \
      | sed 's#/[^/]*$##' | sort -u >>"$work/signed-packages"
  fi
done
#    (FILENAME, not NR == FNR: with no signed jar the first file is empty, and NR == FNR would then
#    hold for every line of the class list, leaving an empty list and an archive of nothing.)
awk 'FILENAME == ARGV[1] { signed[$0] = 1; next }
     $1 == "@lambda-proxy" { package = $2; sub(/\/[^\/]*$/, "", package); if (package in signed) next }
     { print }' "$work/signed-packages" "$work/classes.list" >"$work/classes.filtered"
[ -s "$work/classes.filtered" ] || fail "no class left in the class list after leaving out the signed jars' lambdas"

# 3. The archive, written beside the jar under a temporary name, checked, then renamed.
# shellcheck disable=SC2086
if ! (cd "$work" && "$java" $opts -Xshare:dump -XX:SharedClassListFile="$work/classes.filtered" \
    -XX:SharedArchiveFile="$dir/application.jsa.tmp" -jar "$jar" >"$work/dump.log" 2>&1); then
  rm -f "$dir/application.jsa.tmp"
  fail "java -Xshare:dump failed" "$work/dump.log"
fi
# shellcheck disable=SC2086
"$java" $opts -Xshare:on -XX:SharedArchiveFile="$dir/application.jsa.tmp" -cp "$jar" -version \
  >"$work/check.log" 2>&1 || { rm -f "$dir/application.jsa.tmp"; fail "the archive made cannot be used" "$work/check.log"; }
mv "$dir/application.jsa.tmp" "$dir/application.jsa"
mark_spring_aot
echo "cds-archive: $dir/application.jsa ($(wc -l <"$work/classes.filtered") classes, $(( $(date +%s) - start )) s)"
