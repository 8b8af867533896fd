-- Every index of meter_values costs a commit one index page per charger that reported in it: under load a
-- group commit holds readings of dozens of chargers, scattered over (charger_id, timestamp), so that index
-- wrote more pages to the WAL than the rows themselves (docs/performance.md). Nothing but the duplicate check
-- of a retried reading and retention read it: the duplicate check is served as well by
-- (transaction_id, timestamp), and retention by received_at, which only grows, so its index is written at
-- one end, a page or two per commit.
DROP INDEX meter_values_by_charger;
CREATE INDEX meter_values_by_received_at ON meter_values (received_at);
