#!/usr/bin/env bash
# Isolation benchmark (not a test): how client-credentials token issuance fares while a flood of
# password sign-ins runs. Starts the IdP itself (auth-server/phoenix-idp, demo profile, a
# throw-away data directory), then measures client credentials (--cc-connections, 8) alone, then
# again while wrk floods (--flood-connections, 64) the login page (POST /login with a session and
# CSRF token per wrk thread, wrong passwords) and, in a second round, the legacy password grant
# of demo-legacy. Prints tokens/s and p99 latency flooded vs unflooded, the flood's rate and its
# share of 503 answers (the password-hashing bulkhead refusing at once), and whether the targets
# of issue 13 hold (p99 <= 50 ms, >= 70 % of the unflooded rate). Stops everything it started.
#
#   mvn -B -q package -DskipTests -pl auth-server -am     # builds auth-server/target/auth-server.jar
#   bench/flood.sh                                         # on a quiet machine; takes ~6 minutes
#   bench/flood.sh --warmup 5 --duration 10 --rounds login # a quick look
#
# Options: --port N (9400)  --duration SECONDS (60)  --warmup SECONDS (60)  --threads N (2 per wrk)
#          --cc-connections N (8)  --flood-connections N (64)  --rounds login,grant (both)
#          --keep (keep the data directory and server log)   any other --name=value goes to the server
set -euo pipefail
cd "$(dirname "$0")/.."
me=flood
. bench/lib.sh

port=9400; duration=60; warmup=60; threads=2; cc=8; flood=64; rounds="login,grant"; keep=0
server_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --cc-connections) cc="$2"; shift 2 ;;
    --flood-connections) flood="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    --*=*) server_args+=("$1"); shift ;;
    *) echo "flood: unknown option $1" >&2; exit 2 ;;
  esac
done
need wrk curl
machine_summary
jar=auth-server/target/auth-server.jar
[ -f "$jar" ] || { echo "flood: $jar missing; run: mvn -B -q package -DskipTests -pl auth-server -am" >&2; exit 2; }
base="http://localhost:$port"

data=$(mktemp -d /tmp/phoenix-flood-XXXXXX)
server=""; flooder=""
cleanup() {
  [ -n "$flooder" ] && kill "$flooder" 2>/dev/null || true
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$server" 2>/dev/null || break; sleep 1; done
    kill -9 "$server" 2>/dev/null || true
  fi
  if [ "$keep" = 1 ]; then echo "flood: kept $data (server.log inside)"; else rm -rf "$data"; fi
}
trap cleanup EXIT INT TERM

auth-server/phoenix-idp --spring.profiles.active=demo --phoenix.data-dir="$data" --server.port="$port" \
    --phoenix.issuer="$base" --logging.level.phoenix.audit=WARN "${server_args[@]}" > "$data/server.log" 2>&1 &
server=$!
until curl -fs "$base/actuator/health" >/dev/null 2>&1; do
  kill -0 "$server" 2>/dev/null || { echo "flood: the server died, see $data/server.log" >&2; keep=1; exit 1; }
  sleep 0.5
done
# bcrypt's cost is calibrated in the background once the server answers: wait for its log line
for _ in $(seq 1 40); do
  grep -q "Password hashing: " "$data/server.log" && break
  sleep 0.25
done
grep -o "Password hashing: .*" "$data/server.log" | head -1 || true
echo "cores: $(nproc); the server's hash-threads default to half of them (at least 1)"

PHX_BASIC=$(printf '%s:%s' demo-service "$(cat "$data/secrets/demo-service.secret")" | base64 -w0)
PHX_LEGACY_BASIC=$(printf '%s:%s' demo-legacy "$(cat "$data/secrets/demo-legacy.secret")" | base64 -w0)
export PHX_BASIC PHX_LEGACY_BASIC
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Basic $PHX_BASIC" \
  -d grant_type=client_credentials -d scope=api.read "$base/oauth2/token")
[ "$status" = 200 ] || { echo "flood: a client-credentials request answered HTTP $status" >&2; exit 1; }

# client credentials for $1 seconds; sets cc_rps and cc_p99 (ms)
measure_cc() {
  local out
  out=$(wrk -t"$threads" -c"$cc" -d"${1}s" --latency -s bench/token-load.lua "$base/oauth2/token")
  echo "$out" | sed 's/^/    cc| /'
  cc_rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  cc_p99=$(to_ms "$(echo "$out" | awk '$1=="99%" {print $2}')")
  local non2xx
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  [ -z "$non2xx" ] || echo "    (client credentials: $non2xx non-2xx answers)"
}

echo "warm-up: ${warmup}s of client credentials at $cc connections"
wrk -t"$threads" -c"$cc" -d"${warmup}s" -s bench/token-load.lua "$base/oauth2/token" > /dev/null
echo "unflooded: client credentials alone, ${duration}s"
measure_cc "$duration"
base_rps=$cc_rps; base_p99=$cc_p99

results=()
IFS=',' read -r -a round_list <<< "$rounds"
for round in "${round_list[@]}"; do
  case "$round" in
    login) script=bench/flood-login.lua; target="$base/login"; what="login page (POST /login)" ;;
    grant) script=bench/flood-grant.lua; target="$base/oauth2/token"; what="password grant (demo-legacy)" ;;
    *) echo "flood: unknown round $round" >&2; exit 2 ;;
  esac
  echo "flooded: $flood connections on the $what, client credentials measured meanwhile"
  flood_out="$data/flood-$round.txt"
  wrk -t"$threads" -c"$flood" -d"$((duration + 8))s" -s "$script" "$target" > "$flood_out" 2>&1 &
  flooder=$!
  sleep 4 # let the flood reach its steady state first
  measure_cc "$duration"
  wait "$flooder" || true
  flooder=""
  sed 's/^/    flood| /' "$flood_out" | grep -v "^    flood| STATUS" || true
  flood_rps=$(awk '/Requests\/sec/ {print $2}' "$flood_out")
  refused=$(awk '$1=="STATUS" && $2=="503" {s+=$3} END {print s+0}' "$flood_out")
  answered=$(awk '$1=="STATUS" && $2!="page" {s+=$3} END {print s+0}' "$flood_out")
  share=$(awk -v r="$refused" -v a="$answered" 'BEGIN { if (a > 0) printf "%.1f", 100 * r / a; else print "n/a" }')
  ratio=$(awk -v f="$cc_rps" -v b="$base_rps" 'BEGIN { printf "%.0f", 100 * f / b }')
  statuses=$(awk '$1=="STATUS" {printf "%s:%s ", $2, $3}' "$flood_out")
  results+=("$(printf '%-8s %10s %7s%% %9s %11s %9s%%   %s' "$round" "$cc_rps" "$ratio" "$cc_p99" "$flood_rps" "$share" "$statuses")")
  verdict_rate=$(awk -v r="$ratio" 'BEGIN { print (r >= 70) ? "met" : "NOT met" }')
  verdict_p99=$(awk -v p="$cc_p99" 'BEGIN { print (p <= 50) ? "met" : "NOT met" }')
  results+=("         target >= 70 % of the unflooded rate: $verdict_rate; p99 <= 50 ms: $verdict_p99")
done

echo
echo "RESULT unflooded: client credentials $base_rps tokens/s, p99 $base_p99 ms ($cc connections)"
printf '%-8s %10s %8s %9s %11s %10s   %s\n' "flood" "tokens/s" "of base" "p99 ms" "flood req/s" "503 share" "flood answers by status"
for line in "${results[@]}"; do echo "$line"; done
echo "Figures from a loaded or shared machine are not representative; run on a quiet one."
