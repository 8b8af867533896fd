#!/usr/bin/env python3
"""Machine description and results table of the ParkGrid benchmark (tools/bench/run.sh); standard library only.

  report.py machine --db-dir DIR --fd-limit N --pinned yes|no --build-type T   > machine.json
  report.py table RESULTS_DIR --command "tools/bench/run.sh" --quick 0|1  > docs/performance-results.md

The table compares csms with the ceilings of its own stack measured in the same run: parkgrid_echo_server
(raw WebSocket) and parkgrid_sqlite_ceiling (durable writes). Ratios are csms / ceiling.
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

IDLE_TARGET_CHARGERS = 50_000
IDLE_TARGET_KB = 16.0
STORM_TARGET_CHARGERS = 20_000
STORM_TARGET_MS = 10_000
# Open-loop targets by offered rate: (p99 bound in ms). A rate counts as sustained when at least 99 % of it
# was achieved with no timeouts and no CALLERRORs.
OPEN_TARGETS = {5_000: 10.0, 20_000: 25.0}
THROUGHPUT_TARGET = 20_000


def run(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""


def machine(args):
    cpu_model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu_model = line.split(":", 1)[1].strip()
            break
    meminfo = {}
    for line in Path("/proc/meminfo").read_text().splitlines():
        key, value = line.split(":", 1)
        meminfo[key] = value.strip()
    df = run(["df", "-T", args.db_dir]).splitlines()
    commit = run(["git", "rev-parse", "--short=12", "HEAD"])
    if run(["git", "status", "--porcelain", "--untracked-files=no"]):
        commit += " (with uncommitted changes)"
    description = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu_model": cpu_model,
        "memory": meminfo.get("MemTotal", ""),
        "kernel": platform.release(),
        "os": run(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
        "compiler": run(["c++", "--version"]).splitlines()[0] if run(["c++", "--version"]) else "",
        "db_filesystem": df[-1] if len(df) > 1 else "",
        "load_average_before": Path("/proc/loadavg").read_text().split()[:3],
        "git_commit": commit,
        "fd_limit": args.fd_limit,
        "pinned": args.pinned == "yes",
        "build_type": args.build_type,
    }
    json.dump(description, sys.stdout, indent=1)
    print()


def relative(path):
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def load(results, name):
    path = results / f"{name}.json"
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError:
        return None


def dig(data, *keys, default=None):
    for key in keys:
        if not isinstance(data, dict) or key not in data or data[key] is None:
            return default
        data = data[key]
    return data


def fmt(value, digits=0, unit=""):
    if value is None:
        return "—"
    text = f"{value:,.{digits}f}"
    return f"{text} {unit}".rstrip()


def ratio(ours, ceiling):
    if ours is None or not ceiling:
        return "—"
    return f"{ours / ceiling:.2f}"


def verdict(condition, quick):
    if quick:
        return "— (quick)"
    if condition is None:
        return "—"
    return "yes" if condition else "**no**"


def answered_calls(run):
    """Every CALL the server answered during the generator's run (connection phase and warm-up included), the
    denominator of the server's CPU time, which is read over the same span."""
    by_action = dig(run, "by_action", default={})
    total = 0
    if isinstance(by_action, dict):
        for counts in by_action.values():
            if isinstance(counts, dict) and isinstance(counts.get("answered"), (int, float)):
                total += counts["answered"]
    return total or dig(run, "messages", "answered")


def cpu_us_per_call(results, name):
    run_json, server = load(results, name), load(results, f"{name}.server")
    calls = answered_calls(run_json) if run_json else None
    if not server or not calls:
        return None
    return server["cpu_ticks"] / server["clk_tck"] / calls * 1e6


def latency_cell(run):
    latency = dig(run, "messages", "latency_ms", default={})
    return (f"{fmt(dig(run, 'messages', 'achieved_rate'))}/s; p50 {fmt(latency.get('p50'), 1)}, "
            f"p99 {fmt(latency.get('p99'), 1)}, p99.9 {fmt(latency.get('p999'), 1)}, "
            f"max {fmt(latency.get('max'), 1)} ms")


def failures(run):
    messages = dig(run, "messages", default={})
    return sum(messages.get(key) or 0 for key in ("call_errors", "timeouts", "missed"))


def error_summary(run):
    errors = dig(run, "errors", default={}) or {}
    return ", ".join(f"{kind} ×{count:,}" for kind, count in sorted(errors.items())) or "none"


def table(args):
    results = Path(args.results)
    quick = args.quick == "1"
    machine_info = load(results, "machine") or {}
    notes_file = results / "notes.txt"
    notes = [line for line in notes_file.read_text().splitlines() if line] if notes_file.exists() else []
    rows = []

    # a. Idle capacity and memory.
    idle = {kind: load(results, f"idle-{kind}") for kind in ("csms", "echo")}
    idle_server = {kind: load(results, f"idle-{kind}.server") for kind in ("csms", "echo")}
    connected = {k: dig(idle[k], "connect", "succeeded") for k in idle}
    kb = {}
    for kind in idle:
        server, count = idle_server[kind], connected[kind]
        # Unsettled (not every charger connected before the generator ended): the reading means nothing.
        settled = server and server.get("settled") == 1
        kb[kind] = (server["rss_after_kb"] - server["rss_before_kb"]) / count if settled and count else None
    tried = dig(idle_server["csms"], "chargers")
    ready = dig(idle["csms"], "connect", "ramp_complete")
    if quick or (tried is not None and tried >= IDLE_TARGET_CHARGERS):
        idle_met = verdict(ready is True and tried >= IDLE_TARGET_CHARGERS, quick)
    elif ready is True:
        idle_met = f"not run at {IDLE_TARGET_CHARGERS:,} (see notes); all {tried:,} connected"
    else:
        idle_met = f"**no**: not all of {fmt(tried)} ready"
    rows.append([f"Idle capacity: chargers connected and booted (of {fmt(tried)} tried)",
                 f"{IDLE_TARGET_CHARGERS:,}", fmt(connected["csms"]), fmt(connected["echo"]),
                 ratio(connected["csms"], connected["echo"]), idle_met])
    def memory_cell(kind):
        return fmt(kb[kind], 1, "KB") if kb[kind] is not None else "— (chargers never all connected)"

    rows.append(["Idle: resident memory per connected charger", f"≤ {IDLE_TARGET_KB:.0f} KB", memory_cell("csms"),
                 memory_cell("echo"), ratio(kb["csms"], kb["echo"]),
                 verdict(None if kb["csms"] is None else kb["csms"] <= IDLE_TARGET_KB, quick)])
    heartbeats = {k: dig(idle[k], "by_action", "Heartbeat", "answered") for k in idle}
    rows.append(["Idle: heartbeats answered", "—", fmt(heartbeats["csms"]), fmt(heartbeats["echo"]), "—", "—"])

    # b. Closed loop against both ceilings.
    ceiling = load(results, "sqlite-ceiling")
    sweep = dig(ceiling, "results", default=[]) or []
    best = max(sweep, key=lambda r: r["rows_per_second"], default=None)
    closed_names = sorted({p.name.split("-")[1] for p in results.glob("closed-*-csms.json")}, key=int)
    for inflight in closed_names:
        ours, echo = load(results, f"closed-{inflight}-csms"), load(results, f"closed-{inflight}-echo")
        chargers = dig(ours, "config", "chargers")
        rate = dig(ours, "messages", "achieved_rate")
        rows.append([f"Closed loop, {fmt(chargers)} chargers, {inflight} in flight: MeterValues/s (vs echo)",
                     f"≥ {THROUGHPUT_TARGET:,}/s", latency_cell(ours), latency_cell(echo),
                     ratio(rate, dig(echo, "messages", "achieved_rate")),
                     verdict(rate is not None and rate >= THROUGHPUT_TARGET and not failures(ours), quick)])
        if best:
            rows.append([f"Closed loop, {inflight} in flight, vs durable-write ceiling", "—",
                         f"{fmt(rate)}/s",
                         f"{fmt(best['rows_per_second'])} rows/s (SQLite, batch {best['batch']})",
                         ratio(rate, best["rows_per_second"]), "—"])

    # c. Open loop: with each program on its own core, and with server (two network threads) and generator
    # sharing both cores, as the targets put it ("2-core machine, load generator included").
    open_runs = {prefix: sorted({int(p.name.split("-")[1]) for p in results.glob(f"{prefix}-*-csms.json")})
                 for prefix in ("open", "shared")}
    for prefix, rates in open_runs.items():
        for rate in rates:
            ours, echo = load(results, f"{prefix}-{rate}-csms"), load(results, f"{prefix}-{rate}-echo")
            bound = OPEN_TARGETS.get(rate)
            achieved = dig(ours, "messages", "achieved_rate")
            p99 = dig(ours, "messages", "latency_ms", "p99")
            met = None
            if bound is not None and achieved is not None and p99 is not None:
                met = achieved >= 0.99 * rate and p99 <= bound and not failures(ours)
            where = "" if prefix == "open" else ", both cores shared (server 2 threads)"
            rows.append([f"Open loop, {fmt(dig(ours, 'config', 'chargers'))} chargers, {rate:,} MeterValues/s "
                         f"offered{where}",
                         f"{rate:,}/s sustained, p99 ≤ {bound:.0f} ms" if bound else "—",
                         latency_cell(ours), latency_cell(echo),
                         f"p99 {ratio(p99, dig(echo, 'messages', 'latency_ms', 'p99'))}", verdict(met, quick)])

    # d. Reconnect storm.
    storm = {kind: load(results, f"storm-{kind}") for kind in ("csms", "echo")}
    after = {k: dig(storm[k], "storm", "all_accepted_after_ms") for k in storm}
    accepted = {k: dig(storm[k], "storm", "accepted") for k in storm}
    storm_n = dig(storm["csms"], "storm", "chargers") or dig(storm["csms"], "config", "chargers")
    storm_ok = None
    if storm["csms"]:
        storm_ok = (accepted["csms"] == storm_n and after["csms"] is not None and after["csms"] <= STORM_TARGET_MS
                    and not dig(storm["csms"], "storm", "failed_connects"))

    def storm_cell(kind):
        return (f"{fmt(accepted[kind])} accepted, all after {fmt(after[kind])} ms, "
                f"{fmt(dig(storm[kind], 'storm', 'failed_connects'))} failed connects")

    full_storm = storm_n is not None and storm_n >= STORM_TARGET_CHARGERS
    rows.append([f"Reconnect storm: {fmt(storm_n)} chargers at once (boot + 2 status each)",
                 f"{STORM_TARGET_CHARGERS:,} all accepted ≤ {STORM_TARGET_MS / 1000:.0f} s, none dropped",
                 storm_cell("csms"), storm_cell("echo"), ratio(after["csms"], after["echo"]),
                 verdict(storm_ok, quick) if full_storm or quick or storm_ok is None
                 else f"{'yes' if storm_ok else '**no**'} at {storm_n:,} (see notes)"])

    # e. Server CPU time per answered CALL.
    for name in ([f"closed-{i}" for i in closed_names] +
                 [f"{prefix}-{r}" for prefix, rates in open_runs.items() for r in rates] + ["storm"]):
        ours, echo = cpu_us_per_call(results, f"{name}-csms"), cpu_us_per_call(results, f"{name}-echo")
        rows.append([f"Server CPU per answered CALL, {name}", "reported", fmt(ours, 1, "µs"), fmt(echo, 1, "µs"),
                     ratio(ours, echo), "—"])

    out = []
    out.append("# ParkGrid performance results")
    out.append("")
    out.append("Generated by `tools/bench/report.py` from the run in "
               f"`{results.name}`; do not edit by hand. Method and targets: issue 8.")
    out.append("")
    if quick:
        out.append("**Quick run: sizes far below the targets; nothing here says whether a target is met.**")
        out.append("")
    out.append(f"- Date: {machine_info.get('date', '—')}; commit {machine_info.get('git_commit', '—')}")
    out.append(f"- Reproduce: `{args.command}` (from the repository root)")
    out.append(f"- Machine: {machine_info.get('nproc', '—')} CPUs, {machine_info.get('cpu_model', '—')}; "
               f"memory {machine_info.get('memory', '—')}; kernel {machine_info.get('kernel', '—')}; "
               f"{machine_info.get('os', '')}; {machine_info.get('compiler', '')}")
    out.append(f"- Build: {machine_info.get('build_type', '—')}; database disk (`df -T`): "
               f"`{machine_info.get('db_filesystem', '—')}`")
    out.append(f"- Load average before the run: {' '.join(machine_info.get('load_average_before', []))}; "
               f"open-file limit {machine_info.get('fd_limit', '—')}")
    out.append("- Server and load generator on 127.0.0.1, each with one thread"
               + (", pinned to its own core (server CPU 0, generator CPU 1)" if machine_info.get("pinned") else
                  " (not pinned)")
               + "; csms's storage threads (writer, checkpointer) share the server's core. The \"both cores "
                 "shared\" rows pin nothing and run the server with two network threads. Every csms scenario "
                 "starts on a fresh database (WAL, synchronous=FULL).")
    out.append("")
    out.append("| Scenario | Target | ParkGrid (csms) | Ceiling (echo / SQLite) | Ratio | Met |")
    out.append("|---|---|---|---|---|---|")
    for row in rows:
        out.append("| " + " | ".join(str(cell) for cell in row) + " |")
    out.append("")
    out.append("Ratios are csms / ceiling (for latency and memory, lower is better; for rates, higher). When the "
               "echo server misses an offered rate too, the load generator or the machine is the limit, not csms.")
    out.append("")
    if sweep:
        out.append(f"## Durable-write ceiling (SQLite {dig(ceiling, 'config', 'sqlite_version', default='')}, "
                   f"synchronous={dig(ceiling, 'config', 'synchronous', default='')}, "
                   f"{dig(ceiling, 'config', 'row_bytes', default='')}-byte samples)")
        out.append("")
        out.append("| Rows per commit | Rows/s | Commits/s | Commit p50 | p99 | max |")
        out.append("|---|---|---|---|---|---|")
        for r in sweep:
            latency = r["commit_latency_ms"]
            out.append(f"| {r['batch']} | {fmt(r['rows_per_second'])} | {fmt(r['commits_per_second'])} | "
                       f"{fmt(latency['p50'], 2)} ms | {fmt(latency['p99'], 2)} ms | {fmt(latency['max'], 2)} ms |")
        out.append("")
    probe = load(results, "flush-probe")
    if probe:
        latency = probe.get("latency_ms", {})
        out.append(f"## The disk's own flushes ({fmt(probe.get('seconds'), 0)} s of "
                   f"{fmt(probe.get('bytes_per_flush'))}-byte appends, each followed by fdatasync)")
        out.append("")
        out.append("| Flushes | p50 | p99 | p999 | max | Stalls > 20 ms | > 100 ms | Time in stalls |")
        out.append("|---|---|---|---|---|---|---|---|")
        out.append(f"| {fmt(probe.get('flushes'))} | {fmt(latency.get('p50'), 2)} ms | {fmt(latency.get('p99'), 2)} ms | "
                   f"{fmt(latency.get('p999'), 2)} ms | {fmt(latency.get('max'), 1)} ms | "
                   f"{fmt(probe.get('stalls_over_20ms'))} | {fmt(probe.get('stalls_over_100ms'))} | "
                   f"{fmt(probe.get('seconds_in_stalls'), 2, 's')} |")
        out.append("")
        out.append("Nothing but `tools/bench/flush_probe.py` writes meanwhile: a stall here is the disk's, and every "
                   "answer waiting for a commit at that moment would see it.")
        out.append("")
    out.append("## Details")
    out.append("")
    out.append("| Run | Connects ok / tried | Connect p99 | CALLs answered | Window: errors / timeouts / missed | "
               "Generator errors | Generator CPU | Generator RSS | Server RSS after |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    for path in sorted(results.glob("*.json")):
        name = path.stem
        if name.endswith(".server") or name in ("machine", "sqlite-ceiling", "flush-probe"):
            continue
        run_json, server = load(results, name), load(results, f"{name}.server") or {}
        if run_json is None:
            out.append(f"| {name} | generator output missing, see `{name}.loadgen.err` | | | | | | | |")
            continue
        messages = dig(run_json, "messages", default={}) or {}
        client = dig(run_json, "client", default={}) or {}
        cpu = (client.get("cpu_seconds_user") or 0) + (client.get("cpu_seconds_system") or 0)
        out.append(f"| {name} | {fmt(dig(run_json, 'connect', 'succeeded'))} / "
                   f"{fmt(dig(run_json, 'connect', 'attempted'))} | "
                   f"{fmt(dig(run_json, 'connect', 'latency_ms', 'p99'), 1, 'ms')} | {fmt(answered_calls(run_json))} | "
                   f"{fmt(messages.get('call_errors'))} / {fmt(messages.get('timeouts'))} / "
                   f"{fmt(messages.get('missed'))} | {error_summary(run_json)} | {fmt(cpu, 1, 's')} | {fmt(client.get('max_rss_kb'), 0, 'KB')} | "
                   f"{fmt(server.get('rss_after_kb'), 0, 'KB')} |")
    out.append("")
    out.append("## How the figures are taken")
    out.append("")
    out.append("- Memory: the server's VmRSS (/proc/PID/status) before the chargers connect and once every charger "
               "holds its connection and the count has not moved for the settle time; (after − before) / connected.")
    out.append("- Server CPU: utime + stime of the server process, all threads (/proc/PID/stat), over the whole "
               "generator run (connections and warm-up included), divided by every CALL it answered in that span.")
    out.append("- Latency: measured by the generator from sending a CALL to receiving its answer; csms answers "
               "writes only after their durable commit. The raw JSON of every run is in "
               f"`{relative(results)}`.")
    if notes:
        out.append("")
        out.append("## Notes")
        out.append("")
        out.extend(f"- {note}" for note in notes)
    print("\n".join(out))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command_name", required=True)
    machine_parser = commands.add_parser("machine")
    machine_parser.add_argument("--db-dir", required=True)
    machine_parser.add_argument("--fd-limit", default="")
    machine_parser.add_argument("--pinned", default="no")
    machine_parser.add_argument("--build-type", default="")
    table_parser = commands.add_parser("table")
    table_parser.add_argument("results")
    table_parser.add_argument("--command", default="tools/bench/run.sh")
    table_parser.add_argument("--quick", default="0")
    args = parser.parse_args()
    machine(args) if args.command_name == "machine" else table(args)


if __name__ == "__main__":
    main()
