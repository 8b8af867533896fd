-- Operating chargers remotely: commands and their log, configuration, local authorization lists,
-- reservations, firmware updates and diagnostics uploads.

-- Every CALL the central system sends to a charger, who asked for it, and how it ended.
CREATE TABLE command_log (
    id                INTEGER NOT NULL PRIMARY KEY,
    charger_id        TEXT    NOT NULL,  -- no foreign key: the log outlives chargers
    action            TEXT    NOT NULL,
    request           TEXT    NOT NULL,  -- the OCPP payload sent, JSON
    requested_by      TEXT    NOT NULL,  -- "user:<name>", "token:<name>" or "system:<purpose>"
    requested_at      INTEGER NOT NULL,
    -- pending until answered; then result, call_error, invalid_response, timeout, closed, queue_full, offline
    status            TEXT    NOT NULL DEFAULT 'pending',
    response          TEXT,              -- the charger's payload (CALLRESULT) or CALLERROR details, JSON
    error_code        TEXT,
    error_description TEXT,
    completed_at      INTEGER
) STRICT;
CREATE INDEX command_log_by_charger ON command_log (charger_id, requested_at);
