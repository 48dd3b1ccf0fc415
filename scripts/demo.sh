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

# The demo's synthetic residents (valid check characters, nobody's real number). The commands
# shown on screen name them as $ID, $VALID_ID and $WRONG_CHECK_ID.
ID=110105197503120026
# Dates as the offices count them: China Standard Time (UTC+8, no daylight saving; the POSIX TZ
# string needs no tzdata), not the machine's zone — from 16:00 to 24:00 UTC they are a day apart.
today=$(TZ=CST-8 date +%F)
this_month=$(TZ=CST-8 date +%Y-%m)
VALID_ID=11010519491231002X
WRONG_CHECK_ID=110105194912310021
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
# The other three offices, each with its own demo data.
rm -f "$logs"/assistance.sqlite* "$logs"/health.sqlite* "$logs"/security.sqlite*
"$bin/assistance" seed-demo --db "$logs/assistance.sqlite" --households 400 2>/dev/null
"$bin/health" seed-demo --db "$logs/health.sqlite" --records 400 2>/dev/null
"$bin/security" seed-demo --db "$logs/security.sqlite" 2>/dev/null
for office in assistance health security; do
  "$bin/$office" --broker "$broker" --db "$logs/$office.sqlite" --instance-id "$office-demo" \
    --credential "EXAMPLE-service-$office-credential-CHANGE-ME" >"$logs/$office.log" 2>&1 &
  pids+=($!)
done
clerk=EXAMPLE-clerk-01-token-CHANGE-ME
staff=EXAMPLE-employment-staff-01-token-CHANGE-ME
for service in echo employment assistance health security window; do
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
step window --token CLERK call echo.Validate --data "'{\"idNumber\": \"\$VALID_ID\", \"amountFen\": \"100\"}'"
C call echo.Validate --data '{"idNumber": "'"$VALID_ID"'", "amountFen": "100"}'
step window --token CLERK call echo.Validate --data "'{\"idNumber\": \"\$WRONG_CHECK_ID\"}'"
C call echo.Validate --data '{"idNumber": "'"$WRONG_CHECK_ID"'"}' || echo "(exit status $? = 10 + INVALID_ARGUMENT)"
step window call echo.Echo  "# no token"
"$bin/window" --broker "$broker" call echo.Echo --data '{}' || echo "(exit status $? = 10 + UNAUTHENTICATED)"

seeker='{"idNumber": "'"$ID"'", "name": "张秀英", "communityCode": "330902001001", "gridCode": "330902001001002", "category": "MINIMUM_LIVING_ALLOWANCE", "skills": ["cooking", "cleaning"], "acceptsPromise": true}'
step window --token CLERK call employment.RegisterJobSeeker --data "'${seeker//$ID/\$ID}'"
C call employment.RegisterJobSeeker --data "$seeker" --idempotency-key demo-register-1
step window --token CLERK call employment.GetJobSeeker --data "'{\"seekerId\": \"S301\"}'" "# a clerk sees the ID number and name masked"
C call employment.GetJobSeeker --data '{"seekerId": "S301"}' --purpose "registration check"
step window --token CLERK call employment.RecordPlacement "# only employment staff may place: refused"
C call employment.RecordPlacement --data '{"seekerId": "S301", "vacancyId": "V1", "startDate": "2026-01-05"}' || echo "(exit status $? = 10 + PERMISSION_DENIED)"
step window --token STAFF call employment.RecognizeHardship "# 就业困难人员认定: staff recognise on evidence (the declared category alone opens nothing)"
W call employment.RecognizeHardship --data "{\"seekerId\": \"S301\", \"ground\": \"HARDSHIP_GROUND_MINIMUM_LIVING_ALLOWANCE\", \"evidence\": \"低保证 2026-0012\", \"validUntil\": \"$(TZ=CST-8 date -d '+1 year' +%F)\"}" | grep -E '"(hardship|ground|decidedBy|validUntil)"'
step window --token STAFF call employment.RecordOffer "# 不挑不拣: an offer refused, with the reason (two suitable refusals release the promise)"
W call employment.RecordOffer --data "{\"seekerId\": \"S301\", \"vacancyId\": \"V2\", \"offeredOn\": \"$today\", \"outcome\": \"OFFER_OUTCOME_REFUSED\", \"suitable\": true, \"reason\": \"night shifts\"}"
step window --token STAFF call employment.MatchVacancies --data "'{\"seekerId\": \"S301\", \"limit\": 2}'"
W call employment.MatchVacancies --data '{"seekerId": "S301", "limit": 2}'
vacancy=$(W call employment.MatchVacancies --data '{"seekerId": "S301", "limit": 1}' | sed -n 's/.*"vacancyId": "\(V[0-9]*\)".*/\1/p' | head -1)
step window --token STAFF call employment.RecordPlacement --data "'{\"seekerId\": \"S301\", \"vacancyId\": \"$vacancy\", \"startDate\": \"$today\"}'"
W call employment.RecordPlacement --data "{\"seekerId\": \"S301\", \"vacancyId\": \"$vacancy\", \"startDate\": \"$today\"}"
step window --token CLERK call employment.RegisterJobSeeker "# she loses the job and comes back (再就业): the same record, spell 2"
C call employment.RegisterJobSeeker --data "$seeker" --idempotency-key demo-register-2 | grep -E '"(seekerId|status|spell)"'
step window --token STAFF call employment.ListZeroEmploymentHouseholds --data "'{\"communityCode\": \"330902001001\", \"pageSize\": 3}'" "# 零就业家庭"
W call employment.ListZeroEmploymentHouseholds --data '{"communityCode": "330902001001", "pageSize": 3}'
step window --token STAFF call employment.GetCommunityStatus --data "'{\"communityCode\": \"330902001001\"}'"
W call employment.GetCommunityStatus --data '{"communityCode": "330902001001"}'
step window --token STAFF call employment.GetAreaStatus --data "'{\"areaCode\": \"330902001\"}'" "# the street's roll-up"
W call employment.GetAreaStatus --data '{"areaCode": "330902001"}'

# Social assistance (社会救助): a household's means are the office's; the public notice is masked.
A() { "$bin/window" --broker "$broker" --token EXAMPLE-assistance-staff-01-token-CHANGE-ME "$@"; }
household='{"communityCode": "330902001001", "gridCode": "330902001001002", "address": "海滨路 8 号", "members": [{"idNumber": "'"$ID"'", "name": "张秀英", "relation": "户主", "monthlyIncomeFen": "40000", "workCapacity": "PARTIAL_WORK_CAPACITY", "head": true}]}'
step window --token ASSISTANCE call assistance.RegisterHousehold --data "'…张秀英…'"
A call assistance.RegisterHousehold --idempotency-key demo-household-1 --data "$household" | head -12
step window --token CLERK call assistance.GetHousehold --data "'{\"idNumber\": \"\$ID\"}'" "# a clerk: who, not the means"
C call assistance.GetHousehold --data '{"idNumber": "'"$ID"'"}' | head -14
step window --token CLERK call assistance.ListPublicNotice "# 公示, masked for everyone"
C call assistance.ListPublicNotice --data '{"communityCode": "330902001001", "pageSize": 2}'
step window --token CLERK call assistance.RunPayments "# only assistance staff pay: refused"
C call assistance.RunPayments --data "{\"month\": \"$this_month\"}" || echo "(exit status $? = 10 + PERMISSION_DENIED)"
step window --token ASSISTANCE call assistance.RunPayments --data "'{\"month\": \"$this_month\"}'"
A call assistance.RunPayments --data "{\"month\": \"$this_month\"}" --idempotency-key "demo-run-$this_month"

# Health and family planning (社区卫生和计划生育): conditions for health staff only.
H() { "$bin/window" --broker "$broker" --token EXAMPLE-health-staff-01-token-CHANGE-ME "$@"; }
nurse=EXAMPLE-health-nurse-0101-token-CHANGE-ME
record='{"idNumber": "'"$ID"'", "name": "张秀英", "communityCode": "330902001001", "gridCode": "330902001001002", "residence": "REGISTERED", "conditions": ["高血压"]}'
step window --token HEALTH call health.CreateHealthRecord --data "'${record//$ID/\$ID}'"
H call health.CreateHealthRecord --idempotency-key demo-health-1 --data "$record" | head -12
step window --token CLERK call health.GetHealthRecord --data "'{\"idNumber\": \"\$ID\"}'" "# flags only, masked"
C call health.GetHealthRecord --data '{"idNumber": "'"$ID"'"}'
step window --token NURSE-OF-GRID-001 call health.GetHealthRecord "# another grid's record: refused without a purpose"
"$bin/window" --broker "$broker" --token "$nurse" call health.GetHealthRecord --data '{"idNumber": "'"$ID"'"}' || echo "(exit status $? = 10 + PERMISSION_DENIED)"
step window --token NURSE-OF-GRID-001 call health.GetHealthRecord --purpose "急诊转诊 emergency referral" "# break-the-glass, recorded for review"
"$bin/window" --broker "$broker" --token "$nurse" call health.GetHealthRecord --data '{"idNumber": "'"$ID"'"}' --purpose "急诊转诊 emergency referral" | grep -E '"recordId"|"conditions"|高血压'

# Community police (社区警务): correction cases are security staff's alone.
S() { "$bin/window" --broker "$broker" --token EXAMPLE-security-officer-01-token-CHANGE-ME "$@"; }
step window --token CLERK call security.GetCase --data "'{\"caseId\": \"K1\"}'" "# refused"
C call security.GetCase --data '{"caseId": "K1"}' || echo "(exit status $? = 10 + PERMISSION_DENIED)"
step window --token OFFICER call security.ListMissedCheckIns --data "'{\"communityCode\": \"330902001001\", \"pageSize\": 2}'"
S call security.ListMissedCheckIns --data '{"communityCode": "330902001001", "pageSize": 2}'
step window --token OFFICER call security.GetSafeCommunityShare
S call security.GetSafeCommunityShare | head -12

# The window composes the offices: one resident across all four (一人一档), a rating (好差评).
step window --token CLERK resident \$ID --purpose 窗口综合查询 "# the same as window call window.GetResidentOverview, as text"
C resident "$ID" --purpose 窗口综合查询
# Life events handled once (一件事一次办): one intake, one receipt, the offices asked on the clerk's behalf.
forms="$(cd "$(dirname "$0")/.." && pwd)/deploy/forms"
step window --token CLERK event newcomer --file deploy/forms/newcomer.json "# 新市民落脚: security, health, employment at once"
C event newcomer --file "$forms/newcomer.json" --idempotency-key demo-newcomer-1
step window --token CLERK event dibao --file deploy/forms/dibao.json "# 低保申请: each member checked first, kept as evidence"
C event dibao --file "$forms/dibao.json" --idempotency-key demo-dibao-1
step window --token CLERK event release --file deploy/forms/release.json "# 刑满释放: resettlement case, job seeker, household check"
C event release --file "$forms/release.json" --idempotency-key demo-release-1
step window --token CLERK event list "# the clerks' worklist, newest first"
C event list
step window --token CLERK rate employment RegisterJobSeeker 330902001001 不满意 --comment 排队时间长 "# opens a rectification item due in 15 working days"
C rate employment RegisterJobSeeker 330902001001 不满意 --comment 排队时间长 --idempotency-key demo-rate-1
step window --token CLERK call window.ListRectifications --data "'{\"openOnly\": true}'"
C call window.ListRectifications --data '{"openOnly": true}'
step window --token CLERK dashboard 330902001001 "# one community from all offices at once"
C dashboard 330902001001
step window --token CLERK city "# every community against the city's targets"
C city

auditor=EXAMPLE-auditor-01-token-CHANGE-ME
step window --token AUDITOR audit resident \$ID "# who read or wrote this resident's data (the audit log is written in batches)"
for _ in $(seq 50); do
  "$bin/window" --broker "$broker" --token "$auditor" audit resident "$ID" 2>/dev/null | grep -q RecordPlacement && break
  sleep 0.1
done
"$bin/window" --broker "$broker" --token "$auditor" audit resident "$ID"
step window --token AUDITOR audit review "# reads of the most sensitive records outside one's scope, with the purpose stated"
"$bin/window" --broker "$broker" --token "$auditor" audit review
step window --token AUDITOR audit verify
"$bin/window" --broker "$broker" --token "$auditor" audit verify

if [ "${DEMO_EXIT:-0}" = 1 ]; then exit 0; fi
printf '\nThe stack is running: broker on %s, logs in %s/. Try the commands above. Ctrl-C stops it.\n' "$broker" "$logs"
wait
