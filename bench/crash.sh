#!/usr/bin/env bash
# Crash test (not part of the build): does the IdP keep everything it acknowledged when it is
# killed with SIGKILL under load? N rounds of: start Phoenix (demo profile, one data directory
# kept across the rounds), run a mixed load for a few seconds, kill -9 the server while the load
# runs, restart it on the same data, and check what was acknowledged before the kill:
#   - client credentials (demo-service): every access token answered is still active
#     (RFC 7662 introspection; an expired one is counted apart, not as lost);
#   - refresh-token rotation chains (demo-legacy: the password grant for alice, then refresh,
#     refresh, ...): the latest answered refresh token still refreshes and the latest access token
#     is active; if that refresh token was being presented when the server died (no answer), the
#     rotation may have been committed, so a refusal of it (and an inactive access token) is
#     accepted as "spent in flight";
#   - authorization code flow (alice signed in through the login form; demo-spa, a public client,
#     /oauth2/authorize with PKCE, then the code at the token endpoint): every access token answered
#     is still active;
#   - certificates issued through the admin console (bob signs in, posts a PKCS#10 CSR to
#     /admin/certificates/issue; the 302 to the certificate's page is the acknowledgement): every
#     serial is "good" in the CA's OCSP answer after the restart;
#   - users created through SCIM (demo-admin's token, POST /scim/v2/Users; the 201 is the
#     acknowledgement): every one is still there after the restart (GET /scim/v2/Users/<id>: 200);
#   - passkeys added on the account page (bench/PasskeyClient.java, a software authenticator:
#     a fresh P-256 key and a "none" attestation per passkey; the 200 with status ok is the
#     acknowledgement), for a user made through SCIM with a password per worker and round (on one
#     user the growing list of passkeys would slow every round down): every one still signs its
#     user in, username-less, after the restart.
# Prints per round what was acknowledged and what was lost; exits 1 if anything was lost.
# The IdP keeps its data in the embedded H2 database by default; with --postgresql in a throw-away
# PostgreSQL cluster instead (Debian's binaries: initdb into a temporary directory, fsync on, a
# free port on 127.0.0.1, scram-sha-256; as the postgres user when run as root), as several nodes
# do. Only the IdP is killed, never the database.
#
#   mvn -B -q package -DskipTests -pl auth-server -am
#   bench/crash.sh                 # 5 rounds
#   bench/crash.sh --rounds 2 --load 4
#   bench/crash.sh --postgresql    # apt-get install postgresql
#
# Options: --rounds N (5)  --load SECONDS (5; the kill comes 0-2 s later still)  --port N (9470)
#          --cc-workers N (2)  --chains N (3)  --code-workers N (1)  --cert-workers N (1; 0 = no
#          certificates)  --scim-workers N (1)  --passkey-workers N (1; 0 = no passkeys)
#          --postgresql (see above)
#          --keep (keep the data directory, the server log and the recorded answers)
set -euo pipefail
cd "$(dirname "$0")/.."
me=crash
. bench/lib.sh

rounds=5; load=5; port=9470; cc_workers=2; chains=3; code_workers=1; cert_workers=1; scim_workers=1; passkey_workers=1; keep=0; postgresql=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --load) load="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --cc-workers) cc_workers="$2"; shift 2 ;;
    --chains) chains="$2"; shift 2 ;;
    --code-workers) code_workers="$2"; shift 2 ;;
    --cert-workers) cert_workers="$2"; shift 2 ;;
    --scim-workers) scim_workers="$2"; shift 2 ;;
    --passkey-workers) passkey_workers="$2"; shift 2 ;;
    --postgresql) postgresql=1; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) usage "unknown option $1" ;;
  esac
done
for n in "$rounds" "$load" "$port" "$cc_workers" "$chains" "$code_workers" "$cert_workers" "$scim_workers" "$passkey_workers"; do
  [[ "$n" =~ ^[0-9]+$ ]] || usage "not a whole number: $n"
done
need curl jq openssl java
machine_summary
phoenix_jar_or_die
base="http://localhost:$port"

work=$(mktemp -d /tmp/phoenix-crash-XXXXXX)
data="$work/data"; mkdir -p "$data"
phoenix_pid=""; workers=(); pg=""; as_pg=()
cleanup() {
  for w in "${workers[@]+"${workers[@]}"}"; do kill "$w" 2>/dev/null || true; done
  stop_pid "$phoenix_pid"
  if [ -n "$pg" ]; then
    "${as_pg[@]+"${as_pg[@]}"}" "$pg_bin/pg_ctl" -D "$pg/data" -m immediate stop > /dev/null 2>&1 || true
    if [ "$keep" = 1 ]; then echo "crash: kept the PostgreSQL cluster in $pg"; else rm -rf "$pg"; fi
  fi
  if [ "$keep" = 1 ]; then echo "crash: kept $work (data/server.log, round-*/ answers)"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# free_port FROM: the first port from FROM on that nothing on 127.0.0.1 listens on
free_port() {
  local p="$1"
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

# start_postgres: a throw-away cluster and a database "phoenix" owned by a role of that name; the
# IdP gets it through Spring Boot's datasource variables
start_postgres() {
  local pg_port password
  pg_bin=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -1)
  [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] && [ -x "$pg_bin/pg_ctl" ] \
    || die "--postgresql: PostgreSQL's binaries are not under /usr/lib/postgresql (apt-get install postgresql)"
  # its own temporary directory: the work directory is private to this user, and as root the
  # cluster belongs to the postgres user
  pg=$(mktemp -d /tmp/phoenix-crash-pg-XXXXXX)
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  (umask 077; printf '%s\n' "$password" > "$pg/superuser.pw")
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres "$pg"
    as_pg=(runuser -u postgres --)
  fi
  "${as_pg[@]+"${as_pg[@]}"}" "$pg_bin/initdb" -D "$pg/data" -U postgres --auth=scram-sha-256 \
      --pwfile="$pg/superuser.pw" --encoding=UTF8 --locale=C > "$pg/initdb.log" 2>&1 \
    || { keep=1; die "--postgresql: initdb failed, see $pg/initdb.log"; }
  pg_port=$(free_port $((port + 1)))
  "${as_pg[@]+"${as_pg[@]}"}" "$pg_bin/pg_ctl" -D "$pg/data" -l "$pg/postgres.log" -w -t 60 \
      -o "-p $pg_port -k $pg -c listen_addresses=127.0.0.1 -c max_connections=50" start > /dev/null \
    || { keep=1; die "--postgresql: PostgreSQL did not start, see $pg/postgres.log"; }
  # the statements on standard input, so that the password is not on a command line
  PGPASSWORD="$password" "$pg_bin/psql" -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres \
      -d postgres > /dev/null <<SQL || die "--postgresql: could not create the database"
CREATE ROLE phoenix LOGIN PASSWORD '$password';
CREATE DATABASE phoenix OWNER phoenix;
SQL
  export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$pg_port/phoenix"
  export SPRING_DATASOURCE_USERNAME=phoenix SPRING_DATASOURCE_PASSWORD="$password"
  echo "storage: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port (fsync on)"
}

start_and_wait() {
  local t0
  t0=$(date +%s%N)
  start_phoenix "$data" "$port"
  wait_http "$base/actuator/health" "$phoenix_pid" 300 || { keep=1; die "the server did not start, see $data/server.log"; }
  started_in=$(awk -v d=$(( $(date +%s%N) - t0 )) 'BEGIN { printf "%.1f", d / 1e9 }')
}

# ------------------------------------------------------------------ load workers
# Each records only what the server acknowledged (HTTP 200/302 with the expected body) and
# stops at the first request that got no answer at all (the server is gone) or at $dir/stop.

# post_retrying ARGS...: curl (prints body, a newline and the status), retried while the server
# answers 503 (the password-hashing bulkhead is full: several sign-ins at once on a small host)
post_retrying() {
  local answer code
  for _ in $(seq 1 30); do
    answer=$(curl -s --max-time 30 -w '\n%{http_code}' "$@" || true)
    code=${answer##*$'\n'}
    [ "$code" = 503 ] || break
    sleep 1
  done
  printf '%s' "$answer"
}

# token_request FILE WHAT CURL_ARGS...: one request to the token endpoint; on 200 appends the
# access token to FILE. Returns 0 on 200, 1 when no answer came (the server is gone), 2 for any
# other answer (noted in errors.txt beside FILE as "WHAT answered <status>")
token_request() {
  local file="$1" what="$2" answer code
  shift 2
  answer=$(curl -s --max-time 30 -w '\n%{http_code}' "$@" "$base/oauth2/token" || true)
  code=${answer##*$'\n'}
  case "$code" in
    200) printf '%s\n' "${answer%$'\n'*}" | jq -r .access_token >> "$file" ;;
    000) return 1 ;;
    *) echo "$what answered $code" >> "$(dirname "$file")/errors.txt"; return 2 ;;
  esac
}

cc_worker() {
  local dir="$1" i="$2" rc
  touch "$dir/ready-cc-$i"
  while [ ! -e "$dir/stop" ]; do
    rc=0
    token_request "$dir/cc-$i.txt" "client credentials" -u "demo-service:$service_secret" \
        -d grant_type=client_credentials -d scope=api.read || rc=$?
    [ "$rc" != 1 ] || return 0
  done
}

# chain-N.txt: "ack <refresh token> <access token>" per answer, "sent <refresh token>" before
# every refresh request, "unanswered <refresh token>" when that request got no answer (it may
# have been processed), "unreached <refresh token>" when the connection was refused
chain_worker() {
  local dir="$1" i="$2" answer code rt="" curl_rc
  answer=$(post_retrying -u "demo-legacy:$legacy_secret" -d grant_type=password \
      -d username=alice --data-urlencode password="$alice_password" -d scope=api.read "$base/oauth2/token")
  code=${answer##*$'\n'}
  touch "$dir/ready-chain-$i"
  [ "$code" = 200 ] || { [ "$code" = 000 ] || echo "password grant answered $code" >> "$dir/errors.txt"; return 0; }
  printf '%s\n' "${answer%$'\n'*}" | jq -r '"ack " + .refresh_token + " " + .access_token' >> "$dir/chain-$i.txt"
  rt=$(tail -1 "$dir/chain-$i.txt" | cut -d' ' -f2)
  while [ ! -e "$dir/stop" ]; do
    echo "sent $rt" >> "$dir/chain-$i.txt"
    curl_rc=0
    answer=$(curl -s --max-time 30 -w '\n%{http_code}' -u "demo-legacy:$legacy_secret" \
        -d grant_type=refresh_token -d refresh_token="$rt" "$base/oauth2/token") || curl_rc=$?
    code=${answer##*$'\n'}
    # curl exit 7: the connection was refused, the request never reached the server
    [ "$code" != 000 ] || [ "$curl_rc" != 7 ] || { echo "unreached $rt" >> "$dir/chain-$i.txt"; return 0; }
    case "$code" in
      200)
        printf '%s\n' "${answer%$'\n'*}" | jq -r '"ack " + .refresh_token + " " + .access_token' >> "$dir/chain-$i.txt"
        rt=$(tail -1 "$dir/chain-$i.txt" | cut -d' ' -f2) ;;
      000) echo "unanswered $rt" >> "$dir/chain-$i.txt"; return 0 ;;
      *) echo "chain $i: refresh answered $code before the kill: ${answer%$'\n'*}" >> "$dir/errors.txt"; return 0 ;;
    esac
  done
}

# sign_in COOKIE_JAR USERNAME PASSWORD: the login form, as a browser posts it; prints the status
# (302 when signed in, 000 when the server is gone)
sign_in() {
  local jar="$1" csrf code
  csrf=$(curl -s --max-time 30 -c "$jar" -b "$jar" "$base/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  code=$(post_retrying -c "$jar" -b "$jar" -o /dev/null -d username="$2" \
      --data-urlencode password="$3" --data-urlencode _csrf="$csrf" "$base/login")
  printf '%s' "${code##*$'\n'}"
}

b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }

# code-N.txt: one access token per authorization code exchanged (authorization code flow with
# PKCE for the public client demo-spa, alice signed in through the login form)
code_worker() {
  local dir="$1" i="$2" jar="$1/cookies-code-$2" code verifier challenge location authz
  local redirect="http://localhost:8081/callback"
  code=$(sign_in "$jar" alice "$alice_password")
  touch "$dir/ready-code-$i"
  [ "$code" = 302 ] || { [ "$code" = 000 ] || echo "code flow: sign-in answered $code" >> "$dir/errors.txt"; return 0; }
  while [ ! -e "$dir/stop" ]; do
    verifier=$(head -c 32 /dev/urandom | b64url)
    challenge=$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | b64url)
    location=$(curl -s --max-time 30 -c "$jar" -b "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' \
        "$base/oauth2/authorize?response_type=code&client_id=demo-spa&redirect_uri=$redirect&scope=openid%20api.read&state=$i&code_challenge=$challenge&code_challenge_method=S256" || true)
    case "$location" in
      "302 $redirect?code="*) authz=$(printf '%s' "$location" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p') ;;
      000*) return 0 ;;
      *) echo "code flow: authorization answered $location" >> "$dir/errors.txt"; return 0 ;;
    esac
    token_request "$dir/code-$i.txt" "code flow: token request" -d grant_type=authorization_code \
        -d client_id=demo-spa --data-urlencode code="$authz" -d redirect_uri="$redirect" \
        -d code_verifier="$verifier" || return 0
  done
}

# certs-N.txt: one serial (hex) per certificate issued
cert_worker() {
  local dir="$1" i="$2" jar="$1/cookies-$2" csrf code location
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$dir/key-$i.pem" \
      -subj "/CN=crash-test-$i" -out "$dir/req-$i.csr" 2>/dev/null || { echo "openssl req failed" >> "$dir/errors.txt"; return 0; }
  code=$(sign_in "$jar" bob "$bob_password")
  csrf=$(curl -s --max-time 30 -c "$jar" -b "$jar" "$base/admin/certificates" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//' || true)
  touch "$dir/ready-cert-$i"
  [ "$code" = 302 ] || { [ "$code" = 000 ] || echo "console sign-in answered $code" >> "$dir/errors.txt"; return 0; }
  [ -n "$csrf" ] || { echo "no CSRF token on /admin/certificates" >> "$dir/errors.txt"; return 0; }
  while [ ! -e "$dir/stop" ]; do
    location=$(curl -s --max-time 30 -c "$jar" -b "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' \
        --data-urlencode csr@"$dir/req-$i.csr" -d profile=client --data-urlencode _csrf="$csrf" \
        "$base/admin/certificates/issue" || true)
    case "$location" in
      "302 "*/admin/certificates/[0-9a-f]*) echo "${location##*/}" >> "$dir/certs-$i.txt" ;;
      000*) return 0 ;;
      *) echo "certificate issuance answered $location" >> "$dir/errors.txt"; return 0 ;;
    esac
  done
}

# admin_token: an access token of demo-admin with scope phoenix.admin (empty if none came)
admin_token() {
  curl -s --max-time 30 -u "demo-admin:$admin_secret" -d grant_type=client_credentials -d scope=phoenix.admin \
      "$base/oauth2/token" | jq -r '.access_token // empty' 2>/dev/null || true
}

# users-N.txt: one SCIM id per user created (POST /scim/v2/Users answered 201)
scim_worker() {
  local dir="$1" i="$2" token answer code n=0
  token=$(admin_token)
  touch "$dir/ready-scim-$i"
  [ -n "$token" ] || { echo "SCIM: no admin token" >> "$dir/errors.txt"; return 0; }
  while [ ! -e "$dir/stop" ]; do
    n=$((n + 1))
    answer=$(curl -s --max-time 30 -w '\n%{http_code}' -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/scim+json' \
        -d "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"crash-$round-$i-$n\"}" \
        "$base/scim/v2/Users" || true)
    code=${answer##*$'\n'}
    case "$code" in
      201) printf '%s\n' "${answer%$'\n'*}" | jq -r .id >> "$dir/users-$i.txt" ;;
      000) return 0 ;;
      *) echo "SCIM: user creation answered $code" >> "$dir/errors.txt"; return 0 ;;
    esac
  done
}

# passkey_user I: makes the user crash-passkeys-<round>-I through SCIM, with a random password in
# $dir/passkey-user-I.password (kept off the command lines); fails, noting why in errors.txt, when
# the answer is not 201
passkey_user() {
  local i="$1" password answer
  password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
  (umask 077
   printf '%s\n' "$password" > "$dir/passkey-user-$i.password"
   printf '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"crash-passkeys-%s-%s","password":"%s"}' \
       "$round" "$i" "$password" > "$dir/passkey-user-$i.json")
  # (a password is hashed on the bounded hashing pool: 503 while it is full)
  answer=$(post_retrying -o /dev/null -H "Authorization: Bearer $(admin_token)" -H 'Content-Type: application/scim+json' \
      --data-binary @"$dir/passkey-user-$i.json" "$base/scim/v2/Users")
  [ "${answer##*$'\n'}" = 201 ] \
    || { echo "passkeys: creating their user through SCIM answered ${answer##*$'\n'}" >> "$dir/errors.txt"; return 1; }
}

# curl_each FILE TEMPLATE: one request per line of FILE, all from one curl process (connections
# reused); TEMPLATE is a curl config block in which {} stands for the line
curl_each() {
  local list="$1" template="$2" cfg="$1.curl" first=1 item
  : > "$cfg"
  while read -r item; do
    [ "$first" = 1 ] || echo "next" >> "$cfg"
    first=0
    printf '%s\n' "${template//\{\}/"$item"}" >> "$cfg"
  done < "$list"
  [ "$first" = 0 ] || return 0
  curl -K "$cfg" || true
}

# scim_status FILE_OF_IDS: prints the status of GET /scim/v2/Users/<id> per id, in order
scim_status() {
  curl_each "$1" "url = \"$base/scim/v2/Users/{}\"
header = \"Authorization: Bearer $(admin_token)\"
output = \"/dev/null\"
write-out = \"%{http_code}\\n\"
silent"
}

# introspect FILE_OF_TOKENS: prints "active", "expired" or "inactive" per token, in order
introspect() {
  local list="$1" now token body code
  now=$(date +%s)
  paste "$list" <(curl_each "$list" "url = \"$base/oauth2/introspect\"
user = \"demo-service:$service_secret\"
data = \"token={}\"
write-out = \"\\n%{http_code}\\n\"
silent" | paste - - ) | while IFS=$'\t' read -r token body code; do
    if [ "$code" = 200 ] && [ "$(printf '%s' "$body" | jq -r .active)" = true ]; then
      echo active
    elif [ "$(jwt_part "$token" 2 | jq -r '.exp // 0')" -le "$now" ]; then
      echo expired
    else
      echo "inactive"
    fi
  done
}

# ocsp_status SERIALS_FILE: prints "<serial> <good|revoked|unknown|...>" per serial
ocsp_status() {
  local args=() serial
  while read -r serial; do
    args+=(-serial "0x$serial")
    if [ ${#args[@]} -ge 40 ]; then
      openssl ocsp -issuer "$work/intermediate.pem" "${args[@]}" -url "$base/pki/ocsp" \
          -CAfile "$work/root.pem" -verify_other "$work/intermediate.pem" 2>/dev/null | awk -F': ' '/^0x/ {print $1, $2}'
      args=()
    fi
  done < "$1"
  if [ ${#args[@]} -gt 0 ]; then
    openssl ocsp -issuer "$work/intermediate.pem" "${args[@]}" -url "$base/pki/ocsp" \
        -CAfile "$work/root.pem" -verify_other "$work/intermediate.pem" 2>/dev/null | awk -F': ' '/^0x/ {print $1, $2}'
  fi
}

# ------------------------------------------------------------------ rounds
summary=()
lost_total=0
if [ "$postgresql" = 1 ]; then
  start_postgres
else
  # (a datasource in the caller's environment would take the IdP elsewhere)
  unset SPRING_DATASOURCE_URL SPRING_DATASOURCE_USERNAME SPRING_DATASOURCE_PASSWORD
  echo "storage: the embedded H2 database in the data directory"
fi
echo "data directory: $data (kept across the rounds)"
for round in $(seq 1 "$rounds"); do
  dir="$work/round-$round"; mkdir -p "$dir"
  start_and_wait
  [ "$round" = 1 ] && echo "first start: ${started_in}s"
  service_secret=$(cat "$data/secrets/demo-service.secret")
  legacy_secret=$(cat "$data/secrets/demo-legacy.secret")
  alice_password=$(cat "$data/secrets/alice.password")
  bob_password=$(cat "$data/secrets/bob.password")
  admin_secret=$(cat "$data/secrets/demo-admin.secret")
  if [ ! -f "$work/intermediate.pem" ] && [ "$cert_workers" -gt 0 ]; then
    curl -fs "$base/pki/intermediate.crt" -o "$work/intermediate.pem" || die "no CA at $base/pki/ (the demo profile makes one)"
    curl -fs "$base/pki/root.crt" -o "$work/root.pem"
  fi

  # the passkey workers' users first, before the other workers keep the password hashing busy
  passkey_users=()
  for i in $(seq 1 "$passkey_workers"); do
    if passkey_user "$i"; then passkey_users+=("$i"); else touch "$dir/ready-passkey-$i"; fi
  done
  workers=()
  for i in $(seq 1 "$cc_workers"); do cc_worker "$dir" "$i" & workers+=($!); done
  for i in $(seq 1 "$chains"); do chain_worker "$dir" "$i" & workers+=($!); done
  for i in $(seq 1 "$code_workers"); do code_worker "$dir" "$i" & workers+=($!); done
  for i in $(seq 1 "$cert_workers"); do cert_worker "$dir" "$i" & workers+=($!); done
  for i in $(seq 1 "$scim_workers"); do scim_worker "$dir" "$i" & workers+=($!); done
  for i in "${passkey_users[@]+"${passkey_users[@]}"}"; do
    java bench/PasskeyClient.java register "$base" "crash-passkeys-$round-$i" "$dir/passkey-user-$i.password" \
        "$dir/passkeys-$i.txt" "$dir/stop" "$dir/errors.txt" "$dir/ready-passkey-$i" 2>> "$dir/errors.txt" &
    workers+=($!)
  done
  # the kill timer starts once every worker has signed in (password hashing is slow by design)
  total=$((cc_workers + chains + code_workers + cert_workers + scim_workers + passkey_workers))
  for _ in $(seq 1 600); do
    [ "$(find "$dir" -maxdepth 1 -name 'ready-*' | wc -l)" -lt "$total" ] || break
    sleep 0.1
  done
  wait_ms=$(( load * 1000 + RANDOM % 2000 ))
  sleep "$(awk -v m="$wait_ms" 'BEGIN { printf "%.3f", m / 1000 }')"
  kill -9 "$phoenix_pid"
  wait "$phoenix_pid" 2>/dev/null || true
  touch "$dir/stop"
  for w in "${workers[@]}"; do wait "$w" || true; done
  workers=()
  phoenix_pid=""

  start_and_wait
  restart=$started_in

  # client-credentials tokens and each chain's latest access token: introspection first (a
  # refresh token presented twice revokes its family, access tokens included)
  cat "$dir"/cc-*.txt 2>/dev/null > "$dir/cc-all.txt" || true
  cc_acked=$(wc -l < "$dir/cc-all.txt")
  introspect "$dir/cc-all.txt" > "$dir/cc-status.txt"
  cc_lost=$(grep -c '^inactive' "$dir/cc-status.txt" || true)
  cc_expired=$(grep -c '^expired' "$dir/cc-status.txt" || true)
  cat "$dir"/code-*.txt 2>/dev/null > "$dir/code-all.txt" || true
  code_acked=$(wc -l < "$dir/code-all.txt")
  introspect "$dir/code-all.txt" > "$dir/code-status.txt"
  code_lost=$(grep -c '^inactive' "$dir/code-status.txt" || true)
  cc_expired=$((cc_expired + $(grep -c '^expired' "$dir/code-status.txt" || true)))

  chain_acked=0; refreshes=0; chain_lost=0; in_flight=0; chain_notes=()
  for i in $(seq 1 "$chains"); do
    f="$dir/chain-$i.txt"
    [ -s "$f" ] || continue
    acks=$(grep -c '^ack ' "$f")
    [ "$acks" -gt 0 ] || continue
    chain_acked=$((chain_acked + 1)); refreshes=$((refreshes + acks - 1))
    last=$(grep '^ack ' "$f" | tail -1)
    rt=$(echo "$last" | cut -d' ' -f2); at=$(echo "$last" | cut -d' ' -f3)
    printf '%s\n' "$at" > "$dir/chain-$i.at"
    at_state=$(introspect "$dir/chain-$i.at")
    answer=$(curl -s -w '\n%{http_code}' -u "demo-legacy:$legacy_secret" -d grant_type=refresh_token \
        -d refresh_token="$rt" "$base/oauth2/token" || true)
    code=${answer##*$'\n'}
    if grep -qx "unanswered $rt" "$f"; then spent_ok=1; else spent_ok=0; fi
    if [ "$code" = 200 ]; then
      if [ "$at_state" = inactive ]; then
        chain_lost=$((chain_lost + 1)); chain_notes+=("chain $i: the latest access token is inactive though its refresh token still refreshes")
      fi
    elif [ "$spent_ok" = 1 ]; then
      in_flight=$((in_flight + 1))
    else
      chain_lost=$((chain_lost + 1))
      prev=$(grep '^ack ' "$f" | tail -2 | head -1 | cut -d' ' -f2)
      back=$(curl -s -o /dev/null -w '%{http_code}' -u "demo-legacy:$legacy_secret" -d grant_type=refresh_token \
          -d refresh_token="$prev" "$base/oauth2/token" || true)
      chain_notes+=("chain $i: its latest acknowledged refresh token (after $((acks - 1)) refreshes) is refused ($code: ${answer%$'\n'*}); the one before it answers $back")
    fi
  done

  certs_acked=0; certs_lost=0; cert_notes=()
  if [ "$cert_workers" -gt 0 ]; then
    cat "$dir"/certs-*.txt 2>/dev/null > "$dir/certs-all.txt" || true
    certs_acked=$(wc -l < "$dir/certs-all.txt")
    ocsp_status "$dir/certs-all.txt" > "$dir/certs-status.txt"
    certs_good=$(grep -c ' good$' "$dir/certs-status.txt" || true)
    certs_lost=$((certs_acked - certs_good))
    [ "$certs_lost" = 0 ] || cert_notes+=("certificates not good: $(grep -v ' good$' "$dir/certs-status.txt" | head -5 | tr '\n' ';') (missing answers count too)")
  fi

  cat "$dir"/users-*.txt 2>/dev/null > "$dir/users-all.txt" || true
  users_acked=$(wc -l < "$dir/users-all.txt")
  scim_status "$dir/users-all.txt" > "$dir/users-status.txt"
  users_lost=$((users_acked - $(grep -cx 200 "$dir/users-status.txt" || true)))
  user_notes=()
  [ "$users_lost" = 0 ] || user_notes+=("SCIM users not found: $(paste -d' ' "$dir/users-all.txt" "$dir/users-status.txt" | grep -v ' 200$' | head -3 | tr '\n' ';')")

  passkeys_acked=0; passkeys_lost=0; passkey_notes=()
  if [ "$passkey_workers" -gt 0 ]; then
    cat "$dir"/passkeys-*.txt 2>/dev/null > "$dir/passkeys-all.txt" || true
    passkeys_acked=$(wc -l < "$dir/passkeys-all.txt")
    java bench/PasskeyClient.java verify "$base" "$dir/passkeys-all.txt" > "$dir/passkeys-status.txt" 2>&1 || true
    passkeys_good=$(grep -c '^good ' "$dir/passkeys-status.txt" || true)
    passkeys_lost=$((passkeys_acked - passkeys_good))
    [ "$passkeys_lost" = 0 ] || passkey_notes+=("passkeys that no longer sign in: $(grep -v '^good ' "$dir/passkeys-status.txt" | head -3 | tr '\n' ';')")
  fi

  lost=$((cc_lost + code_lost + chain_lost + certs_lost + users_lost + passkeys_lost))
  lost_total=$((lost_total + lost))
  line="round $round: killed after $(awk -v m="$wait_ms" 'BEGIN { printf "%.1f", m / 1000 }')s; acknowledged: $cc_acked client-credentials tokens, $code_acked code-flow tokens, $chain_acked chains ($refreshes refreshes), $certs_acked certificates, $users_acked SCIM users, $passkeys_acked passkeys; restart ${restart}s; lost: $cc_lost + $code_lost tokens, $chain_lost chains, $certs_lost certificates, $users_lost users, $passkeys_lost passkeys (expired $cc_expired, spent in flight $in_flight)"
  echo "$line"
  summary+=("| $round | $(awk -v m="$wait_ms" 'BEGIN { printf "%.1f", m / 1000 }') | $cc_acked | $code_acked | $chain_acked ($refreshes) | $certs_acked | $users_acked | $passkeys_acked | $restart | $((cc_lost + code_lost)) | $chain_lost | $certs_lost | $users_lost | $passkeys_lost |")
  for n in "${chain_notes[@]+"${chain_notes[@]}"}" "${cert_notes[@]+"${cert_notes[@]}"}" "${user_notes[@]+"${user_notes[@]}"}" "${passkey_notes[@]+"${passkey_notes[@]}"}"; do echo "  LOST $n"; done
  if [ -s "$dir/errors.txt" ]; then
    echo "  errors before the kill (not losses): $(sort "$dir/errors.txt" | uniq -c | head -5 | tr -s ' ' | tr '\n' ';')"
  fi
  [ "$cert_workers" = 0 ] || [ "$certs_acked" -gt 0 ] || echo "  (no certificate was acknowledged this round)"
  [ "$cc_acked" -gt 0 ] || echo "  (no client-credentials token was acknowledged this round: load too short?)"
  [ "$code_workers" = 0 ] || [ "$code_acked" -gt 0 ] || echo "  (no code-flow token was acknowledged this round)"
  [ "$scim_workers" = 0 ] || [ "$users_acked" -gt 0 ] || echo "  (no SCIM user was acknowledged this round)"
  [ "$passkey_workers" = 0 ] || [ "$passkeys_acked" -gt 0 ] || echo "  (no passkey was acknowledged this round)"

  stop_pid "$phoenix_pid"; phoenix_pid=""
done

echo
echo "| round | killed after s | cc tokens | code-flow tokens | chains (refreshes) | certificates | SCIM users | passkeys | restart s | lost tokens | lost chains | lost certificates | lost users | lost passkeys |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for l in "${summary[@]}"; do echo "$l"; done
if [ "$lost_total" -gt 0 ]; then
  echo "RESULT: $lost_total acknowledged items lost over $rounds rounds"
  exit 1
fi
echo "RESULT: nothing acknowledged was lost over $rounds rounds"
