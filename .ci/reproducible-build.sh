#!/usr/bin/env bash
# Reproducible build check: builds the auth-server twice from clean, from two fresh copies of one
# commit (default HEAD) in different folders, with a different time zone, locale and umask, and
# compares the SHA-256 of auth-server/target/auth-server.jar. Prints both checksums; exits 1 (and
# names the entries that differ) when they are not identical.
#   .ci/reproducible-build.sh [COMMIT]
# Each build is `mvn -B -q -pl auth-server -am clean package -DskipTests`; takes a few minutes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
commit=$(git -C "$root" rev-parse --verify "${1:-HEAD}^{commit}")
work=$(mktemp -d "${TMPDIR:-/tmp}/phoenix-repro.XXXXXX")
trap 'rm -rf "$work"' EXIT

build() { # build <folder> <TZ> <LC_ALL> <umask>
  local dir=$1
  mkdir -p "$dir"
  git -C "$root" archive "$commit" | tar -x -C "$dir"
  local start=$SECONDS
  (cd "$dir" && umask "$4" && TZ=$2 LC_ALL=$3 mvn -B -q -pl auth-server -am clean package -DskipTests -Djacoco.skip=true)
  echo "built in $dir in $((SECONDS - start)) s (TZ=$2, LC_ALL=$3, umask $4)"
}

echo "commit $commit"
build "$work/first" UTC C 022
build "$work/second-build-in-another-folder" America/Los_Angeles C.UTF-8 002

a="$work/first/auth-server/target/auth-server.jar"
b="$work/second-build-in-another-folder/auth-server/target/auth-server.jar"
sum_a=$(sha256sum "$a" | cut -d' ' -f1)
sum_b=$(sha256sum "$b" | cut -d' ' -f1)
echo "sha256 first:  $sum_a  auth-server.jar ($(stat -c %s "$a") bytes)"
echo "sha256 second: $sum_b  auth-server.jar ($(stat -c %s "$b") bytes)"
if [ "$sum_a" = "$sum_b" ]; then
  echo "reproducible: identical auth-server.jar"
  exit 0
fi
echo "NOT reproducible: the jars differ" >&2
# name the entries that differ (CRC, size, time), with the JDK's jar tool and unzip when present
if command -v unzip >/dev/null 2>&1; then
  diff <(unzip -v "$a" | sed 1,3d) <(unzip -v "$b" | sed 1,3d) | head -40 >&2 || true
else
  diff <(jar tvf "$a") <(jar tvf "$b") | head -40 >&2 || true
fi
exit 1
