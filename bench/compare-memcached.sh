#!/usr/bin/env bash
# bench/compare-memcached.sh: a memcluster node against Debian's memcached on this machine.
#
# What it does (each part is a section; --only picks some)
#   1. throughput. Starts memcached and a memcluster node on free loopback ports with the same
#      memory limit and thread count, warms both up (the JVM needs it), then drives each with the
#      same memcaslap load: 90% get / 10% set, 16-byte keys, 100-byte values, 64 concurrent
#      connections from 2 client threads. RUNS timed runs per server, alternating between the
#      two so that drift on the machine hits both alike. Reports the MEDIAN ops/s of each (all
#      runs are listed too) and the ratio node/memcached.
#   2. memory. Starts a fresh pair, loads ITEMS items (16-byte keys, 100-byte values, flags 0,
#      no expiry) into each with bench/LoadItems.java, and reports resident memory added per
#      item (VmRSS from /proc/PID/status after minus before, divided by the item count). For a
#      JVM node, RSS right after the load still holds uncollected garbage, so it is measured
#      SETTLE_SECONDS after the load and again after `jcmd PID GC.run`; the ratio uses the
#      after-GC figure. For information it also prints the Java heap in use per item after GC
#      (`jcmd GC.heap_info`): a JVM keeps heap it has committed, so RSS rarely falls after a
#      GC, and the heap figure tells object overhead apart from that. `stats` must show every
#      item present and no evictions in both, or the run is reported as not valid (exit 1).
#   3. client. Checks that our own load generator (`bin/memcluster bench`) is not the
#      bottleneck of what it measures: memcaslap and bench drive the same memcached with the same
#      load as in 1 (connections, client threads, one request in flight per connection, 90/10,
#      16-byte keys, 100-byte values; bench first sets its BENCH_KEYS keys so that its gets hit,
#      as memcaslap's do), RUNS runs each, alternating. Reports the median ops/s of each and the
#      ratio bench/memcaslap, which should be at least 1.
#   4. tls. What memcaslap cannot measure: the node over TLS against `memcached -Z`, with the same
#      certificates (made by the certs module into RESULTS_DIR) and memory limit, both driven by
#      bench with the load of 3 over TLS (TLS_DEPTH requests in flight per connection). Reports
#      median ops/s and p99 latency of each, and the ratios node/memcached. The node runs with
#      bench/node-tls.yaml (no logins, as memcached -Z); NODE_TLS_CMD=stand-in puts a second
#      `memcached -Z` in its place instead, which shows the machine's noise (the ratio is then ~1
#      by construction) and is labelled as a stand-in in every figure.
#   5. cluster. The coordinator against twemproxy, each in front of two cache servers on this
#      machine. Starts, side by side on free loopback ports: twemproxy (Debian's `nutcracker`,
#      hash md5, distribution ketama, config generated into RESULTS_DIR) in front of two memcached
#      (-t NODE_THREADS, -m CLUSTER_MEMORY_MB); and two clusters exactly as a user does, with
#      `bin/memcluster up --config <generated yaml> --data-dir <fresh folder>`, one at R=1 and one at
#      R=2, each a coordinator (COORD_THREADS threads, no logins, memcaslap on its plaintext port)
#      with 2 local nodes (NODE_THREADS threads, CLUSTER_MEMORY_MB each) that it reaches over mutual
#      TLS, as up sets them up: that hop is part of what is measured. Warms each side up with
#      CLUSTER_WARMUP s of memcaslap verifying every value it gets back, then RUNS rounds of the load
#      of 1 (DURATION s each) alternating twemproxy / R=1 / R=2, then the same rounds with bench
#      (for p99 latency; its keys set first). Reports median ops/s, all runs, the CPU per request
#      of the proxy or coordinator and of its two servers (user + system, from /proc), p99, the
#      ratios R=1/twemproxy and R=2/twemproxy and whether the targets are met (R=1 at least 1.0x,
#      R=2 at least 0.7x). The load average is printed beside every run: the JVM sides suffer
#      from other work on the machine far more than twemproxy does.
#      Any get miss, error reply or wrong value makes the run not valid (exit 1): a side that
#      answered misses or errors would look fast. `bin/memcluster down` stops both clusters at the
#      end, on failure and on Ctrl-C, and anything still running from their data folders after it
#      is stopped by pid.
#   6. fuzz. What the node keeps under bad input, against memcached: one server at a time, each
#      started fresh with FUZZ_MEMORY_MB, memcached first, gets FUZZ_SECONDS of bench/Fuzz.java with
#      the same SEED (at most FUZZ_COMMANDS commands): FUZZ_CONNECTIONS sessions at a time, each on a
#      new connection, sending pipelined batches of valid classic and meta commands (random keys from
#      a space of FUZZ_KEYS and random ones, values up to 1 MB, flags, exptimes), near-valid ones
#      (mutated numbers, lengths, keys, flags, line ends, NUL and binary bytes, long lines, huge
#      lengths) and garbage, plus floods, slow readers, abrupt disconnects (FIN or RST), up to
#      FUZZ_PARKED half-open connections (a partial command or unread replies, for 2-30 s) and binary
#      noise; `version` on a fresh connection every 2 s finds a hang. Reports commands sent, reply
#      lines, connections closed by the server and reset, crashes (a server process gone: the run
#      stops), Java exception text or stack frames on the wire, and VmRSS of every server process
#      before (a JVM after `jcmd GC.run`), at its peak, after the run and after GC.run, with the heap
#      in use after GC; keeps each JVM's class histogram (and with FUZZ_NMT=1 its native memory
#      summary) in RESULTS_DIR. FUZZ_TARGET=coordinator (or node,coordinator) fuzzes the
#      coordinator of an R=2 cluster of 2 nodes started with `bin/memcluster up` as in 5 (no logins,
#      its plaintext port). A crash, Java text on the wire or an unanswered probe makes the run not
#      valid (exit 1).
#   7. snapshot. What a snapshot (issue 9) costs, on one node, against targets. First the disk's
#      sequential write speed, on the filesystem of RESULTS_DIR (dd of SNAP_DD_MB MiB, oflag=direct
#      conv=fsync; again at the end; the faster of the two is the reference). Then a node (bench/
#      node-plain.yaml, so no schedule: only the snapshots asked for run) with memory for SNAP_GB GB
#      of 100-byte values (SNAP_GB x 10M items of 16-byte keys; the node accounts 204 bytes for
#      each) and bench's keys with 10% to spare, loaded with bench/LoadItems.java; `stats` must show
#      every item and no evictions. A first snapshot with no load (warms up the writer; its
#      duration sizes the bench runs), then SNAP_RUNS rounds of: bench alone (the p99 baseline:
#      SNAP_CONNECTIONS connections from SNAP_CLIENT_THREADS threads, one request in flight each,
#      90/10, its BENCH_KEYS keys set first, SNAP_BENCH_SECONDS s after BENCH_WARMUP s; a round
#      whose snapshot outlasts its bench run runs again, once, with a longer one), the same
#      bench with `memcluster snapshot` sent 1 s into its measured run, and a snapshot with no load.
#      During each snapshot VmRSS is sampled every 100 ms: peak / the figure just before; and the
#      node's CPU time (user + system) is taken, which tells a snapshot that waits for the disk from
#      one short of CPU. Write throughput: bytes of the files written / duration_ms, in MB/s (10^6)
#      and items/s. Then the
#      node is SIGKILLed (no snapshot at stop) and restarted on the same data folder 2 x SNAP_RUNS
#      times, alternately with the files in the page cache (warm) and after dropping this file's
#      cached pages (cold: dd iflag=nocache on the files only): load items/s and MB/s from
#      `stats snapshots` (load_ms, loaded_items, loaded_bytes), with every item back, and the JVM's
#      GC pauses until the node answered (-Xlog:gc into RESULTS_DIR). Medians, with
#      every run and the load average beside it; each target marked met or NOT met: write at least
#      0.5x the disk, load at least 1,000,000 items/s, peak RSS at most 1.10x, p99 during a snapshot
#      at most 2x the p99 without. A failed snapshot, a missing item, an eviction, a bench error or
#      miss, or a snapshot that outlasted its bench run makes the run not valid (exit 1).
#   Then it prints a summary (figures + machine) to paste into BENCHMARKS.md; keeps it, the
#   server logs and the raw memcaslap and bench output in RESULTS_DIR.
#   Servers are stopped on exit, on failure and on Ctrl-C. The node gets a fresh, empty
#   --data-dir under RESULTS_DIR for each start (it must not load or overwrite the project's
#   data/ snapshots) and is stopped with SIGKILL: a graceful stop would spend time and disk on a
#   snapshot of a million throwaway items. Every node started here, the cluster sections' too,
#   runs with `snapshot.interval: 0s` (bench/node-plain.yaml, bench/node-tls.yaml and the generated
#   cluster configs), so that no scheduled snapshot lands in a measurement.
#
# Prerequisites
#   memcached, memcaslap (apt-get install memcached libmemcached-tools), a JDK 17+ (java, jcmd),
#   openssl (tls), nutcracker (cluster; apt-get install nutcracker), and the project built:
#   mvn -q package -DskipTests (server/target/memcluster-server.jar for the node,
#   client/target/memcluster-client.jar for bench, certs/target/memcluster-certs.jar for the
#   certificates, coordinator/target/memcluster-coordinator.jar for up and down). Linux (/proc).
#   About 1.5 GB of free memory with the defaults (the cluster section: 2 memcached and 4 nodes of
#   CLUSTER_MEMORY_MB each, plus 2 coordinator JVMs). The snapshot section: a node of ~2.3 GB and
#   about 3 GB of RSS per SNAP_GB, and free disk for SNAP_DD_MB plus twice the snapshot files
#   (~1.45 GB per SNAP_GB).
#
# How to run
#   bench/compare-memcached.sh                   every section, 3 x 10 s per side, 10 min of fuzz per
#                                                server (~40 min)
#   bench/compare-memcached.sh --quick           smoke test: 3 x 2 s per side, 100,000 items, 30 s fuzz
#   bench/compare-memcached.sh --only client,tls only these sections (throughput, memory, client,
#                                                tls, cluster, fuzz, snapshot)
#   bench/compare-memcached.sh --only cluster    the coordinator against twemproxy (~6 min)
#   bench/compare-memcached.sh --only fuzz       10 min of fuzz for memcached, 10 for the node
#   bench/compare-memcached.sh fuzz              the same (a bare section name is --only's)
#   FUZZ_SECONDS=120 bench/compare-memcached.sh fuzz     2 min each
#   FUZZ_TARGET=node,coordinator bench/compare-memcached.sh --only fuzz    and 10 for a coordinator
#   bench/compare-memcached.sh snapshot          snapshot costs with 1 GB of values (~5 min)
#   SNAP_GB=0.2 bench/compare-memcached.sh snapshot      the same with 0.2 GB (2M items)
#
# Environment knobs (defaults in brackets; --quick changes the ones marked *)
#   NODE_CMD        command that starts the node; run with `bash -c "exec $NODE_CMD"` where PORT,
#                   MEMORY_MB, DATA_DIR and REPO are set, e.g. to compare memcached with itself:
#                   NODE_CMD='memcached -l 127.0.0.1 -p $PORT -m $MEMORY_MB -t 4 -c 4096 -U 0 -u root'
#                   [bin/memcluster node --config bench/node-plain.yaml (no TLS, no logins, as
#                    memcached) --bind 127.0.0.1 --port $PORT --memory ${MEMORY_MB}m
#                    --threads 4 --max-connections 4096 --data-dir $DATA_DIR]
#   NODE_LABEL      name of the node side in the output [memcluster node]
#   NODE_TLS_CMD    command that starts the node with TLS on $PORT, run like NODE_CMD with also
#                   CERT_DIR (ca.crt, server.crt, server.key, client.crt, client.key; also copied
#                   to $DATA_DIR/certs, where the node looks by default) and MEMCACHED_USER
#                   ("-u root" when running as root, else empty) set. Once the node has TLS:
#                   NODE_TLS_CMD='"$REPO/bin/memcluster" node --port "$PORT" --memory "${MEMORY_MB}m"
#                     --threads 4 --max-connections 4096 --data-dir "$DATA_DIR"'
#                   (plus a --config with auth.enabled: false, or NODE_TLS_BENCH_ARGS with a login)
#                   [the node with bench/node-tls.yaml (TLS, no logins); 'stand-in' runs a
#                    second memcached -Z instead, see 4 above]
#   NODE_TLS_LABEL  name of the node side in the TLS output
#                   [memcluster node (TLS), or "memcached -Z (stand-in for the node)"]
#   NODE_TLS_BENCH_ARGS  extra bench options for the node side only, e.g. '--username admin
#                   --password ...' when the node requires a login, or '--cert "$CERT_DIR/client.crt"
#                   --key "$CERT_DIR/client.key"' for mutual TLS [none]
#   MEMORY_MB       memory limit given to both servers [1024]
#   DURATION        seconds per timed run [10]*                     (quick: 2)
#   WARMUP          seconds of warm-up per server [5]*              (quick: 1)
#   BENCH_WARMUP    seconds of warm-up at the start of every bench run, not counted: each run is
#                   a fresh JVM, whose JIT would otherwise compile during the measurement [3]*
#                   (quick: 1)
#   RUNS            timed runs per server [3]
#   CONCURRENCY     connections, for memcaslap and bench [64]
#   CLIENT_THREADS  client threads, for memcaslap and bench [2]
#   BENCH_KEYS      keys bench sets first and then uses (uniformly) [100000]
#   TLS_DEPTH       requests bench keeps in flight per connection in the tls section [1]
#   SEED            bench's seed: both sides get the same requests [1]
#   ITEMS           items loaded for the memory figures [1000000]* (quick: 100000)
#   SETTLE_SECONDS  wait after a load (and after GC.run) before reading RSS [3]
#   START_TIMEOUT   seconds a server may take to answer `version` [60]; `up` gets twice that
#   RESULTS_DIR     where logs and the summary go [bench/results/<date>-<time>]
#   cluster section only:
#   COORD_THREADS   coordinator.threads: its event loops, and so its links to each node [2]
#   NODE_THREADS    node.threads of every node, and memcached -t of the two behind twemproxy [2]
#                   (2 and 2 did best on 2 cores; 1/1, 2/1, 4/1 and 4/2 were tried: BENCHMARKS.md)
#   CLUSTER_MEMORY_MB  node.memory of every node, and memcached -m of the two behind twemproxy [256]
#   CLUSTER_WARMUP  seconds of memcaslap warm-up per side (with --verify=1.0) [20]* (quick: 3)
#   TWEMPROXY_SERVER_CONNECTIONS  twemproxy's server_connections, per memcached [1, its default]
#   MEMCLUSTER_JAVA_OPTS  extra JVM options for the coordinator and the nodes (bin/memcluster
#                   passes them on to the daemons up starts), e.g. to try another collector [none]
#   fuzz section only:
#   FUZZ_SECONDS    seconds of fuzz per server [600]*                (quick: 30)
#   FUZZ_COMMANDS   at most this many commands per server [100000000]
#   FUZZ_CONNECTIONS  fuzz sessions at a time, one connection each [32]
#   FUZZ_KEYS       size of the shared key space (k0 ..., ns0.k0 ...; random keys besides) [10000]
#   FUZZ_PARKED     half-open connections kept open at most (0: none) [64]
#   FUZZ_MEMORY_MB  memory of memcached (-m), the node and each cluster node in this section [64]
#   FUZZ_TARGET     what is fuzzed after memcached: node, coordinator, or node,coordinator [node]
#   FUZZ_KINDS      only these kinds of session, to find which one does something: normal, flood,
#                   slow_reader, abrupt, half_open, unread, connect_only, binary (comma-separated) [all]
#   FUZZ_NMT        1: the JVMs run with -XX:NativeMemoryTracking=summary (added to
#                   MEMCLUSTER_JAVA_OPTS) and their native memory is reported; 0: not [0]
#                   (the node's other diagnostics: MEMCLUSTER_JAVA_OPTS, e.g.
#                   -Dio.netty.allocator.type=pooled or -XX:MaxDirectMemorySize=256m)
#   snapshot section only:
#   SNAP_GB         GB (10^9 bytes) of 100-byte values loaded, SNAP_GB x 10,000,000 items; a decimal,
#                   at most 5 [1]*                                    (quick: 0.1)
#   SNAP_RUNS       rounds of baseline bench / bench with a snapshot / snapshot alone, and warm and
#                   cold restarts [3]
#   SNAP_MEMORY_MB  the node's memory [the items and BENCH_KEYS at 204 bytes each, + 10%, + 64]
#   SNAP_CONNECTIONS     bench connections during the p99 runs [8]
#   SNAP_CLIENT_THREADS  bench threads during the p99 runs [1]
#   SNAP_BENCH_SECONDS   measured seconds of each p99 run [per round: twice the slowest snapshot
#                   so far + 3 s, at least 5; a round whose snapshot outlasts it runs again, once,
#                   sized from that snapshot]
#   SNAP_DD_MB      MiB dd writes to measure the disk [1024]
#   SNAP_TIMEOUT    seconds a snapshot, or a start that loads one, may take [600]
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO

quick=0
all_sections="throughput memory client tls cluster fuzz snapshot"
sections="$all_sections"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --only) [ $# -ge 2 ] || { echo "compare-memcached: --only needs a list, e.g. --only client,tls" >&2; exit 2; }
      sections="${2//,/ }"; shift ;;
    --only=*) sections="${1#--only=}"; sections="${sections//,/ }" ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "compare-memcached: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    # A bare section name, as in `bench/compare-memcached.sh fuzz`: the same as --only fuzz.
    *) if [ "${named_sections:-}" = "" ]; then sections=""; named_sections=1; fi
      sections="$sections ${1//,/ }" ;;
  esac
  shift
done
for section in $sections; do
  [[ " $all_sections " == *" $section "* ]] \
    || { echo "compare-memcached: unknown section '$section' (sections: ${all_sections// /, })" >&2; exit 2; }
done
[ -n "${sections// /}" ] || { echo "compare-memcached: --only needs at least one section" >&2; exit 2; }
# One space between names and none around them, as the summary prints them (--only a,b).
read -r -a section_list <<<"$sections"
sections="${section_list[*]}"
wanted() { [[ " $sections " == *" $1 "* ]]; }

if [ "$quick" = 1 ]; then
  DURATION="${DURATION:-2}"; WARMUP="${WARMUP:-1}"; BENCH_WARMUP="${BENCH_WARMUP:-1}"; ITEMS="${ITEMS:-100000}"
  CLUSTER_WARMUP="${CLUSTER_WARMUP:-3}"; FUZZ_SECONDS="${FUZZ_SECONDS:-30}"; SNAP_GB="${SNAP_GB:-0.1}"
fi
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-5}"
BENCH_WARMUP="${BENCH_WARMUP:-3}"
ITEMS="${ITEMS:-1000000}"
RUNS="${RUNS:-3}"
CONCURRENCY="${CONCURRENCY:-64}"
CLIENT_THREADS="${CLIENT_THREADS:-2}"
BENCH_KEYS="${BENCH_KEYS:-100000}"
TLS_DEPTH="${TLS_DEPTH:-1}"
SEED="${SEED:-1}"
MEMORY_MB="${MEMORY_MB:-1024}"
SETTLE_SECONDS="${SETTLE_SECONDS:-3}"
START_TIMEOUT="${START_TIMEOUT:-60}"
COORD_THREADS="${COORD_THREADS:-2}"
NODE_THREADS="${NODE_THREADS:-2}"
CLUSTER_MEMORY_MB="${CLUSTER_MEMORY_MB:-256}"
CLUSTER_WARMUP="${CLUSTER_WARMUP:-20}"
TWEMPROXY_SERVER_CONNECTIONS="${TWEMPROXY_SERVER_CONNECTIONS:-1}"
FUZZ_SECONDS="${FUZZ_SECONDS:-600}"
FUZZ_COMMANDS="${FUZZ_COMMANDS:-100000000}"
FUZZ_CONNECTIONS="${FUZZ_CONNECTIONS:-32}"
FUZZ_KEYS="${FUZZ_KEYS:-10000}"
FUZZ_PARKED="${FUZZ_PARKED:-64}"
FUZZ_MEMORY_MB="${FUZZ_MEMORY_MB:-64}"
FUZZ_TARGET="${FUZZ_TARGET:-node}"
FUZZ_NMT="${FUZZ_NMT:-0}"
FUZZ_KINDS="${FUZZ_KINDS:-}"
SNAP_GB="${SNAP_GB:-1}"
SNAP_RUNS="${SNAP_RUNS:-3}"
SNAP_MEMORY_MB="${SNAP_MEMORY_MB:-}"
SNAP_CONNECTIONS="${SNAP_CONNECTIONS:-8}"
SNAP_CLIENT_THREADS="${SNAP_CLIENT_THREADS:-1}"
SNAP_BENCH_SECONDS="${SNAP_BENCH_SECONDS:-}"
SNAP_DD_MB="${SNAP_DD_MB:-1024}"
SNAP_TIMEOUT="${SNAP_TIMEOUT:-600}"
NODE_LABEL="${NODE_LABEL:-memcluster node}"
RESULTS_DIR="${RESULTS_DIR:-$REPO/bench/results/$(date +%Y%m%d-%H%M%S)}"
# Single quotes on purpose: PORT differs per start and is expanded by the `bash -c` that runs it.
# shellcheck disable=SC2016
default_node_cmd='"$REPO/bin/memcluster" node --config "$REPO/bench/node-plain.yaml" --bind 127.0.0.1 --port "$PORT" --memory "${MEMORY_MB}m" --threads 4 --max-connections 4096 --data-dir "$DATA_DIR"'
NODE_CMD="${NODE_CMD:-$default_node_cmd}"
# shellcheck disable=SC2016
stand_in_tls_cmd='memcached -l 127.0.0.1 -p "$PORT" -m "$MEMORY_MB" -t 4 -c 4096 -U 0 $MEMCACHED_USER -Z -o "ssl_chain_cert=$CERT_DIR/server.crt,ssl_key=$CERT_DIR/server.key,ssl_ca_cert=$CERT_DIR/ca.crt"'
# shellcheck disable=SC2016
default_node_tls_cmd='"$REPO/bin/memcluster" node --config "$REPO/bench/node-tls.yaml" --bind 127.0.0.1 --port "$PORT" --memory "${MEMORY_MB}m" --threads 4 --max-connections 4096 --data-dir "$DATA_DIR"'
if [ "${NODE_TLS_CMD:-}" = stand-in ]; then
  # memcached -Z on both sides: checks the script and shows the machine's noise
  NODE_TLS_CMD="$stand_in_tls_cmd"
  NODE_TLS_LABEL="${NODE_TLS_LABEL:-memcached -Z (stand-in for the node)}"
fi
NODE_TLS_CMD="${NODE_TLS_CMD:-$default_node_tls_cmd}"
NODE_TLS_LABEL="${NODE_TLS_LABEL:-memcluster node (TLS)}"
NODE_TLS_BENCH_ARGS="${NODE_TLS_BENCH_ARGS:-}"
# What the benchmark measures is fixed; these only name it in one place.
KEY_LENGTH=16
VALUE_LENGTH=100
THREADS=4

for knob in DURATION WARMUP ITEMS RUNS CONCURRENCY CLIENT_THREADS MEMORY_MB SETTLE_SECONDS START_TIMEOUT BENCH_KEYS TLS_DEPTH BENCH_WARMUP \
    COORD_THREADS NODE_THREADS CLUSTER_MEMORY_MB CLUSTER_WARMUP TWEMPROXY_SERVER_CONNECTIONS \
    FUZZ_SECONDS FUZZ_COMMANDS FUZZ_CONNECTIONS FUZZ_KEYS FUZZ_MEMORY_MB \
    SNAP_RUNS SNAP_CONNECTIONS SNAP_CLIENT_THREADS SNAP_DD_MB SNAP_TIMEOUT; do
  [[ "${!knob}" =~ ^[1-9][0-9]*$ ]] || { echo "compare-memcached: $knob must be a positive integer, got '${!knob}'" >&2; exit 2; }
done
[[ "$FUZZ_PARKED" =~ ^[0-9]+$ ]] || { echo "compare-memcached: FUZZ_PARKED must be a number, got '$FUZZ_PARKED'" >&2; exit 2; }
[[ "$FUZZ_KINDS" =~ ^[a-z_,]*$ ]] || { echo "compare-memcached: FUZZ_KINDS is a comma-separated list of session kinds, got '$FUZZ_KINDS'" >&2; exit 2; }
[[ "$FUZZ_NMT" =~ ^[01]$ ]] || { echo "compare-memcached: FUZZ_NMT must be 0 or 1, got '$FUZZ_NMT'" >&2; exit 2; }
[ "$FUZZ_MEMORY_MB" -ge 8 ] || { echo "compare-memcached: FUZZ_MEMORY_MB must be at least 8 (memcached's least), got '$FUZZ_MEMORY_MB'" >&2; exit 2; }
for target in ${FUZZ_TARGET//,/ }; do
  [[ "$target" == node || "$target" == coordinator ]] \
    || { echo "compare-memcached: FUZZ_TARGET takes node, coordinator or both (node,coordinator), got '$FUZZ_TARGET'" >&2; exit 2; }
done
[ -n "${FUZZ_TARGET//[ ,]/}" ] || { echo "compare-memcached: FUZZ_TARGET must name node, coordinator or both" >&2; exit 2; }
[[ "$SEED" =~ ^-?[0-9]+$ ]] || { echo "compare-memcached: SEED must be an integer, got '$SEED'" >&2; exit 2; }
for knob in SNAP_MEMORY_MB SNAP_BENCH_SECONDS; do
  [[ "${!knob}" =~ ^([1-9][0-9]*)?$ ]] || { echo "compare-memcached: $knob must be a positive integer (or unset), got '${!knob}'" >&2; exit 2; }
done
if ! [[ "$SNAP_GB" =~ ^[0-9]*\.?[0-9]+$ ]] || ! awk -v g="$SNAP_GB" 'BEGIN { exit !(g * 1e7 >= 1000 && g <= 5) }'; then
  echo "compare-memcached: SNAP_GB must be a number of GB from 0.0001 to 5, got '$SNAP_GB'" >&2; exit 2
fi

die() { echo "compare-memcached: $*" >&2; exit 1; }
say() { printf '%s\n' "$*"; }

# The snapshot section alone needs neither memcached nor memcaslap.
memcached_wanted=0
for section in $sections; do [ "$section" = snapshot ] || memcached_wanted=1; done
tools="java awk"
[ "$memcached_wanted" = 1 ] && tools="memcached memcaslap $tools"
for tool in $tools; do
  command -v "$tool" >/dev/null || die "$tool not found; install memcached, libmemcached-tools and a JDK 17+"
done
if wanted tls; then
  command -v openssl >/dev/null || die "openssl not found (the tls section probes servers with s_client)"
fi
if wanted cluster; then
  command -v nutcracker >/dev/null || die "nutcracker not found (the cluster section's twemproxy); apt-get install -y nutcracker"
fi
need_jar() {
  [ -f "$REPO/$1" ] || die "$1 is missing; build first: (cd $REPO && mvn -q package -DskipTests)"
}
if { wanted throughput || wanted memory || wanted snapshot || { wanted fuzz && [[ ",$FUZZ_TARGET," == *",node,"* ]]; }; } \
    && [ "$NODE_CMD" = "$default_node_cmd" ]; then
  need_jar server/target/memcluster-server.jar
fi
if wanted client || wanted tls || wanted cluster || wanted snapshot; then
  need_jar client/target/memcluster-client.jar
fi
if wanted cluster || { wanted fuzz && [[ ",$FUZZ_TARGET," == *",coordinator,"* ]]; }; then
  need_jar coordinator/target/memcluster-coordinator.jar
  need_jar server/target/memcluster-server.jar
fi
if wanted tls; then
  need_jar certs/target/memcluster-certs.jar
fi

mkdir -p "$RESULTS_DIR"
# Absolute: bin/memcluster runs from the repository and daemons get these paths.
RESULTS_DIR="$(cd "$RESULTS_DIR" && pwd)"

# --- processes -------------------------------------------------------------------------------

started_pids=()
# The clusters `up` was run for (cluster section): config file and data folder, by index.
cluster_configs=()
cluster_dirs=()

# Stops one server we started. The node gets SIGKILL: a graceful node shutdown writes a snapshot
# of its namespaces, here a million throwaway items. memcached keeps nothing.
stop_server() {
  local pid="$1" signal="$2" waited=0
  kill -"$signal" "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 100 ]; do sleep 0.1; waited=$((waited + 1)); done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Prints the pids of the processes that belong to the cluster in data folder $1: the coordinator
# and `up` (an argument that is exactly the folder) and its nodes (a --config under its nodes/).
# The folder is a fresh one under RESULTS_DIR, so nothing else names it.
cluster_pids() {
  local dir="$1" file pid
  for file in /proc/[0-9]*/cmdline; do
    pid="${file#/proc/}"; pid="${pid%/cmdline}"
    [ "$pid" = "$$" ] && continue
    if grep -qzxF -e "$dir" -e "--data-dir=$dir" "$file" 2>/dev/null || grep -qzF "$dir/nodes/" "$file" 2>/dev/null; then
      echo "$pid"
    fi
  done
}

# Stops a cluster as a user does, with `bin/memcluster down` (the coordinator, then its nodes, by
# their pid files), then whatever still runs from its data folder: a daemon that an interrupted
# `up` started before it wrote the pid file, or one that down could not stop. Those are named on
# stderr and stopped by pid, SIGTERM first.
cluster_down() {
  local config="$1" dir="$2" pid left
  timeout --kill-after=10 120 "$REPO/bin/memcluster" down --config "$config" --data-dir "$dir" \
    >"$dir-down.log" 2>&1 || true
  sed 's/^/  down: /' "$dir-down.log"
  for pid in $(cluster_pids "$dir"); do
    left="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-160)" || continue
    [ -n "$left" ] || continue
    echo "compare-memcached: still running after down: pid $pid ($left); stopping it" >&2
    stop_server "$pid" TERM
  done
}

cleanup() {
  local pid i
  for i in "${!cluster_dirs[@]}"; do
    cluster_down "${cluster_configs[i]}" "${cluster_dirs[i]}"
  done
  cluster_configs=(); cluster_dirs=()
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

# Sets picked_port to the first of two consecutive free loopback ports (a cluster's local nodes
# listen on port_initial and port_initial + 1).
pick_port_pair() {
  local port _
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 11999))
    [[ "$used_ports" == *" $port "* || "$used_ports" == *" $((port + 1)) "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && ! (exec 3<>"/dev/tcp/127.0.0.1/$((port + 1))") 2>/dev/null; then
      used_ports+="$port $((port + 1)) "
      picked_port="$port"
      return 0
    fi
  done
  die "found no two consecutive free loopback ports in 20000-31999"
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
server_stats() { server_listing "$1" stats 5; }

# Sends command $2 and prints the STAT lines of its reply ("name value" per line), waiting up to
# $3 s for each line (5 by default). An error reply is printed as "error <the line>".
server_listing() {
  local port="$1" command="$2" wait="${3:-5}" fd line
  exec {fd}<>"/dev/tcp/127.0.0.1/$port"
  printf '%s\r\n' "$command" >&"$fd"
  while IFS= read -r -t "$wait" line <&"$fd"; do
    line="${line%$'\r'}"
    [ "$line" = END ] && break
    case "$line" in
      STAT\ *) echo "${line#STAT }" ;;
      ERROR*|CLIENT_ERROR*|SERVER_ERROR*) echo "error $line"; break ;;
    esac
  done
  exec {fd}>&-
}

stat_of() { awk -v name="$2" '$1 == name { print $2 }' <<<"$1"; }

# Over TLS (CA from CERT_DIR): prints the first line the server answers to `version`. Any answer
# will do: a node that wants a login first answers CLIENT_ERROR, and that is ready as well.
server_version_tls() {
  local port="$1" line
  line="$(printf 'version\r\nquit\r\n' \
    | timeout 3 openssl s_client -quiet -connect "127.0.0.1:$port" -CAfile "$CERT_DIR/ca.crt" 2>/dev/null \
    | head -n 1)" || true
  line="${line%$'\r'}"
  [ -n "$line" ] && echo "$line (TLS)"
}

# Waits until the server answers PROBE (server_version, or server_version_tls).
wait_ready() {
  local name="$1" port="$2" pid="$3" log="$4" probe="${5:-server_version}" deadline=$((SECONDS + START_TIMEOUT)) version
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$log" >&2 || true
      die "$name exited before answering on port $port (log: $log)"
    fi
    if version="$("$probe" "$port" 2>/dev/null)"; then
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
# The same for commands given as text (NODE_TLS_CMD).
export MEMCACHED_USER="${memcached_user[*]}"

# Sets mc_pid/mc_port. With "tls", memcached -Z with the certificates in CERT_DIR. Memory (MB)
# and threads are MEMORY_MB and THREADS unless given as $3 and $4.
start_memcached() {
  local tag="$1" mode="${2:-plain}" memory="${3:-$MEMORY_MB}" threads="${4:-$THREADS}" log tls_options=()
  local probe=server_version
  pick_port
  mc_port="$picked_port"
  log="$RESULTS_DIR/memcached-$tag.log"
  if [ "$mode" = tls ]; then
    tls_options=(-Z -o "ssl_chain_cert=$CERT_DIR/server.crt,ssl_key=$CERT_DIR/server.key,ssl_ca_cert=$CERT_DIR/ca.crt")
    probe=server_version_tls
  fi
  memcached -l 127.0.0.1 -p "$mc_port" -m "$memory" -t "$threads" -c 4096 -U 0 "${memcached_user[@]}" \
    "${tls_options[@]}" >"$log" 2>&1 &
  mc_pid=$!
  started_pids+=("$mc_pid")
  wait_ready memcached "$mc_port" "$mc_pid" "$log" "$probe"
}

# Sets node_pid/node_port. `exec` keeps the PID ours to measure: bin/memcluster execs java too.
# With "tls", runs NODE_TLS_CMD (certificates in CERT_DIR and DATA_DIR/certs) instead of NODE_CMD.
# Memory (MB) is MEMORY_MB unless given as $3. With $4, the node starts on that data folder as it
# is (the snapshot section's restarts) rather than on a fresh, empty one.
start_node() {
  local tag="$1" mode="${2:-plain}" memory="${3:-$MEMORY_MB}" reuse="${4:-}" log command="$NODE_CMD" label="$NODE_LABEL" probe=server_version
  pick_port
  node_port="$picked_port"
  log="$RESULTS_DIR/node-$tag.log"
  if [ -n "$reuse" ]; then
    data_dir="$reuse"
  else
    # Empty on every start, so the node has no snapshots to load and none of the project's to touch.
    data_dir="$RESULTS_DIR/node-data-$tag"
    rm -rf "$data_dir"
    mkdir -p "$data_dir"
  fi
  if [ "$mode" = tls ]; then
    command="$NODE_TLS_CMD"; label="$NODE_TLS_LABEL"; probe=server_version_tls
    cp -r "$CERT_DIR" "$data_dir/certs"
  fi
  PORT="$node_port" MEMORY_MB="$memory" DATA_DIR="$data_dir" CERT_DIR="${CERT_DIR:-}" \
    bash -c "exec $command" >"$log" 2>&1 &
  node_pid=$!
  started_pids+=("$node_pid")
  wait_ready "$label" "$node_port" "$node_pid" "$log" "$probe"
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

# Runs memcaslap for $2 seconds against port $1, keeps its output in $3, prints its ops/s. With a
# 4th argument (and GNU time at /usr/bin/time), writes memcaslap's CPU seconds (user + system) there.
# Arguments after the 4th go to memcaslap (e.g. --verify=1.0).
memcaslap_tps() {
  local port="$1" seconds="$2" out="$3" cpu_file="${4:-}" tps timer=() extra=("${@:5}")
  if [ -n "$cpu_file" ] && [ -x /usr/bin/time ]; then
    timer=(/usr/bin/time -f '%U %S' -o "$cpu_file")
  fi
  # memcaslap ends by itself after -t; the timeout only guards against a server that hangs it.
  local status=0
  timeout --signal=INT --kill-after=10 $((seconds + 30)) "${timer[@]}" \
    memcaslap -s "127.0.0.1:$port" -t "${seconds}s" -c "$CONCURRENCY" -T "$CLIENT_THREADS" \
    -X "$VALUE_LENGTH" -F "$cfg" "${extra[@]}" >"$out" 2>&1 || status=$?
  if [ "$status" != 0 ]; then
    tail -n 20 "$out" >&2
    die "memcaslap against port $port failed with exit status $status (output: $out)"
  fi
  # The last line reads: "Run time: 10.0s Ops: 1289750 TPS: 128975 Net_rate: 19.3M/s".
  tps="$(awk '/^Run time:/ { for (i = 1; i < NF; i++) if ($i == "TPS:") print $(i + 1) }' "$out")"
  [[ "$tps" =~ ^[0-9]+$ ]] || die "no TPS figure in memcaslap's output: $out"
  echo "$tps"
}

misses_of() { awk -F': *' '/^get_misses:/ { print $2 }' "$1"; }

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%d\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The median of decimal numbers, as a decimal ("n/a" entries skipped).
median_decimal() {
  grep -E '^[0-9.]+$' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }' || echo n/a
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0 || a == "n/a") print "n/a"; else printf "%.2f\n", a / b }'; }

# The bench figures of one run, from its --json output (pretty-printed, one field per line).
json_number() { awk -v key="\"$2\"" '$1 == key { gsub(/,$/, "", $3); print $3; exit }' "$1"; }

# Runs bin/memcluster bench against port $1 with the section's load and the options that follow,
# keeps its JSON in $2 (stderr beside it), and checks it: no error replies, every get a hit
# (all keys are set first). Sets bench_ops (rounded ops/s) and bench_p99 (microseconds).
bench_run() {
  local port="$1" out="$2" errors hits gets
  shift 2
  if ! timeout --kill-after=10 $((DURATION + WARMUP + 300)) "$REPO/bin/memcluster" bench --port "$port" \
      --connections "$CONCURRENCY" --threads "$CLIENT_THREADS" --get-ratio 0.9 --value-size "$VALUE_LENGTH" \
      --key-size "$KEY_LENGTH" --keys "$BENCH_KEYS" --seed "$SEED" --json --no-progress "$@" >"$out" 2>"$out.err"; then
    tail -n 20 "$out.err" >&2
    die "bench against port $port failed (output: $out, $out.err)"
  fi
  bench_ops="$(json_number "$out" ops_per_second | awk '{ printf "%d\n", $1 + 0.5 }')"
  bench_p99="$(json_number "$out" p99 | awk '{ printf "%d\n", $1 + 0.5 }')"
  errors="$(json_number "$out" errors)"; hits="$(json_number "$out" hits)"; gets="$(json_number "$out" gets)"
  [ "$errors" = 0 ] || problems+=("bench on port $port: $errors error replies ($out)")
  [ "$hits" = "$gets" ] || problems+=("bench on port $port: $hits hits of $gets gets after setting every key ($out)")
}

# Sets every key and warms up server and client: bench's first call against a server.
bench_prepare() {
  local port="$1" out="$2"
  shift 2
  bench_run "$port" "$out" --populate --warmup "${WARMUP}s" --requests 1 "$@"
}

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

problems=()
summaries=()

# Other work on the machine moves the figures more than anything else; keep a trace of it.
loadavg_start="$(cut -d' ' -f1-3 /proc/loadavg)"
say "results and logs: $RESULTS_DIR (load average now: $loadavg_start; sections: $sections)"

section_throughput() {
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

  {
    say "Throughput: memcaslap, 90% get / 10% set, ${KEY_LENGTH}-byte keys, ${VALUE_LENGTH}-byte values,"
    say "${CONCURRENCY} connections from ${CLIENT_THREADS} client threads, ${RUNS} runs of ${DURATION} s each after a ${WARMUP} s warm-up; median of the runs."
    say ""
    say "| server | ops/s (median) | runs |"
    say "| --- | ---: | --- |"
    say "| memcached | $mc_tps | ${mc_runs[*]} |"
    say "| $NODE_LABEL | $node_tps | ${node_runs[*]} |"
    say "| node / memcached | $tps_ratio | |"
  } >"$RESULTS_DIR/summary-throughput.md"
}

section_memory() {
  say ""
  say "== memory: $ITEMS items, ${KEY_LENGTH}-byte keys, ${VALUE_LENGTH}-byte values, ${MEMORY_MB} MB limit =="
  start_memcached mem
  start_node mem
  node_is_jvm=0
  is_jvm "$node_pid" && node_is_jvm=1

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

  {
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
  } >"$RESULTS_DIR/summary-memory.md"
}

section_client() {
  say ""
  say "== client: memcaslap and bench against the same memcached, ${RUNS} x ${DURATION} s each =="
  start_memcached client
  say "  warm-up (bench sets its ${BENCH_KEYS} keys first) ..."
  memcaslap_tps "$mc_port" "$WARMUP" "$RESULTS_DIR/client-memcaslap-warmup.txt" >/dev/null
  bench_prepare "$mc_port" "$RESULTS_DIR/client-bench-warmup.json"

  local run out cpu_file
  caslap_runs=(); caslap_cpus=(); bench_runs=(); bench_cpus=()
  for run in $(seq 1 "$RUNS"); do
    out="$RESULTS_DIR/client-memcaslap-$run.txt"
    cpu_file="$RESULTS_DIR/client-memcaslap-$run.cpu"
    caslap_runs+=("$(memcaslap_tps "$mc_port" "$DURATION" "$out" "$cpu_file")")
    # memcaslap's own CPU per request: all of its process's CPU over all of its requests
    caslap_cpus+=("$(awk -v ops="$(awk '/^Run time:/ { for (i = 1; i < NF; i++) if ($i == "Ops:") print $(i + 1) }' "$out")" \
      '{ if (ops > 0) printf "%.1f\n", ($1 + $2) * 1e6 / ops; else print "n/a" }' "$cpu_file" 2>/dev/null || echo n/a)")
    say "  run $run  memcaslap  ${caslap_runs[-1]} ops/s, ${caslap_cpus[-1]} us CPU per request (get misses $(misses_of "$out"))"
    bench_run "$mc_port" "$RESULTS_DIR/client-bench-$run.json" --warmup "${BENCH_WARMUP}s" --duration "${DURATION}s"
    bench_runs+=("$bench_ops")
    bench_cpus+=("$(json_number "$RESULTS_DIR/client-bench-$run.json" client_cpu_us_per_request | awk '{ printf "%.1f\n", $1 }')")
    say "  run $run  bench      $bench_ops ops/s, ${bench_cpus[-1]} us CPU per request (p99 $bench_p99 us)"
  done
  local caslap_tps bench_tps client_ratio caslap_cpu bench_cpu
  caslap_tps="$(printf '%s\n' "${caslap_runs[@]}" | median)"
  bench_tps="$(printf '%s\n' "${bench_runs[@]}" | median)"
  client_ratio="$(ratio "$bench_tps" "$caslap_tps")"
  caslap_cpu="$(printf '%s\n' "${caslap_cpus[@]}" | median_decimal)"
  bench_cpu="$(printf '%s\n' "${bench_cpus[@]}" | median_decimal)"
  say "  median: memcaslap $caslap_tps ops/s ($caslap_cpu us CPU/request), bench $bench_tps ops/s ($bench_cpu us CPU/request), bench/memcaslap $client_ratio"
  stop_all

  {
    say "Load generators: memcaslap and \`bin/memcluster bench\` against the same memcached (plaintext),"
    say "90% get / 10% set, ${KEY_LENGTH}-byte keys, ${VALUE_LENGTH}-byte values, ${CONCURRENCY} connections from"
    say "${CLIENT_THREADS} client threads, one request in flight per connection; bench set its ${BENCH_KEYS} keys"
    say "first so that its gets hit, as memcaslap's do. ${RUNS} runs of ${DURATION} s each, alternating, after a"
    say "${WARMUP} s warm-up of each; every bench run (a fresh JVM) starts with ${BENCH_WARMUP} s of uncounted load for"
    say "its JIT. Median of the runs."
    say ""
    say "| client | ops/s (median) | runs | client CPU µs/request (median) | runs |"
    say "| --- | ---: | --- | ---: | --- |"
    say "| memcaslap | $caslap_tps | ${caslap_runs[*]} | $caslap_cpu | ${caslap_cpus[*]} |"
    say "| bench | $bench_tps | ${bench_runs[*]} | $bench_cpu | ${bench_cpus[*]} |"
    say "| bench / memcaslap | $client_ratio | | $(ratio "$bench_cpu" "$caslap_cpu") | |"
  } >"$RESULTS_DIR/summary-client.md"
}

section_tls() {
  say ""
  say "== tls: bench over TLS against memcached -Z and $NODE_TLS_LABEL, ${RUNS} x ${DURATION} s each =="
  CERT_DIR="$RESULTS_DIR/certs"
  export CERT_DIR
  rm -rf "$CERT_DIR"
  java -cp "$REPO/certs/target/memcluster-certs.jar" io.memcluster.certs.CertsCommand generate --out "$CERT_DIR" \
    >"$RESULTS_DIR/certs.log" 2>&1 || { cat "$RESULTS_DIR/certs.log" >&2; die "could not generate certificates"; }
  start_memcached tls tls
  start_node tls tls
  local tls_args=(--tls --ca "$CERT_DIR/ca.crt" --depth "$TLS_DEPTH") node_args=()
  # Word-split on purpose: NODE_TLS_BENCH_ARGS is a list of options; $CERT_DIR in it is expanded.
  read -r -a node_args <<<"$(CERT_DIR="$CERT_DIR" bash -c "echo $NODE_TLS_BENCH_ARGS")"
  say "  warm-up (bench sets its ${BENCH_KEYS} keys first) ..."
  bench_prepare "$mc_port" "$RESULTS_DIR/tls-memcached-warmup.json" "${tls_args[@]}"
  tls_provider="$(awk -F'"' '/"tls_provider"/ { print $4; exit }' "$RESULTS_DIR/tls-memcached-warmup.json")"
  bench_prepare "$node_port" "$RESULTS_DIR/tls-node-warmup.json" "${tls_args[@]}" "${node_args[@]}"

  local run
  tls_mc_runs=(); tls_mc_p99s=(); tls_node_runs=(); tls_node_p99s=()
  for run in $(seq 1 "$RUNS"); do
    bench_run "$mc_port" "$RESULTS_DIR/tls-memcached-$run.json" "${tls_args[@]}" --warmup "${BENCH_WARMUP}s" \
      --duration "${DURATION}s"
    tls_mc_runs+=("$bench_ops"); tls_mc_p99s+=("$bench_p99")
    say "  run $run  memcached -Z  $bench_ops ops/s, p99 $bench_p99 us"
    bench_run "$node_port" "$RESULTS_DIR/tls-node-$run.json" "${tls_args[@]}" "${node_args[@]}" \
      --warmup "${BENCH_WARMUP}s" --duration "${DURATION}s"
    tls_node_runs+=("$bench_ops"); tls_node_p99s+=("$bench_p99")
    say "  run $run  $NODE_TLS_LABEL  $bench_ops ops/s, p99 $bench_p99 us"
  done
  local mc_tls_tps node_tls_tps mc_tls_p99 node_tls_p99 tls_ratio p99_ratio
  mc_tls_tps="$(printf '%s\n' "${tls_mc_runs[@]}" | median)"
  node_tls_tps="$(printf '%s\n' "${tls_node_runs[@]}" | median)"
  mc_tls_p99="$(printf '%s\n' "${tls_mc_p99s[@]}" | median)"
  node_tls_p99="$(printf '%s\n' "${tls_node_p99s[@]}" | median)"
  tls_ratio="$(ratio "$node_tls_tps" "$mc_tls_tps")"
  p99_ratio="$(ratio "$node_tls_p99" "$mc_tls_p99")"
  say "  median: memcached -Z $mc_tls_tps ops/s p99 $mc_tls_p99 us; $NODE_TLS_LABEL $node_tls_tps ops/s p99 $node_tls_p99 us"
  say "  node/memcached: ops/s $tls_ratio, p99 $p99_ratio"
  stop_all

  {
    say "TLS: \`bin/memcluster bench --tls\` ($tls_provider), 90% get / 10% set, ${KEY_LENGTH}-byte keys,"
    say "${VALUE_LENGTH}-byte values, ${BENCH_KEYS} keys all set first, ${CONCURRENCY} connections from ${CLIENT_THREADS} client threads,"
    say "${TLS_DEPTH} request(s) in flight per connection; same certificates (our CA) and ${MEMORY_MB} MB on both sides."
    say "${RUNS} runs of ${DURATION} s each, alternating, after a ${WARMUP} s warm-up, each run after ${BENCH_WARMUP} s of"
    say "uncounted load for bench's JIT; median of the runs. Node side:"
    say "\`$(REPO=. PORT='<port>' MEMORY_MB="$MEMORY_MB" DATA_DIR='<empty folder>' CERT_DIR='<certs>' bash -c "echo $NODE_TLS_CMD")\`"
    if [ "$NODE_TLS_CMD" = "$stand_in_tls_cmd" ]; then
      say ""
      say "**The node side is a stand-in:** a second memcached -Z (NODE_TLS_CMD=stand-in); this run"
      say "shows the machine's noise, and its ratio is ~1 by construction."
    fi
    say ""
    say "| server | ops/s (median) | p99 µs (median) | runs (ops/s) | runs (p99 µs) |"
    say "| --- | ---: | ---: | --- | --- |"
    say "| memcached -Z | $mc_tls_tps | $mc_tls_p99 | ${tls_mc_runs[*]} | ${tls_mc_p99s[*]} |"
    say "| $NODE_TLS_LABEL | $node_tls_tps | $node_tls_p99 | ${tls_node_runs[*]} | ${tls_node_p99s[*]} |"
    say "| node / memcached | $tls_ratio | $p99_ratio | | |"
  } >"$RESULTS_DIR/summary-tls.md"
}

# --- cluster ---------------------------------------------------------------------------------

# twemproxy in front of the two memcached in twem_backend_ports; sets twem_pid/twem_port. Run in
# the foreground, as our child like memcached, so that wait_ready sees it exit and cleanup stops it
# by pid. -p and -o keep its files in RESULTS_DIR (its default pid file, /run/nutcracker, does not
# exist here; Debian's 0.5.0 writes the pid file only with -d), and the stats listener (-s, on
# 0.0.0.0:22222 by default) gets a free loopback port of its own.
start_twemproxy() {
  local conf="$RESULTS_DIR/nutcracker.yml" log="$RESULTS_DIR/nutcracker.log" stats_port
  pick_port
  twem_port="$picked_port"
  pick_port
  stats_port="$picked_port"
  cat >"$conf" <<YAML
# twemproxy as compare-memcached.sh runs it (cluster section): two memcached, keys placed on a
# ketama ring of MD5 hashes as spymemcached and the coordinator do. Everything else is
# nutcracker's default except: connections made at start, no server ejected on errors (a fixed
# pool, as the coordinator's), and a 1 s request timeout (the coordinator's request_timeout).
memcluster_bench:
  listen: 127.0.0.1:$twem_port
  hash: md5
  distribution: ketama
  timeout: 1000
  preconnect: true
  auto_eject_hosts: false
  server_connections: $TWEMPROXY_SERVER_CONNECTIONS
  servers:
    - 127.0.0.1:${twem_backend_ports[0]}:1 memcached-1
    - 127.0.0.1:${twem_backend_ports[1]}:1 memcached-2
YAML
  nutcracker --test-conf -c "$conf" >"$log.stderr" 2>&1 || { cat "$log.stderr" >&2; die "nutcracker refused $conf"; }
  nutcracker -c "$conf" -p "$RESULTS_DIR/nutcracker.pid" -o "$log" -s "$stats_port" -a 127.0.0.1 \
    >>"$log.stderr" 2>&1 &
  twem_pid=$!
  started_pids+=("$twem_pid")
  # twemproxy passes `version` on to a memcached behind it: ready means the whole path is.
  wait_ready "twemproxy (nutcracker)" "$twem_port" "$twem_pid" "$log"
}

# Starts a cluster as a user does, `bin/memcluster up` with a generated config and a fresh data
# folder: 2 local nodes at replication factor $2. Registered for cleanup before up runs, so that
# even an interrupted up is followed by down. Sets cluster_port (the coordinator's plaintext port,
# which memcaslap and bench use) and cluster_procs (the pids of the coordinator and its nodes).
# Every node gets CLUSTER_MEMORY_MB unless $3 gives another size (MB).
start_cluster() {
  local tag="$1" rf="$2" memory="${3:-$CLUSTER_MEMORY_MB}" dir config log tls_port node_base pid_file
  pick_port; tls_port="$picked_port"
  pick_port; cluster_port="$picked_port"
  pick_port_pair; node_base="$picked_port"
  dir="$RESULTS_DIR/$tag"
  config="$RESULTS_DIR/$tag.yaml"
  log="$RESULTS_DIR/$tag-up.log"
  rm -rf "$dir"
  cat >"$config" <<YAML
# The cluster as compare-memcached.sh runs it ($tag), started with
#   bin/memcluster up --config $config --data-dir $dir
# No logins: memcaslap cannot log in. No TLS for the clients either: memcaslap cannot speak it,
# so it uses the plaintext port. Between the coordinator and its nodes: mutual TLS, as up sets up.
auth: {enabled: false}
coordinator: {port: $tls_port, plain_port: $cluster_port, threads: $COORD_THREADS}
cluster: {replication_factor: $rf, local: {count: 2, port_initial: $node_base}}
node: {memory: ${memory}m, threads: $NODE_THREADS}
# No scheduled snapshot (every 5 minutes by default); up copies this into each node's node.yaml.
snapshot: {interval: 0s}
YAML
  cluster_configs+=("$config"); cluster_dirs+=("$dir")
  if ! timeout --kill-after=10 $((START_TIMEOUT * 2)) "$REPO/bin/memcluster" up --config "$config" --data-dir "$dir" \
      >"$log" 2>&1; then
    cat "$log" >&2
    tail -n 30 "$dir/coordinator.log" >&2 2>/dev/null || true
    die "bin/memcluster up failed for the R=$rf cluster (log: $log, $dir/coordinator.log)"
  fi
  sed 's/^memcluster: /  /' "$log"
  cluster_procs=()
  for pid_file in "$dir/coordinator.pid" "$dir"/nodes/*/node.pid; do
    [ -f "$pid_file" ] || die "no pid file $pid_file after up (log: $log)"
    cluster_procs+=("$(tr -dc '0-9' <"$pid_file")")
  done
  [ "${#cluster_procs[@]}" = 3 ] || die "expected a coordinator and 2 nodes in $dir, found ${#cluster_procs[@]} pid files"
  wait_ready "coordinator R=$rf (plaintext)" "$cluster_port" "${cluster_procs[0]}" "$dir/coordinator.log"
}

# CPU time (user + system, clock ticks) of the processes given, from /proc/PID/stat.
cpu_ticks() {
  local pid total=0 stat rest fields
  for pid in "$@"; do
    stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || continue
    rest="${stat##*) }"  # the command name may hold spaces; fields after it are plain numbers
    read -r -a fields <<<"$rest"
    total=$((total + fields[11] + fields[12]))  # utime and stime: fields 14 and 15 of stat
  done
  echo "$total"
}
clock_ticks="$(getconf CLK_TCK 2>/dev/null || echo 100)"

# Microseconds of CPU per request: $1 clock ticks over $2 requests.
per_request() {
  awk -v t="$1" -v hz="$clock_ticks" -v n="$2" 'BEGIN { if (n > 0) printf "%.1f\n", t * 1e6 / hz / n; else print "n/a" }'
}

ops_of() { awk '/^Run time:/ { for (i = 1; i < NF; i++) if ($i == "Ops:") print $(i + 1) }' "$1"; }

# What would make a memcaslap run look faster than it was: gets that missed (memcaslap only gets
# keys it has set, and nothing is evicted at these sizes), error replies (memcaslap prints each as
# "<fd SERVER_ERROR ...", "<fd ERROR", "<fd CLIENT_ERROR ...", "<fd NOT_STORED", "<fd EXISTS") and,
# with --verify, values that came back wrong or not at all. Adds each to problems; sets
# caslap_misses and caslap_errors. Not run in a command substitution, for problems' sake.
caslap_check() {
  local what="$1" out="$2" failed verify_misses
  caslap_misses="$(misses_of "$out")"; caslap_misses="${caslap_misses:-missing}"
  caslap_errors="$(grep -c '^<[0-9]* ' "$out" || true)"
  failed="$(awk -F': *' '/^verify_failed:/ { print $2 }' "$out")"
  verify_misses="$(awk -F': *' '/^verify_misses:/ { print $2 }' "$out")"
  [ "$caslap_misses" = 0 ] || problems+=("$what: get_misses is $caslap_misses, expected 0 ($out)")
  [ "$caslap_errors" = 0 ] || problems+=("$what: $caslap_errors error replies ($out)")
  [ "${failed:-0}" = 0 ] || problems+=("$what: verify_failed is $failed: gets answered with a wrong value ($out)")
  [ "${verify_misses:-0}" = 0 ] || problems+=("$what: verify_misses is $verify_misses ($out)")
}

# Dies naming any process of side $1 that no longer runs: on a shared machine something else may
# have stopped it, and a failed memcaslap or bench alone would not say so.
side_alive() {
  local pid
  for pid in ${side_procs[$1]}; do
    kill -0 "$pid" 2>/dev/null \
      || die "pid $pid of ${side_labels[$1]} no longer runs (stopped from outside this script?); logs in $RESULTS_DIR"
  done
}

# "met" when ratio $1 is at least target $2.
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { if (r == "n/a") print "n/a"; else if (r + 0 >= t) print "met"; else print "not met" }'; }

section_cluster() {
  say ""
  say "== cluster: twemproxy and the coordinator at R=1 and R=2, 2 servers behind each, ${RUNS} x ${DURATION} s each =="
  local i s run out tps ops
  twem_backend_ports=(); twem_procs=()
  for i in 1 2; do
    start_memcached "cluster-$i" plain "$CLUSTER_MEMORY_MB" "$NODE_THREADS"
    twem_backend_ports+=("$mc_port"); twem_procs+=("$mc_pid")
  done
  start_twemproxy
  twem_procs=("$twem_pid" "${twem_procs[@]}")
  start_cluster cluster-r1 1
  r1_port="$cluster_port"; r1_procs=("${cluster_procs[@]}")
  start_cluster cluster-r2 2
  r2_port="$cluster_port"; r2_procs=("${cluster_procs[@]}")
  node_tls="$(sed -n 's/.*TLS 1.2 and 1.3 with \([^;]*\);.*/\1/p' "$RESULTS_DIR/cluster-r1/nodes/node-1/node.log" | head -n 1)"

  # Side s: 0 twemproxy, 1 R=1, 2 R=2. Its processes are everything that serves its requests, the
  # proxy or coordinator first.
  side_tags=(twemproxy r1 r2)
  side_labels=("twemproxy + 2 memcached" "coordinator R=1 + 2 nodes" "coordinator R=2 + 2 nodes")
  side_ports=("$twem_port" "$r1_port" "$r2_port")
  side_procs=("${twem_procs[*]}" "${r1_procs[*]}" "${r2_procs[*]}")
  side_fronts=(twemproxy coordinator coordinator)

  say "  warm-up: ${CLUSTER_WARMUP} s of memcaslap per side, verifying every value it gets ..."
  for s in 0 1 2; do
    out="$RESULTS_DIR/cluster-memcaslap-${side_tags[s]}-warmup.txt"
    side_alive "$s"
    tps="$(memcaslap_tps "${side_ports[s]}" "$CLUSTER_WARMUP" "$out" "" --verify=1.0)" || { side_alive "$s"; exit 1; }
    caslap_check "${side_labels[s]}, warm-up" "$out"
    say "  warm-up  $(printf '%-26s' "${side_labels[s]}") $tps ops/s (get misses $caslap_misses, error replies $caslap_errors, verify_failed $(awk -F': *' '/^verify_failed:/ { print $2 }' "$out"))"
  done

  caslap_runs=("" "" ""); front_cpu_runs=("" "" ""); back_cpu_runs=("" "" "")
  local procs front_before front_after back_before back_after front_us back_us
  for run in $(seq 1 "$RUNS"); do
    for s in 0 1 2; do
      out="$RESULTS_DIR/cluster-memcaslap-${side_tags[s]}-$run.txt"
      side_alive "$s"
      read -r -a procs <<<"${side_procs[s]}"
      front_before="$(cpu_ticks "${procs[0]}")"; back_before="$(cpu_ticks "${procs[@]:1}")"
      tps="$(memcaslap_tps "${side_ports[s]}" "$DURATION" "$out")" || { side_alive "$s"; exit 1; }
      front_after="$(cpu_ticks "${procs[0]}")"; back_after="$(cpu_ticks "${procs[@]:1}")"
      ops="$(ops_of "$out")"
      front_us="$(per_request $((front_after - front_before)) "$ops")"
      back_us="$(per_request $((back_after - back_before)) "$ops")"
      caslap_check "${side_labels[s]}, run $run" "$out"
      caslap_runs[s]+="$tps "; front_cpu_runs[s]+="$front_us "; back_cpu_runs[s]+="$back_us "
      say "  run $run  $(printf '%-26s' "${side_labels[s]}") $tps ops/s; CPU us/request: ${side_fronts[s]} $front_us, servers $back_us (get misses $caslap_misses, error replies $caslap_errors; load $(cut -d' ' -f1 /proc/loadavg))"
    done
  done

  say "  bench: sets its ${BENCH_KEYS} keys on each side and warms up ..."
  for s in 0 1 2; do
    side_alive "$s"
    bench_prepare "${side_ports[s]}" "$RESULTS_DIR/cluster-bench-${side_tags[s]}-warmup.json"
  done
  bench_ops_runs=("" "" ""); bench_p99_runs=("" "" "")
  for run in $(seq 1 "$RUNS"); do
    for s in 0 1 2; do
      side_alive "$s"
      bench_run "${side_ports[s]}" "$RESULTS_DIR/cluster-bench-${side_tags[s]}-$run.json" \
        --warmup "${BENCH_WARMUP}s" --duration "${DURATION}s"
      bench_ops_runs[s]+="$bench_ops "; bench_p99_runs[s]+="$bench_p99 "
      say "  run $run  $(printf '%-26s' "${side_labels[s]}") bench $bench_ops ops/s, p99 $bench_p99 us (load $(cut -d' ' -f1 /proc/loadavg))"
    done
  done

  # For information: what each side holds now (a side that evicted would have shown misses).
  local stats items=() evictions=()
  for i in 0 1; do
    stats="$(server_stats "${twem_backend_ports[i]}")"
    items+=("$(stat_of "$stats" curr_items)"); evictions+=("$(stat_of "$stats" evictions)")
  done
  say "  after the runs: the 2 memcached: curr_items ${items[*]}, evictions ${evictions[*]}"
  for s in 1 2; do
    stats="$(server_stats "${side_ports[s]}")"
    say "  after the runs: ${side_labels[s]}: curr_items $(stat_of "$stats" curr_items), evictions $(stat_of "$stats" evictions), get_misses $(stat_of "$stats" get_misses), nodes up $(stat_of "$stats" cluster_nodes_up) of $(stat_of "$stats" cluster_nodes)"
  done

  caslap_tps=(); front_cpu=(); back_cpu=(); bench_tps=(); bench_p99=()
  for s in 0 1 2; do
    # shellcheck disable=SC2086  # lists of figures
    caslap_tps+=("$(printf '%s\n' ${caslap_runs[s]} | median)")
    # shellcheck disable=SC2086
    front_cpu+=("$(printf '%s\n' ${front_cpu_runs[s]} | median_decimal)")
    # shellcheck disable=SC2086
    back_cpu+=("$(printf '%s\n' ${back_cpu_runs[s]} | median_decimal)")
    # shellcheck disable=SC2086
    bench_tps+=("$(printf '%s\n' ${bench_ops_runs[s]} | median)")
    # shellcheck disable=SC2086
    bench_p99+=("$(printf '%s\n' ${bench_p99_runs[s]} | median)")
  done
  r1_ratio="$(ratio "${caslap_tps[1]}" "${caslap_tps[0]}")"
  r2_ratio="$(ratio "${caslap_tps[2]}" "${caslap_tps[0]}")"
  r1_verdict="$(verdict "$r1_ratio" 1.0)"
  r2_verdict="$(verdict "$r2_ratio" 0.7)"
  say "  median: twemproxy ${caslap_tps[0]} ops/s, R=1 ${caslap_tps[1]} ops/s, R=2 ${caslap_tps[2]} ops/s (memcaslap)"
  say "  R=1/twemproxy $r1_ratio (target 1.0: $r1_verdict), R=2/twemproxy $r2_ratio (target 0.7: $r2_verdict)"
  say "  bench p99: twemproxy ${bench_p99[0]} us, R=1 ${bench_p99[1]} us, R=2 ${bench_p99[2]} us"
  twem_version="$(nutcracker --version 2>&1 | awk '/^This is nutcracker-/ { sub(/^This is nutcracker-/, "nutcracker "); print; exit }')"
  # What the jars were most likely built from (the script cannot tell): the commit, and whether
  # anything outside bench/ and the Markdown files differs from it.
  build="commit $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [ -n "$(git -C "$REPO" status --porcelain --untracked-files=no -- . ':!bench' ':!*.md' 2>/dev/null)" ]; then
    build+=" with uncommitted changes"
  fi
  stop_all

  {
    say "Cluster: the coordinator against twemproxy ($twem_version, hash md5, distribution ketama, server_connections"
    say "${TWEMPROXY_SERVER_CONNECTIONS}), each in front of 2 cache servers, all on this machine at once. Behind twemproxy: 2 memcached"
    say "(-t ${NODE_THREADS}, -m ${CLUSTER_MEMORY_MB}). The coordinator: started by \`bin/memcluster up\` ($build) with"
    say "\`auth: {enabled: false}\`, \`coordinator: {threads: ${COORD_THREADS}}\` (memcaslap and bench on its plaintext port),"
    say "\`node: {memory: ${CLUSTER_MEMORY_MB}m, threads: ${NODE_THREADS}}\` and 2 local nodes, which it reaches over mutual TLS"
    say "(${node_tls:-provider not named in node.log}); one cluster at R=1, one at R=2. Load: memcaslap, 90% get / 10% set,"
    say "${KEY_LENGTH}-byte keys, ${VALUE_LENGTH}-byte values, ${CONCURRENCY} connections from ${CLIENT_THREADS} client threads; ${RUNS} rounds of ${DURATION} s"
    say "alternating twemproxy / R=1 / R=2 after a ${CLUSTER_WARMUP} s warm-up of each (verifying every value); median of"
    say "the runs. CPU: user + system time per request of the proxy or coordinator, and of its 2 servers"
    say "together. p99: \`bin/memcluster bench\` with the same load (${BENCH_KEYS} keys set first, one request in flight"
    say "per connection), ${RUNS} rounds of ${DURATION} s alternating the same way, each after ${BENCH_WARMUP} s of uncounted load."
    say ""
    say "| side | memcaslap ops/s (median) | runs | CPU µs/request: proxy or coordinator | its 2 servers | bench ops/s (median) | bench p99 µs (median) | bench runs (ops/s) | bench runs (p99 µs) |"
    say "| --- | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |"
    for s in 0 1 2; do
      say "| ${side_labels[s]} | ${caslap_tps[s]} | ${caslap_runs[s]% } | ${front_cpu[s]} | ${back_cpu[s]} | ${bench_tps[s]} | ${bench_p99[s]} | ${bench_ops_runs[s]% } | ${bench_p99_runs[s]% } |"
    done
    for s in 1 2; do
      say "| R=$s / twemproxy | $(ratio "${caslap_tps[s]}" "${caslap_tps[0]}") | | $(ratio "${front_cpu[s]}" "${front_cpu[0]}") | $(ratio "${back_cpu[s]}" "${back_cpu[0]}") | $(ratio "${bench_tps[s]}" "${bench_tps[0]}") | $(ratio "${bench_p99[s]}" "${bench_p99[0]}") | | |"
    done
    say ""
    say "Targets (memcaslap ops/s): R=1 at least 1.0x twemproxy: **${r1_verdict}** (${r1_ratio}); R=2 at least 0.7x:"
    say "**${r2_verdict}** (${r2_ratio}). Long-term aim: 1.5x."
  } >"$RESULTS_DIR/summary-cluster.md"
}

# --- fuzz ------------------------------------------------------------------------------------

fuzz_wanted() { [[ ",$FUZZ_TARGET," == *",$1,"* ]]; }

# One figure from bench/Fuzz.java's output ("result <name> <value>" lines).
fuzz_result() { awk -v k="$2" '$1 == "result" && $2 == k { print $3; exit }' "$1"; }

# "Other" in `jcmd VM.native_memory summary` (where the JDK counts direct ByteBuffers, which is
# what Netty's buffers are here): committed and peak, in kB, as "committed/peak"; n/a without NMT.
nmt_other() {
  local pid="$1" out="$2"
  timeout 60 "$(jcmd_for "$pid")" "$pid" VM.native_memory summary >"$out" 2>&1 || { echo n/a; return 0; }
  awk '/^- +Other \(/ { getline; if (match($0, /malloc=[0-9]+KB/)) c = substr($0, RSTART + 7, RLENGTH - 9);
                        if (match($0, /peak=[0-9]+KB/)) p = substr($0, RSTART + 5, RLENGTH - 7); else if (/at peak/) p = c }
       END { if (c != "") print c "/" p; else print "n/a" }' "$out"
}

# Fuzzes the server on port $3 (label $2, files tagged $1) whose processes are the pids that
# follow, the one answering the port first: VmRSS of each before (JVMs after GC.run), at its peak
# during the run (Fuzz.java samples it every second), SETTLE_SECONDS after, and after GC.run, with
# the heap in use after GC; which JVM classes and native memory hold it goes to RESULTS_DIR.
# Appends a row to fuzz_traffic_rows and one per process to fuzz_memory_rows. Not run in a
# command substitution, for problems' sake.
fuzz_one() {
  local tag="$1" label="$2" port="$3" out report status pid i h names=() stats
  shift 3
  local pids=("$@") before=() heap_before=() after=() after_gc=() heap_after=() peak=() nmt=()
  case "$tag" in
    coordinator) names=("coordinator" "node-1" "node-2") ;;
    *) names=("$label") ;;
  esac
  for pid in "${pids[@]}"; do is_jvm "$pid" && gc_run "$pid"; done
  sleep "$SETTLE_SECONDS"
  for i in "${!pids[@]}"; do
    pid="${pids[i]}"
    before+=("$(rss_kb "$pid")")
    if is_jvm "$pid"; then h="$(heap_used_kb "$pid")"; heap_before+=("${h:-n/a}"); else heap_before+=("n/a"); fi
  done

  out="$RESULTS_DIR/fuzz-$tag.txt"
  report="$RESULTS_DIR/fuzz-$tag-report.txt"
  local pid_args=()
  for pid in "${pids[@]}"; do pid_args+=(--pid "$pid"); done
  say "  $label: fuzzing 127.0.0.1:$port for ${FUZZ_SECONDS} s (load $(cut -d' ' -f1 /proc/loadavg)) ..."
  # Progress lines as they come; the result lines only in $out. The status goes through a file:
  # a pipeline would report sed's.
  { timeout --kill-after=10 $((FUZZ_SECONDS + 120)) java "$REPO/bench/Fuzz.java" 127.0.0.1 "$port" \
      --seconds "$FUZZ_SECONDS" --max-commands "$FUZZ_COMMANDS" --connections "$FUZZ_CONNECTIONS" --seed "$SEED" \
      --keys "$FUZZ_KEYS" --parked "$FUZZ_PARKED" --memory-mb "$FUZZ_MEMORY_MB" "${pid_args[@]}" --report "$report" \
      ${FUZZ_KINDS:+--kinds "$FUZZ_KINDS"} \
      2>"$out.err"; echo $? >"$out.status"; } | tee "$out" | sed -n '/^result /!s/^/    /p'
  status="$(cat "$out.status")"
  if [ "$status" != 0 ] || [ -z "$(fuzz_result "$out" commands)" ]; then
    tail -n 20 "$out.err" >&2
    die "bench/Fuzz.java against $label failed with exit status $status (output: $out, $out.err)"
  fi

  # A process that is gone crashed: the fuzz stopped at once, and what is left is measured.
  # Looked at again after the settling time: a JVM that ends on OutOfMemoryError closes its
  # listener (so the fuzz stops on refused connections) a moment before its process is gone.
  local crashed=()
  sleep "$SETTLE_SECONDS"
  for i in "${!pids[@]}"; do
    kill -0 "${pids[i]}" 2>/dev/null || crashed+=("${names[i]} (pid ${pids[i]})")
  done
  for i in "${!pids[@]}"; do
    pid="${pids[i]}"
    peak+=("$(fuzz_result "$out" "peak_rss_kb_$pid")")
    if ! kill -0 "$pid" 2>/dev/null; then
      after+=("gone"); after_gc+=("gone"); heap_after+=("gone"); nmt+=("gone")
      continue
    fi
    after+=("$(rss_kb "$pid")")
    if is_jvm "$pid"; then
      gc_run "$pid"
      sleep "$SETTLE_SECONDS"
      after_gc+=("$(rss_kb "$pid")")
      h="$(heap_used_kb "$pid")"; heap_after+=("${h:-n/a}")
      # What holds it: the heap's classes, native memory (with FUZZ_NMT=1), thread count.
      timeout 60 "$(jcmd_for "$pid")" "$pid" GC.class_histogram 2>&1 | head -n 40 \
        >"$RESULTS_DIR/fuzz-$tag-${names[i]// /-}-histogram.txt" || true
      if [ "$FUZZ_NMT" = 1 ]; then
        nmt+=("$(nmt_other "$pid" "$RESULTS_DIR/fuzz-$tag-${names[i]// /-}-nmt.txt")")
      else
        nmt+=("n/a")
      fi
    else
      after_gc+=("n/a"); heap_after+=("n/a"); nmt+=("n/a")
    fi
  done
  stats=""
  kill -0 "${pids[0]}" 2>/dev/null && stats="$(server_stats "$port" 2>/dev/null || true)"

  local commands valid mutated garbage sessions replies closed resets java_lines probes probe_failures probe_max
  commands="$(fuzz_result "$out" commands)"; valid="$(fuzz_result "$out" commands_valid)"
  mutated="$(fuzz_result "$out" commands_mutated)"; garbage="$(fuzz_result "$out" commands_garbage)"
  sessions="$(fuzz_result "$out" sessions)"; replies="$(fuzz_result "$out" reply_lines)"
  closed="$(fuzz_result "$out" closed_by_server)"; resets="$(fuzz_result "$out" resets)"
  java_lines="$(fuzz_result "$out" java_text_lines)"; probes="$(fuzz_result "$out" probes)"
  probe_failures="$(fuzz_result "$out" probe_failures)"; probe_max="$(fuzz_result "$out" probe_max_ms)"
  local crash_text="no"
  [ "${#crashed[@]}" = 0 ] || crash_text="**yes: ${crashed[*]}**"
  [ "${#crashed[@]}" = 0 ] || problems+=("$label: crashed under fuzzing: ${crashed[*]} gone ($out)")
  [ "$java_lines" = 0 ] || problems+=("$label: $java_lines reply lines with Java exception text or a stack frame ($report)")
  [ "$probe_failures" = 0 ] || problems+=("$label: $probe_failures of $probes version probes unanswered within 5 s ($out)")
  # For information: what the servers logged (memcached logs nothing at its default verbosity).
  local log_lines=0 log_file
  for log_file in "$RESULTS_DIR/node-fuzz.log" "$RESULTS_DIR/fuzz-cluster/coordinator.log" "$RESULTS_DIR"/fuzz-cluster/nodes/*/node.log; do
    [ "$tag" = node ] && [ "$log_file" != "$RESULTS_DIR/node-fuzz.log" ] && continue
    [ "$tag" = coordinator ] && [ "$log_file" = "$RESULTS_DIR/node-fuzz.log" ] && continue
    [ "$tag" = memcached ] && continue
    [ -f "$log_file" ] && log_lines=$((log_lines + $(wc -l <"$log_file")))
  done

  say "  $label: $commands commands ($valid valid, $mutated near-valid, $garbage garbage) in $sessions sessions, $replies reply lines;"
  say "    closed by the server $closed, resets $resets; Java text on the wire: $java_lines; probes unanswered $probe_failures of $probes (slowest $probe_max ms); crashed: ${crashed[*]:-no}"
  for i in "${!pids[@]}"; do
    say "    ${names[i]}: VmRSS $(printf "%s" "${before[i]}") kB before, ${peak[i]} kB at the peak, ${after[i]} kB after, ${after_gc[i]} kB after GC.run; heap in use ${heap_before[i]} -> ${heap_after[i]} kB; NMT Other (direct buffers) now/peak: ${nmt[i]} kB"
  done
  say "    stats: curr_items $(stat_of "$stats" curr_items), bytes $(stat_of "$stats" bytes), evictions $(stat_of "$stats" evictions), curr_connections $(stat_of "$stats" curr_connections); log lines written: $log_lines"

  fuzz_traffic_rows+=("| $label | $(fuzz_result "$out" seconds) | $commands | $valid / $mutated / $garbage | $sessions | $replies | $closed | $resets | $java_lines | $probe_failures of $probes ($probe_max ms) | $crash_text |")
  for i in "${!pids[@]}"; do
    local live="n/a"
    [ "$i" = 0 ] && live="$(stat_of "$stats" curr_items) / $(stat_of "$stats" bytes)"
    fuzz_memory_rows+=("| ${names[i]} | ${before[i]} | ${peak[i]} | ${after[i]} | ${after_gc[i]} | ${heap_before[i]} -> ${heap_after[i]} | ${nmt[i]} | $live |")
  done
  # The ratio is about RSS after the run (after GC.run for a JVM), the one process serving the port.
  if [ "${after_gc[0]}" = n/a ]; then fuzz_rss_after="${after[0]}"; else fuzz_rss_after="${after_gc[0]}"; fi
}

section_fuzz() {
  say ""
  say "== fuzz: ${FUZZ_SECONDS} s of random and mutated commands per server (seed $SEED, ${FUZZ_CONNECTIONS} connections at a time, ${FUZZ_MEMORY_MB} MB) =="
  local saved_java_opts="${MEMCLUSTER_JAVA_OPTS-}" mc_after node_after="" coord_after=""
  fuzz_traffic_rows=(); fuzz_memory_rows=()
  if [ "$FUZZ_NMT" = 1 ]; then
    export MEMCLUSTER_JAVA_OPTS="${MEMCLUSTER_JAVA_OPTS:-} -XX:NativeMemoryTracking=summary"
  fi

  start_memcached fuzz plain "$FUZZ_MEMORY_MB"
  fuzz_one memcached memcached "$mc_port" "$mc_pid"
  mc_after="$fuzz_rss_after"
  stop_all
  if fuzz_wanted node; then
    start_node fuzz plain "$FUZZ_MEMORY_MB"
    fuzz_one node "$NODE_LABEL" "$node_port" "$node_pid"
    node_after="$fuzz_rss_after"
    stop_all
  fi
  if fuzz_wanted coordinator; then
    start_cluster fuzz-cluster 2 "$FUZZ_MEMORY_MB"
    fuzz_one coordinator "coordinator R=2 + 2 nodes" "$cluster_port" "${cluster_procs[@]}"
    coord_after="$fuzz_rss_after"
    stop_all
  fi
  if [ -n "$saved_java_opts" ]; then export MEMCLUSTER_JAVA_OPTS="$saved_java_opts"; else unset MEMCLUSTER_JAVA_OPTS; fi
  [ -n "$node_after" ] && say "  RSS after the run, node / memcached: $(ratio "$node_after" "$mc_after")"
  [ -n "$coord_after" ] && say "  RSS after the run, coordinator / memcached: $(ratio "$coord_after" "$mc_after")"

  {
    say "Fuzz: \`bench/Fuzz.java\`, seed ${SEED}, ${FUZZ_SECONDS} s per server (at most ${FUZZ_COMMANDS} commands), one server at a"
    say "time, memcached first, each started fresh with ${FUZZ_MEMORY_MB} MB. ${FUZZ_CONNECTIONS} sessions at a time, each on a new connection:"
    say "pipelined batches of valid commands (classic and meta; random keys from ${FUZZ_KEYS} and random ones, values, flags"
    say "and exptimes), near-valid ones (mutated numbers, lengths, keys, flags, line ends, NUL and binary bytes, long"
    say "lines, huge lengths) and garbage; floods; slow readers; abrupt disconnects (FIN or RST); up to ${FUZZ_PARKED} half-open"
    say "connections left with a partial command or unread replies for 2-30 s; binary noise. A fresh connection asks"
    say "\`version\` every 2 s (unanswered: no reply within 5 s). VmRSS before the run (a JVM after \`jcmd GC.run\`),"
    say "its peak (sampled every second), ${SETTLE_SECONDS} s after and after GC.run; heap in use from \`jcmd GC.heap_info\`;"
    say "NMT Other: the JDK's direct buffers, with FUZZ_NMT=1 (\`-XX:NativeMemoryTracking=summary\`), now/peak."
    say ""
    say "| server | s | commands sent | valid / near-valid / garbage | sessions | reply lines | closed by server | resets | Java text on the wire | probes unanswered (slowest) | crashed |"
    say "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |"
    printf '%s\n' "${fuzz_traffic_rows[@]}"
    say ""
    say "| process | RSS before (kB) | RSS peak | RSS after | after GC.run | heap in use before -> after GC (kB) | NMT Other now/peak (kB) | curr_items / bytes after |"
    say "| --- | ---: | ---: | ---: | ---: | --- | --- | --- |"
    printf '%s\n' "${fuzz_memory_rows[@]}"
    say ""
    [ -n "$node_after" ] && say "RSS after the run, node / memcached: **$(ratio "$node_after" "$mc_after")**."
    [ -n "$coord_after" ] && say "RSS after the run, coordinator / memcached: **$(ratio "$coord_after" "$mc_after")**."
    true
  } >"$RESULTS_DIR/summary-fuzz.md"
}

# --- snapshot --------------------------------------------------------------------------------

# The disk's sequential write speed on the filesystem of RESULTS_DIR, MB/s (10^6 bytes): dd of
# SNAP_DD_MB MiB of zeros, O_DIRECT and an fsync at the end, so that neither the page cache nor
# dirty pages left for later flatter it. The file is removed after.
disk_write_mbs() {
  local file="$RESULTS_DIR/dd.test" out="$RESULTS_DIR/dd-$1.txt" mbs
  LC_ALL=C dd if=/dev/zero of="$file" bs=1M count="$SNAP_DD_MB" oflag=direct conv=fsync >"$out" 2>&1 \
    || { rm -f "$file"; cat "$out" >&2; die "dd on $RESULTS_DIR failed (output: $out)"; }
  rm -f "$file"
  # "1073741824 bytes (1.1 GB, 1.0 GiB) copied, 2.34 s, 459 MB/s"
  mbs="$(awk '/ copied, / { for (i = 1; i < NF; i++) if ($i == "copied,") s = $(i + 1); if (s > 0) printf "%.0f\n", $1 / 1e6 / s }' "$out")"
  [[ "$mbs" =~ ^[0-9]+$ ]] || die "no speed in dd's output: $out"
  echo "$mbs"
}

# Samples VmRSS of pid $1 every 100 ms into file $2 (kB, one a line) until file $3 exists or the
# process is gone. Pure bash but for sleep, so that the sampler costs the machine little.
rss_sampler() {
  local pid="$1" out="$2" stop="$3" line
  while [ ! -e "$stop" ]; do
    while IFS= read -r line; do
      [[ "$line" == VmRSS:* ]] && { line="${line#VmRSS:}"; line="${line% kB}"; echo "${line//[[:space:]]/}"; break; }
    done <"/proc/$pid/status" 2>/dev/null || break
    sleep 0.1
  done >"$out"
}

# Runs `memcluster snapshot` on the node while sampling its VmRSS: sets snap_status (ok or what
# went wrong), snap_ms, snap_items, snap_bytes (of the reply), snap_file_bytes (the .snap files
# on disk after it), snap_rss_before, snap_rss_peak (kB), snap_cpu_ms (the node's CPU time meanwhile,
# all its threads) and snap_reply (the file with the reply).
# Not run in a command substitution, for problems' sake.
snapshot_now() {
  local tag="$1" samples="$RESULTS_DIR/snapshot-$1-rss.txt" stop="$RESULTS_DIR/snapshot-$1-rss.stop" sampler reply cpu_before
  snap_reply="$RESULTS_DIR/snapshot-$tag-reply.txt"
  rm -f "$stop"
  snap_rss_before="$(rss_kb "$node_pid")"
  rss_sampler "$node_pid" "$samples" "$stop" &
  sampler=$!
  cpu_before="$(cpu_ticks "$node_pid")"
  reply="$(server_listing "$node_port" "memcluster snapshot" "$SNAP_TIMEOUT" || true)"
  snap_cpu_ms=$(( ($(cpu_ticks "$node_pid") - cpu_before) * 1000 / clock_ticks ))
  touch "$stop"
  wait "$sampler" 2>/dev/null || true
  rm -f "$stop"
  printf '%s\n' "$reply" >"$snap_reply"
  snap_rss_peak="$( { echo "$snap_rss_before"; cat "$samples"; rss_kb "$node_pid"; } | sort -n | tail -n 1)"
  snap_ms="$(stat_of "$reply" duration_ms)"; snap_items="$(stat_of "$reply" items)"; snap_bytes="$(stat_of "$reply" bytes)"
  snap_file_bytes="$(find "$snap_dir" -maxdepth 1 -name '*.snap' -printf '%s\n' | awk '{ n += $1 } END { print n + 0 }')"
  if [ "$(stat_of "$reply" result)" = ok ] && [[ "$snap_ms" =~ ^[0-9]+$ ]]; then
    snap_status=ok
    [ "$snap_ms" -gt 0 ] || snap_ms=1
    [ "$snap_bytes" = "$snap_file_bytes" ] \
      || say "  (snapshot $tag: the reply says $snap_bytes bytes, the .snap files hold $snap_file_bytes)"
  else
    snap_status="failed: $(tr '\n' ' ' <"$snap_reply" | cut -c1-300)"
    problems+=("snapshot $tag did not succeed: $snap_status ($snap_reply; node log $RESULTS_DIR/node-snapshot.log)")
    snap_ms=n/a
  fi
}

mbs_of() { awk -v b="$1" -v ms="$2" 'BEGIN { if (ms == "n/a" || ms + 0 == 0) print "n/a"; else printf "%.0f\n", b / 1e6 / (ms / 1000) }'; }
per_second() { awk -v n="$1" -v ms="$2" 'BEGIN { if (ms == "n/a" || ms + 0 == 0) print "n/a"; else printf "%.0f\n", n / (ms / 1000) }'; }
rss_ratio() { awk -v p="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.3f\n", p / b }'; }
loadavg1() { cut -d' ' -f1 /proc/loadavg; }
# "met" when $1 is at most $2.
verdict_at_most() { awk -v r="$1" -v t="$2" 'BEGIN { if (r == "n/a") print "n/a"; else if (r + 0 <= t) print "met"; else print "NOT met" }'; }
# "met" when $1 is at least $2.
verdict_at_least() { awk -v r="$1" -v t="$2" 'BEGIN { if (r == "n/a") print "n/a"; else if (r + 0 >= t) print "met"; else print "NOT met" }'; }
# The worst p99 of one second in a bench run, microseconds, from its --progress lines on stderr
# ("run  3/10 s  12,345 ops/s  hits 100.0%  p50 0.123 ms  p99 0.456 ms  errors 0").
worst_second_p99() {
  awk '$1 == "run" { for (i = 2; i < NF; i++) if ($i == "p99") { v = $(i + 1) * 1000; if (v > m) m = v } }
       END { if (m > 0) printf "%d\n", m + 0.5; else print "n/a" }' "$1"
}

# Starts bench against the node in the background, with the section's load (SNAP_CONNECTIONS
# connections from SNAP_CLIENT_THREADS threads, one request in flight each, 90/10, BENCH_KEYS
# keys), JSON into $1 and its progress lines into $1.err; sets snap_bench_pid. Options after $1
# go to bench.
snap_bench_start() {
  local out="$1"
  shift
  timeout --kill-after=10 $((SNAP_BENCH_SECONDS + BENCH_WARMUP + 120)) "$REPO/bin/memcluster" bench --port "$node_port" \
    --connections "$SNAP_CONNECTIONS" --threads "$SNAP_CLIENT_THREADS" --get-ratio 0.9 --value-size "$VALUE_LENGTH" \
    --key-size "$KEY_LENGTH" --keys "$BENCH_KEYS" --seed "$SEED" --json --progress "$@" >"$out" 2>"$out.err" &
  snap_bench_pid=$!
  started_pids+=("$snap_bench_pid")
}

# Waits for that bench and checks it as bench_run does; sets snap_ops, snap_p99 (us) and
# snap_worst (the worst one-second p99, us).
snap_bench_finish() {
  local out="$1" status=0 errors hits gets
  wait "$snap_bench_pid" || status=$?
  forget_pid "$snap_bench_pid"
  if [ "$status" != 0 ]; then
    tail -n 20 "$out.err" >&2
    die "bench against the node failed with exit status $status (output: $out, $out.err)"
  fi
  snap_ops="$(json_number "$out" ops_per_second | awk '{ printf "%d\n", $1 + 0.5 }')"
  snap_p99="$(json_number "$out" p99 | awk '{ printf "%d\n", $1 + 0.5 }')"
  snap_worst="$(worst_second_p99 "$out.err")"
  errors="$(json_number "$out" errors)"; hits="$(json_number "$out" hits)"; gets="$(json_number "$out" gets)"
  [ "$errors" = 0 ] || problems+=("bench on the node: $errors error replies ($out)")
  [ "$hits" = "$gets" ] || problems+=("bench on the node: $hits hits of $gets gets after setting every key ($out)")
}

# Removes pid $1 from started_pids once it has been waited for, so that cleanup cannot hit a
# process that reused the number.
forget_pid() {
  local kept=() pid
  for pid in "${started_pids[@]}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
  started_pids=("${kept[@]}")
}

# Waits until the bench started last is in its measured run (its first "run" progress line,
# a second into it); dies if it ends before.
wait_measured() {
  local err="$1" deadline=$((SECONDS + BENCH_WARMUP + 120))
  while ! grep -q '^run ' "$err" 2>/dev/null; do
    if ! kill -0 "$snap_bench_pid" 2>/dev/null; then
      tail -n 20 "$err" >&2
      die "bench ended before its measured run began ($err)"
    fi
    [ "$SECONDS" -lt "$deadline" ] || die "bench did not reach its measured run within $((BENCH_WARMUP + 120)) s ($err)"
    sleep 0.1
  done
}

# Restarts the node (SIGKILL before, so no snapshot at stop) on its data folder and reads what it
# loaded: sets load_ms, load_items, load_bytes, load_log (the loader's total line) and load_gc (the
# JVM's GC pauses until the node answered, from -Xlog:gc).
restart_node() {
  local tag="$1" stats items evictions saved_timeout="$START_TIMEOUT"
  stop_all
  START_TIMEOUT="$SNAP_TIMEOUT"
  rm -f "$RESULTS_DIR/gc-$tag.log"
  MEMCLUSTER_JAVA_OPTS="${MEMCLUSTER_JAVA_OPTS:-} -Xlog:gc:file=$RESULTS_DIR/gc-$tag.log" \
    start_node "$tag" plain "$snap_memory_mb" "$snap_data_dir"
  START_TIMEOUT="$saved_timeout"
  # "[4.482s][info][gc] GC(28) Pause Full (Ergonomics) 355M->351M(411M) 613.464ms"
  load_gc="$(awk '/ Pause / { ms += $NF + 0; n++; if (/Pause Full/) full++ }
    END { printf "%d ms in %d pauses (%d full)\n", ms + 0.5, n, full }' "$RESULTS_DIR/gc-$tag.log" 2>/dev/null || echo n/a)"
  stats="$(server_listing "$node_port" "stats snapshots")"
  load_ms="$(stat_of "$stats" load_ms)"; load_items="$(stat_of "$stats" loaded_items)"; load_bytes="$(stat_of "$stats" loaded_bytes)"
  [[ "$load_ms" =~ ^[0-9]+$ ]] || die "no load_ms in stats snapshots after the restart $tag: $stats"
  [ "$load_ms" -gt 0 ] || load_ms=1
  load_log="$(grep -m 1 'snapshots loaded:' "$RESULTS_DIR/node-$tag.log" | sed 's/.*SnapshotLoader - //')"
  stats="$(server_stats "$node_port")"
  items="$(stat_of "$stats" curr_items)"; evictions="$(stat_of "$stats" evictions)"
  [ "$load_items" = "$snap_last_items" ] \
    || problems+=("restart $tag: loaded $load_items items, the last snapshot wrote $snap_last_items ($RESULTS_DIR/node-$tag.log)")
  [ "$items" = "$snap_last_items" ] || problems+=("restart $tag: curr_items is $items after the load, expected $snap_last_items")
  [ "${evictions:-missing}" = 0 ] || problems+=("restart $tag: evictions is $evictions after the load, expected 0")
  grep -q 'rejected' "$RESULTS_DIR/node-$tag.log" && problems+=("restart $tag: the node rejected a snapshot file ($RESULTS_DIR/node-$tag.log)")
  true
}

section_snapshot() {
  local items free_kb need_kb stats run i out
  items="$(awk -v g="$SNAP_GB" 'BEGIN { printf "%d\n", g * 1e7 + 0.5 }')"
  # What the node accounts per item: key + value + 88 bytes (the memory section's items); + 10%
  # so that nothing is evicted, + 64 MB.
  snap_memory_mb="${SNAP_MEMORY_MB:-$(awk -v n="$((items + BENCH_KEYS))" -v b="$((KEY_LENGTH + VALUE_LENGTH + 88))" \
    'BEGIN { printf "%d\n", n * b * 1.1 / 1048576 + 64.5 }')}"
  say ""
  say "== snapshot: $items items (${SNAP_GB} GB of ${VALUE_LENGTH}-byte values, ${KEY_LENGTH}-byte keys) on one node of ${snap_memory_mb} MB, ${SNAP_RUNS} rounds =="
  # dd's file, then the snapshot files twice over (a new one is written beside the old), ~143 bytes an item
  free_kb="$(df -Pk "$RESULTS_DIR" | awk 'NR == 2 { print $4 }')"
  need_kb=$(( SNAP_DD_MB * 1024 + (items + BENCH_KEYS) * 150 * 2 / 1024 + 262144 ))
  [ "$free_kb" -ge "$need_kb" ] || die "$RESULTS_DIR has $((free_kb / 1024)) MB free; the snapshot section needs about $((need_kb / 1024)) MB"

  local disk_before disk_after disk_mbs
  disk_before="$(disk_write_mbs start)"
  say "  disk ($(df -P "$RESULTS_DIR" | awk 'NR == 2 { print $1 " on " $6 }')): dd ${SNAP_DD_MB} MiB oflag=direct conv=fsync: $disk_before MB/s (load $(cut -d' ' -f1-3 /proc/loadavg))"

  start_node snapshot plain "$snap_memory_mb"
  snap_data_dir="$data_dir"
  snap_dir="$snap_data_dir/snapshots"
  local rss_empty rss_loaded
  rss_empty="$(rss_kb "$node_pid")"
  ITEMS="$items" load "$node_port"
  bench_ready="$RESULTS_DIR/snapshot-bench-prepare.json"
  # bench's keys (namespace bench) set, and the JIT of both sides warmed up
  snap_bench_start "$bench_ready" --populate --warmup "${WARMUP}s" --requests 1
  snap_bench_finish "$bench_ready"
  stats="$(server_stats "$node_port")"
  [ "$(stat_of "$stats" curr_items)" = "$((items + BENCH_KEYS))" ] \
    || problems+=("snapshot: curr_items is $(stat_of "$stats" curr_items) after the load, expected $((items + BENCH_KEYS))")
  [ "$(stat_of "$stats" evictions)" = 0 ] || problems+=("snapshot: evictions is $(stat_of "$stats" evictions) after the load, expected 0")
  rss_loaded="$(rss_kb "$node_pid")"
  say "  loaded: curr_items $(stat_of "$stats" curr_items), bytes $(stat_of "$stats" bytes) of limit_maxbytes $(stat_of "$stats" limit_maxbytes), evictions $(stat_of "$stats" evictions); VmRSS $rss_empty kB empty, $rss_loaded kB loaded"

  snapshot_now first
  local first_ms="$snap_ms" first_ratio first_line
  first_ratio="$(rss_ratio "$snap_rss_peak" "$snap_rss_before")"
  first_line="$snap_items items, $snap_file_bytes bytes in $snap_ms ms: $(mbs_of "$snap_file_bytes" "$snap_ms") MB/s, $(per_second "$snap_items" "$snap_ms") items/s; VmRSS $snap_rss_before -> peak $snap_rss_peak kB ($first_ratio); node CPU meanwhile $snap_cpu_ms ms"
  say "  first snapshot, no load (not counted): $first_line (load $(loadavg1))"
  [ "$snap_status" = ok ] || die "the first snapshot failed: $snap_status"
  local fixed_window="$SNAP_BENCH_SECONDS" slowest_ms=0 estimate_ms
  windows=()
  say "  p99 runs: bench, ${SNAP_CONNECTIONS} connections from ${SNAP_CLIENT_THREADS} thread(s), ${fixed_window:-a window sized per round} s after ${BENCH_WARMUP} s; the snapshot 1 s into the measured run"

  base_p99s=(); base_worsts=(); base_opss=(); during_p99s=(); during_worsts=(); during_opss=()
  load_write_mbs=(); load_write_ips=(); load_rss_ratios=(); load_snap_ms=(); load_cpu_ms=()
  idle_write_mbs=(); idle_write_ips=(); idle_rss_ratios=(); idle_snap_ms=(); idle_cpu_ms=()
  local la
  local attempt outlasted again b_p99 b_worst b_ops
  for run in $(seq 1 "$SNAP_RUNS"); do
    # A bench run long enough for its snapshot to end inside it, and not so long that the
    # snapshot is a small part of it: twice the slowest snapshot so far, + 3 s. One that outlasts
    # its run anyway (this machine is shared) has its round run again, once, sized from it.
    for attempt in 1 2; do
      again=""; [ "$attempt" = 1 ] || again="-again"
      if [ -z "$fixed_window" ]; then
        estimate_ms=$(( first_ms > slowest_ms ? first_ms : slowest_ms ))
        SNAP_BENCH_SECONDS=$(( (2 * estimate_ms + 999) / 1000 + 3 ))
        [ "$SNAP_BENCH_SECONDS" -ge 5 ] || SNAP_BENCH_SECONDS=5
      fi
      out="$RESULTS_DIR/snapshot-bench-baseline-$run$again.json"
      la="$(loadavg1)"
      snap_bench_start "$out" --warmup "${BENCH_WARMUP}s" --duration "${SNAP_BENCH_SECONDS}s"
      snap_bench_finish "$out"
      b_p99="$snap_p99"; b_worst="$snap_worst"; b_ops="$snap_ops"
      say "  run $run  bench alone, ${SNAP_BENCH_SECONDS} s    $snap_ops ops/s, p99 $snap_p99 us, worst 1-s p99 $snap_worst us (load $la)"

      out="$RESULTS_DIR/snapshot-bench-during-$run$again.json"
      la="$(loadavg1)"
      snap_bench_start "$out" --warmup "${BENCH_WARMUP}s" --duration "${SNAP_BENCH_SECONDS}s"
      wait_measured "$out.err"
      snapshot_now "during-$run$again"
      outlasted=0
      kill -0 "$snap_bench_pid" 2>/dev/null || outlasted=1
      snap_bench_finish "$out"
      [[ "$snap_ms" =~ ^[0-9]+$ ]] && [ "$snap_ms" -gt "$slowest_ms" ] && slowest_ms="$snap_ms"
      say "  run $run  bench + snapshot, ${SNAP_BENCH_SECONDS} s $snap_ops ops/s, p99 $snap_p99 us, worst 1-s p99 $snap_worst us; snapshot $snap_items items, $snap_file_bytes bytes in $snap_ms ms: $(mbs_of "$snap_file_bytes" "$snap_ms") MB/s, $(per_second "$snap_items" "$snap_ms") items/s; VmRSS $snap_rss_before -> peak $snap_rss_peak kB ($(rss_ratio "$snap_rss_peak" "$snap_rss_before")); node CPU meanwhile $snap_cpu_ms ms (load $la)"
      if [ "$outlasted" = 1 ] && [ "$attempt" = 1 ] && [ -z "$fixed_window" ]; then
        say "  run $run  the snapshot outlasted its bench run: the round again, with a longer one"
        continue
      fi
      [ "$outlasted" = 0 ] \
        || problems+=("snapshot during-$run$again ($snap_ms ms) outlasted its bench run of ${SNAP_BENCH_SECONDS} s: raise SNAP_BENCH_SECONDS")
      break
    done
    windows+=("$SNAP_BENCH_SECONDS")
    base_p99s+=("$b_p99"); base_worsts+=("$b_worst"); base_opss+=("$b_ops")
    during_p99s+=("$snap_p99"); during_worsts+=("$snap_worst"); during_opss+=("$snap_ops")
    load_snap_ms+=("$snap_ms"); load_cpu_ms+=("$snap_cpu_ms"); load_write_mbs+=("$(mbs_of "$snap_file_bytes" "$snap_ms")")
    load_write_ips+=("$(per_second "$snap_items" "$snap_ms")"); load_rss_ratios+=("$(rss_ratio "$snap_rss_peak" "$snap_rss_before")")

    la="$(loadavg1)"
    snapshot_now "alone-$run"
    idle_snap_ms+=("$snap_ms"); idle_cpu_ms+=("$snap_cpu_ms"); idle_write_mbs+=("$(mbs_of "$snap_file_bytes" "$snap_ms")")
    idle_write_ips+=("$(per_second "$snap_items" "$snap_ms")"); idle_rss_ratios+=("$(rss_ratio "$snap_rss_peak" "$snap_rss_before")")
    say "  run $run  snapshot alone       $snap_items items, $snap_file_bytes bytes in $snap_ms ms: ${idle_write_mbs[-1]} MB/s, ${idle_write_ips[-1]} items/s; VmRSS $snap_rss_before -> peak $snap_rss_peak kB (${idle_rss_ratios[-1]}); node CPU meanwhile $snap_cpu_ms ms (load $la)"
  done
  # What the restarts must bring back: the last snapshot's files, nothing written since.
  snap_last_items="$snap_items"
  stats="$(server_stats "$node_port")"
  [ "$(stat_of "$stats" evictions)" = 0 ] || problems+=("snapshot: evictions is $(stat_of "$stats" evictions) after the runs, expected 0")
  say "  after the runs: curr_items $(stat_of "$stats" curr_items), evictions $(stat_of "$stats" evictions); files: $(cd "$snap_dir" && find . -maxdepth 1 -name '*.snap' -printf '%f %s bytes  ')"

  warm_ips=(); warm_mbs=(); cold_ips=(); cold_mbs=(); warm_ms=(); cold_ms=(); warm_gc=(); cold_gc=()
  local kind cached
  for run in $(seq 1 "$SNAP_RUNS"); do
    for kind in warm cold; do
      # cold: drop the page cache of these files alone (dd's nocache: fadvise DONTNEED), nothing else's
      if [ "$kind" = cold ]; then
        stop_all
        for i in "$snap_dir"/*.snap; do sync "$i"; dd if="$i" iflag=nocache count=0 status=none; done
        # what is still cached of them (fincore, util-linux): 0 unless another process reads them
        cached="$(fincore -b -n -o RES "$snap_dir"/*.snap 2>/dev/null | awk '{ n += $1 } END { print n + 0 }' || echo n/a)"
      fi
      la="$(loadavg1)"
      restart_node "snapshot-$kind-$run"
      if [ "$kind" = warm ]; then
        warm_ms+=("$load_ms"); warm_gc+=("${load_gc%% ms*}"); warm_ips+=("$(per_second "$load_items" "$load_ms")"); warm_mbs+=("$(mbs_of "$load_bytes" "$load_ms")")
        say "  run $run  restart, files cached  $load_items items, $load_bytes bytes in $load_ms ms: ${warm_ips[-1]} items/s, ${warm_mbs[-1]} MB/s; GC until ready: $load_gc; log: $load_log (load $la)"
      else
        cold_ms+=("$load_ms"); cold_gc+=("${load_gc%% ms*}"); cold_ips+=("$(per_second "$load_items" "$load_ms")"); cold_mbs+=("$(mbs_of "$load_bytes" "$load_ms")")
        say "  run $run  restart, files cold    $load_items items, $load_bytes bytes in $load_ms ms: ${cold_ips[-1]} items/s, ${cold_mbs[-1]} MB/s (bytes of the files cached before: $cached); GC until ready: $load_gc; log: $load_log (load $la)"
      fi
    done
  done
  stop_all
  disk_after="$(disk_write_mbs end)"
  disk_mbs=$(( disk_before > disk_after ? disk_before : disk_after ))
  say "  disk again: $disk_after MB/s (load $(cut -d' ' -f1-3 /proc/loadavg)); reference: the faster, $disk_mbs MB/s"

  local m_base m_during m_base_worst m_during_worst m_load_mbs m_idle_mbs m_load_ips m_idle_ips m_load_rss m_idle_rss
  local max_rss m_warm_ips m_cold_ips m_warm_mbs m_cold_mbs p99_ratio worst_ratio load_disk idle_disk
  m_base="$(printf '%s\n' "${base_p99s[@]}" | median)"; m_during="$(printf '%s\n' "${during_p99s[@]}" | median)"
  m_base_worst="$(printf '%s\n' "${base_worsts[@]}" | median_decimal)"; m_during_worst="$(printf '%s\n' "${during_worsts[@]}" | median_decimal)"
  m_load_mbs="$(printf '%s\n' "${load_write_mbs[@]}" | median_decimal)"; m_idle_mbs="$(printf '%s\n' "${idle_write_mbs[@]}" | median_decimal)"
  m_load_ips="$(printf '%s\n' "${load_write_ips[@]}" | median_decimal)"; m_idle_ips="$(printf '%s\n' "${idle_write_ips[@]}" | median_decimal)"
  m_load_rss="$(printf '%s\n' "${load_rss_ratios[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
  m_idle_rss="$(printf '%s\n' "${idle_rss_ratios[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
  max_rss="$(printf '%s\n' "$first_ratio" "${load_rss_ratios[@]}" "${idle_rss_ratios[@]}" | sort -g | tail -n 1)"
  m_warm_ips="$(printf '%s\n' "${warm_ips[@]}" | median_decimal)"; m_cold_ips="$(printf '%s\n' "${cold_ips[@]}" | median_decimal)"
  m_warm_mbs="$(printf '%s\n' "${warm_mbs[@]}" | median_decimal)"; m_cold_mbs="$(printf '%s\n' "${cold_mbs[@]}" | median_decimal)"
  p99_ratio="$(ratio "$m_during" "$m_base")"; worst_ratio="$(ratio "$m_during_worst" "$m_base_worst")"
  load_disk="$(ratio "$m_load_mbs" "$disk_mbs")"; idle_disk="$(ratio "$m_idle_mbs" "$disk_mbs")"
  snap_verdicts=(
    "write, during bench: $m_load_mbs MB/s = ${load_disk}x the disk (target 0.5x): $(verdict_at_least "$load_disk" 0.5)"
    "write, alone: $m_idle_mbs MB/s = ${idle_disk}x the disk (target 0.5x): $(verdict_at_least "$idle_disk" 0.5)"
    "load, files cached: $m_warm_ips items/s (target 1,000,000): $(verdict_at_least "$m_warm_ips" 1000000)"
    "load, files cold: $m_cold_ips items/s (target 1,000,000): $(verdict_at_least "$m_cold_ips" 1000000)"
    "peak RSS / before, during bench: ${m_load_rss} (target 1.10): $(verdict_at_most "$m_load_rss" 1.10); highest of every snapshot, the first one's included: $max_rss ($(verdict_at_most "$max_rss" 1.10))"
    "p99 during a snapshot / without: $m_during / $m_base us = ${p99_ratio}x (target 2x): $(verdict_at_most "$p99_ratio" 2)"
  )
  say "  median figures against their targets:"
  printf '    %s\n' "${snap_verdicts[@]}"
  say "    (for information: worst one-second p99 during / without: $m_during_worst / $m_base_worst us = ${worst_ratio}x)"

  {
    say "Snapshot: one node (\`bench/node-plain.yaml\`: no schedule, only the snapshots asked for), ${snap_memory_mb} MB, ${items} items of"
    say "${KEY_LENGTH}-byte keys and ${VALUE_LENGTH}-byte values (${SNAP_GB} GB of values; loaded with bench/LoadItems.java) plus bench's ${BENCH_KEYS}"
    say "keys in namespace bench. Disk: dd of ${SNAP_DD_MB} MiB with oflag=direct conv=fsync on the filesystem of the snapshot files,"
    say "$disk_before MB/s before and $disk_after MB/s after; the faster is the reference. ${SNAP_RUNS} rounds of: bench alone (${SNAP_CONNECTIONS} connections"
    say "from ${SNAP_CLIENT_THREADS} thread(s), one request in flight each, 90/10, ${windows[*]} s measured after ${BENCH_WARMUP} s), the same bench with"
    say "\`memcluster snapshot\` sent 1 s into its measured run, and a snapshot with no load. VmRSS sampled every 100 ms during each"
    say "snapshot: its peak over the figure just before. Write: bytes of the .snap files / duration_ms. Load: the node SIGKILLed and"
    say "restarted on the same folder, ${SNAP_RUNS} times with the files in the page cache and ${SNAP_RUNS} times after dropping their"
    say "cached pages; \`stats snapshots\` load_ms, loaded_items, loaded_bytes. MB = 10^6 bytes. Medians; every run in brackets."
    say "A first snapshot with no load, not counted: $first_line."
    say ""
    say "| figure | median | runs | target | |"
    say "| --- | ---: | --- | --- | --- |"
    say "| write MB/s, during bench | $m_load_mbs | ${load_write_mbs[*]} | 0.5x disk ($disk_mbs MB/s): ${load_disk}x | $(verdict_at_least "$load_disk" 0.5) |"
    say "| write MB/s, alone | $m_idle_mbs | ${idle_write_mbs[*]} | 0.5x disk: ${idle_disk}x | $(verdict_at_least "$idle_disk" 0.5) |"
    say "| write items/s, during bench / alone | $m_load_ips / $m_idle_ips | ${load_write_ips[*]} / ${idle_write_ips[*]} | | |"
    say "| snapshot ms, during bench / alone | $(printf '%s\n' "${load_snap_ms[@]}" | median) / $(printf '%s\n' "${idle_snap_ms[@]}" | median) | ${load_snap_ms[*]} / ${idle_snap_ms[*]} | | |"
    say "| node CPU ms meanwhile (all threads), during bench / alone | $(printf '%s\n' "${load_cpu_ms[@]}" | median) / $(printf '%s\n' "${idle_cpu_ms[@]}" | median) | ${load_cpu_ms[*]} / ${idle_cpu_ms[*]} | | |"
    say "| load items/s, files cached | $m_warm_ips | ${warm_ips[*]} | 1,000,000 | $(verdict_at_least "$m_warm_ips" 1000000) |"
    say "| load items/s, files cold | $m_cold_ips | ${cold_ips[*]} | 1,000,000 | $(verdict_at_least "$m_cold_ips" 1000000) |"
    say "| load MB/s, cached / cold | $m_warm_mbs / $m_cold_mbs | ${warm_mbs[*]} / ${cold_mbs[*]} | | |"
    say "| load ms, cached / cold | $(printf '%s\n' "${warm_ms[@]}" | median) / $(printf '%s\n' "${cold_ms[@]}" | median) | ${warm_ms[*]} / ${cold_ms[*]} | | |"
    say "| GC pause ms until ready, cached / cold | $(printf '%s\n' "${warm_gc[@]}" | median) / $(printf '%s\n' "${cold_gc[@]}" | median) | ${warm_gc[*]} / ${cold_gc[*]} | | |"
    say "| peak RSS / before, during bench | $m_load_rss | ${load_rss_ratios[*]} | at most 1.10 | $(verdict_at_most "$m_load_rss" 1.10) |"
    say "| peak RSS / before, alone | $m_idle_rss | ${idle_rss_ratios[*]} | at most 1.10 | $(verdict_at_most "$m_idle_rss" 1.10) |"
    say "| p99 µs, bench alone | $m_base | ${base_p99s[*]} | | |"
    say "| p99 µs, bench + snapshot | $m_during | ${during_p99s[*]} | at most 2x: ${p99_ratio}x | $(verdict_at_most "$p99_ratio" 2) |"
    say "| worst 1-s p99 µs, alone / + snapshot (information) | $m_base_worst / $m_during_worst | ${base_worsts[*]} / ${during_worsts[*]} | ${worst_ratio}x | |"
    say "| bench ops/s, alone / + snapshot | $(printf '%s\n' "${base_opss[@]}" | median) / $(printf '%s\n' "${during_opss[@]}" | median) | ${base_opss[*]} / ${during_opss[*]} | | |"
    say ""
    say "VmRSS of the node: $rss_empty kB empty, $rss_loaded kB loaded; the highest peak / before of every snapshot: $max_rss."
    say "Load average at the end of the section: $(cut -d' ' -f1-3 /proc/loadavg)."
  } >"$RESULTS_DIR/summary-snapshot.md"
}

for section in $all_sections; do
  if wanted "$section"; then
    "section_$section"
    summaries+=("$RESULTS_DIR/summary-$section.md")
  fi
done

# --- summary ---------------------------------------------------------------------------------

java_cmd="${JAVA:-java}"
cpu_model="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
mem_total="$(awk '/^MemTotal:/ { printf "%.1f GiB\n", $2 / 1048576 }' /proc/meminfo)"
summary="$RESULTS_DIR/summary.md"
every_section=1; node_sections=0
for section in $all_sections; do
  wanted "$section" || every_section=0
  [ "$section" != cluster ] && [ "$section" != snapshot ] && wanted "$section" && node_sections=1
done
title_parts=()
[ "$node_sections" = 1 ] && title_parts+=("$NODE_LABEL vs memcached")
wanted cluster && title_parts+=("the coordinator vs twemproxy")
wanted snapshot && title_parts+=("what a node's snapshot costs")
title="${title_parts[0]}"
for i in "${!title_parts[@]}"; do
  [ "$i" = 0 ] || title+=", and ${title_parts[i]}"
done
{
  say "### $title, $(date -u +%Y-%m-%d)"
  say ""
  if [ "$node_sections" = 1 ]; then
    say "Measured with bench/compare-memcached.sh$([ "$quick" = 1 ] && echo ' --quick')$([ "$every_section" = 1 ] || echo " --only ${sections// /,}") on loopback, both servers with"
    say "${MEMORY_MB} MB and ${THREADS} threads$( { wanted cluster || wanted fuzz || wanted snapshot; } && echo ' (the cluster, fuzz and snapshot sections: their own sizes, below)'). Node command: \`$(REPO=. PORT='<port>' MEMORY_MB="$MEMORY_MB" DATA_DIR='<empty folder>' bash -c "echo $NODE_CMD")\`"
  else
    say "Measured with bench/compare-memcached.sh$([ "$quick" = 1 ] && echo ' --quick') --only ${sections// /,} on loopback."
  fi
  for piece in "${summaries[@]}"; do
    say ""
    cat "$piece"
  done
  say ""
  say "Machine: $(nproc) CPUs ($cpu_model), $mem_total RAM, Linux $(uname -r); load average"
  say "$loadavg_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  say "$("$java_cmd" -version 2>&1 | head -n 2 | paste -sd ';' - | sed 's/;/; /')."
  [ "$memcached_wanted" = 1 ] && say "$(memcached -V); memcaslap from libmemcached-tools $(dpkg-query -W -f='${Version}' libmemcached-tools 2>/dev/null || echo '(version unknown)')$(wanted cluster && echo "; nutcracker $(dpkg-query -W -f='${Version}' nutcracker 2>/dev/null || echo '(version unknown)')")."
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
