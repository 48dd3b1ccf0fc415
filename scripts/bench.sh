#!/usr/bin/env bash
# Benchmark: calls/s and latency of echo.Echo through the broker and direct to the service.
#
# Starts a broker and an echo-service (which also listens for direct clients) on free loopback
# ports, waits until the service is registered, then runs `loadgen` for every concurrency in
# BENCH_CONCURRENCY, through the broker and direct, one after the other in the same run, and
# prints a markdown table plus the broker/direct ratios. The processes are stopped at the end.
#
# Expects a release build (`make bench` runs `swift build -c release` first).
#
# Environment:
#   BENCH_CONCURRENCY   calls in flight to measure, space separated   (default "1 32")
#   BENCH_DURATION      measured seconds per run                      (default 10)
#   BENCH_WARMUP        warm-up seconds per run, not recorded         (default 1)
#   BENCH_PAYLOAD       blob bytes per request                        (default 100)
#   BENCH_CONNECTIONS   loadgen --connections (default: loadgen's, min(concurrency, 4))
#   BENCH_THREADS       loadgen --threads                             (default 1)
#   BENCH_AUDIT         on: the broker records every call in its audit log   (default off)
#   BENCH_PATHS         which paths to measure, space separated: broker, direct (default both)
#   BENCH_TRUST         on: principals from deploy/principals.example.json: loadgen presents a
#                       clerk's token, echo-service registers with its credential, the broker
#                       checks both and the method's roles                     (default off)
#   BIN                 directory of the executables (default: swift build -c release --show-bin-path)
#   BENCH_LOADGEN       path of the loadgen binary that drives the load (default "$BIN/loadgen")
#                       For a before/after comparison, point BIN at each build of the stack in turn
#                       and keep BENCH_LOADGEN at one loadgen, so both are measured by the same
#                       load generator (it must accept the options used here: --target,
#                       --concurrency, --duration, --warmup, --payload, --threads, --label, --json,
#                       --connections).
set -euo pipefail
caller_dir=$PWD
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bin=${BIN:-$(swift build -c release --show-bin-path)}
concurrencies=${BENCH_CONCURRENCY:-"1 32"}
paths=${BENCH_PATHS:-"broker direct"}
for path in $paths; do
  case $path in broker | direct) ;; *) echo "bench: BENCH_PATHS takes broker and direct (got \"$path\")" >&2; exit 64 ;; esac
done
duration=${BENCH_DURATION:-10}
warmup=${BENCH_WARMUP:-1}
payload=${BENCH_PAYLOAD:-100}
threads=${BENCH_THREADS:-1}
connections=${BENCH_CONNECTIONS:-}
loadgen=${BENCH_LOADGEN:-$bin/loadgen}
case $loadgen in
  /*) ;;
  */*) loadgen="$caller_dir/$loadgen" ;;                        # relative to where bench was started
  *) loadgen=$(command -v -- "$loadgen" || echo "$loadgen") ;;  # a bare name: from PATH
esac

for exe in broker echo-service window; do
  if [ ! -x "$bin/$exe" ]; then
    echo "bench: $bin/$exe not found; build first: swift build -c release (or: make bench)" >&2
    exit 1
  fi
done
if [ ! -x "$loadgen" ]; then
  if [ -n "${BENCH_LOADGEN:-}" ]; then
    echo "bench: BENCH_LOADGEN=$loadgen is not an executable file" >&2
  else
    echo "bench: $loadgen not found; build first: swift build -c release (or: make bench)" >&2
  fi
  exit 1
fi
command -v python3 >/dev/null || { echo "bench: python3 is needed (free ports, table)" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
broker_port=$(free_port)
direct_port=$(free_port)
while [ "$direct_port" = "$broker_port" ]; do direct_port=$(free_port); done
broker_addr="127.0.0.1:$broker_port"
direct_addr="127.0.0.1:$direct_port"

work=$(mktemp -d "${TMPDIR:-/tmp}/bench.XXXXXX")
pids=()
stop() {
  local pid
  # The service first (it says GOODBYE to the broker), then the broker.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid=${pids[$i]}
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM

show_log() { echo "--- $1 ---" >&2; tail -20 "$work/$1" >&2 || true; }

max_c=1
for c in $concurrencies; do
  case $c in '' | *[!0-9]*) echo "bench: BENCH_CONCURRENCY must be numbers (got \"$c\")" >&2; exit 64 ;; esac
  [ "$c" -gt "$max_c" ] && max_c=$c
done
echo_max=$((max_c > 256 ? max_c : 256))

# The routing core alone: its database in the run's folder and, unless BENCH_AUDIT=on, without the
# audit log (its cost is measured separately; see README "Performance"). Older builds without
# these flags are run as they are.
broker_args=()
if "$bin/broker" serve --help 2>/dev/null | grep -q -- '--audit'; then
  broker_args=(--db "$work/broker.sqlite" --audit "${BENCH_AUDIT:-off}")
fi
# With BENCH_TRUST=on: tokens, service credentials and role checks (the example principals).
echo_args=()
trust_args=()
window_args=()
if [ "${BENCH_TRUST:-off}" = on ]; then
  broker_args+=(--principals "$root/deploy/principals.example.json")
  echo_args=(--credential EXAMPLE-service-echo-credential-CHANGE-ME)
  trust_args=(--metadata "authorization=Bearer EXAMPLE-clerk-01-token-CHANGE-ME")
  window_args=(--token EXAMPLE-clerk-01-token-CHANGE-ME)
fi
"$bin/broker" --listen "$broker_addr" --log-level warning "${broker_args[@]}" >"$work/broker.log" 2>&1 &
pids+=($!)
ready=0
for _ in $(seq 100); do
  if "$bin/window" --broker "$broker_addr" health >/dev/null 2>&1; then ready=1; break; fi
  sleep 0.1
done
[ "$ready" = 1 ] || { echo "bench: the broker did not come up on $broker_addr" >&2; show_log broker.log; exit 1; }

"$bin/echo-service" --broker "$broker_addr" --listen "$direct_addr" --max-concurrent "$echo_max" \
  --instance-id echo-bench --log-level warning "${echo_args[@]}" >"$work/echo.log" 2>&1 &
pids+=($!)
ready=0
for _ in $(seq 100); do
  if "$bin/window" --broker "$broker_addr" "${window_args[@]}" services echo 2>/dev/null | grep -q instance; then ready=1; break; fi
  sleep 0.1
done
[ "$ready" = 1 ] || { echo "bench: echo-service did not register with the broker" >&2; show_log echo.log; exit 1; }
ready=0
for _ in $(seq 100); do
  if python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$direct_port" 2>/dev/null; then
    ready=1; break
  fi
  sleep 0.1
done
[ "$ready" = 1 ] || { echo "bench: echo-service does not listen on $direct_addr" >&2; show_log echo.log; exit 1; }

# CPU time (user + system, clock ticks) a process has used so far.
ticks_of() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# CPU time of the waited-for children of this shell (loadgen), in seconds.
# (`times` must run in this shell, not in a pipe or $(...), to see this shell's children.)
children_seconds() {
  times >"$work/times"
  awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.3f\n", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$work/times"
}
hz=$(getconf CLK_TCK)
now() { echo "${EPOCHREALTIME:-$(date +%s.%N)}"; }

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
[ -n "$cpu_model" ] || cpu_model=$(uname -m)
echo "## Benchmark: echo.Echo through the broker and direct"
echo
echo "- machine: $(nproc) CPUs, $cpu_model, Linux $(uname -r)"
echo "- command: ${BIN:+BIN=$BIN }${BENCH_LOADGEN:+BENCH_LOADGEN=$BENCH_LOADGEN }BENCH_AUDIT=${BENCH_AUDIT:-off} BENCH_TRUST=${BENCH_TRUST:-off} BENCH_CONCURRENCY=\"$concurrencies\" BENCH_PATHS=\"$paths\" BENCH_DURATION=$duration BENCH_WARMUP=$warmup BENCH_PAYLOAD=$payload${BENCH_CONNECTIONS:+ BENCH_CONNECTIONS=$connections} BENCH_THREADS=$threads scripts/bench.sh"
echo "- broker: \`broker --listen $broker_addr --log-level warning ${broker_args[*]:-}\`"
echo "- service: \`echo-service --broker $broker_addr --listen $direct_addr --max-concurrent $echo_max --log-level warning\`"
echo "- load generator: \`$loadgen\`"
echo "- everything on this machine over loopback; each run ${duration} s measured after ${warmup} s warm-up, ${payload}-byte blob"
echo "- load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the numbers)"
echo

results="$work/results.jsonl"
: >"$results"
status=0
broker_pid=${pids[0]}
echo_pid=${pids[1]}
for c in $concurrencies; do
  for path in $paths; do
    if [ "$path" = broker ]; then target=$broker_addr; else target=$direct_addr; fi
    args=(--target "$target" --concurrency "$c" --duration "$duration" --warmup "$warmup" --payload "$payload"
          --threads "$threads" --label "$path" --json)
    [ "$path" = broker ] && args+=("${trust_args[@]}")
    [ -n "$connections" ] && args+=(--connections "$([ "$connections" -gt "$c" ] && echo "$c" || echo "$connections")")
    echo "- \`loadgen ${args[*]}\`"
    children_seconds >"$work/l0"; b0=$(ticks_of "$broker_pid"); e0=$(ticks_of "$echo_pid"); t0=$(now)
    rc=0
    line=$("$loadgen" "${args[@]}" 2>"$work/loadgen.err") || rc=$?
    t1=$(now); b1=$(ticks_of "$broker_pid"); e1=$(ticks_of "$echo_pid"); children_seconds >"$work/l1"
    l0=$(cat "$work/l0"); l1=$(cat "$work/l1")
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ] || [ -z "$line" ]; then
      echo "bench: loadgen failed (exit $rc) for $path at $c in flight:" >&2
      cat "$work/loadgen.err" >&2
      show_log broker.log; show_log echo.log
      exit 1
    fi
    [ "$rc" -eq 0 ] || status=1
    cpu=$(awk -v b="$((b1 - b0))" -v e="$((e1 - e0))" -v l0="$l0" -v l1="$l1" -v t0="$t0" -v t1="$t1" -v hz="$hz" \
      'BEGIN { w = t1 - t0; printf "{\"cpu_broker\": %.2f, \"cpu_echo\": %.2f, \"cpu_loadgen\": %.2f}", b / hz / w, e / hz / w, (l1 - l0) / w }')
    printf '%s\t%s\t%s\n' "$c" "$line" "$cpu" >>"$results"
  done
done
echo "- load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

python3 - "$results" <<'EOF'
import json, sys

rows = []
for raw in open(sys.argv[1], encoding="utf-8"):
    c, line, cpu = raw.rstrip("\n").split("\t")
    r = json.loads(line)
    r.update(json.loads(cpu))
    rows.append(r)

def num(x, d=1):
    return f"{x:,.{d}f}"

print("| path | in flight | calls/s | p50 µs | p90 µs | p99 µs | p99.9 µs |")
print("|---|---:|---:|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r['label']} | {r['concurrency']} | {num(r['calls_per_s'], 0)} | {num(r['p50_us'])} | {num(r['p90_us'])} "
          f"| {num(r['p99_us'])} | {num(r['p999_us'])} |")
print()
print("| in flight | calls/s broker/direct | p50 broker/direct |")
print("|---:|---:|---:|")
for c in dict.fromkeys(r["concurrency"] for r in rows):
    b = next((r for r in rows if r["concurrency"] == c and r["label"] == "broker"), None)
    d = next((r for r in rows if r["concurrency"] == c and r["label"] == "direct"), None)
    if not b or not d:
        continue
    tput = f"{b['calls_per_s'] / d['calls_per_s']:.2f}" if d["calls_per_s"] else "n/a"
    p50 = f"{b['p50_us'] / d['p50_us']:.2f}" if d["p50_us"] else "n/a"
    print(f"| {c} | {tput} | {p50} |")
print()
print("CPU used during each run, in cores (all processes share this machine's CPUs):")
print()
print("| path | in flight | broker | echo-service | loadgen |")
print("|---|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r['label']} | {r['concurrency']} | {r['cpu_broker']:.2f} | {r['cpu_echo']:.2f} | {r['cpu_loadgen']:.2f} |")
problems = [r for r in rows if r["errors"] or r["failures"]]
if problems:
    print()
    for r in problems:
        print(f"**{r['label']} at {r['concurrency']} in flight: {r['errors']} errors** "
              f"{r['error_samples'] or ''} {'; '.join(r['failures'])}")
EOF

exit "$status"
