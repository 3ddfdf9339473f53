#!/usr/bin/env bash
# Phoenix IdP demo fleet: the auth-server (holding the CA) and two resource-server-demo services
# (catalog, orders) calling each other over mutual TLS with certificate-bound tokens (issue 5).
#
#   demo/fleet.sh up     [--dir DIR]   create CA + certificates if missing, register the clients,
#                                       start everything, wait until it answers, write DIR/fleet.env
#   demo/fleet.sh down   [--dir DIR]   stop what `up` started (pid files in DIR/pids)
#   demo/fleet.sh status [--dir DIR]   show what runs
#
# DIR defaults to ./fleet. Run from anywhere after `mvn -B -q package -DskipTests` in the repo root.
# Needs only bash, curl, openssl and java.
#
# Environment (all optional):
#   FLEET_IDP_PORT (9443), FLEET_CATALOG_PORT (9444), FLEET_ORDERS_PORT (9445); once `up` ran,
#                            the ports it used are remembered in DIR/ports.env
#   FLEET_WEB_PORT           port of the web-app sample (8080; not started by the script, only
#                            registered: client fleet-web, redirect URI http://localhost:PORT/...)
#   FLEET_REVOCATION_CACHE   how long the services reuse an OCSP answer (service default 60s, max 60s)
#   FLEET_OCSP_URL           OCSP responder the services ask (default ISSUER/pki/ocsp)
#   FLEET_WAIT_SECONDS       how long to wait for each process to answer (90)
#   FLEET_JAVA_OPTS          JVM options of the three processes (-Xms64m -Xmx512m)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKI_JAR="$ROOT/pki/target/pki.jar"
IDP_JAR="$ROOT/auth-server/target/auth-server.jar"
RS_JAR="$ROOT/resource-server-demo/target/resource-server-demo.jar"

WAIT_SECONDS="${FLEET_WAIT_SECONDS:-90}"
read -r -a JAVA_OPTS <<< "${FLEET_JAVA_OPTS:--Xms64m -Xmx512m}"
SERVICES=(idp catalog orders)

say() { printf 'fleet: %s\n' "$*"; }
die() { printf 'fleet: error: %s\n' "$*" >&2; exit 1; }

usage() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "${BASH_SOURCE[0]}"
  exit 2
}

# ---------------------------------------------------------------- arguments
CMD="${1:-}"; [[ -n "$CMD" ]] || usage; shift
case "$CMD" in up|down|status) ;; -h|--help|help) usage ;; *) printf 'fleet: unknown command: %s\n' "$CMD" >&2; usage ;; esac
DIR="./fleet"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) [[ $# -ge 2 ]] || usage; DIR="$2"; shift 2 ;;
    --dir=*) DIR="${1#--dir=}"; shift ;;
    -h|--help) usage ;;
    *) printf 'fleet: unknown argument: %s\n' "$1" >&2; usage ;;
  esac
done
if [[ "$CMD" == up ]]; then mkdir -p "$DIR"; fi
[[ -d "$DIR" ]] || { printf 'fleet: no fleet in %s\n' "$DIR"; exit 0; }
DIR="$(cd "$DIR" && pwd)"
# Ports: environment, else what the last `up` in this DIR used (DIR/ports.env), else the defaults.
SAVED_IDP_PORT=""; SAVED_CATALOG_PORT=""; SAVED_ORDERS_PORT=""; SAVED_WEB_PORT=""
if [[ -f "$DIR/ports.env" ]]; then
  # shellcheck disable=SC1091
  source "$DIR/ports.env"
fi
IDP_PORT="${FLEET_IDP_PORT:-${SAVED_IDP_PORT:-9443}}"
CATALOG_PORT="${FLEET_CATALOG_PORT:-${SAVED_CATALOG_PORT:-9444}}"
ORDERS_PORT="${FLEET_ORDERS_PORT:-${SAVED_ORDERS_PORT:-9445}}"
WEB_PORT="${FLEET_WEB_PORT:-${SAVED_WEB_PORT:-8080}}"
for port in "$IDP_PORT" "$CATALOG_PORT" "$ORDERS_PORT" "$WEB_PORT"; do
  [[ "$port" =~ ^[0-9]+$ ]] || die "not a port number: $port"
done
CA="$DIR/ca"; CERTS="$DIR/certs"; SECRETS="$DIR/secrets"; LOGS="$DIR/logs"; PIDS="$DIR/pids"
PASSWORD_FILE="$SECRETS/ca.password"
ISSUER="https://localhost:$IDP_PORT"

for tool in curl openssl java; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is not on the PATH"
done

# ---------------------------------------------------------------- processes
pid_of() { # prints the pid of a running fleet process NAME, or nothing
  local file="$PIDS/$1.pid" pid
  [[ -f "$file" ]] || return 0
  pid="$(cat "$file" 2>/dev/null || true)"
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
      && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "-Dphoenix.fleet=$1 "; then
    echo "$pid"
  fi
}

port_of() { case "$1" in idp) echo "$IDP_PORT" ;; catalog) echo "$CATALOG_PORT" ;; orders) echo "$ORDERS_PORT" ;; esac; }

port_busy() { # something (anything) accepts TCP connections on 127.0.0.1:PORT
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() { # NAME JAR ARGS...
  local name="$1" jar="$2"; shift 2
  local pid
  pid="$(pid_of "$name")"
  if [[ -n "$pid" ]]; then
    say "$name already running (pid $pid)"
    return 0
  fi
  if port_busy "$(port_of "$name")"; then
    die "port $(port_of "$name") for $name is taken by another process (set FLEET_$(tr '[:lower:]' '[:upper:]' <<< "$name")_PORT)"
  fi
  rm -f "$PIDS/$name.pid"
  # -Dphoenix.fleet=NAME marks the process as ours (checked before `down` signals a pid).
  nohup java "${JAVA_OPTS[@]}" "-Dphoenix.fleet=$name" -jar "$jar" "$@" \
    > "$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! > "$PIDS/$name.pid"
  say "started $name (pid $!, port $(port_of "$name"), log $LOGS/$name.log)"
}

wait_until_up() { # NAME URL [curl args...]
  local name="$1" url="$2"; shift 2
  local deadline=$((SECONDS + WAIT_SECONDS)) code=""
  while (( SECONDS < deadline )); do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 --cacert "$CA/root.crt" "$@" "$url" || true)"
    if [[ "$code" == "200" ]]; then
      say "$name answers at $url"
      return 0
    fi
    if [[ -z "$(pid_of "$name")" ]]; then
      printf 'fleet: error: %s exited; last lines of %s:\n' "$name" "$LOGS/$name.log" >&2
      tail -n 40 "$LOGS/$name.log" >&2 || true
      printf 'fleet: the other processes keep running; stop them with: %s down --dir %s\n' "$0" "$DIR" >&2
      exit 1
    fi
    sleep 1
  done
  printf 'fleet: error: %s did not answer 200 at %s within %ss (last status %s); last lines of %s:\n' \
    "$name" "$url" "$WAIT_SECONDS" "${code:-none}" "$LOGS/$name.log" >&2
  tail -n 40 "$LOGS/$name.log" >&2 || true
  printf 'fleet: the processes keep running; stop them with: %s down --dir %s\n' "$0" "$DIR" >&2
  exit 1
}

exited() { # PID: no such process any more (or only a zombie left for its parent to reap)
  local state
  kill -0 "$1" 2>/dev/null || return 0
  state="$(sed -n 's/^[0-9]* (.*) \([A-Za-z]\) .*/\1/p' "/proc/$1/stat" 2>/dev/null || true)"
  [[ "$state" == Z || "$state" == X ]]
}

stop() { # NAME
  local name="$1" pid
  pid="$(pid_of "$name")"
  if [[ -z "$pid" ]]; then
    rm -f "$PIDS/$name.pid"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    exited "$pid" && break
    sleep 0.5
  done
  if ! exited "$pid"; then
    say "$name (pid $pid) did not stop within 30 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do exited "$pid" && break; sleep 0.2; done
  fi
  rm -f "$PIDS/$name.pid"
  say "stopped $name (pid $pid)"
}

# ---------------------------------------------------------------- CA and certificates
pki() { java -jar "$PKI_JAR" "$@"; }

ensure_ca() {
  if [[ ! -s "$PASSWORD_FILE" ]]; then
    [[ ! -e "$CA/ca.properties" ]] || die "$CA exists but $PASSWORD_FILE is missing; cannot open the CA"
    (umask 077; openssl rand -hex 32 > "$PASSWORD_FILE")
    chmod 600 "$PASSWORD_FILE"
    say "generated the CA passphrase in $PASSWORD_FILE"
  fi
  if [[ -f "$CA/ca.properties" ]]; then
    say "using the CA in $CA"
  else
    [[ ! -e "$CA" ]] || [[ -z "$(ls -A "$CA")" ]] \
      || die "$CA exists but holds no CA (no ca.properties); remove it or use another --dir"
    rmdir "$CA" 2>/dev/null || true
    pki init --dir "$CA" --name "Phoenix Demo Fleet CA" --base-url "$ISSUER" --password-file "$PASSWORD_FILE"
  fi
}

# Certificates of the fleet: NAME PROFILE CN SAN... (written to $CERTS/NAME.crt + .key).
CERT_SPECS=(
  "idp server localhost dns:localhost ip:127.0.0.1"
  "catalog peer catalog-service dns:localhost ip:127.0.0.1"
  "orders peer orders-service dns:localhost ip:127.0.0.1"
  "fleet-client client fleet-client"
  "client2 client fleet-client"
  "fleet-web client fleet-web"
)

cert_usable() { # NAME: the files exist, chain to this CA and do not expire within a day
  local crt="$CERTS/$1.crt" key="$CERTS/$1.key"
  [[ -s "$crt" && -s "$key" ]] || return 1
  openssl verify -CAfile "$CA/root.crt" -untrusted "$CA/intermediate.crt" "$crt" >/dev/null 2>&1 || return 1
  openssl x509 -in "$crt" -noout -checkend 86400 >/dev/null 2>&1 || return 1
}

serial_of() { openssl x509 -in "$1" -noout -serial | sed 's/^serial=//' | tr '[:upper:]' '[:lower:]' | sed 's/^0*//'; }

ensure_certs() {
  mkdir -p "$CERTS"; chmod 700 "$CERTS"
  local revoked="" spec name profile cn sans san args
  if ls "$CERTS"/*.crt >/dev/null 2>&1; then
    # reissue revoked certificates (e.g. after the revocation demo); `pki list` needs no passphrase
    revoked="$(pki list --dir "$CA" --status revoked 2>/dev/null | awk 'NR>1 {print $1}' | tr '[:upper:]' '[:lower:]' | sed 's/^0*//')"
  fi
  for spec in "${CERT_SPECS[@]}"; do
    read -r name profile cn sans <<< "$spec"
    if cert_usable "$name"; then
      if [[ -n "$revoked" ]] && grep -qx "$(serial_of "$CERTS/$name.crt")" <<< "$revoked"; then
        say "certificate $name is revoked; issuing a new one"
        [[ -z "$(pid_of "${name}")" ]] || say "note: $name is running with the revoked certificate; run down and up"
      else
        continue
      fi
    fi
    args=(issue --dir "$CA" --cn "$cn" --profile "$profile" --out "$CERTS/$name" --password-file "$PASSWORD_FILE")
    for san in $sans; do args+=(--san "$san"); done
    rm -f "$CERTS/$name.crt" "$CERTS/$name.key"
    pki "${args[@]}"
  done
}

write_idp_config() {
  local secret_file="$SECRETS/fleet-unbound.secret"
  if [[ ! -s "$secret_file" ]]; then
    (umask 077; openssl rand -hex 32 > "$secret_file")
  fi
  (umask 077; cat > "$DIR/idp-fleet.yml.tmp" <<EOF
# Written by demo/fleet.sh: the service clients of the demo fleet (phoenix.bootstrap, applied on every start).
phoenix:
  bootstrap:
    clients:
      # The demo caller: tls_client_auth with any certificate of subject CN=fleet-client (fleet-client
      # and client2 certificates), tokens bound to the certificate used (cnf.x5t#S256).
      - client-id: fleet-client
        client-name: Demo fleet client (mTLS)
        grant-types: [client_credentials]
        auth-methods: [tls_client_auth]
        tls-subject-dn: "$(openssl x509 -in "$CERTS/fleet-client.crt" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')"
        certificate-bound-tokens: true
        scopes: [api.read]
        require-consent: false
      # The web-app sample (client-samples/web-app): users sign in with the authorization code flow,
      # the app authenticates with its certificate (CN=fleet-web) and gets tokens bound to it.
      - client-id: fleet-web
        client-name: Demo fleet web app (mTLS)
        grant-types: [authorization_code, refresh_token]
        auth-methods: [tls_client_auth]
        tls-subject-dn: "$(openssl x509 -in "$CERTS/fleet-web.crt" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')"
        certificate-bound-tokens: true
        redirect-uris: ["http://localhost:$WEB_PORT/login/oauth2/code/phoenix"]
        post-logout-redirect-uris: ["http://localhost:$WEB_PORT/"]
        scopes: [openid, profile, api.read]
        require-consent: false
      # The orders service calling catalog as itself (service-to-service).
      - client-id: orders-service
        client-name: Orders service
        grant-types: [client_credentials]
        auth-methods: [tls_client_auth]
        tls-subject-dn: "$(openssl x509 -in "$CERTS/orders.crt" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')"
        certificate-bound-tokens: true
        scopes: [api.read]
        require-consent: false
      # A secret-based client whose tokens are NOT certificate-bound: the services refuse them
      # (phoenix.resource.require-bound-tokens=true), which the demo shows.
      - client-id: fleet-unbound
        client-name: Demo client without certificate-bound tokens
        client-secret: "$(cat "$secret_file")"
        grant-types: [client_credentials]
        auth-methods: [client_secret_basic]
        scopes: [api.read]
        require-consent: false
EOF
  )
  mv "$DIR/idp-fleet.yml.tmp" "$DIR/idp-fleet.yml"
}

write_env() {
  (umask 077; cat > "$DIR/fleet.env.tmp" <<EOF
# Phoenix demo fleet ($(date -u +%Y-%m-%dT%H:%M:%SZ)); source this file: . $DIR/fleet.env
ISSUER='$ISSUER'
TOKEN_ENDPOINT='$ISSUER/oauth2/token'
CA_ROOT='$CA/root.crt'
CA_DIR='$CA'
CA_PASSWORD_FILE='$PASSWORD_FILE'
CLIENT_ID='fleet-client'
CLIENT_CERT='$CERTS/fleet-client.crt'
CLIENT_KEY='$CERTS/fleet-client.key'
CLIENT2_CERT='$CERTS/client2.crt'
CLIENT2_KEY='$CERTS/client2.key'
API_URL='https://localhost:$CATALOG_PORT/api/items'
CHAIN_URL='https://localhost:$ORDERS_PORT/api/chain'
ORDERS_URL='https://localhost:$ORDERS_PORT/api/orders'
UNBOUND_CLIENT_ID='fleet-unbound'
UNBOUND_CLIENT_SECRET_FILE='$SECRETS/fleet-unbound.secret'
WEB_CLIENT_ID='fleet-web'
WEB_CERT='$CERTS/fleet-web.crt'
WEB_KEY='$CERTS/fleet-web.key'
WEB_PORT='$WEB_PORT'
export ISSUER TOKEN_ENDPOINT CA_ROOT CA_DIR CA_PASSWORD_FILE CLIENT_ID CLIENT_CERT CLIENT_KEY CLIENT2_CERT CLIENT2_KEY API_URL CHAIN_URL ORDERS_URL UNBOUND_CLIENT_ID UNBOUND_CLIENT_SECRET_FILE WEB_CLIENT_ID WEB_CERT WEB_KEY WEB_PORT
EOF
  )
  mv "$DIR/fleet.env.tmp" "$DIR/fleet.env"
}

service_args() { # NAME PORT: the arguments shared by catalog and orders
  local name="$1" port="$2"
  local args=(
    "--phoenix.service=$name" "--server.port=$port"
    "--spring.ssl.bundle.pem.server.keystore.certificate=file:$CERTS/$name.crt"
    "--spring.ssl.bundle.pem.server.keystore.private-key=file:$CERTS/$name.key"
    "--spring.ssl.bundle.pem.server.truststore.certificate=file:$CA/root.crt"
    "--phoenix.resource.issuer=$ISSUER"
    # the IdP runs on this port even if the CA's certificates name another one in their AIA
    "--phoenix.resource.ocsp-url=${FLEET_OCSP_URL:-$ISSUER/pki/ocsp}"
  )
  [[ -z "${FLEET_REVOCATION_CACHE:-}" ]] || args+=("--phoenix.resource.revocation-cache=$FLEET_REVOCATION_CACHE")
  printf '%s\n' "${args[@]}"
}

# ---------------------------------------------------------------- commands
cmd_up() {
  local missing=()
  for jar in "$PKI_JAR" "$IDP_JAR" "$RS_JAR"; do [[ -f "$jar" ]] || missing+=("${jar#"$ROOT"/}"); done
  (( ${#missing[@]} == 0 )) || die "missing ${missing[*]}; build first: (cd $ROOT && mvn -B -q package -DskipTests)"
  mkdir -p "$DIR" "$SECRETS" "$LOGS" "$PIDS"
  chmod 700 "$SECRETS"

  printf 'SAVED_IDP_PORT=%s\nSAVED_CATALOG_PORT=%s\nSAVED_ORDERS_PORT=%s\nSAVED_WEB_PORT=%s\n' \
    "$IDP_PORT" "$CATALOG_PORT" "$ORDERS_PORT" "$WEB_PORT" > "$DIR/ports.env"
  ensure_ca
  ensure_certs
  write_idp_config

  start idp "$IDP_JAR" --spring.profiles.active=demo \
    "--server.port=$IDP_PORT" "--phoenix.issuer=$ISSUER" "--phoenix.data-dir=$DIR/idp" \
    --server.ssl.bundle=idp \
    "--spring.ssl.bundle.pem.idp.keystore.certificate=file:$CERTS/idp.crt" \
    "--spring.ssl.bundle.pem.idp.keystore.private-key=file:$CERTS/idp.key" \
    "--spring.ssl.bundle.pem.idp.truststore.certificate=file:$CA/root.crt" \
    --server.ssl.client-auth=want \
    "--phoenix.ca.dir=$CA" "--phoenix.ca.password-file=$PASSWORD_FILE" \
    "--spring.config.additional-location=file:$DIR/idp-fleet.yml"

  local catalog_args orders_args
  mapfile -t catalog_args < <(service_args catalog "$CATALOG_PORT")
  mapfile -t orders_args < <(service_args orders "$ORDERS_PORT")
  start catalog "$RS_JAR" "${catalog_args[@]}" \
    --phoenix.resource.audiences=fleet-client,orders-service,fleet-unbound,fleet-web
  start orders "$RS_JAR" "${orders_args[@]}" \
    --phoenix.resource.audiences=fleet-client,fleet-unbound \
    "--spring.ssl.bundle.pem.client.keystore.certificate=file:$CERTS/orders.crt" \
    "--spring.ssl.bundle.pem.client.keystore.private-key=file:$CERTS/orders.key" \
    "--spring.ssl.bundle.pem.client.truststore.certificate=file:$CA/root.crt" \
    "--phoenix.client.token-endpoint=$ISSUER/oauth2/token" \
    --phoenix.client.client-id=orders-service \
    "--phoenix.client.catalog-url=https://localhost:$CATALOG_PORT"

  # The services check every client certificate with the IdP's OCSP responder, so the IdP first.
  wait_until_up idp "$ISSUER/actuator/health"
  local client=(--cert "$CERTS/fleet-client.crt" --key "$CERTS/fleet-client.key")
  wait_until_up catalog "https://localhost:$CATALOG_PORT/actuator/health" "${client[@]}"
  wait_until_up orders "https://localhost:$ORDERS_PORT/actuator/health" "${client[@]}"

  write_env
  say "fleet is up; variables in $DIR/fleet.env (source it)"
}

cmd_down() {
  local name
  for name in orders catalog idp; do stop "$name"; done
  say "fleet in $DIR is down"
}

cmd_status() {
  local name pid rc=0
  for name in "${SERVICES[@]}"; do
    pid="$(pid_of "$name")"
    if [[ -n "$pid" ]]; then
      say "$name running (pid $pid, port $(port_of "$name"))"
    else
      say "$name not running"; rc=3
    fi
  done
  return $rc
}

case "$CMD" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  -h|--help|help) usage ;;
  *) printf 'fleet: unknown command: %s\n' "$CMD" >&2; usage ;;
esac
