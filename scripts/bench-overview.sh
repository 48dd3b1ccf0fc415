#!/usr/bin/env bash
# Benchmark: the resident overview (window.GetResidentOverview, 一人一档) through the broker with
# the same synthetic residents in all four offices.
#
# Seeds each office's database with the scale benches unless OVERVIEW_DIR already holds them
# (employment: the first N working-age residents, 7 in 10 of them; health and security: residents
# 1…N; assistance: N×2/5 households of 1–4 members, residents 1…≈N), starts the broker with the
# example principals and the four offices on those databases, asks for a sample of residents'
# overviews with `window resident --json` and counts the offices' answers, then runs `loadgen
# --method window.GetResidentOverview --data '{"idNumber":"{id}"}' --vary 1-N` as a window clerk
# for every concurrency in OVERVIEW_CONCURRENCY, OVERVIEW_ROUNDS times, alternating, each followed
# by security.GetFloatingResident for the same residents (one office's read, for comparison). Prints
# calls/s, latency, the CPU the broker and the offices used (cores, over the load's seconds; the
# broker hosts the window's composition) and the load average before and after. No ID number is
# printed.
#
# Expects a release build (swift build -c release).
#
# Environment:
#   OVERVIEW_DIR          databases, kept between runs (default data/overview)
#   OVERVIEW_RESIDENTS    N (default 1000000)
#   OVERVIEW_AUDIT        off | on: the broker's audit log (default off)
#   OVERVIEW_CONCURRENCY  calls in flight, space separated (default "1 32")
#   OVERVIEW_ROUNDS       rounds over the concurrencies (default 2)
#   OVERVIEW_DURATION     measured seconds per run (default 10)
#   OVERVIEW_SAMPLE       residents whose overview is checked (default 200)
#   BIN                   directory of the executables (default: swift build -c release --show-bin-path)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bin=${BIN:-$(swift build -c release --show-bin-path)}
dir=${OVERVIEW_DIR:-data/overview}
residents=${OVERVIEW_RESIDENTS:-1000000}
audit=${OVERVIEW_AUDIT:-off}
concurrencies=${OVERVIEW_CONCURRENCY:-"1 32"}
rounds=${OVERVIEW_ROUNDS:-2}
duration=${OVERVIEW_DURATION:-10}
sample=${OVERVIEW_SAMPLE:-200}
clerk=EXAMPLE-clerk-01-token-CHANGE-ME
for exe in broker employment assistance health security window loadgen; do
  [ -x "$bin/$exe" ] || { echo "bench-overview: $bin/$exe not found; build first: swift build -c release" >&2; exit 1; }
done
command -v python3 >/dev/null || { echo "bench-overview: python3 is needed (free port, sample check)" >&2; exit 1; }
mkdir -p "$dir"

# Seeding: each bench seeds an empty database and then times a few calls (one sample here).
[ -s "$dir/employment.sqlite" ] || "$bin/employment" bench-store --seekers "$residents" --db "$dir/employment.sqlite" --samples 1 >/dev/null
[ -s "$dir/health.sqlite" ] || "$bin/health" bench-store --records "$residents" --db "$dir/health.sqlite" --samples 1 >/dev/null
[ -s "$dir/security.sqlite" ] || "$bin/security" bench-store --registrations "$residents" --db "$dir/security.sqlite" --samples 1 >/dev/null
[ -s "$dir/assistance.sqlite" ] ||
  "$bin/assistance" bench --households $((residents * 2 / 5)) --no-payment-run --db "$dir/assistance.sqlite" --samples 1 >/dev/null

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
broker="127.0.0.1:$port"
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-overview.XXXXXX")
pids=()
stop() {
  local pid
  # The offices first (they say GOODBYE to the broker), then the broker.
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

"$bin/broker" --listen "$broker" --db "$work/broker.sqlite" --audit "$audit" --log-level warning \
  --principals deploy/principals.example.json --communities deploy/communities.json --calendar deploy/calendar.json \
  >"$work/broker.out" 2>"$work/broker.log" &
pids+=($!)
for _ in $(seq 600); do
  grep -q '^listening on ' "$work/broker.out" 2>/dev/null && break
  kill -0 "${pids[0]}" 2>/dev/null || { cat "$work/broker.log" >&2; exit 1; }
  sleep 0.1
done
for office in employment assistance health security; do
  "$bin/$office" --broker "$broker" --db "$dir/$office.sqlite" --instance-id "$office-bench" --log-level warning \
    --credential "EXAMPLE-service-$office-credential-CHANGE-ME" >"$work/$office.log" 2>&1 &
  pids+=($!)
done
for service in employment assistance health security window; do
  ready=0
  for _ in $(seq 300); do
    if "$bin/window" --broker "$broker" --token "$clerk" services "$service" 2>/dev/null | grep -q instance; then ready=1; break; fi
    sleep 0.1
  done
  [ "$ready" = 1 ] || { echo "bench-overview: $service did not register" >&2; tail -20 "$work"/*.log >&2; exit 1; }
done

# The offices' answers for a sample of residents: security's registration n is resident n, so its
# table gives the residents' ID numbers without printing them.
python3 - "$bin/window" "$broker" "$clerk" "$dir/security.sqlite" "$residents" "$sample" <<'EOF'
import collections, json, random, sqlite3, subprocess, sys
window, broker, token, db, residents, sample = sys.argv[1:7]
rows = sqlite3.connect(db)
random.seed(1)
answers = collections.defaultdict(collections.Counter)
for n in random.sample(range(1, int(residents) + 1), int(sample)):
    (id_number,) = rows.execute("SELECT id_number FROM floating_residents WHERE id = ?", (n,)).fetchone()
    reply = json.loads(subprocess.run([window, "--broker", broker, "--token", token, "resident", "--json", id_number],
                                      check=True, capture_output=True, text=True).stdout)
    for part in reply["offices"]:
        answers[part["office"]][part.get("answer", "?")] += 1
print(f"offices' answers for {sample} residents drawn from 1-{residents}:")
for office, counted in answers.items():
    print(f"  {office:<11}", ", ".join(f"{answer} {count}" for answer, count in counted.most_common()))
EOF

# CPU seconds a process has used so far (utime + stime from /proc, in clock ticks).
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)   (audit log $audit)"
echo "| method | in flight | calls/s | p50 µs | p90 µs | p99 µs | errors | broker CPU (cores) | offices CPU (cores) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for _ in $(seq "$rounds"); do
  for c in $concurrencies; do
    # The overview, then one office's read of the same residents for comparison.
    for method in window.GetResidentOverview security.GetFloatingResident; do
      broker_before=$(ticks "${pids[0]}")
      offices_before=0
      for pid in "${pids[@]:1}"; do offices_before=$((offices_before + $(ticks "$pid"))); done
      "$bin/loadgen" --target "$broker" --method "$method" --data '{"idNumber":"{id}"}' --vary "1-$residents" \
        --templates 65536 --concurrency "$c" --duration "$duration" --warmup 0 --metadata "authorization=Bearer $clerk" --json >"$work/run.json" || true
      broker_used=$(($(ticks "${pids[0]}") - broker_before))
      offices_used=0
      for pid in "${pids[@]:1}"; do offices_used=$((offices_used + $(ticks "$pid"))); done
      offices_used=$((offices_used - offices_before))
      python3 - "$method" "$c" "$work/run.json" "$broker_used" "$offices_used" "$hz" "$duration" <<'EOF'
import json, sys
method, c, path, broker, offices, hz, duration = sys.argv[1:8]
run = json.load(open(path))
cores = lambda t: int(t) / int(hz) / float(duration)
print(f"| {method} | {c} | {run['calls_per_s']:,.0f} | {run['p50_us']:,.0f} | {run['p90_us']:,.0f} | {run['p99_us']:,.0f} | {run['errors']} "
      f"| {cores(broker):.2f} | {cores(offices):.2f} |")
EOF
    done
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
