#!/usr/bin/env bash
# Runtime benchmark: start-up to first 200 on /ready, idle RSS, and /health throughput and p99
# under wrk against the runtime and against a bare Helidon route in the same run.
# Usage (from the repository root, after ./mvnw package):
#   ghillie-runtime/bench/runtime-bench.sh [starts=7] [wrk seconds=10]      (ROUNDS=3 wrk rounds per server)
# With JDK 25 or newer it also measures the start-up with a startup cache (a JDK ahead-of-time cache), trained
# the way the image build trains the one the image ships: same flags, /health until 200, 20 rounds of
# /health, /ready and /version, SIGTERM.
# JVM_FLAGS defaults to the flags the image uses; MAX_RAM emulates the container memory limit.
set -euo pipefail
cd "$(dirname "$0")/.."
starts=${1:-7}
seconds=${2:-10}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
: "${JVM_FLAGS:=-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC}"
: "${MAX_RAM:=256m}"
flags="$JVM_FLAGS -XX:MaxRAM=$MAX_RAM"
jar=target/ghillie-runtime.jar
[ -f "$jar" ] || { echo "no $jar: run ./mvnw package first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is not installed: apt-get install curl" >&2; exit 1; }

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
pid=
stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; pid=; }
trap stop EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# Waits for a 200 from $pid on the URL; gives up when the process is gone or after 60 s.
await_200() {
  local deadline=$(( $(now_ms) + 60000 ))
  until curl -sf -o /dev/null "$1"; do
    kill -0 "$pid" 2>/dev/null || { echo "the server exited before $1 answered 200" >&2; exit 1; }
    [ "$(now_ms)" -lt "$deadline" ] || { echo "no 200 from $1 within 60 s" >&2; exit 1; }
    sleep "${2:-0.005}"
  done
}

# 1. Start-up: process start to the first 200 (median of the starts), for the runtime on /ready and,
#    as the floor Helidon itself sets, for the bare route on /health.
startup() { # name, path, command...
  local name=$1 path=$2; shift 2
  local times=() port t0
  for i in $(seq "$starts"); do
    port=$(free_port)
    t0=$(now_ms)
    GHILLIE_HOST=127.0.0.1 GHILLIE_PORT=$port "$@" >/dev/null 2>&1 &
    pid=$!
    await_200 "http://127.0.0.1:$port$path"
    times+=($(( $(now_ms) - t0 )))
    stop
  done
  local sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  echo "$name: start-up to first 200 on $path: median ${sorted[$(( ${#sorted[@]} / 2 ))]} ms over ${starts} starts (all: ${times[*]})"
}
startup runtime /ready "$java" $flags -jar "$jar"
startup bare-helidon /health "$java" $flags -cp "$jar:target/test-classes" dev.ghillie.runtime.bench.BareHelidonServer

# The startup cache (JDK 25+, JEP 483/514/515): one training run writes it as the JVM exits, then the starts use it.
feature=$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
if [ "${feature%%.*}" -ge 25 ]; then
  cache=$(mktemp -d)/startup.aot
  port=$(free_port)
  GHILLIE_HOST=127.0.0.1 GHILLIE_PORT=$port "$java" $flags -XX:AOTCacheOutput="$cache" -jar "$jar" >/dev/null 2>&1 &
  pid=$!
  await_200 "http://127.0.0.1:$port/health" 0.05
  for i in $(seq 20); do for path in /health /ready /version; do curl -s -o /dev/null "http://127.0.0.1:$port$path"; done; done
  stop
  startup runtime-with-startup-cache /ready "$java" $flags -XX:AOTCache="$cache" -jar "$jar"
else
  cache=
  echo "runtime-with-startup-cache: skipped: JDK $feature has no ahead-of-time cache (JDK 25+)"
fi

# 2. Idle RSS and /health under wrk. All servers run at once (idle while another is loaded) and are loaded
#    in turns, ROUNDS times, so a noisy neighbour on a shared machine hits them alike; the median counts.
rounds=${ROUNDS:-3}
names=() ports=() pids=()
serve() { # name, command...
  local name=$1; shift
  local port; port=$(free_port)
  GHILLIE_HOST=127.0.0.1 GHILLIE_PORT=$port "$@" >/dev/null 2>&1 &
  pid=$!
  await_200 "http://127.0.0.1:$port/health" 0.01
  names+=("$name") ports+=("$port") pids+=("$pid")
  pid=
}
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap 'stop; stop_all' EXIT
serve runtime "$java" $flags -jar "$jar"
[ -n "$cache" ] && serve runtime-with-startup-cache "$java" $flags -XX:AOTCache="$cache" -jar "$jar"
serve bare-helidon "$java" $flags -cp "$jar:target/test-classes" dev.ghillie.runtime.bench.BareHelidonServer
sleep 2
declare -A rss rps_all p99_all
for i in "${!names[@]}"; do
  rss[$i]=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/${pids[$i]}/status")
  wrk -t2 -c32 -d2s "http://127.0.0.1:${ports[$i]}/health" >/dev/null   # warm-up
done
for round in $(seq "$rounds"); do
  for i in "${!names[@]}"; do
    out=$(wrk -t2 -c32 -d"${seconds}s" --latency "http://127.0.0.1:${ports[$i]}/health")
    rps_all[$i]+="$(echo "$out" | awk '/Requests\/sec/ {print $2}') "
    p99_all[$i]+="$(echo "$out" | awk '$1=="99%" {print $2}') "
  done
done
median() { printf '%s\n' $1 | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A rps
for i in "${!names[@]}"; do
  rps[${names[$i]}]=$(median "${rps_all[$i]}")
  echo "${names[$i]}: idle RSS ${rss[$i]} MB, /health median ${rps[${names[$i]}]} req/s over $rounds rounds (all: ${rps_all[$i]% }; p99: ${p99_all[$i]% })"
done
for name in runtime runtime-with-startup-cache; do
  [ -n "${rps[$name]:-}" ] && awk -v n="$name" -v a="${rps[$name]}" -v b="${rps[bare-helidon]}" \
    'BEGIN {printf "%s /health throughput: %.1f%% of the bare Helidon route\n", n, 100*a/b}'
done
stop_all
echo "JVM: $("$java" -version 2>&1 | head -1); flags: $flags; wrk -t2 -c32 -d${seconds}s, $rounds rounds"
