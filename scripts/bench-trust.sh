#!/usr/bin/env bash
# The trust boundary's cost: calls/s through the broker at 32 in flight with authentication,
# access control and the audit log all on, against the same build with them all off, in
# alternating pairs (open, then everything on), each pair one after the other on this machine.
#
# One pair says little on a 2-vCPU VM: runs of the same configuration differ by up to 10%. So it
# runs BENCH_PAIRS pairs and prints each, the spread of the pairs' costs, and the cost on the
# means (1 − mean everything-on / mean open), which is the figure the README states.
#
# Expects a release build (`make bench-trust` runs `swift build -c release` first).
#
# Environment (and those of scripts/bench.sh it passes on: BIN, BENCH_LOADGEN, BENCH_DURATION,
# BENCH_WARMUP, BENCH_PAYLOAD, BENCH_CONNECTIONS, BENCH_THREADS):
#   BENCH_PAIRS         how many pairs to run                     (default 5)
#   BENCH_CONCURRENCY   calls in flight                           (default 32)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
pairs=${BENCH_PAIRS:-5}
case $pairs in '' | *[!0-9]* | 0) echo "bench-trust: BENCH_PAIRS must be a positive number (got \"$pairs\")" >&2; exit 64 ;; esac
concurrency=${BENCH_CONCURRENCY:-32}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One run of scripts/bench.sh through the broker only; prints "calls/s p99-µs".
run() {
  local out
  if ! out=$(BENCH_TRUST=$1 BENCH_AUDIT=$2 BENCH_PATHS=broker BENCH_CONCURRENCY=$concurrency ./scripts/bench.sh 2>"$work/err"); then
    echo "bench-trust: scripts/bench.sh failed (BENCH_TRUST=$1 BENCH_AUDIT=$2):" >&2
    cat "$work/err" >&2
    exit 1
  fi
  python3 -c '
import sys
for line in sys.stdin:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) == 7 and cells[0] == "broker" and cells[1] == sys.argv[1]:
        print(cells[2].replace(",", ""), cells[5].replace(",", ""))
        break
else:
    sys.exit("bench-trust: no broker row in the benchmark output")
' "$concurrency" <<<"$out"
}

echo "## The trust boundary's cost: $pairs pairs at $concurrency in flight, open then everything on"
echo
echo "| pair | open calls/s | p99 µs | everything on calls/s | p99 µs | cost |"
echo "|---:|---:|---:|---:|---:|---:|"
: >"$work/pairs"
for i in $(seq "$pairs"); do
  read -r open open_p99 < <(run off off)
  read -r all all_p99 < <(run on on)
  echo "$open $all" >>"$work/pairs"
  python3 -c 'import sys; o, op, a, ap, i = sys.argv[1:]; print(f"| {i} | {float(o):,.0f} | {op} | {float(a):,.0f} | {ap} | {100 * (1 - float(a) / float(o)):.1f}% |")' \
    "$open" "$open_p99" "$all" "$all_p99" "$i"
done
echo
python3 - "$work/pairs" <<'PY'
import sys
pairs = [tuple(map(float, line.split())) for line in open(sys.argv[1])]
costs = sorted(100 * (1 - a / o) for o, a in pairs)
mean_open = sum(o for o, _ in pairs) / len(pairs)
mean_all = sum(a for _, a in pairs) / len(pairs)
print(f"- mean open {mean_open:,.0f} calls/s, mean everything on {mean_all:,.0f} calls/s")
print(f"- cost on the means: {100 * (1 - mean_all / mean_open):.1f}% (the README's aim: under 15%)")
print(f"- pairs: {costs[0]:.1f}% to {costs[-1]:.1f}%, {sum(c < 15 for c in costs)} of {len(costs)} under 15%")
PY
