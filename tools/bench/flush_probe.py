#!/usr/bin/env python3
"""The disk's own flush latency: what a WAL commit costs when nothing else writes.

Appends three 4 KB pages to a file and fdatasyncs it, about a thousand times a second, for a while; prints
one JSON object with the latency percentiles and the stalls. csms's writer does the same per commit (its
pages plus the flush), so a stall here is one every answer waiting for a commit would see too: on a virtual
disk these come and go with the minute, and they decide whether a p99 target of a few milliseconds is met
(docs/performance.md). Run by tools/bench/run.sh; standard library only.

    tools/bench/flush_probe.py --dir DIR [--seconds 20] [--rate 1000]
"""

import argparse
import json
import os
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, help="a directory on the disk to measure")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--rate", type=float, default=1000.0, help="flushes a second at most")
    args = parser.parse_args()

    page = os.urandom(4096)
    pages_per_flush = 3
    wrap_at = 64 << 20  # reuse the file's start, as SQLite reuses its WAL after a checkpoint
    path = os.path.join(args.dir, "flush-probe.dat")
    fd = os.open(path, os.O_CREAT | os.O_RDWR | os.O_TRUNC, 0o600)
    latencies = []
    try:
        offset = 0
        interval = 1.0 / args.rate
        deadline = time.monotonic() + args.seconds
        next_start = time.monotonic()
        while time.monotonic() < deadline:
            started = time.perf_counter()
            for _ in range(pages_per_flush):
                os.pwrite(fd, page, offset)
                offset = (offset + len(page)) % wrap_at
            os.fdatasync(fd)
            latencies.append(time.perf_counter() - started)
            next_start += interval
            pause = next_start - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            else:
                next_start = time.monotonic()  # behind after a stall: do not burst to catch up
    finally:
        os.close(fd)
        os.unlink(path)

    latencies.sort()
    count = len(latencies)

    def percentile_ms(p: float) -> float:
        return round(latencies[min(count - 1, int(p * count))] * 1000, 3)

    stalls = [x for x in latencies if x > 0.020]
    print(json.dumps({
        "seconds": args.seconds,
        "flushes": count,
        "bytes_per_flush": pages_per_flush * len(page),
        "latency_ms": {"p50": percentile_ms(0.50), "p99": percentile_ms(0.99), "p999": percentile_ms(0.999),
                       "max": round(latencies[-1] * 1000, 3)},
        "stalls_over_20ms": len(stalls),
        "stalls_over_100ms": sum(1 for x in latencies if x > 0.100),
        "seconds_in_stalls": round(sum(stalls), 3),
    }))


if __name__ == "__main__":
    main()
