#!/usr/bin/env bash
# Runtime benchmark: start-up to first 200 on /ready, idle RSS, and /health throughput and p99
# under wrk against the runtime and against a bare Helidon route in the same run.
# Usage (from the repository root, after ./mvnw package):
#   ghillie-runtime/bench/runtime-bench.sh [starts=7] [wrk seconds=10]
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
    until curl -sf -o /dev/null "http://127.0.0.1:$port$path"; do sleep 0.005; done
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
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.05; done
  for i in $(seq 20); do for path in /health /ready /version; do curl -s -o /dev/null "http://127.0.0.1:$port$path"; done; done
  stop
  startup runtime-with-startup-cache /ready "$java" $flags -XX:AOTCache="$cache" -jar "$jar"
else
  echo "runtime-with-startup-cache: skipped: JDK $feature has no ahead-of-time cache (JDK 25+)"
fi

measure() { # name, command...
  local name=$1; shift
  port=$(free_port)
  GHILLIE_HOST=127.0.0.1 GHILLIE_PORT=$port "$@" >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.01; done
  sleep 2
  rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
  wrk -t2 -c32 -d2s "http://127.0.0.1:$port/health" >/dev/null   # warm-up
  out=$(wrk -t2 -c32 -d"${seconds}s" --latency "http://127.0.0.1:$port/health")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  echo "$name: idle RSS ${rss} MB, /health ${rps} req/s, p99 ${p99}"
  eval "${name//-/_}_rps=$rps"
  stop
}
measure runtime "$java" $flags -jar "$jar"
measure bare-helidon "$java" $flags -cp "$jar:target/test-classes" dev.ghillie.runtime.bench.BareHelidonServer
awk -v a="$runtime_rps" -v b="$bare_helidon_rps" 'BEGIN {printf "runtime /health throughput: %.1f%% of the bare Helidon route\n", 100*a/b}'
echo "JVM: $("$java" -version 2>&1 | head -1); flags: $flags; wrk -t2 -c32 -d${seconds}s"
