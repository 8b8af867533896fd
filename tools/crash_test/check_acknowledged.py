#!/usr/bin/env python3
"""Checks a ParkGrid database against the load generator's ack log (parkgrid_loadgen --ack-log).

Every write a charger saw acknowledged must be stored exactly once:
  MeterValues       one meter_values row of that charger, transaction, instant and register reading
  StartTransaction  the transaction the answer named, with that charger, start and meterStart
  StopTransaction   that transaction stopped with that meterStop
and no reading may be stored twice (a retried MeterValues is the same reading). Also runs
PRAGMA integrity_check. Prints a JSON summary; exits 1 when anything is wrong.

Standard library only: python3 check_acknowledged.py --db parkgrid.db --acks acks.jsonl
                       python3 check_acknowledged.py --db parkgrid.db --integrity-only
"""
import argparse
import datetime
import json
import sqlite3
import sys


def unix_millis(rfc3339):
    text = rfc3339.replace("Z", "+00:00")
    return round(datetime.datetime.fromisoformat(text).timestamp() * 1000)


def read_acks(path):
    acks = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if not line:
                continue
            try:
                acks.append(json.loads(line))
            except json.JSONDecodeError:
                # Only the last line can be cut short, if the generator was killed while writing it.
                pass
    return acks


def connect(db_path):
    # Read-only, through the WAL like any reader; the server may have been killed.
    return sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)


def integrity_check(connection):
    return connection.execute("PRAGMA integrity_check").fetchall()


def check(db_path, acks):
    connection = connect(db_path)
    problems = []
    integrity = integrity_check(connection)
    if integrity != [("ok",)]:
        problems.append({"kind": "integrity_check", "detail": integrity[:5]})

    counts = {"MeterValues": 0, "StartTransaction": 0, "StopTransaction": 0}
    for ack in acks:
        action = ack.get("action")
        if action not in counts:
            continue
        counts[action] += 1
        charger = ack["charger"]
        transaction = ack["transactionId"]
        at = unix_millis(ack["timestamp"])
        if action == "MeterValues":
            (stored,) = connection.execute(
                "SELECT count(*) FROM meter_values WHERE charger_id = ? AND transaction_id = ? "
                "AND timestamp = ? AND energy_import_wh = ?",
                (charger, transaction, at, float(ack["energyWh"]))).fetchone()
            if stored != 1:
                problems.append({"kind": "meter_value_stored_%d_times" % stored, "ack": ack})
        elif action == "StartTransaction":
            row = connection.execute(
                "SELECT charger_id, start_timestamp, meter_start FROM transactions WHERE id = ?",
                (transaction,)).fetchone()
            if row != (charger, at, ack["meterStart"]):
                problems.append({"kind": "start_missing_or_different", "ack": ack, "stored": row})
        else:
            row = connection.execute(
                "SELECT stop_timestamp, meter_stop FROM transactions WHERE id = ? AND charger_id = ?",
                (transaction, charger)).fetchone()
            if row != (at, ack["meterStop"]):
                problems.append({"kind": "stop_missing_or_different", "ack": ack, "stored": row})

    duplicates = connection.execute(
        "SELECT count(*) FROM (SELECT 1 FROM meter_values GROUP BY charger_id, connector_id, transaction_id, "
        "timestamp, source, samples HAVING count(*) > 1)").fetchone()[0]
    if duplicates:
        problems.append({"kind": "readings_stored_twice", "count": duplicates})
    stored = {
        "meter_values": connection.execute("SELECT count(*) FROM meter_values").fetchone()[0],
        "transactions": connection.execute("SELECT count(*) FROM transactions").fetchone()[0],
    }
    return {"acknowledged": counts, "stored": stored, "integrity": integrity[0][0] if integrity else None,
            "problems": len(problems), "first_problems": problems[:10]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--acks")
    parser.add_argument("--integrity-only", action="store_true",
                        help="print the first line of PRAGMA integrity_check ('ok') and exit")
    arguments = parser.parse_args()
    if arguments.integrity_only:
        result = integrity_check(connect(arguments.db))
        print(result[0][0] if result else "no answer")
        return 0 if result == [("ok",)] else 1
    if not arguments.acks:
        parser.error("--acks is required unless --integrity-only")
    summary = check(arguments.db, read_acks(arguments.acks))
    print(json.dumps(summary, indent=2))
    return 1 if summary["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
