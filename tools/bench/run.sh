#!/usr/bin/env bash
# The ParkGrid benchmark (issue 8): csms measured side by side, in the same run and on the same machine, with the
# ceilings of its own stack: parkgrid_echo_server (Boost.Beast answering every CALL, nothing stored) and
# parkgrid_sqlite_ceiling (batched durable inserts). Writes the raw JSON to BUILD/results/<timestamp>/ and the
# table to docs/performance-results.md (with --quick, only into the results directory: quick sizes say nothing).
#
#   tools/bench/run.sh            # full run, about 10 minutes; run it on a quiet machine
#   tools/bench/run.sh --quick    # small sizes, about a minute: checks that the benchmark works
#
# Options: --build-dir DIR (default build/bench), --db-dir DIR (where the databases go; default inside the build
# directory, on the disk the repository lives on, not a tmpfs), --output FILE (the table), --no-pin,
# --only idle,closed,open,shared,storm,sqlite,disk (a subset; like --quick, its table stays in the results directory).
# Server and generator run on 127.0.0.1; the server runs --threads 1 pinned to CPU 0 and the generator
# --threads 1 pinned to CPU 1 (taskset), so each has one core of a 2-core machine; the "shared" open-loop runs
# pin nothing and give the server two network threads.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
build="build/bench"
quick=0
pin=1
db_root=""
output=""
only=""
while (($#)); do
    case "$1" in
        --quick) quick=1 ;;
        --no-pin) pin=0 ;;
        --build-dir) build="$2"; shift ;;
        --db-dir) db_root="$2"; shift ;;
        --output) output="$2"; shift ;;
        --only) only=",$2,"; shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

say() { echo "bench: $*" >&2; }
wanted() { [[ -z "$only" || "$only" == *",$1,"* ]]; }

# --- Build ---------------------------------------------------------------------------------------------------
# A new build directory is configured for Release; an existing one is used as it is configured (its build
# type goes into the machine description), so that a RelWithDebInfo build for perf can be measured too.
if [[ ! -f "$build/CMakeCache.txt" ]]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPARKGRID_BUILD_TESTS=OFF \
        -DPARKGRID_BUILD_BENCHMARKS=ON > /dev/null
fi
cmake --build "$build" -j2 --target csms parkgrid_loadgen parkgrid_echo_server parkgrid_sqlite_ceiling
build="$(cd "$build" && pwd)"
csms="$build/server/csms"
echo_server="$build/tools/bench/parkgrid_echo_server"
sqlite_ceiling="$build/tools/bench/parkgrid_sqlite_ceiling"
loadgen="$build/tools/loadgen/parkgrid_loadgen"

suffix=""
((quick)) && suffix="-quick"
results="$build/results/$(date -u +%Y%m%dT%H%M%SZ)$suffix"
mkdir -p "$results"
db_root="${db_root:-$build/bench-db}"
mkdir -p "$db_root"
db_root="$(cd "$db_root" && pwd)"
if [[ -z "$output" ]]; then
    output="docs/performance-results.md"
    ((quick)) || [[ -n "$only" ]] && output="$results/performance-results.md"
fi

# --- Every process started here is stopped on exit -----------------------------------------------------------
server_pid=""
generator_pid=""
scratch=()
cleanup() {
    for pid in $server_pid $generator_pid; do
        kill -TERM "$pid" 2> /dev/null || true
        wait "$pid" 2> /dev/null || true
    done
    for dir in "${scratch[@]}"; do
        rm -rf "$dir"
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Open files: one per connection plus about a hundred, in the server and in the generator alike ----------
ulimit -n 200000 2> /dev/null || ulimit -n "$(ulimit -Hn)" 2> /dev/null || true
fd_limit="$(ulimit -n)"
notes=()
fit() {  # fit VAR TARGET WHAT: VAR = the number of chargers, at most TARGET, that fits the open-file limit
    local room=$((fd_limit - 500))
    if [[ "$fd_limit" != unlimited ]] && ((room < $2)); then
        notes+=("$3: run with $room chargers instead of $2 (open-file limit $fd_limit, hard limit $(ulimit -Hn); raising it needs privileges)")
        printf -v "$1" '%d' "$room"
    else
        printf -v "$1" '%d' "$2"
    fi
}

# --- Sizes -----------------------------------------------------------------------------------------------------
if ((quick)); then
    idle_n=500 idle_settle=2 connect_rate=500 storm_n=500 closed_n=50 seconds=3 warmup=1 open_n=100
    open_rates=(500 1000) shared_rates=(1000) closed_inflight=(1 4) ceiling_seconds=1 probe_seconds=2
    notes+=("quick run: sizes far below the targets; the 'met' column says nothing")
else
    fit idle_n 50000 "idle capacity"
    fit storm_n 20000 "reconnect storm"
    # Each connecting charger costs csms three durable writes (boot, two statuses); the idle and storm ramps
    # stay well below its write rate so that they measure being connected, not connecting.
    idle_settle=10 connect_rate=500
    closed_n=500 seconds=30 warmup=5 open_n=1000 open_rates=(5000 10000 20000) shared_rates=(5000 10000)
    closed_inflight=(1 4)
    ceiling_seconds=5 probe_seconds=30
fi
sources="127.0.0.1-127.0.0.16"
tagged_chargers=$((closed_n > open_n ? closed_n : open_n))

server_cpu="" generator_cpu=""
if ((pin)) && command -v taskset > /dev/null && (($(nproc) >= 2)); then
    server_cpu="taskset -c 0" generator_cpu="taskset -c 1"
else
    notes+=("server and generator not pinned to separate cores")
fi

python3 tools/bench/report.py machine --db-dir "$db_root" --fd-limit "$fd_limit" \
    --build-type "$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")" \
    --pinned "$([[ -n "$server_cpu" ]] && echo yes || echo no)" > "$results/machine.json"

# --- Helpers ---------------------------------------------------------------------------------------------------
# Each generated charger starts its transactions with its own id tag (BENCH + its index). csms answers an
# unknown tag Invalid, and one tag shared by all ConcurrentTx, neither the path of a real charging session,
# so the tags are registered in the running server's database (migrated by then; csms looks tags up in the
# database on every authorisation). They belong to an institution, as fleet cards do: a global tag would be
# in every charger's local authorization list, and 20,000 global tags sent to 20,000 chargers at boot is not
# a deployment anyone runs (docs/performance.md).
accept_generator_tags() {
    python3 - "$1" "$2" << 'EOF'
import sqlite3, sys
with sqlite3.connect(sys.argv[1], timeout=30) as db:
    institution = db.execute(
        "INSERT INTO institutions (name, unified_social_credit_code, type, created_at, updated_at) "
        "VALUES ('Benchmark fleet', '11100000000000000X', 'state_organ', 0, 0)").lastrowid
    db.executemany(
        "INSERT INTO id_tags (id_tag, status, institution_id, created_at, updated_at) "
        "VALUES (?, 'Accepted', ?, 0, 0)",
        ((f"BENCH{i:06d}", institution) for i in range(int(sys.argv[2]))))
EOF
}

server_port=""
server_dir=""
start_server() {  # start_server NAME KIND: KIND csms or echo; sets server_pid and server_port
    local name="$1" kind="$2" dir
    dir="$(mktemp -d "$db_root/$name.XXXXXX")"
    scratch+=("$dir")
    server_dir="$dir"
    if [[ "$kind" == csms ]]; then
        $server_cpu "$csms" --listen 127.0.0.1:0 --db "$dir/parkgrid.db" --threads "${server_threads:-1}" \
            --allow-security-profile-0 true --unknown-chargers accept --max-connections 200000 \
            --max-connections-per-address 200000 --log-level warn \
            > "$results/$name.server.out" 2> "$results/$name.server.err" &
    else
        $server_cpu "$echo_server" --listen 127.0.0.1:0 --threads "${server_threads:-1}" \
            > "$results/$name.server.out" 2> "$results/$name.server.err" &
    fi
    server_pid=$!
    for _ in $(seq 100); do
        server_port="$(sed -n 's/.* listening on [0-9.]*:\([0-9]*\).*/\1/p' "$results/$name.server.out")"
        if [[ -n "$server_port" ]]; then
            [[ "$kind" == csms ]] && accept_generator_tags "$dir/parkgrid.db" "$tagged_chargers"
            return 0
        fi
        kill -0 "$server_pid" 2> /dev/null || break
        sleep 0.1
    done
    say "$name: the server did not start"; cat "$results/$name.server.err" >&2
    exit 1
}

stop_server() {
    kill -TERM "$server_pid" 2> /dev/null || true
    for _ in $(seq 100); do
        kill -0 "$server_pid" 2> /dev/null || break
        sleep 0.1
    done
    kill -KILL "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
    server_pid=""
    rm -rf "$server_dir"  # a throughput run can leave a database of a gigabyte
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }  # utime + stime, all threads
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status"; }
open_fds() { find "/proc/$server_pid/fd" -mindepth 1 -maxdepth 1 2> /dev/null | wc -l; }

start_generator() {  # start_generator NAME ARGS...: the generator on its core, its JSON into NAME.json
    local name="$1"
    shift
    $generator_cpu "$loadgen" --url "ws://127.0.0.1:$server_port/ocpp" --threads 1 --id-prefix "$name-" \
        --id-tag 'BENCH{i}' --sources "$sources" "$@" > "$results/$name.json" 2> "$results/$name.loadgen.err" &
    generator_pid=$!
}

finish_generator() {  # finish_generator NAME: waits for the generator
    wait "$generator_pid" || say "$1: the generator failed (see $results/$1.loadgen.err)"
    generator_pid=""
}

loadgen() {  # loadgen NAME ARGS...: runs the generator to its end
    start_generator "$@"
    finish_generator "$1"
}

write_server_json() {  # write_server_json NAME KEY=VALUE...
    local name="$1" body="" pair
    shift
    for pair in "$@"; do body+="${body:+,}\"${pair%%=*}\":${pair#*=}"; done
    echo "{$body,\"clk_tck\":$(getconf CLK_TCK)}" > "$results/$name.server.json"
}

# --- a. Idle capacity: resident memory per connected charger --------------------------------------------------
idle() {  # idle KIND
    local name="idle-$1" before after_fds rss_before rss_after ticks_before stable=0 last=-1 fds
    start_server "$name" "$1"
    sleep 1
    rss_before=$(rss_kb) before=$(open_fds) ticks_before=$(cpu_ticks)
    # The generator's window starts once every charger is ready (booted); the generator is stopped (it
    # reports on SIGTERM) once the reading is taken.
    local duration=$((idle_settle * 3 + 10)) ready
    start_generator "$name" --mode idle --chargers "$idle_n" --connect-rate "$connect_rate" --duration "$duration"
    # Settled: every charger is booted (the generator's progress line says so), holds its socket, and the
    # server's descriptor count has not moved for idle_settle seconds.
    while kill -0 "$generator_pid" 2> /dev/null; do
        fds=$(open_fds)
        ready="$(tail -n 3 "$results/$name.loadgen.err" | sed -n 's/.* ready=\([0-9]*\) .*/\1/p' | tail -n 1)"
        if [[ "${ready:-0}" == "$idle_n" ]] && ((fds >= before + idle_n && fds == last)); then
            ((++stable >= idle_settle)) && break
        else
            stable=0
        fi
        last=$fds
        sleep 1
    done
    rss_after=$(rss_kb) after_fds=$(open_fds)
    kill -TERM "$generator_pid" 2> /dev/null || true
    finish_generator "$name"
    write_server_json "$name" "kind=\"$1\"" "chargers=$idle_n" "rss_before_kb=$rss_before" \
        "rss_after_kb=$rss_after" "fds_before=$before" "fds_after=$after_fds" "settled=$((stable >= idle_settle))" \
        "cpu_ticks=$(($(cpu_ticks) - ticks_before))"
    stop_server
}

# --- b/c/e. Throughput, closed and open loop, with the server's CPU time per message --------------------------
throughput() {  # throughput NAME KIND LOADGEN-ARGS...
    local name="$1" kind="$2" ticks_before
    shift 2
    start_server "$name" "$kind"
    ticks_before=$(cpu_ticks)
    loadgen "$name" --duration "$seconds" --warmup "$warmup" --connect-rate 1000 "$@"
    write_server_json "$name" "kind=\"$kind\"" "cpu_ticks=$(($(cpu_ticks) - ticks_before))" \
        "rss_after_kb=$(rss_kb)"
    stop_server
}

# --- d. Reconnect storm ----------------------------------------------------------------------------------------
storm() {  # storm KIND
    local name="storm-$1" ticks_before
    start_server "$name" "$1"
    ticks_before=$(cpu_ticks)
    loadgen "$name" --mode idle --storm-only --chargers "$storm_n" --connect-rate "$connect_rate" --call-timeout 30
    write_server_json "$name" "kind=\"$1\"" "cpu_ticks=$(($(cpu_ticks) - ticks_before))"
    stop_server
}

say "results in $results; open-file limit $fd_limit"
for note in "${notes[@]}"; do say "NOTE: $note"; done
uptime > "$results/load-before.txt"

for kind in csms echo; do
    wanted idle || break
    say "idle capacity, $kind, $idle_n chargers"
    idle "$kind"
done
for inflight in "${closed_inflight[@]}"; do
    for kind in csms echo; do
        wanted closed || break 2
        say "closed loop, $kind, $closed_n chargers, inflight $inflight"
        throughput "closed-$inflight-$kind" "$kind" --mode closed --chargers "$closed_n" --inflight "$inflight"
    done
done
for rate in "${open_rates[@]}"; do
    for kind in csms echo; do
        wanted open || break 2
        say "open loop, $kind, $rate MeterValues/s"
        throughput "open-$rate-$kind" "$kind" --mode open --chargers "$open_n" --rate "$rate"
    done
done
# The same on the whole machine: nothing pinned, two network threads in the server (a function's prefix
# assignments last for that call only).
for rate in "${shared_rates[@]}"; do
    for kind in csms echo; do
        wanted shared || break 2
        say "open loop, both cores shared, $kind, $rate MeterValues/s"
        server_cpu="" generator_cpu="" server_threads=2 \
            throughput "shared-$rate-$kind" "$kind" --mode open --chargers "$open_n" --rate "$rate"
    done
done
for kind in csms echo; do
    wanted storm || break
    say "reconnect storm, $kind, $storm_n chargers"
    storm "$kind"
done
if wanted sqlite; then
    say "sqlite ceiling"
    ceiling_dir="$(mktemp -d "$db_root/sqlite-ceiling.XXXXXX")"
    scratch+=("$ceiling_dir")
    $server_cpu "$sqlite_ceiling" --db "$ceiling_dir/ceiling.db" --seconds "$ceiling_seconds" \
        > "$results/sqlite-ceiling.json"
fi

if wanted disk; then
    say "the disk's own flush latency"
    probe_dir="$(mktemp -d "$db_root/flush-probe.XXXXXX")"
    scratch+=("$probe_dir")
    python3 tools/bench/flush_probe.py --dir "$probe_dir" --seconds "$probe_seconds" > "$results/flush-probe.json"
fi

printf '%s\n' "${notes[@]}" > "$results/notes.txt"
command="tools/bench/run.sh"
((quick)) && command+=" --quick"
python3 tools/bench/report.py table "$results" --command "$command" --quick "$quick" > "$output"
say "table written to $output"
cat "$output"
