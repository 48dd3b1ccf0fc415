#!/usr/bin/env bash
# Starts the whole stack on this machine (broker + every service built so far), shows it
# working with the `window` client, then keeps running until Ctrl-C (or exits at once with
# DEMO_EXIT=1, which CI-like checks use). Logs go to data/demo/*.log.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bin=${BIN:-$(swift build --show-bin-path)}
port=${DEMO_PORT:-7000}
broker="127.0.0.1:$port"
logs=data/demo
mkdir -p "$logs"
pids=()
stop() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

"$bin/broker" --listen "$broker" >"$logs/broker.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do "$bin/window" --broker "$broker" health >/dev/null 2>&1 && break; sleep 0.1; done

"$bin/echo-service" --broker "$broker" --instance-id echo-demo >"$logs/echo.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do "$bin/window" --broker "$broker" services echo 2>/dev/null | grep -q instance && break; sleep 0.1; done

step window --broker "$broker" health
"$bin/window" --broker "$broker" health
step window --broker "$broker" services
"$bin/window" --broker "$broker" services
step window --broker "$broker" call echo.Echo --data "'{\"text\": \"一站式服务窗口\"}'"
"$bin/window" --broker "$broker" call echo.Echo --data '{"text": "一站式服务窗口"}'
step window --broker "$broker" call echo.Validate --data "'{\"idNumber\": \"11010519491231002X\", \"amountFen\": \"100\"}'"
"$bin/window" --broker "$broker" call echo.Validate --data '{"idNumber": "11010519491231002X", "amountFen": "100"}'
step window --broker "$broker" call echo.Validate --data "'{\"idNumber\": \"110105194912310021\"}'"
"$bin/window" --broker "$broker" call echo.Validate --data '{"idNumber": "110105194912310021"}' || echo "(exit status $? = 10 + INVALID_ARGUMENT)"

if [ "${DEMO_EXIT:-0}" = 1 ]; then exit 0; fi
printf '\nThe stack is running: broker on %s, logs in %s/. Try the commands above. Ctrl-C stops it.\n' "$broker" "$logs"
wait
