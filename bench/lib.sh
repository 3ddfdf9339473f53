# Helpers shared by the bench/ scripts and resource-server-demo/bench/api-load.sh (sourced, not run).
# Each script sets $me (its name, for messages) before sourcing this file.

die() { echo "$me: $*" >&2; exit 1; }
usage() { echo "$me: $* (see --help)" >&2; exit 2; }

need() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "needs $tool (apt-get install $tool)"
  done
}

# One line on the machine, printed before a benchmark measures anything: date, cores, CPU model,
# RAM, the load average, and two yardsticks to tell machines apart, since the same CPU model name
# has come with very different speeds: RSA-2048 signatures per second on one core from `openssl
# speed` (about 2 s of one core), and the round trip of one byte between two processes through
# two pipes (10,000 of them, perl), which is two thread wake-ups, what a request over loopback
# costs besides its own work; in a virtual machine that can be far dearer than the CPU speed says.
machine_summary() {
  local model rsa wakeup
  model=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
  rsa=$(openssl speed -seconds 1 rsa2048 2>/dev/null | awk '$1 == "rsa" && $2 == "2048" {print $6}') || rsa=""
  wakeup=$(wakeup_us 2>/dev/null) || wakeup=""
  echo "machine: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, ${model:-unknown CPU}," \
    "$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo) RAM, load average $(cut -d' ' -f1-3 /proc/loadavg);" \
    "yardsticks: ${rsa:-n/a} RSA-2048 signatures/s on one core (openssl speed)," \
    "${wakeup:-n/a} µs per pipe round trip between two processes"
}

# microseconds per one-byte round trip between two processes over two pipes (see machine_summary)
wakeup_us() {
  perl -e 'use Time::HiRes qw(time);
    pipe(R1, W1) or die; pipe(R2, W2) or die; my $n = 10000; my $b;
    my $pid = fork; die unless defined $pid;
    if (!$pid) { for (1 .. $n) { sysread(R1, $b, 1); syswrite(W2, "y", 1) } exit 0 }
    my $t = time; for (1 .. $n) { syswrite(W1, "x", 1); sysread(R2, $b, 1) }
    waitpid($pid, 0); printf "%.0f", (time - $t) / $n * 1e6'
}

# milliseconds from a wrk latency figure (850.00us, 12.34ms, 1.20s, 2.00m)
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v == "") { print "n/a"; exit }
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n = n / 1000; else if (u == "s") n = n * 1000; else if (u == "m") n = n * 60000
    printf "%.1f", n }'
}

# fields of a wrk --latency report on stdin: requests, non-2xx, errors, rate, p50, p99
wrk_requests() { awk '/requests in/ {print $1}'; }
wrk_non2xx() { awk '/Non-2xx/ {n = $5} END {print n + 0}'; }
wrk_rate() { awk '/Requests\/sec/ {print $2}'; }
wrk_pct() { awk -v p="$1" '$1 == p {print $2}'; }
# connect/read/write/timeout socket errors, summed
wrk_socket_errors() { awk '/Socket errors/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}'; }

# process CPU time (user + system) in clock ticks, from /proc/PID/stat (fields 14 and 15;
# the command name in field 2 may hold spaces, so count from the closing parenthesis)
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
# the same for the JIT compiler threads of a HotSpot JVM ("C1 CompilerThread0", "C2 CompilerThread0"
# ..., cut to 15 characters in /proc); a compiler thread that ends takes its ticks with it, so a
# difference of two readings can only under-count
jit_ticks() {
  cat /proc/"$1"/task/*/stat 2>/dev/null | awk '{
    lp = index($0, "("); rp = index($0, ") ")
    name = substr($0, lp + 1, rp - lp - 1)
    if (name ~ /^C[12] CompilerThre/) { split(substr($0, rp + 2), f, " "); sum += f[12] + f[13] }
  } END { print sum + 0 }'
}
# jit_share JIT_TICKS ALL_TICKS: the JIT's whole-number percentage of the CPU (0 without CPU); above
# 5 the warm-up was too short for the machine
jit_share() { awk -v j="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.0f", 100 * j / t; else print 0 }'; }
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
threads_of() { awk '/^Threads/ {print $2}' "/proc/$1/status"; }
open_files() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }

# wait_http URL PID TIMEOUT_S: until URL answers 2xx; fails if PID dies or the time runs out
wait_http() {
  local url="$1" pid="$2" limit="$3" t0
  t0=$(date +%s)
  until curl -fs -o /dev/null --max-time 2 "$url"; do
    kill -0 "$pid" 2>/dev/null || return 1
    [ $(( $(date +%s) - t0 )) -lt "$limit" ] || return 2
    sleep 0.1
  done
}

# stop_pid PID: SIGTERM, up to 30 s for a graceful end, then SIGKILL
stop_pid() {
  local pid="$1"
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
}

# the payload (or header, part 1) of a JWT, as JSON
jwt_part() {
  local part
  part=$(printf '%s' "$1" | cut -d. -f"$2" | tr '_-' '/+')
  while [ $(( ${#part} % 4 )) -ne 0 ]; do part="$part="; done
  printf '%s' "$part" | base64 -d 2>/dev/null
}

# start_phoenix DATA_DIR PORT [EXTRA SERVER ARGS...]: starts auth-server/phoenix-idp in the demo
# profile in the background (log in DATA_DIR/server.log, appended); sets phoenix_pid. The
# launcher execs java, so phoenix_pid is the JVM's own process id.
start_phoenix() {
  local data="$1" port="$2"
  shift 2
  auth-server/phoenix-idp --spring.profiles.active=demo --phoenix.data-dir="$data" --server.port="$port" \
      --phoenix.issuer="http://localhost:$port" --logging.level.phoenix.audit=WARN "$@" >> "$data/server.log" 2>&1 &
  phoenix_pid=$!
}

phoenix_jar_or_die() {
  [ -f auth-server/target/auth-server.jar ] \
    || die "auth-server/target/auth-server.jar missing; run: mvn -B -q package -DskipTests -pl auth-server -am"
}
