#!/usr/bin/env bash
# Soak run (not a test): a steady mixed load on one IdP process for --duration, sampling every
# --interval the server's resident memory (VmRSS), thread count (/proc/PID/status Threads), open
# file descriptors (/proc/PID/fd) and the p99 latency of the client-credentials load in that
# interval. Starts the IdP itself (auth-server/phoenix-idp, demo profile, throw-away data
# directory). The load: wrk with client-credentials requests (demo-service, --connections) run in
# back-to-back intervals, plus --chains refresh-token rotation chains (demo-legacy: the password
# grant for alice, 50 refreshes, a new chain) and one loop of introspection, JWKS and discovery
# requests. After --warmup (not sampled) it prints the series and a verdict comparing the last
# third of the samples with the first third: each of RSS, threads, open files and p99 is "flat"
# within 10 %. Exits 1 if one of them grew by more.
#
#   mvn -B -q package -DskipTests -pl auth-server -am
#   bench/soak.sh                                # 10 minutes after a 1-minute warm-up
#   bench/soak.sh --warmup 10 --duration 60      # a quick look
#
# Options: --duration SECONDS (600)  --interval SECONDS (10)  --warmup SECONDS (60)  --port N (9480)
#          --connections N (8)  --threads N (2)  --chains N (2)  --keep (keep the data directory)
#          any other --name=value goes to the server
set -euo pipefail
cd "$(dirname "$0")/.."
me=soak
. bench/lib.sh

duration=600; interval=10; warmup=60; port=9480; connections=8; threads=2; chains=2; keep=0
server_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --interval) interval="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --chains) chains="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    --*=*) server_args+=("$1"); shift ;;
    *) usage "unknown option $1" ;;
  esac
done
for n in "$duration" "$interval" "$warmup" "$port" "$connections" "$threads" "$chains"; do
  [[ "$n" =~ ^[0-9]+$ ]] || usage "not a whole number: $n"
done
[ "$interval" -ge 1 ] && [ "$duration" -ge $((3 * interval)) ] || usage "--duration must cover at least 3 intervals"
need wrk curl jq
machine_summary
phoenix_jar_or_die
base="http://localhost:$port"

work=$(mktemp -d /tmp/phoenix-soak-XXXXXX)
data="$work/data"; mkdir -p "$data"
phoenix_pid=""; loops=()
cleanup() {
  touch "$work/stop"
  for l in "${loops[@]+"${loops[@]}"}"; do kill "$l" 2>/dev/null || true; done
  stop_pid "$phoenix_pid"
  if [ "$keep" = 1 ]; then echo "soak: kept $work (data/server.log, wrk-*.txt)"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_phoenix "$data" "$port" "${server_args[@]+"${server_args[@]}"}"
wait_http "$base/actuator/health" "$phoenix_pid" 300 || { keep=1; die "the server did not start, see $data/server.log"; }
service_secret=$(cat "$data/secrets/demo-service.secret")
legacy_secret=$(cat "$data/secrets/demo-legacy.secret")
alice_password=$(cat "$data/secrets/alice.password")
PHX_BASIC=$(printf '%s:%s' demo-service "$service_secret" | base64 -w0)
export PHX_BASIC PHX_SCOPE=api.read
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Basic $PHX_BASIC" \
  -d grant_type=client_credentials -d scope=api.read "$base/oauth2/token")
[ "$status" = 200 ] || die "a client-credentials request answered HTTP $status"

# one refresh-token rotation chain after another; a character per answered request in $2
chain_loop() {
  local count="$1" answer code rt
  while [ ! -e "$work/stop" ]; do
    answer=$(curl -s --max-time 30 -w '\n%{http_code}' -u "demo-legacy:$legacy_secret" -d grant_type=password \
        -d username=alice --data-urlencode password="$alice_password" -d scope=api.read "$base/oauth2/token" || true)
    code=${answer##*$'\n'}
    if [ "$code" != 200 ]; then echo "password grant $code" >> "$work/errors.txt"; sleep 1; continue; fi
    rt=$(printf '%s' "${answer%$'\n'*}" | jq -r .refresh_token)
    for _ in $(seq 1 50); do
      [ ! -e "$work/stop" ] || return 0
      answer=$(curl -s --max-time 30 -w '\n%{http_code}' -u "demo-legacy:$legacy_secret" \
          -d grant_type=refresh_token -d refresh_token="$rt" "$base/oauth2/token" || true)
      code=${answer##*$'\n'}
      [ "$code" = 200 ] || { echo "refresh $code" >> "$work/errors.txt"; break; }
      rt=$(printf '%s' "${answer%$'\n'*}" | jq -r .refresh_token)
      printf r >> "$count"
    done
  done
}

# introspection of a fresh token, the JWK set and the discovery document, over and over
misc_loop() {
  local count="$1" token
  while [ ! -e "$work/stop" ]; do
    token=$(curl -s --max-time 30 -u "demo-service:$service_secret" -d grant_type=client_credentials \
        -d scope=api.read "$base/oauth2/token" | jq -r '.access_token // empty' || true)
    if [ -n "$token" ] && curl -s --max-time 30 -u "demo-service:$service_secret" -d token="$token" \
        "$base/oauth2/introspect" | grep -q '"active":true'; then printf i >> "$count"
    else echo "introspection failed" >> "$work/errors.txt"; fi
    curl -fs --max-time 30 -o /dev/null "$base/oauth2/jwks" && printf j >> "$count" || echo "jwks failed" >> "$work/errors.txt"
    curl -fs --max-time 30 -o /dev/null "$base/.well-known/openid-configuration" && printf d >> "$count" \
      || echo "discovery failed" >> "$work/errors.txt"
  done
}

: > "$work/refreshes"; : > "$work/misc"
for i in $(seq 1 "$chains"); do chain_loop "$work/refreshes" & loops+=($!); done
misc_loop "$work/misc" & loops+=($!)

echo "warm-up: ${warmup}s (mixed load, not sampled)"
[ "$warmup" = 0 ] || wrk -t"$threads" -c"$connections" -d"${warmup}s" -s bench/token-load.lua "$base/oauth2/token" > /dev/null

samples=$((duration / interval))
echo "soak: $samples intervals of ${interval}s; client credentials at $connections connections, $chains refresh chains, introspection/JWKS/discovery loop"
printf '%6s %9s %8s %8s %8s %7s %6s %9s %9s\n' "t s" "tokens/s" "p99 ms" "non-2xx" "RSS MB" threads fds "refresh/s" "other/s"
series="$work/series.txt"; : > "$series"
prev_r=0; prev_m=0
for n in $(seq 1 "$samples"); do
  out=$(wrk -t"$threads" -c"$connections" -d"${interval}s" --latency -s bench/token-load.lua "$base/oauth2/token") \
    || die "wrk failed"
  kill -0 "$phoenix_pid" 2>/dev/null || { keep=1; die "the server died, see $data/server.log"; }
  echo "$out" > "$work/wrk-$n.txt"
  rate=$(echo "$out" | wrk_rate)
  p99=$(to_ms "$(echo "$out" | wrk_pct 99%)")
  non2xx=$(echo "$out" | wrk_non2xx)
  rss=$(rss_mb "$phoenix_pid"); thr=$(threads_of "$phoenix_pid"); fds=$(open_files "$phoenix_pid")
  r=$(stat -c %s "$work/refreshes"); m=$(stat -c %s "$work/misc")
  rr=$(awk -v a="$r" -v b="$prev_r" -v i="$interval" 'BEGIN { printf "%.1f", (a - b) / i }')
  mr=$(awk -v a="$m" -v b="$prev_m" -v i="$interval" 'BEGIN { printf "%.1f", (a - b) / i }')
  prev_r=$r; prev_m=$m
  printf '%6d %9s %8s %8s %8s %7s %6s %9s %9s\n' $((n * interval)) "$rate" "$p99" "$non2xx" "$rss" "$thr" "$fds" "$rr" "$mr"
  echo "$n $rss $thr $fds $p99" >> "$series"
done

echo
if [ -s "$work/errors.txt" ]; then
  echo "errors in the background load: $(sort "$work/errors.txt" | uniq -c | tr -s ' ' | tr '\n' ';')"
fi
third=$((samples / 3))
verdict=$(awk -v k="$third" -v total="$samples" '
  { v[$1, 2] = $2; v[$1, 3] = $3; v[$1, 4] = $4; v[$1, 5] = $5 }
  END {
    split("RSS threads fds p99", name, " ")
    grew = 0; fell = 0; line = ""
    for (c = 2; c <= 5; c++) {
      a = 0; b = 0
      for (i = 1; i <= k; i++) a += v[i, c]
      for (i = total - k + 1; i <= total; i++) b += v[i, c]
      a /= k; b /= k
      d = (a > 0) ? 100 * (b - a) / a : 0
      word = (d > 10) ? "GREW" : ((d < -10) ? "fell" : "flat")
      if (d > 10) grew = 1
      if (d < -10) fell = 1
      line = line sprintf("%s %.1f -> %.1f (%+.1f %%, %s); ", name[c - 1], a, b, d, word)
    }
    sub(/; $/, "", line)
    printf "%s%s\n", (grew ? "GROWTH: " : (fell ? "NO GROWTH (something fell): " : "FLAT: ")), line
  }' "$series")
echo "VERDICT (mean of the last $third samples vs the first $third; flat = within 10 %): $verdict"
echo "Figures from a loaded or shared machine are not representative; run on a quiet one."
case "$verdict" in GROWTH*) exit 1 ;; esac
