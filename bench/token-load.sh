#!/usr/bin/env bash
# Load script (not a test): drives the token endpoint with client-credentials requests and prints
# tokens/s and p50/p99 latency. With --start it also starts the IdP itself (demo profile, fresh
# data directory, through auth-server/phoenix-idp, i.e. with its JVM settings unless JAVA_OPTS
# says otherwise) and reports start-up time, resident memory and the server's CPU per token (its
# user + system time over the measured run / the tokens issued; for a server started elsewhere,
# give its process id with --pid).
#
#   bench/token-load.sh --start                       # build first: mvn -B -q package -DskipTests
#   bench/token-load.sh --issuer http://localhost:9000 --client-id demo-service --secret-file data/secrets/demo-service.secret
#
# Options: --connections N (16)  --threads N (2)  --warmup SECONDS (120)  --duration SECONDS (60)
#          --pid PID (the server's process, for CPU per token without --start)
set -euo pipefail
cd "$(dirname "$0")/.."
me=token-load
. bench/lib.sh

issuer="http://localhost:9000"; client_id="demo-service"; secret_file=""; start=0
connections=16; threads=2; warmup=120; duration=60; port=9000; server_pid=""
while [ $# -gt 0 ]; do
  case "$1" in
    --issuer) issuer="$2"; shift 2 ;;
    --client-id) client_id="$2"; shift 2 ;;
    --secret-file) secret_file="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --start) start=1; shift ;;
    --port) port="$2"; issuer="http://localhost:$2"; shift 2 ;;
    --pid) server_pid="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "token-load: unknown option $1" >&2; exit 2 ;;
  esac
done
need wrk
machine_summary

pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; }
trap cleanup EXIT

if [ "$start" = 1 ]; then
  jar=auth-server/target/auth-server.jar
  [ -f "$jar" ] || { echo "token-load: $jar missing; run: mvn -B -q package -DskipTests" >&2; exit 2; }
  data=$(mktemp -d /tmp/phoenix-load-XXXXXX)
  t0=$(date +%s%N)
  auth-server/phoenix-idp --spring.profiles.active=demo --phoenix.data-dir="$data" --server.port="$port" \
      --logging.level.phoenix.audit=WARN > "$data/server.log" 2>&1 &
  pid=$!
  until curl -fs "$issuer/actuator/health" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "token-load: server died, see $data/server.log" >&2; exit 1; }
    sleep 0.1
  done
  t1=$(date +%s%N)
  echo "start-up (first start, fresh data dir, until /actuator/health answers): $(( (t1 - t0) / 1000000 )) ms"
  grep -o "Started PhoenixAuthServerApplication in [0-9.]* seconds" "$data/server.log" || true
  secret_file="$data/secrets/$client_id.secret"
  server_pid=$pid
fi
if [ -n "$server_pid" ] && [ ! -r "/proc/$server_pid/stat" ]; then
  echo "token-load: no process $server_pid to read the CPU time of" >&2; exit 2
fi
[ -n "$secret_file" ] || secret_file="data/secrets/$client_id.secret"
PHX_BASIC=$(printf '%s:%s' "$client_id" "$(cat "$secret_file")" | base64 -w0)
export PHX_BASIC

status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Basic $PHX_BASIC" \
  -d grant_type=client_credentials -d scope=api.read "$issuer/oauth2/token")
[ "$status" = 200 ] || { echo "token-load: a single token request answered HTTP $status" >&2; exit 1; }

echo "warm-up: ${warmup}s at $connections connections"
wrk -t"$threads" -c"$connections" -d"${warmup}s" -s bench/token-load.lua "$issuer/oauth2/token" > /dev/null
echo "measuring: ${duration}s at $connections connections, $threads wrk threads"
[ -z "$server_pid" ] || { t0=$(cpu_ticks "$server_pid"); j0=$(jit_ticks "$server_pid"); }
out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s bench/token-load.lua "$issuer/oauth2/token")
[ -z "$server_pid" ] || { t1=$(cpu_ticks "$server_pid"); j1=$(jit_ticks "$server_pid"); }
echo "$out" | sed 's/^/  wrk| /'
rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
p50=$(echo "$out" | awk '$1=="50%" {print $2}')
p99=$(echo "$out" | awk '$1=="99%" {print $2}')
errors=$(echo "$out" | awk '/Non-2xx/ {print $5}')
echo "RESULT tokens/s=$rps p50=$p50 p99=$p99 non-2xx=${errors:-0}"
if [ -n "$server_pid" ]; then
  tokens=$(( $(echo "$out" | awk '/requests in/ {print $1}') - ${errors:-0} ))
  us=$(awk -v t="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" -v n="$tokens" \
    'BEGIN { if (n > 0) printf "%.0f", 1e6 * t / hz / n; else print "n/a" }')
  echo "RESULT server CPU per token: $us µs (user + system of process $server_pid over the measured run)"
  jit=$(jit_share "$((j1 - j0))" "$((t1 - t0))")
  echo "  of which the JIT compiler threads: $jit %$( [ "$jit" -le 5 ] || echo "; still compiling: a longer --warmup gives a steadier figure on this machine")"
  rss=$(awk '/VmRSS/ {print $2}' /proc/"$server_pid"/status)
  hwm=$(awk '/VmHWM/ {print $2}' /proc/"$server_pid"/status)
  echo "RESULT resident memory: now $((rss / 1024)) MB, peak $((hwm / 1024)) MB"
fi
