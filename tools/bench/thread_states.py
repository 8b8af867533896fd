#!/usr/bin/env python3
"""Where each thread of a process spends its time, from scheduler trace events.

Record while the process is under load, then read the trace:
    perf record -e sched:sched_switch -e sched:sched_wakeup -a -o sched.data -- sleep 5
    perf script -i sched.data > sched.txt
    tools/bench/thread_states.py sched.txt csms

Per thread of the named command: time running, runnable but waiting for a core, in uninterruptible sleep
(D: disk I/O such as fsync) and sleeping (S: waiting for work or a lock), with the distribution of each
span. Used in docs/performance.md to find where the 5,000 MeterValues/s tail comes from.
"""
import collections
import re
import sys

SWITCH = re.compile(r"\s(\d+\.\d+): sched:sched_switch: prev_comm=(.*?) prev_pid=(\d+) prev_prio=\d+ "
                    r"prev_state=(\S+) ==> next_comm=(.*?) next_pid=(\d+)")
WAKEUP = re.compile(r"\s(\d+\.\d+): sched:sched_wakeup: comm=(.*?) pid=(\d+)")


def main(trace_path, command):
    state = {}  # thread id -> (state, since)
    spans = collections.defaultdict(lambda: collections.defaultdict(list))

    def enter(tid, new_state, at):
        if tid in state:
            old_state, since = state[tid]
            spans[tid][old_state].append(at - since)
        state[tid] = (new_state, at)

    for line in open(trace_path, encoding="utf-8", errors="replace"):
        match = SWITCH.search(line)
        if match:
            at = float(match.group(1))
            if match.group(2) == command:
                prev_state = match.group(4)
                kind = "runnable" if prev_state.startswith("R") else "D" if prev_state.startswith("D") else "S"
                enter(match.group(3), kind, at)
            if match.group(5) == command:
                enter(match.group(6), "running", at)
            continue
        match = WAKEUP.search(line)
        if match and match.group(2) == command:
            tid = match.group(3)
            if tid in state and state[tid][0] in ("S", "D"):
                enter(tid, "runnable", float(match.group(1)))

    totals = {tid: sum(sum(v) for v in by_state.values()) for tid, by_state in spans.items()}
    switched_in = collections.Counter()
    switched_out = collections.Counter()
    for line in open(trace_path, encoding="utf-8", errors="replace"):
        match = SWITCH.search(line)
        if match:
            if match.group(2) == command:
                switched_out[match.group(3)] += 1
            if match.group(5) == command:
                switched_in[match.group(6)] += 1
    for tid in sorted(totals, key=totals.get, reverse=True):
        by_state = spans[tid]
        print(f"thread {tid}: " + ", ".join(
            f"{name} {sum(values):.2f} s" for name, values in sorted(by_state.items(), key=lambda kv: -sum(kv[1]))))
        if abs(switched_out[tid] - switched_in[tid]) > 0.05 * max(switched_out[tid], 1):
            # Seen on a virtual machine's kernel: a thread leaving in D state again and again with no switch
            # back in between. Time between its events is then misattributed; trust only the totals' order.
            print(f"    incomplete trace: switched out {switched_out[tid]} times, in {switched_in[tid]} times")
        for name in ("running", "runnable", "D"):
            values = sorted(by_state.get(name, []))
            if not values:
                continue
            def quantile(q):
                return values[min(len(values) - 1, int(q * len(values)))] * 1000
            print(f"    {name:8} spans {len(values):6}  p50 {quantile(0.5):6.2f} ms  p99 {quantile(0.99):6.2f} ms  "
                  f"max {values[-1] * 1000:6.2f} ms  over 5 ms {sum(1 for v in values if v > 0.005)}, "
                  f"over 20 ms {sum(1 for v in values if v > 0.02)}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
