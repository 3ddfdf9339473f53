#!/usr/bin/env bash
# Benchmark (not a test): Phoenix vs Keycloak on the same machine, one after the other, with the
# same warm-up and the same wrk load (client-credentials tokens, bench/token-load.lua, scope
# api.read). For every server and signature algorithm it starts the server afresh (new data
# directory / new Keycloak dev-file database), times start-up (process start until the discovery
# document answers), sets up a confidential client-credentials client signing with that
# algorithm, warms up, measures, and stops the server. Prints one markdown table: tokens/s, p50,
# p99, CPU ms per token (the server's user+system CPU over the measured window / tokens), RSS at
# the end, start-up time; plus the date, cores, CPU model and Java versions.
#
#   mvn -B -q package -DskipTests -pl auth-server -am      # builds auth-server/target/auth-server.jar
#   bench/compare.sh                                        # on a quiet machine; ~20 minutes
#   bench/compare.sh --warmup 20 --duration 10              # a quick look (figures mean little)
#   bench/compare.sh --interleave 4 --duration 30           # drift-proof ratio; ~11 minutes per algorithm
#
# --interleave N: the host's speed may drift by a quarter within minutes (README "Load test"), and
# one server measured after the other then takes the drift into the ratio. With this option both
# servers run at the same time: Phoenix starts (alone, so its start-up is timed on a quiet
# machine) and warms up, then Keycloak starts and warms up while Phoenix idles, and then N
# windows of --duration seconds each are measured, alternately Phoenix and Keycloak, always one
# server under load while the other idles. The table then holds each server's figures over its N
# windows (tokens/s their mean, CPU per token over all of them, p50 and p99 the median of the
# windows), and below it the ratio Phoenix/Keycloak of tokens/s for each pair of neighbouring
# windows and their median (the figure to compare with the issue's "3x"), and the CPU the idle
# server used while the other was measured.
#
# Keycloak: the Quarkus distribution (org.keycloak:keycloak-quarkus-dist, fetched from Maven
# Central with `mvn dependency:copy` into the cache and built once with `kc.sh build
# --db=dev-file`), run with `kc.sh start --optimized --http-enabled=true --hostname-strict=false`
# (production mode, embedded H2 file database), on Java 21+ (--keycloak-java). Each server runs
# with its own launcher's JVM defaults (phoenix-idp: 192 MB heap; kc.sh: heap as a share of RAM).
#
# Options: --warmup SECONDS (180)  --duration SECONDS (60)  --connections N (16)  --threads N (2)
#          --algs RS256,ES256 (also EdDSA)  --servers phoenix,keycloak
#          --keycloak-version V (26.5.6)  --keycloak-java JAVA_HOME (/usr/lib/jvm/temurin-25-jdk-amd64)
#          --cache DIR (~/.cache/phoenix-bench)  --port N (9460; Keycloak uses N+1 and N+2)
#          --interleave N (0: one server after the other)  --keep (keep data directories and logs)
set -euo pipefail
cd "$(dirname "$0")/.."
me=compare
. bench/lib.sh

warmup=180; duration=60; connections=16; threads=2; algs="RS256,ES256"; servers="phoenix,keycloak"
kc_version=26.5.6; kc_java=/usr/lib/jvm/temurin-25-jdk-amd64; cache="$HOME/.cache/phoenix-bench"
port=9460; keep=0; interleave=0
while [ $# -gt 0 ]; do
  case "$1" in
    --warmup) warmup="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --algs) algs="$2"; shift 2 ;;
    --servers) servers="$2"; shift 2 ;;
    --keycloak-version) kc_version="$2"; shift 2 ;;
    --keycloak-java) kc_java="$2"; shift 2 ;;
    --cache) cache="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --interleave) interleave="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) usage "unknown option $1" ;;
  esac
done
need wrk curl jq unzip
machine=$(machine_summary)
echo "$machine"
for n in "$warmup" "$duration" "$connections" "$threads" "$port" "$interleave"; do
  [[ "$n" =~ ^[0-9]+$ ]] || die "not a whole number: $n"
done
IFS=',' read -r -a alg_list <<< "$algs"
IFS=',' read -r -a server_list <<< "$servers"
for a in "${alg_list[@]}"; do
  case "$a" in RS256|ES256|EdDSA) ;; *) die "unknown algorithm $a (RS256, ES256, EdDSA)" ;; esac
done
for s in "${server_list[@]}"; do
  case "$s" in phoenix) phoenix_jar_or_die ;; keycloak) ;; *) die "unknown server $s (phoenix, keycloak)" ;; esac
done
[ "$interleave" = 0 ] || [ "$servers" = "phoenix,keycloak" ] || [ "$servers" = "keycloak,phoenix" ] \
  || die "--interleave needs both servers (--servers phoenix,keycloak)"

work=$(mktemp -d /tmp/phoenix-compare-XXXXXX)
server_pid=""; kc_sh_pid=""; idle_pid=""
cleanup() {
  stop_pid "$server_pid"
  stop_pid "$idle_pid"
  [ -n "$kc_sh_pid" ] && { kill "$kc_sh_pid" 2>/dev/null || true; }
  if [ "$keep" = 1 ]; then echo "compare: kept $work (logs inside)"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- Keycloak: fetch, unpack, build
kc_home="$cache/keycloak-$kc_version"
kc_build_opts="--db=dev-file --health-enabled=false --metrics-enabled=false"
prepare_keycloak() {
  [ -x "$kc_java/bin/java" ] || die "no Java at $kc_java (Keycloak $kc_version needs Java 21+; --keycloak-java DIR)"
  local feature
  feature=$("$kc_java/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  [ "${feature%%.*}" -ge 21 ] 2>/dev/null || die "$kc_java is Java $feature; Keycloak $kc_version needs 21+"
  mkdir -p "$cache"
  local zip="$cache/keycloak-quarkus-dist-$kc_version.zip"
  if [ ! -f "$zip" ]; then
    need mvn
    echo "fetching org.keycloak:keycloak-quarkus-dist:$kc_version:zip into $cache (once)"
    (cd "$work" && mvn -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$kc_version:zip" \
        -DoutputDirectory="$cache" > "$work/kc-fetch.log" 2>&1) \
      || die "could not fetch Keycloak $kc_version, see $work/kc-fetch.log"
  fi
  if [ ! -x "$kc_home/bin/kc.sh" ]; then
    rm -rf "$kc_home.tmp" && mkdir -p "$kc_home.tmp"
    unzip -q "$zip" -d "$kc_home.tmp" || die "could not unpack $zip"
    mv "$kc_home.tmp/keycloak-$kc_version" "$kc_home" && rmdir "$kc_home.tmp"
  fi
  if [ "$(cat "$kc_home/.phoenix-bench-build" 2>/dev/null)" != "$kc_build_opts" ]; then
    echo "building Keycloak ($kc_build_opts), once; takes a minute or two"
    # shellcheck disable=SC2086
    JAVA_HOME="$kc_java" "$kc_home/bin/kc.sh" build $kc_build_opts > "$work/kc-build.log" 2>&1 \
      || die "kc.sh build failed, see $work/kc-build.log"
    echo "$kc_build_opts" > "$kc_home/.phoenix-bench-build"
  fi
}

# ---------------------------------------------------------------- one server, one algorithm
rows=()
notes=()

# run_load URL LABEL: warm-up, then the measured run; sets rate p50 p99 tokens non2xx sockerr cpu_ms
# rss, and adds a note when the JIT compiler threads still took over 5 % of the server's CPU
run_load() {
  warm_up "$1"
  measure "$1" "$2"
}

# warm_up URL: wrk for --warmup seconds, nothing recorded
warm_up() {
  echo "  warm-up ${warmup}s at $connections connections"
  wrk -t"$threads" -c"$connections" -d"${warmup}s" -s bench/token-load.lua "$1" > "$work/warmup.txt" 2>&1 \
    || die "wrk warm-up failed: $(tail -1 "$work/warmup.txt")"
}

# measure URL LABEL: one measured wrk run against server_pid; sets rate p50 p99 tokens non2xx
# sockerr ticks jit_ticks_used cpu_ms rss, and adds a note when the JIT compiler threads still
# took over 5 % of the server's CPU
measure() {
  local url="$1" label="$2" out t0 t1 j0 j1 jit
  echo "  measuring ${duration}s at $connections connections"
  t0=$(cpu_ticks "$server_pid"); j0=$(jit_ticks "$server_pid")
  out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s bench/token-load.lua "$url") \
    || die "wrk failed"
  t1=$(cpu_ticks "$server_pid"); j1=$(jit_ticks "$server_pid")
  echo "$out" | sed 's/^/    wrk| /'
  ticks=$((t1 - t0)); jit_ticks_used=$((j1 - j0))
  rate=$(echo "$out" | wrk_rate)
  p50=$(to_ms "$(echo "$out" | wrk_pct 50%)")
  p99=$(to_ms "$(echo "$out" | wrk_pct 99%)")
  non2xx=$(echo "$out" | wrk_non2xx)
  sockerr=$(echo "$out" | wrk_socket_errors); sockerr=${sockerr:-0}
  tokens=$(( $(echo "$out" | wrk_requests) - non2xx ))
  cpu_ms=$(per_token_ms "$ticks" "$tokens")
  rss=$(rss_mb "$server_pid")
  jit=$(jit_share "$jit_ticks_used" "$ticks")
  # (interleaved windows get one note per server, over all its windows)
  [ "$jit" -le 5 ] || [ "$interleave" -gt 0 ] \
    || notes+=("$label: the JIT compiler threads still took $jit % of the server's CPU while measured; a longer --warmup gives a steadier figure")
}

# per_token_ms TICKS TOKENS: CPU milliseconds per token
per_token_ms() {
  awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v n="$2" 'BEGIN { if (n > 0) printf "%.2f", 1000 * t / hz / n; else print "n/a" }'
}

# check_alg TOKEN_JSON ALG: the access token's JOSE header names ALG
check_alg() {
  local at got
  at=$(printf '%s' "$1" | jq -r '.access_token // empty')
  [ -n "$at" ] || die "$2: the token endpoint answered no access token: $1"
  got=$(jwt_part "$at" 1 | jq -r .alg)
  [ "$got" = "$2" ] || die "asked for $2 tokens but got alg=$got"
}

# phoenix_up ALG: starts Phoenix with a client signing with ALG; sets server_pid, url, startup and
# PHX_BASIC
phoenix_up() {
  local alg="$1"
  local data="$work/phoenix-$alg" base="http://localhost:$port" client t0 t1 secret answer
  mkdir -p "$data"
  cat > "$data/bench.yml" <<EOF
phoenix:
  bootstrap:
    clients:
      - client-id: bench-es256
        grant-types: [client_credentials]
        auth-methods: [client_secret_basic]
        scopes: [api.read]
        require-consent: false
        access-token-signature-algorithm: ES256
      - client-id: bench-eddsa
        grant-types: [client_credentials]
        auth-methods: [client_secret_basic]
        scopes: [api.read]
        require-consent: false
        access-token-signature-algorithm: EdDSA
EOF
  case "$alg" in RS256) client=demo-service ;; ES256) client=bench-es256 ;; EdDSA) client=bench-eddsa ;; esac
  echo "phoenix $alg: starting (fresh data directory $data)"
  t0=$(date +%s%N)
  start_phoenix "$data" "$port" --spring.config.additional-location="file:$data/bench.yml"
  server_pid=$phoenix_pid
  wait_http "$base/.well-known/openid-configuration" "$server_pid" 300 \
    || die "phoenix did not start, see $data/server.log"
  t1=$(date +%s%N)
  startup=$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.1f", d / 1e9 }')
  secret=$(cat "$data/secrets/$client.secret") || die "no secret file for $client in $data/secrets"
  PHX_BASIC=$(printf '%s:%s' "$client" "$secret" | base64 -w0)
  export PHX_BASIC PHX_SCOPE=api.read
  url="$base/oauth2/token"
  answer=$(curl -s -H "Authorization: Basic $PHX_BASIC" -d grant_type=client_credentials -d scope=api.read "$url")
  check_alg "$answer" "$alg"
}

bench_phoenix() {
  phoenix_up "$1"
  run_load "$url" "Phoenix $1"
  rows+=("| Phoenix | $1 | $rate | $p50 | $p99 | $cpu_ms | $rss | $startup | $non2xx / $sockerr |")
  stop_pid "$server_pid"; server_pid=""
}

# kc_admin METHOD PATH [JSON]: the Keycloak admin REST API; prints the body, fails on >= 300
kc_admin() {
  local method="$1" path="$2" body="${3:-}" status
  if [ -n "$body" ]; then
    status=$(curl -s -o "$work/kc-answer" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $kc_token" \
      -H 'Content-Type: application/json' --data "$body" "$kc_base/admin/realms$path")
  else
    status=$(curl -s -o "$work/kc-answer" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $kc_token" \
      "$kc_base/admin/realms$path")
  fi
  [ "$status" -lt 300 ] || die "Keycloak admin API $method $path answered $status: $(head -c 300 "$work/kc-answer")"
  cat "$work/kc-answer"
}

# keycloak_up ALG: starts Keycloak with a realm signing with ALG and a client-credentials client;
# sets server_pid (the JVM), kc_sh_pid, url, startup and PHX_BASIC
keycloak_up() {
  local alg="$1"
  local log="$work/keycloak-$alg.log" t0 t1 admin_pass secret answer
  kc_base="http://localhost:$((port + 1))"
  admin_pass=$(openssl rand -hex 16)
  secret=$(openssl rand -hex 24)
  rm -rf "$kc_home/data"   # a fresh dev-file database for every run
  echo "keycloak $alg: starting (kc.sh start --optimized, dev-file database, $kc_java)"
  t0=$(date +%s%N)
  KC_BOOTSTRAP_ADMIN_USERNAME=bench-admin KC_BOOTSTRAP_ADMIN_PASSWORD="$admin_pass" JAVA_HOME="$kc_java" \
    "$kc_home/bin/kc.sh" start --optimized --http-enabled=true --hostname-strict=false \
      --http-port=$((port + 1)) --http-management-port=$((port + 2)) --log-level=warn > "$log" 2>&1 &
  kc_sh_pid=$!
  # kc.sh runs java as its child: measure the JVM, not the shell
  for _ in $(seq 1 100); do
    server_pid=$(pgrep -P "$kc_sh_pid" -x java || true)
    [ -n "$server_pid" ] && break
    kill -0 "$kc_sh_pid" 2>/dev/null || die "kc.sh ended at once, see $log"
    sleep 0.1
  done
  [ -n "$server_pid" ] || die "kc.sh started no java process, see $log"
  wait_http "$kc_base/realms/master/.well-known/openid-configuration" "$server_pid" 600 \
    || die "keycloak did not start, see $log"
  t1=$(date +%s%N)
  startup=$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.1f", d / 1e9 }')
  kc_token=$(curl -s -d grant_type=password -d client_id=admin-cli -d username=bench-admin \
      --data-urlencode password="$admin_pass" "$kc_base/realms/master/protocol/openid-connect/token" | jq -r '.access_token // empty')
  [ -n "$kc_token" ] || die "could not sign in to the Keycloak admin API"
  kc_admin POST "" "{\"realm\":\"bench\",\"enabled\":true,\"defaultSignatureAlgorithm\":\"$alg\"}" > /dev/null
  kc_admin POST /bench/client-scopes '{"name":"api.read","protocol":"openid-connect","attributes":{"include.in.token.scope":"true"}}' > /dev/null
  kc_admin POST /bench/clients "{\"clientId\":\"bench-service\",\"enabled\":true,\"publicClient\":false,
      \"serviceAccountsEnabled\":true,\"standardFlowEnabled\":false,\"directAccessGrantsEnabled\":false,
      \"clientAuthenticatorType\":\"client-secret\",\"secret\":\"$secret\",\"protocol\":\"openid-connect\",
      \"optionalClientScopes\":[\"api.read\"],\"attributes\":{\"access.token.signed.response.alg\":\"$alg\"}}" > /dev/null
  PHX_BASIC=$(printf '%s:%s' bench-service "$secret" | base64 -w0)
  export PHX_BASIC PHX_SCOPE=api.read
  url="$kc_base/realms/bench/protocol/openid-connect/token"
  answer=$(curl -s -H "Authorization: Basic $PHX_BASIC" -d grant_type=client_credentials -d scope=api.read "$url")
  check_alg "$answer" "$alg"
  printf '%s' "$answer" | jq -e '.scope | split(" ") | index("api.read")' > /dev/null \
    || notes+=("Keycloak $alg: the token's scope lacks api.read: $(printf '%s' "$answer" | jq -c .scope)")
}

keycloak_down() {
  stop_pid "$1"
  wait "$kc_sh_pid" 2>/dev/null || true
  kc_sh_pid=""
}

bench_keycloak() {
  keycloak_up "$1"
  run_load "$url" "Keycloak $1"
  rows+=("| Keycloak $kc_version | $1 | $rate | $p50 | $p99 | $cpu_ms | $rss | $startup | $non2xx / $sockerr |")
  keycloak_down "$server_pid"; server_pid=""
}

# median: of the numbers on standard input, one per line
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# window NAME PID URL BASIC IDLE_PID: one measured window for server NAME (Phoenix, Keycloak) while
# IDLE_PID idles; adds to NAME's figures in the w_* arrays and to idle_ticks (called from
# interleaved, whose alg, w and idle_ticks it uses)
declare -A w_rates w_p50s w_p99s w_ticks w_jit w_tokens w_errors w_rss
window() {
  local name="$1" i0
  server_pid="$2"; PHX_BASIC="$4"; idle_pid="$5"
  echo "  window $w of $interleave: $name"
  i0=$(cpu_ticks "$idle_pid")
  measure "$3" "$name $alg, window $w"
  idle_ticks=$((idle_ticks + $(cpu_ticks "$idle_pid") - i0))
  w_rates[$name]+="$rate "; w_p50s[$name]+="$p50 "; w_p99s[$name]+="$p99 "; w_rss[$name]=$rss
  w_ticks[$name]=$((${w_ticks[$name]:-0} + ticks)); w_jit[$name]=$((${w_jit[$name]:-0} + jit_ticks_used))
  w_tokens[$name]=$((${w_tokens[$name]:-0} + tokens)); w_errors[$name]=$((${w_errors[$name]:-0} + non2xx + sockerr))
}

# window_row NAME LABEL STARTUP: NAME's table row over its windows, and a note when its JIT compiler
# threads still took over 5 % of its CPU
window_row() {
  local name="$1" jit
  # shellcheck disable=SC2086
  rows+=("| $2 | $alg | $(printf '%s\n' ${w_rates[$name]} | awk '{ s += $1 } END { printf "%.0f", s / NR }') | $(printf '%s\n' ${w_p50s[$name]} | median) | $(printf '%s\n' ${w_p99s[$name]} | median) | $(per_token_ms "${w_ticks[$name]}" "${w_tokens[$name]}") | ${w_rss[$name]} | $3 | ${w_errors[$name]} |")
  jit=$(jit_share "${w_jit[$name]}" "${w_ticks[$name]}")
  [ "$jit" -le 5 ] || notes+=("$name $alg: the JIT compiler threads still took $jit % of its CPU over the windows; a longer --warmup gives a steadier figure")
}

# rates NAME: NAME's tokens/s per window, comma-separated
rates() {
  # shellcheck disable=SC2086
  printf '%s\n' ${w_rates[$1]} | awk '{ printf "%s%.0f", (NR > 1 ? ", " : ""), $1 }'
}

# interleaved ALG: both servers up at once, --interleave windows each, alternately measured
interleaved() {
  local alg="$1" w p_pid p_url p_basic p_start k_pid k_url k_basic k_start p_rate ratios=() idle_ticks=0
  w_rates=(); w_p50s=(); w_p99s=(); w_ticks=(); w_jit=(); w_tokens=(); w_errors=(); w_rss=()
  phoenix_up "$alg"
  p_pid=$server_pid; p_url=$url; p_basic=$PHX_BASIC; p_start=$startup
  warm_up "$p_url"
  # Phoenix idles (but is stopped by cleanup) while Keycloak starts and warms up
  idle_pid=$p_pid; server_pid=""
  keycloak_up "$alg"
  k_pid=$server_pid; k_url=$url; k_basic=$PHX_BASIC; k_start=$startup
  warm_up "$k_url"
  for w in $(seq 1 "$interleave"); do
    window Phoenix "$p_pid" "$p_url" "$p_basic" "$k_pid"
    p_rate=$rate
    window Keycloak "$k_pid" "$k_url" "$k_basic" "$p_pid"
    ratios+=("$(awk -v p="$p_rate" -v k="$rate" 'BEGIN { if (k > 0) printf "%.2f", p / k; else print "n/a" }')")
  done
  window_row Phoenix Phoenix "$p_start"
  window_row Keycloak "Keycloak $kc_version" "$k_start"
  ratio_lines+=("$alg: Phoenix/Keycloak tokens/s per pair of windows: ${ratios[*]}; median $(printf '%s\n' "${ratios[@]}" | median) (Phoenix $(rates Phoenix); Keycloak $(rates Keycloak)); the idle server used $(awk -v t="$idle_ticks" -v hz="$(getconf CLK_TCK)" -v s="$((2 * interleave * duration))" 'BEGIN { printf "%.1f", 100 * t / hz / s }') % of one core while the other was measured")
  server_pid=""; idle_pid=""
  stop_pid "$p_pid"
  keycloak_down "$k_pid"
}

for s in "${server_list[@]}"; do
  if [ "$s" = keycloak ]; then
    # one compare run at a time uses the cached Keycloak (its dev-file database lives in it)
    mkdir -p "$cache"
    exec 9> "$cache/.lock"
    flock -n 9 || die "another compare.sh uses $kc_home (lock $cache/.lock)"
    prepare_keycloak
  fi
done

ratio_lines=()
if [ "$interleave" -gt 0 ]; then
  for a in "${alg_list[@]}"; do interleaved "$a"; done
else
  for s in "${server_list[@]}"; do
    for a in "${alg_list[@]}"; do
      "bench_$s" "$a"
    done
  done
fi

phoenix_java=$(java -version 2>&1 | head -2 | tail -1)
echo
echo "## Phoenix vs Keycloak: client-credentials tokens"
echo
echo "$machine"
echo "Phoenix on: $phoenix_java (auth-server/phoenix-idp defaults)"
for s in "${server_list[@]}"; do
  [ "$s" = keycloak ] && echo "Keycloak $kc_version on: $("$kc_java/bin/java" -version 2>&1 | head -2 | tail -1) (kc.sh start --optimized, $kc_build_opts, http)"
done
if [ "$interleave" -gt 0 ]; then
  echo "wrk: $connections connections, $threads threads, ${warmup}s warm-up each, then $interleave windows of ${duration}s per server, alternately (both servers running, one idle while the other is measured); every server started afresh per algorithm; wrk runs on the same machine"
  echo
  echo "| server | alg | tokens/s (mean) | p50 ms (median) | p99 ms (median) | CPU ms/token | RSS MB | start-up s | non-2xx + socket errors |"
else
  echo "wrk: $connections connections, $threads threads, ${warmup}s warm-up, ${duration}s measured; every server started afresh per algorithm; wrk runs on the same machine"
  echo
  echo "| server | alg | tokens/s | p50 ms | p99 ms | CPU ms/token | RSS MB | start-up s | non-2xx / socket errors |"
fi
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
for r in "${rows[@]}"; do echo "$r"; done
[ ${#ratio_lines[@]} = 0 ] || echo
for l in "${ratio_lines[@]+"${ratio_lines[@]}"}"; do echo "$l"; done
for n in "${notes[@]+"${notes[@]}"}"; do echo; echo "note: $n"; done
echo
echo "Start-up: process start until the discovery document answers (fresh data directory / database)."
echo "Figures from a loaded or shared machine are not representative; run on a quiet one."
