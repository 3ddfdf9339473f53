#!/usr/bin/env bash
# Authorized requests/s that ONE resource-server-demo service handles over mutual TLS with a
# certificate-bound token on keep-alive connections (issue 5). Not a test; run on purpose.
#
# Against a running service (e.g. the demo fleet):
#   API_URL=https://localhost:8443/api/items CLIENT_CERT=... CLIENT_KEY=... CA_ROOT=... \
#   TOKEN=eyJ...   (or TOKEN_ENDPOINT=... CLIENT_ID=... to fetch a bound token with curl)  \
#   resource-server-demo/bench/api-load.sh
#   (with FLEET_ENV=fleet/fleet.env the variables are read from the fleet's env file)
#
# Self-contained (test CA + fake IdP/OCSP from the test classes, catalog from the built jar):
#   resource-server-demo/bench/api-load.sh --local
#
# Knobs: USERS (virtual users = keep-alive connections, default 32), DURATION seconds (default 20),
#        WARMUP (default 120: the JIT needs about that long under this load; after 60 s its threads still took 22 %, after 10 s the CPU per request was 3×), SERVER_CPUS (--local only: taskset CPU list for the service, e.g. "0"),
#        SERVER_JAVA_OPTS (--local only: extra JVM options for the service, e.g. a JFR recording),
#        SERVER_PID (a running service on this machine: its process id, for its CPU per request and
#        the JIT compiler threads' part of it; --local sets it).
# wrk is not used: it cannot present a TLS client certificate.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
USERS="${USERS:-32}"; DURATION="${DURATION:-20}"; WARMUP="${WARMUP:-120}"
work="$here/target/bench"; mkdir -p "$work"

classpath() {
  if [[ ! -f "$here/target/test-classes/com/phoenixidp/resourceserver/ApiLoadGenerator.class" || ! -f "$here/target/resource-server-demo.jar" ]]; then
    (cd "$root" && mvn -B -q -pl resource-server-demo -am package -DskipTests) >&2
    (cd "$root" && mvn -B -q -pl resource-server-demo test-compile) >&2
  fi
  if [[ ! -f "$work/classpath.txt" ]]; then
    (cd "$root" && mvn -B -q -pl resource-server-demo dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile="$work/classpath.txt") >&2
  fi
  echo "$here/target/test-classes:$here/target/classes:$(cat "$work/classpath.txt")"
}

pids=()
cleanup() { for p in "${pids[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

CP="$(classpath)"

if [[ "${1:-}" == "--local" ]]; then
  rm -f "$work/bench.env"
  java -cp "$CP" com.phoenixidp.resourceserver.BenchEnvironment "$work" > "$work/environment.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 60); do [[ -f "$work/bench.env" ]] && break; sleep 0.5; done
  # shellcheck disable=SC1091
  source "$work/bench.env"
  port="${PORT:-18443}"
  ${SERVER_CPUS:+taskset -c "$SERVER_CPUS"} java -Xms256m -Xmx512m ${SERVER_JAVA_OPTS:-} -jar "$here/target/resource-server-demo.jar" \
    --phoenix.service=catalog --server.port="$port" \
    --spring.ssl.bundle.pem.server.keystore.certificate="file:$SERVER_CERT" \
    --spring.ssl.bundle.pem.server.keystore.private-key="file:$SERVER_KEY" \
    --spring.ssl.bundle.pem.server.truststore.certificate="file:$CA_ROOT" \
    --phoenix.resource.issuer="$ISSUER" --phoenix.resource.audiences="$AUDIENCE" \
    --server.tomcat.threads.max=64 > "$work/catalog.log" 2>&1 &
  pids+=($!); SERVER_PID=$!
  API_URL="https://localhost:$port/api/items"
  for _ in $(seq 1 120); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --cert "$CLIENT_CERT" --key "$CLIENT_KEY" --cacert "$CA_ROOT" \
      -H "Authorization: Bearer $(cat "$TOKEN_FILE")" "$API_URL" || true)
    [[ "$code" == "200" ]] && break; sleep 0.5
  done
  [[ "$code" == "200" ]] || { echo "catalog did not answer 200 (last: $code); see $work/catalog.log" >&2; exit 1; }
else
  if [[ -n "${FLEET_ENV:-}" ]]; then source "$FLEET_ENV"; fi
  : "${API_URL:?set API_URL}" "${CLIENT_CERT:?set CLIENT_CERT}" "${CLIENT_KEY:?set CLIENT_KEY}" "${CA_ROOT:?set CA_ROOT}"
  TOKEN_FILE="$work/token.jwt"
  if [[ -z "${TOKEN:-}" ]]; then
    : "${TOKEN_ENDPOINT:?set TOKEN or TOKEN_ENDPOINT and CLIENT_ID}" "${CLIENT_ID:?set CLIENT_ID}"
    TOKEN=$(curl -sf --cert "$CLIENT_CERT" --key "$CLIENT_KEY" --cacert "$CA_ROOT" \
      -d grant_type=client_credentials -d "client_id=$CLIENT_ID" -d "scope=${SCOPE:-api.read}" "$TOKEN_ENDPOINT" \
      | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
    [[ -n "$TOKEN" ]] || { echo "could not obtain a token from $TOKEN_ENDPOINT" >&2; exit 1; }
  fi
  (umask 077; printf '%s' "$TOKEN" > "$TOKEN_FILE")
fi

me=api-load
. "$here/../bench/lib.sh"
echo "$(machine_summary); $(uname -sr); $(java -version 2>&1 | head -1)"
java -Xms256m -Xmx1g -cp "$CP" com.phoenixidp.resourceserver.ApiLoadGenerator \
  "$API_URL" "$CLIENT_CERT" "$CLIENT_KEY" "$CA_ROOT" "$TOKEN_FILE" "$USERS" "$DURATION" "$WARMUP" ${SERVER_PID:-}
