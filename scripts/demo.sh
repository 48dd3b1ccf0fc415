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

# The broker with the communities and grids registry every office validates codes through.
rm -f "$logs"/broker.sqlite*
# Callers authenticate with bearer tokens; each office's contract says which roles may call what.
"$bin/broker" --listen "$broker" --db "$logs/broker.sqlite" --communities deploy/communities.json --calendar deploy/calendar.json \
  --principals deploy/principals.example.json \
  >"$logs/broker.out" 2>"$logs/broker.log" &
pids+=($!)
# It prints `listening on HOST:PORT` once bound (a bind failure ends it: then show its log).
for _ in $(seq 600); do
  grep -q '^listening on ' "$logs/broker.out" 2>/dev/null && break
  kill -0 "${pids[0]}" 2>/dev/null || { cat "$logs/broker.log" >&2; exit 1; }
  sleep 0.1
done

# Each service registers with its own credential (work admission, 社区工作准入).
"$bin/echo-service" --broker "$broker" --instance-id echo-demo --credential EXAMPLE-service-echo-credential-CHANGE-ME >"$logs/echo.log" 2>&1 &
pids+=($!)

# The employment office with fresh demo data: a few hundred residents in two communities.
rm -f "$logs"/employment.sqlite*
"$bin/employment" seed-demo --db "$logs/employment.sqlite" --seekers 300 2>/dev/null
"$bin/employment" --broker "$broker" --db "$logs/employment.sqlite" --instance-id employment-demo \
  --credential EXAMPLE-service-employment-credential-CHANGE-ME >"$logs/employment.log" 2>&1 &
pids+=($!)
clerk=EXAMPLE-clerk-01-token-CHANGE-ME
staff=EXAMPLE-employment-staff-01-token-CHANGE-ME
for service in echo employment; do
  for _ in $(seq 100); do "$bin/window" --broker "$broker" --token "$clerk" services "$service" 2>/dev/null | grep -q instance && break; sleep 0.1; done
done

W() { "$bin/window" --broker "$broker" --token "$staff" "$@"; }
C() { "$bin/window" --broker "$broker" --token "$clerk" "$@"; }
step window --broker "$broker" health
"$bin/window" --broker "$broker" health
step window --token CLERK services
C services
step window --token CLERK call window.GetCommunity --data "'{\"code\": \"330902001001\"}'"
C call window.GetCommunity --data '{"code": "330902001001"}' | head -20
echo "  …"
step window --token CLERK call echo.Echo --data "'{\"text\": \"一站式服务窗口\"}'"
C call echo.Echo --data '{"text": "一站式服务窗口"}'
step window --token CLERK call echo.Validate --data "'{\"idNumber\": \"11010519491231002X\", \"amountFen\": \"100\"}'"
C call echo.Validate --data '{"idNumber": "11010519491231002X", "amountFen": "100"}'
step window --token CLERK call echo.Validate --data "'{\"idNumber\": \"110105194912310021\"}'"
C call echo.Validate --data '{"idNumber": "110105194912310021"}' || echo "(exit status $? = 10 + INVALID_ARGUMENT)"
step window call echo.Echo  "# no token"
"$bin/window" --broker "$broker" call echo.Echo --data '{}' || echo "(exit status $? = 10 + UNAUTHENTICATED)"

seeker='{"idNumber": "11010519491231002X", "name": "张秀英", "communityCode": "330902001001", "gridCode": "330902001001002", "category": "MINIMUM_LIVING_ALLOWANCE", "skills": ["cooking", "cleaning"], "acceptsPromise": true}'
step window --token CLERK call employment.RegisterJobSeeker --data "'$seeker'"
C call employment.RegisterJobSeeker --data "$seeker" --idempotency-key demo-register-1
step window --token CLERK call employment.GetJobSeeker --data "'{\"seekerId\": \"S301\"}'" "# a clerk sees the ID number and name masked"
C call employment.GetJobSeeker --data '{"seekerId": "S301"}' --purpose "registration check"
step window --token CLERK call employment.RecordPlacement "# only employment staff may place: refused"
C call employment.RecordPlacement --data '{"seekerId": "S301", "vacancyId": "V1", "startDate": "2026-01-05"}' || echo "(exit status $? = 10 + PERMISSION_DENIED)"
step window --token STAFF call employment.MatchVacancies --data "'{\"seekerId\": \"S301\", \"limit\": 2}'"
W call employment.MatchVacancies --data '{"seekerId": "S301", "limit": 2}'
vacancy=$(W call employment.MatchVacancies --data '{"seekerId": "S301", "limit": 1}' | sed -n 's/.*"vacancyId": "\(V[0-9]*\)".*/\1/p' | head -1)
step window --token STAFF call employment.RecordPlacement --data "'{\"seekerId\": \"S301\", \"vacancyId\": \"$vacancy\", \"startDate\": \"$(date +%F)\"}'"
W call employment.RecordPlacement --data "{\"seekerId\": \"S301\", \"vacancyId\": \"$vacancy\", \"startDate\": \"$(date +%F)\"}"
step window --token STAFF call employment.GetCommunityStatus --data "'{\"communityCode\": \"330902001001\"}'"
W call employment.GetCommunityStatus --data '{"communityCode": "330902001001"}'

auditor=EXAMPLE-auditor-01-token-CHANGE-ME
step window --token AUDITOR audit resident 11010519491231002X "# who read or wrote this resident's data (the audit log is written in batches)"
for _ in $(seq 50); do
  "$bin/window" --broker "$broker" --token "$auditor" audit resident 11010519491231002X 2>/dev/null | grep -q RecordPlacement && break
  sleep 0.1
done
"$bin/window" --broker "$broker" --token "$auditor" audit resident 11010519491231002X
step window --token AUDITOR audit verify
"$bin/window" --broker "$broker" --token "$auditor" audit verify

if [ "${DEMO_EXIT:-0}" = 1 ]; then exit 0; fi
printf '\nThe stack is running: broker on %s, logs in %s/. Try the commands above. Ctrl-C stops it.\n' "$broker" "$logs"
wait
