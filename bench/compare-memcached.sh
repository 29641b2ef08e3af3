#!/usr/bin/env bash
# bench/compare-memcached.sh: a memcluster node against Debian's memcached on this machine.
#
# What it does
#   1. Throughput. Starts memcached and a memcluster node on free loopback ports with the same
#      memory limit and thread count, warms both up (the JVM needs it), then drives each with the
#      same memcaslap load: 90% get / 10% set, 16-byte keys, 100-byte values, 64 concurrent
#      connections from 2 client threads. RUNS timed runs per server, alternating between the
#      two so that drift on the machine hits both alike. Reports the MEDIAN ops/s of each (all
#      runs are listed too) and the ratio node/memcached.
#   2. Memory. Starts a fresh pair, loads ITEMS items (16-byte keys, 100-byte values, flags 0,
#      no expiry) into each with bench/LoadItems.java, and reports resident memory added per
#      item (VmRSS from /proc/PID/status after minus before, divided by the item count). For a
#      JVM node, RSS right after the load still holds uncollected garbage, so it is measured
#      SETTLE_SECONDS after the load and again after `jcmd PID GC.run`; the ratio uses the
#      after-GC figure. For information it also prints the Java heap in use per item after GC
#      (`jcmd GC.heap_info`): a JVM keeps heap it has committed, so RSS rarely falls after a
#      GC, and the heap figure tells object overhead apart from that. `stats` must show every
#      item present and no evictions in both, or the run is reported as not valid (exit 1).
#   3. Prints a summary (figures + machine) to paste into BENCHMARKS.md; keeps it, the server
#      logs and the raw memcaslap output in RESULTS_DIR.
#   Both servers are stopped on exit, on failure and on Ctrl-C. The node gets a fresh, empty
#   --data-dir under RESULTS_DIR for each start (it must not load or overwrite the project's
#   data/ snapshots) and is stopped with SIGKILL: a graceful stop would spend time and disk on a
#   snapshot of a million throwaway items.
#
# Prerequisites
#   memcached, memcaslap (apt-get install memcached libmemcached-tools), a JDK 17+ (java, jcmd),
#   and the node built: mvn -q package -DskipTests (it needs server/target/memcluster-server.jar).
#   Linux (/proc). About 1.5 GB of free memory with the defaults.
#
# How to run
#   bench/compare-memcached.sh            full run: 3 x 10 s per server, 1,000,000 items (~2 min)
#   bench/compare-memcached.sh --quick    smoke test: 3 x 2 s per server, 100,000 items
#
# Environment knobs (defaults in brackets; --quick changes the ones marked *)
#   NODE_CMD        command that starts the node; run with `bash -c "exec $NODE_CMD"` where PORT,
#                   MEMORY_MB, DATA_DIR and REPO are set, e.g. to compare memcached with itself:
#                   NODE_CMD='memcached -l 127.0.0.1 -p $PORT -m $MEMORY_MB -t 4 -c 4096 -U 0 -u root'
#                   [bin/memcluster node --config bench/node-plain.yaml (no TLS, no logins, as
#                    memcached) --bind 127.0.0.1 --port $PORT --memory ${MEMORY_MB}m
#                    --threads 4 --max-connections 4096 --data-dir $DATA_DIR]
#   NODE_LABEL      name of the node side in the output [memcluster node]
#   MEMORY_MB       memory limit given to both servers [1024]
#   DURATION        seconds per timed memcaslap run [10]*          (quick: 2)
#   WARMUP          seconds of memcaslap warm-up per server [5]*   (quick: 1)
#   RUNS            timed runs per server [3]
#   CONCURRENCY     memcaslap concurrency (connections) [64]
#   CLIENT_THREADS  memcaslap threads [2]
#   ITEMS           items loaded for the memory figures [1000000]* (quick: 100000)
#   SETTLE_SECONDS  wait after a load (and after GC.run) before reading RSS [3]
#   START_TIMEOUT   seconds a server may take to answer `version` [60]
#   RESULTS_DIR     where logs and the summary go [bench/results/<date>-<time>]
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO

quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare-memcached: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

if [ "$quick" = 1 ]; then
  DURATION="${DURATION:-2}"; WARMUP="${WARMUP:-1}"; ITEMS="${ITEMS:-100000}"
fi
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-5}"
ITEMS="${ITEMS:-1000000}"
RUNS="${RUNS:-3}"
CONCURRENCY="${CONCURRENCY:-64}"
CLIENT_THREADS="${CLIENT_THREADS:-2}"
MEMORY_MB="${MEMORY_MB:-1024}"
SETTLE_SECONDS="${SETTLE_SECONDS:-3}"
START_TIMEOUT="${START_TIMEOUT:-60}"
NODE_LABEL="${NODE_LABEL:-memcluster node}"
RESULTS_DIR="${RESULTS_DIR:-$REPO/bench/results/$(date +%Y%m%d-%H%M%S)}"
# Single quotes on purpose: PORT differs per start and is expanded by the `bash -c` that runs it.
# shellcheck disable=SC2016
default_node_cmd='"$REPO/bin/memcluster" node --config "$REPO/bench/node-plain.yaml" --bind 127.0.0.1 --port "$PORT" --memory "${MEMORY_MB}m" --threads 4 --max-connections 4096 --data-dir "$DATA_DIR"'
NODE_CMD="${NODE_CMD:-$default_node_cmd}"
# What the benchmark measures is fixed; these only name it in one place.
KEY_LENGTH=16
VALUE_LENGTH=100
THREADS=4

for knob in DURATION WARMUP ITEMS RUNS CONCURRENCY CLIENT_THREADS MEMORY_MB SETTLE_SECONDS START_TIMEOUT; do
  [[ "${!knob}" =~ ^[1-9][0-9]*$ ]] || { echo "compare-memcached: $knob must be a positive integer, got '${!knob}'" >&2; exit 2; }
done

die() { echo "compare-memcached: $*" >&2; exit 1; }
say() { printf '%s\n' "$*"; }

for tool in memcached memcaslap java awk; do
  command -v "$tool" >/dev/null || die "$tool not found; install memcached, libmemcached-tools and a JDK 17+"
done
if [ "$NODE_CMD" = "$default_node_cmd" ] && [ ! -f "$REPO/server/target/memcluster-server.jar" ]; then
  die "server/target/memcluster-server.jar is missing; build first: (cd $REPO && mvn -q package -DskipTests)"
fi

mkdir -p "$RESULTS_DIR"

# --- processes -------------------------------------------------------------------------------

started_pids=()

# Stops one server we started. The node gets SIGKILL: a graceful node shutdown writes a snapshot
# of its namespaces, here a million throwaway items. memcached keeps nothing.
stop_server() {
  local pid="$1" signal="$2" waited=0
  kill -"$signal" "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 100 ]; do sleep 0.1; waited=$((waited + 1)); done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local pid
  # stderr off: bash would otherwise announce the node's SIGKILL ("Killed ...") as if it were news.
  for pid in "${started_pids[@]}"; do
    if [ "$pid" = "${node_pid:-}" ]; then stop_server "$pid" KILL; else stop_server "$pid" TERM; fi
  done 2>/dev/null
  started_pids=()
}
trap cleanup EXIT
# Turning signals into exits makes the EXIT trap run on Ctrl-C and kill as well.
trap 'exit 130' INT
trap 'exit 143' TERM

used_ports=" "
# Sets picked_port to a free loopback port below Linux's ephemeral range (32768+), so that none
# of memcaslap's own client connections can already hold it. A global rather than output, so
# that used_ports survives (a command substitution would run this in a subshell).
pick_port() {
  local port _
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 12000))
    [[ "$used_ports" == *" $port "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      used_ports+="$port "
      picked_port="$port"
      return 0
    fi
  done
  die "found no free loopback port in 20000-31999"
}

# Prints the server's VERSION line, or fails if it does not answer within 2 s.
server_version() {
  local port="$1" fd line
  exec {fd}<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'version\r\n' >&"$fd"
  IFS= read -r -t 2 line <&"$fd" || { exec {fd}>&-; return 1; }
  exec {fd}>&-
  line="${line%$'\r'}"
  [[ "$line" == VERSION* ]] && echo "$line"
}

# Prints the STAT lines of `stats` ("name value" per line).
server_stats() {
  local port="$1" fd line
  exec {fd}<>"/dev/tcp/127.0.0.1/$port"
  printf 'stats\r\n' >&"$fd"
  while IFS= read -r -t 5 line <&"$fd"; do
    line="${line%$'\r'}"
    [ "$line" = END ] && break
    [[ "$line" == STAT\ * ]] && echo "${line#STAT }"
  done
  exec {fd}>&-
}

stat_of() { awk -v name="$2" '$1 == name { print $2 }' <<<"$1"; }

wait_ready() {
  local name="$1" port="$2" pid="$3" log="$4" deadline=$((SECONDS + START_TIMEOUT)) version
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$log" >&2 || true
      die "$name exited before answering on port $port (log: $log)"
    fi
    if version="$(server_version "$port" 2>/dev/null)"; then
      say "  $name ready on 127.0.0.1:$port (pid $pid, $version)"
      return 0
    fi
    sleep 0.1
  done
  tail -n 30 "$log" >&2 || true
  die "$name did not answer 'version' on port $port within $START_TIMEOUT s (log: $log)"
}

memcached_user=()
# memcached refuses to run as root unless told which user to be.
[ "$(id -u)" = 0 ] && memcached_user=(-u root)

# Sets mc_pid/mc_port.
start_memcached() {
  local tag="$1" log
  pick_port
  mc_port="$picked_port"
  log="$RESULTS_DIR/memcached-$tag.log"
  memcached -l 127.0.0.1 -p "$mc_port" -m "$MEMORY_MB" -t "$THREADS" -c 4096 -U 0 "${memcached_user[@]}" \
    >"$log" 2>&1 &
  mc_pid=$!
  started_pids+=("$mc_pid")
  wait_ready memcached "$mc_port" "$mc_pid" "$log"
}

# Sets node_pid/node_port. `exec` keeps the PID ours to measure: bin/memcluster execs java too.
start_node() {
  local tag="$1" log
  pick_port
  node_port="$picked_port"
  log="$RESULTS_DIR/node-$tag.log"
  # Empty on every start, so the node has no snapshots to load and none of the project's to touch.
  data_dir="$RESULTS_DIR/node-data-$tag"
  rm -rf "$data_dir"
  mkdir -p "$data_dir"
  PORT="$node_port" MEMORY_MB="$MEMORY_MB" DATA_DIR="$data_dir" bash -c "exec $NODE_CMD" >"$log" 2>&1 &
  node_pid=$!
  started_pids+=("$node_pid")
  wait_ready "$NODE_LABEL" "$node_port" "$node_pid" "$log"
}

stop_all() {
  cleanup
  mc_pid=""; node_pid=""
}

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

is_jvm() { [[ "$(readlink "/proc/$1/exe" 2>/dev/null)" == */java ]]; }

# jcmd from the JDK that runs the node, so that attach works across JDK versions.
jcmd_for() {
  local jcmd
  jcmd="$(dirname "$(readlink "/proc/$1/exe")")/jcmd"
  if [ -x "$jcmd" ]; then echo "$jcmd"; else echo jcmd; fi
}

gc_run() {
  local pid="$1"
  timeout 60 "$(jcmd_for "$pid")" "$pid" GC.run >>"$RESULTS_DIR/jcmd.log" 2>&1 || die "jcmd $pid GC.run failed (see $RESULTS_DIR/jcmd.log)"
}

# Java heap in use (kB) as `jcmd GC.heap_info` reports it: the sum of "total ...K, used ...K"
# lines, which covers G1 (one line) and Parallel/Serial (one per generation). Empty for ZGC
# and Shenandoah, whose formats differ; the caller prints n/a then.
heap_used_kb() {
  local pid="$1"
  timeout 60 "$(jcmd_for "$pid")" "$pid" GC.heap_info 2>/dev/null \
    | awk 'match($0, /total [0-9]+K, used [0-9]+K/) { split(substr($0, RSTART, RLENGTH), f, /[ K,]+/); used += f[4]; n++ }
           END { if (n) print used }' || true
}

# --- throughput ------------------------------------------------------------------------------

cfg="$RESULTS_DIR/memcaslap.cfg"
cat >"$cfg" <<CFG
# memcaslap workload: fixed key and value lengths, cmd 0 = set, 1 = get.
key
$KEY_LENGTH $KEY_LENGTH 1
value
$VALUE_LENGTH $VALUE_LENGTH 1
cmd
0 0.1
1 0.9
CFG

# Runs memcaslap for $2 seconds against port $1, keeps its output in $3, prints its ops/s.
memcaslap_tps() {
  local port="$1" seconds="$2" out="$3" tps
  # memcaslap ends by itself after -t; the timeout only guards against a server that hangs it.
  if ! timeout --signal=INT --kill-after=10 $((seconds + 30)) \
      memcaslap -s "127.0.0.1:$port" -t "${seconds}s" -c "$CONCURRENCY" -T "$CLIENT_THREADS" \
      -X "$VALUE_LENGTH" -F "$cfg" >"$out" 2>&1; then
    tail -n 20 "$out" >&2
    die "memcaslap against port $port failed (output: $out)"
  fi
  # The last line reads: "Run time: 10.0s Ops: 1289750 TPS: 128975 Net_rate: 19.3M/s".
  tps="$(awk '/^Run time:/ { for (i = 1; i < NF; i++) if ($i == "TPS:") print $(i + 1) }' "$out")"
  [[ "$tps" =~ ^[0-9]+$ ]] || die "no TPS figure in memcaslap's output: $out"
  echo "$tps"
}

misses_of() { awk -F': *' '/^get_misses:/ { print $2 }' "$1"; }

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%d\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f\n", a / b }'; }

# Other work on the machine moves the figures more than anything else; keep a trace of it.
loadavg_start="$(cut -d' ' -f1-3 /proc/loadavg)"
say "results and logs: $RESULTS_DIR (load average now: $loadavg_start)"
say ""
say "== throughput: memcaslap ${RUNS} x ${DURATION} s per server after ${WARMUP} s warm-up =="
start_memcached tput
start_node tput

say "  warm-up ..."
memcaslap_tps "$mc_port" "$WARMUP" "$RESULTS_DIR/memcaslap-memcached-warmup.txt" >/dev/null
memcaslap_tps "$node_port" "$WARMUP" "$RESULTS_DIR/memcaslap-node-warmup.txt" >/dev/null

mc_runs=(); node_runs=()
for run in $(seq 1 "$RUNS"); do
  out="$RESULTS_DIR/memcaslap-memcached-$run.txt"
  mc_runs+=("$(memcaslap_tps "$mc_port" "$DURATION" "$out")")
  say "  run $run  memcached       ${mc_runs[-1]} ops/s (get misses $(misses_of "$out"))"
  out="$RESULTS_DIR/memcaslap-node-$run.txt"
  node_runs+=("$(memcaslap_tps "$node_port" "$DURATION" "$out")")
  say "  run $run  $NODE_LABEL  ${node_runs[-1]} ops/s (get misses $(misses_of "$out"))"
done
mc_tps="$(printf '%s\n' "${mc_runs[@]}" | median)"
node_tps="$(printf '%s\n' "${node_runs[@]}" | median)"
tps_ratio="$(ratio "$node_tps" "$mc_tps")"
say "  median: memcached $mc_tps ops/s, $NODE_LABEL $node_tps ops/s, node/memcached $tps_ratio"
stop_all

# --- memory ----------------------------------------------------------------------------------

say ""
say "== memory: $ITEMS items, ${KEY_LENGTH}-byte keys, ${VALUE_LENGTH}-byte values, ${MEMORY_MB} MB limit =="
start_memcached mem
start_node mem
node_is_jvm=0
is_jvm "$node_pid" && node_is_jvm=1

problems=()

# Both must start empty: a node that loads old snapshots at start would skew its baseline.
for side in memcached node; do
  if [ "$side" = memcached ]; then port="$mc_port"; else port="$node_port"; fi
  items_before="$(stat_of "$(server_stats "$port")" curr_items)"
  [ "${items_before:-0}" = 0 ] || problems+=("$side held ${items_before} items before the load")
done

# The JVM's baseline is taken after a full GC too, so that start-up garbage is not counted
# against (or for) the items; the settle lets a just-started process finish its start-up work.
[ "$node_is_jvm" = 1 ] && gc_run "$node_pid"
sleep "$SETTLE_SECONDS"
mc_before="$(rss_kb "$mc_pid")"
node_before="$(rss_kb "$node_pid")"
[ "$node_is_jvm" = 1 ] && node_heap_before="$(heap_used_kb "$node_pid")"

load() { java "$REPO/bench/LoadItems.java" 127.0.0.1 "$1" "$ITEMS" | sed 's/^/  /'; }

# Checks that every item is there; sets checked_items and checked_evictions. Not run in a
# command substitution, so that what it adds to problems stays in this shell.
check_items() {
  local side="$1" port="$2" stats
  stats="$(server_stats "$port")"
  checked_items="$(stat_of "$stats" curr_items)"; checked_items="${checked_items:-missing}"
  checked_evictions="$(stat_of "$stats" evictions)"; checked_evictions="${checked_evictions:-missing}"
  [ "$checked_items" = "$ITEMS" ] || problems+=("$side: curr_items is $checked_items, expected $ITEMS")
  [ "$checked_evictions" = 0 ] || problems+=("$side: evictions is $checked_evictions, expected 0")
}

per_item() { awk -v a="$1" -v b="$2" -v n="$ITEMS" 'BEGIN { printf "%.1f\n", (a - b) * 1024 / n }'; }

load "$mc_port"
sleep "$SETTLE_SECONDS"
mc_after="$(rss_kb "$mc_pid")"
check_items memcached "$mc_port"; mc_items="$checked_items"; mc_evictions="$checked_evictions"
mc_per_item="$(per_item "$mc_after" "$mc_before")"
say "  memcached        RSS $mc_before -> $mc_after kB: $mc_per_item bytes/item (curr_items $mc_items, evictions $mc_evictions)"

load "$node_port"
sleep "$SETTLE_SECONDS"
node_settled="$(rss_kb "$node_pid")"
check_items node "$node_port"; node_items="$checked_items"; node_evictions="$checked_evictions"
node_settled_per_item="$(per_item "$node_settled" "$node_before")"
say "  $NODE_LABEL  RSS $node_before -> $node_settled kB ${SETTLE_SECONDS} s after the load: $node_settled_per_item bytes/item (curr_items $node_items, evictions $node_evictions)"
if [ "$node_is_jvm" = 1 ]; then
  gc_run "$node_pid"
  sleep "$SETTLE_SECONDS"
  node_gc="$(rss_kb "$node_pid")"
  node_gc_per_item="$(per_item "$node_gc" "$node_before")"
  say "  $NODE_LABEL  RSS $node_before -> $node_gc kB after jcmd GC.run: $node_gc_per_item bytes/item"
  # Not part of the ratio: live heap per item shows what the items cost as Java objects, apart
  # from heap the JVM has committed and keeps (RSS rarely falls after a GC).
  node_heap_after="$(heap_used_kb "$node_pid")"
  if [ -n "${node_heap_before:-}" ] && [ -n "$node_heap_after" ]; then
    node_heap_per_item="$(per_item "$node_heap_after" "$node_heap_before")"
    say "  $NODE_LABEL  Java heap in use $node_heap_before -> $node_heap_after kB after GC.run: $node_heap_per_item bytes/item (for information, not in the ratio)"
  else
    node_heap_per_item="n/a"
  fi
  node_mem_basis="after GC.run"
  node_mem_figure="$node_gc_per_item"
else
  node_gc="n/a"; node_gc_per_item="n/a (not a JVM)"
  node_mem_basis="${SETTLE_SECONDS} s after the load, no GC step: not a JVM"
  node_mem_figure="$node_settled_per_item"
fi
mem_ratio="$(ratio "$node_mem_figure" "$mc_per_item")"
say "  node/memcached bytes per item: $mem_ratio (node figure: $node_mem_basis)"
stop_all

# --- summary ---------------------------------------------------------------------------------

java_cmd="${JAVA:-java}"
cpu_model="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
mem_total="$(awk '/^MemTotal:/ { printf "%.1f GiB\n", $2 / 1048576 }' /proc/meminfo)"
summary="$RESULTS_DIR/summary.md"
{
  say "### $NODE_LABEL vs memcached, $(date -u +%Y-%m-%d)"
  say ""
  say "Measured with bench/compare-memcached.sh$([ "$quick" = 1 ] && echo ' --quick') on loopback, both servers with"
  say "${MEMORY_MB} MB and ${THREADS} threads. Node command: \`$(REPO=. PORT='<port>' MEMORY_MB="$MEMORY_MB" DATA_DIR='<empty folder>' bash -c "echo $NODE_CMD")\`"
  say ""
  say "Throughput: memcaslap, 90% get / 10% set, ${KEY_LENGTH}-byte keys, ${VALUE_LENGTH}-byte values,"
  say "${CONCURRENCY} connections from ${CLIENT_THREADS} client threads, ${RUNS} runs of ${DURATION} s each after a ${WARMUP} s warm-up; median of the runs."
  say ""
  say "| server | ops/s (median) | runs |"
  say "| --- | ---: | --- |"
  say "| memcached | $mc_tps | ${mc_runs[*]} |"
  say "| $NODE_LABEL | $node_tps | ${node_runs[*]} |"
  say "| node / memcached | $tps_ratio | |"
  say ""
  say "Memory: ${ITEMS} items (${KEY_LENGTH}-byte keys, ${VALUE_LENGTH}-byte values), resident memory (VmRSS) added per item."
  say ""
  say "| server | RSS before (kB) | RSS after (kB) | bytes/item | curr_items | evictions |"
  say "| --- | ---: | ---: | ---: | ---: | ---: |"
  say "| memcached, ${SETTLE_SECONDS} s after the load | $mc_before | $mc_after | $mc_per_item | $mc_items | $mc_evictions |"
  say "| $NODE_LABEL, ${SETTLE_SECONDS} s after the load | $node_before | $node_settled | $node_settled_per_item | $node_items | $node_evictions |"
  if [ "$node_is_jvm" = 1 ]; then
    say "| $NODE_LABEL, after \`jcmd GC.run\` | $node_before | $node_gc | $node_gc_per_item | | |"
    say "| $NODE_LABEL, Java heap in use after GC (not RSS, not in the ratio) | ${node_heap_before:-n/a} | ${node_heap_after:-n/a} | $node_heap_per_item | | |"
  fi
  say "| node / memcached (node $node_mem_basis) | | | $mem_ratio | | |"
  say ""
  say "Machine: $(nproc) CPUs ($cpu_model), $mem_total RAM, Linux $(uname -r); load average"
  say "$loadavg_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  say "$("$java_cmd" -version 2>&1 | head -n 2 | paste -sd ';' - | sed 's/;/; /')."
  say "$(memcached -V); memcaslap from libmemcached-tools $(dpkg-query -W -f='${Version}' libmemcached-tools 2>/dev/null || echo '(version unknown)')."
  if [ "${#problems[@]}" -gt 0 ]; then
    say ""
    say "**Not valid:** $(printf '%s; ' "${problems[@]}" | sed 's/; $//')."
  fi
} >"$summary"

say ""
say "== summary (also in $summary) =="
cat "$summary"

if [ "${#problems[@]}" -gt 0 ]; then
  printf 'compare-memcached: %s\n' "${problems[@]}" >&2
  exit 1
fi
