#!/usr/bin/env bash
# Crash test under load (docs/performance.md): chargers of the load generator run charging sessions with
# MeterValues while csms is killed with SIGKILL at random moments, again and again, and restarted on the same
# database and port. Afterwards every write a charger saw acknowledged must be stored exactly once
# (check_acknowledged.py), PRAGMA integrity_check must pass after every kill, and the chargers must have
# reconnected and gone on after the last restart.
#
#   tools/crash_test/run.sh [--kills 20] [--chargers 200] [--rate 1000] [--csms PATH] [--loadgen PATH]
#                           [--python PATH] [--work-dir DIR]
# Binaries default to build/bench (tools/bench/run.sh builds them). ctest runs a short form (3 kills).
set -euo pipefail
cd "$(dirname "$0")/../.."

kills=20 chargers=200 rate=1000
csms=build/bench/server/csms
loadgen=build/bench/tools/loadgen/parkgrid_loadgen
python=python3
work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --kills) kills="$2"; shift 2 ;;
    --chargers) chargers="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --csms) csms="$2"; shift 2 ;;
    --loadgen) loadgen="$2"; shift 2 ;;
    --python) python="$2"; shift 2 ;;
    --work-dir) work="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[ -x "$csms" ] && [ -x "$loadgen" ] || { echo "build csms and parkgrid_loadgen first ($csms, $loadgen)" >&2; exit 2; }
[ -n "$work" ] || work="$(mktemp -d /tmp/parkgrid-crash.XXXXXX)"
mkdir -p "$work"
db="$work/parkgrid.db" acks="$work/acks.jsonl"
rm -f "$db" "$db-wal" "$db-shm" "$acks"

csms_pid="" loadgen_pid=""
cleanup() {
  [ -n "$loadgen_pid" ] && kill "$loadgen_pid" 2>/dev/null || true
  [ -n "$csms_pid" ] && kill -9 "$csms_pid" 2>/dev/null || true
}
trap cleanup EXIT

# Starts csms on $1 (host:port, port 0 = any) and sets csms_pid and port.
start_csms() {
  local announced="$work/csms.out"
  : > "$announced"
  "$csms" --listen "$1" --db "$db" --threads 1 --allow-security-profile-0 true --unknown-chargers accept \
    --max-connections 100000 --max-connections-per-address 100000 --log-level warn \
    > "$announced" 2>> "$work/csms.log" &
  csms_pid=$!
  for _ in $(seq 1 200); do
    if grep -q "csms listening on" "$announced"; then
      port="$(sed -n 's/^csms listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$announced")"
      return 0
    fi
    kill -0 "$csms_pid" 2>/dev/null || { echo "csms did not start:" >&2; tail -5 "$work/csms.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "csms did not announce its port" >&2
  exit 1
}

integrity() { "$python" tools/crash_test/check_acknowledged.py --db "$db" --integrity-only || true; }

acknowledged() { [ -f "$acks" ] && wc -l < "$acks" || echo 0; }

start_csms 127.0.0.1:0
echo "csms on port $port, work dir $work"
"$loadgen" --url "ws://127.0.0.1:$port/ocpp" --chargers "$chargers" --mode open --rate "$rate" \
  --session-messages 40 --duration 100000 --warmup 0 --ack-log "$acks" --backoff-min-ms 100 \
  --backoff-max-ms 1000 --connect-rate 0 > "$work/loadgen.json" 2> "$work/loadgen.log" &
loadgen_pid=$!

failures=0
for kill_number in $(seq 1 "$kills"); do
  # A random moment 1.0 to 4.0 s after the (re)start: during boots, reconnects, or steady traffic.
  sleep "$(awk -v seed="$RANDOM" 'BEGIN { srand(seed); printf "%.2f", 1 + 3 * rand() }')"
  before="$(acknowledged)"
  kill -9 "$csms_pid"
  wait "$csms_pid" 2>/dev/null || true
  check="$(integrity)"
  [ "$check" = "ok" ] || { echo "kill $kill_number: integrity_check: $check" >&2; failures=$((failures + 1)); }
  echo "kill $kill_number: $before acknowledged so far, integrity $check"
  start_csms "127.0.0.1:$port"
done

# The chargers must come back and go on: more acknowledged writes after the last restart.
before="$(acknowledged)"
sleep 5
after="$(acknowledged)"
echo "after the last restart: $((after - before)) writes acknowledged in 5 s"
[ "$after" -gt "$before" ] || { echo "chargers did not continue after the last restart" >&2; failures=$((failures + 1)); }

kill -INT "$loadgen_pid"
wait "$loadgen_pid" || true
loadgen_pid=""
kill -TERM "$csms_pid"
wait "$csms_pid" || true
csms_pid=""

if ! "$python" tools/crash_test/check_acknowledged.py --db "$db" --acks "$acks"; then
  failures=$((failures + 1))
fi
[ "$failures" -eq 0 ] && echo "crash test passed: $kills kills" || echo "crash test FAILED ($failures problems)"
exit $((failures > 0))
