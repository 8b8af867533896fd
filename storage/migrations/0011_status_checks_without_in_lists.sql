-- StatusNotifications are stored twice (the connector's current status and its history), and each row was
-- checked against the lists of OCPP statuses and error codes written as `IN (...)`. SQLite evaluates an IN
-- list of more than two values by building a temporary index for every statement it runs: four of them for
-- each StatusNotification, an eighth of the server's time in a reconnect storm (docs/performance.md). The
-- same checks written as comparisons joined by OR cost next to nothing. SQLite cannot change a CHECK in
-- place, so both tables are rebuilt; nothing refers to them.

CREATE TABLE connectors_new (
    charger_id        TEXT    NOT NULL REFERENCES chargers (id) ON DELETE CASCADE,
    connector_id      INTEGER NOT NULL CHECK (connector_id >= 0),
    status            TEXT    NOT NULL CHECK (status = 'Available' OR status = 'Preparing' OR status = 'Charging' OR
                                             status = 'SuspendedEVSE' OR status = 'SuspendedEV' OR status = 'Finishing' OR
                                             status = 'Reserved' OR status = 'Unavailable' OR status = 'Faulted'),
    error_code        TEXT    NOT NULL CHECK (error_code = 'ConnectorLockFailure' OR error_code = 'EVCommunicationError' OR
                                             error_code = 'GroundFailure' OR error_code = 'HighTemperature' OR
                                             error_code = 'InternalError' OR error_code = 'LocalListConflict' OR
                                             error_code = 'NoError' OR error_code = 'OtherError' OR
                                             error_code = 'OverCurrentFailure' OR error_code = 'OverVoltage' OR
                                             error_code = 'PowerMeterFailure' OR error_code = 'PowerSwitchFailure' OR
                                             error_code = 'ReaderFailure' OR error_code = 'ResetFailure' OR
                                             error_code = 'UnderVoltage' OR error_code = 'WeakSignal'),
    info              TEXT,
    vendor_id         TEXT,
    vendor_error_code TEXT,
    timestamp         INTEGER,           -- as reported by the charger
    received_at       INTEGER NOT NULL,
    PRIMARY KEY (charger_id, connector_id)
) STRICT;
INSERT INTO connectors_new SELECT * FROM connectors;
DROP TABLE connectors;
ALTER TABLE connectors_new RENAME TO connectors;

CREATE TABLE status_history_new (
    id                INTEGER PRIMARY KEY,
    charger_id        TEXT    NOT NULL REFERENCES chargers (id) ON DELETE CASCADE,
    connector_id      INTEGER NOT NULL CHECK (connector_id >= 0),
    status            TEXT    NOT NULL CHECK (status = 'Available' OR status = 'Preparing' OR status = 'Charging' OR
                                             status = 'SuspendedEVSE' OR status = 'SuspendedEV' OR status = 'Finishing' OR
                                             status = 'Reserved' OR status = 'Unavailable' OR status = 'Faulted'),
    error_code        TEXT    NOT NULL CHECK (error_code = 'ConnectorLockFailure' OR error_code = 'EVCommunicationError' OR
                                             error_code = 'GroundFailure' OR error_code = 'HighTemperature' OR
                                             error_code = 'InternalError' OR error_code = 'LocalListConflict' OR
                                             error_code = 'NoError' OR error_code = 'OtherError' OR
                                             error_code = 'OverCurrentFailure' OR error_code = 'OverVoltage' OR
                                             error_code = 'PowerMeterFailure' OR error_code = 'PowerSwitchFailure' OR
                                             error_code = 'ReaderFailure' OR error_code = 'ResetFailure' OR
                                             error_code = 'UnderVoltage' OR error_code = 'WeakSignal'),
    info              TEXT,
    vendor_id         TEXT,
    vendor_error_code TEXT,
    timestamp         INTEGER,
    received_at       INTEGER NOT NULL
) STRICT;
INSERT INTO status_history_new SELECT * FROM status_history;
DROP TABLE status_history;
ALTER TABLE status_history_new RENAME TO status_history;
CREATE INDEX status_history_by_connector ON status_history (charger_id, connector_id, received_at);
CREATE INDEX status_history_by_charger ON status_history (charger_id, received_at);
