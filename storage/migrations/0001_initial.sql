-- ParkGrid initial schema.
--
-- Conventions:
--   * Instants are INTEGER Unix milliseconds, UTC (names end in _at, or are OCPP timestamps).
--   * OCPP enumerations are TEXT holding the wire string. A CHECK constraint lists the values where OCPP 1.6
--     closes the set; internal vocabularies (connection events, anomaly kinds, token roles, meter value
--     sources) are left open so that adding a value needs no table rebuild.
--   * STRICT tables: SQLite rejects a value of the wrong type instead of storing it silently.
--   * Tables that record what any connecting client said (connection_log, anomalies, data_transfers) have no
--     foreign key to chargers: they must also keep what unknown or rejected chargers did.

CREATE TABLE chargers (
    id                         TEXT    NOT NULL PRIMARY KEY,  -- the charge point identity
    description                TEXT,
    registration_status        TEXT    NOT NULL DEFAULT 'Pending'
                                       CHECK (registration_status IN ('Accepted', 'Pending', 'Rejected')),
    -- From the last BootNotification; vendor IS NULL means none was received yet.
    vendor                     TEXT,
    model                      TEXT,
    charge_point_serial_number TEXT,
    charge_box_serial_number   TEXT,
    firmware_version           TEXT,
    iccid                      TEXT,
    imsi                       TEXT,
    meter_type                 TEXT,
    meter_serial_number        TEXT,
    last_boot_at               INTEGER,
    last_seen_at               INTEGER,
    -- Open sets: the security extension adds signed-firmware and log statuses.
    firmware_status            TEXT,
    firmware_status_at         INTEGER,
    diagnostics_status         TEXT,
    diagnostics_status_at      INTEGER,
    created_at                 INTEGER NOT NULL
) STRICT;

-- Current status of each connector (0 is the charge point itself).
CREATE TABLE connectors (
    charger_id        TEXT    NOT NULL REFERENCES chargers (id) ON DELETE CASCADE,
    connector_id      INTEGER NOT NULL CHECK (connector_id >= 0),
    status            TEXT    NOT NULL CHECK (status IN ('Available', 'Preparing', 'Charging', 'SuspendedEVSE',
                                                         'SuspendedEV', 'Finishing', 'Reserved', 'Unavailable',
                                                         'Faulted')),
    error_code        TEXT    NOT NULL CHECK (error_code IN ('ConnectorLockFailure', 'EVCommunicationError',
                                                             'GroundFailure', 'HighTemperature', 'InternalError',
                                                             'LocalListConflict', 'NoError', 'OtherError',
                                                             'OverCurrentFailure', 'OverVoltage',
                                                             'PowerMeterFailure', 'PowerSwitchFailure',
                                                             'ReaderFailure', 'ResetFailure', 'UnderVoltage',
                                                             'WeakSignal')),
    info              TEXT,
    vendor_id         TEXT,
    vendor_error_code TEXT,
    timestamp         INTEGER,           -- as reported by the charger
    received_at       INTEGER NOT NULL,
    PRIMARY KEY (charger_id, connector_id)
) STRICT;

-- Every StatusNotification, append-only.
CREATE TABLE status_history (
    id                INTEGER PRIMARY KEY,
    charger_id        TEXT    NOT NULL REFERENCES chargers (id) ON DELETE CASCADE,
    connector_id      INTEGER NOT NULL CHECK (connector_id >= 0),
    status            TEXT    NOT NULL CHECK (status IN ('Available', 'Preparing', 'Charging', 'SuspendedEVSE',
                                                         'SuspendedEV', 'Finishing', 'Reserved', 'Unavailable',
                                                         'Faulted')),
    error_code        TEXT    NOT NULL CHECK (error_code IN ('ConnectorLockFailure', 'EVCommunicationError',
                                                             'GroundFailure', 'HighTemperature', 'InternalError',
                                                             'LocalListConflict', 'NoError', 'OtherError',
                                                             'OverCurrentFailure', 'OverVoltage',
                                                             'PowerMeterFailure', 'PowerSwitchFailure',
                                                             'ReaderFailure', 'ResetFailure', 'UnderVoltage',
                                                             'WeakSignal')),
    info              TEXT,
    vendor_id         TEXT,
    vendor_error_code TEXT,
    timestamp         INTEGER,
    received_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX status_history_by_connector ON status_history (charger_id, connector_id, received_at);
CREATE INDEX status_history_by_charger ON status_history (charger_id, received_at);

-- OCPP IdTokens are case-insensitive (CiString20): NOCASE makes lookups, uniqueness and joins agree.
CREATE TABLE id_tags (
    id_tag        TEXT    NOT NULL PRIMARY KEY COLLATE NOCASE,
    status        TEXT    NOT NULL CHECK (status IN ('Accepted', 'Blocked', 'Expired', 'Invalid')),
    expiry_date   INTEGER,
    parent_id_tag TEXT COLLATE NOCASE,  -- a group id; need not be a tag of its own
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) STRICT;

-- id is the OCPP transactionId: AUTOINCREMENT never hands out an id again, even after the newest row is
-- deleted, and the CHECK keeps it inside the protocol's 32-bit integer.
CREATE TABLE transactions (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT CHECK (id BETWEEN 1 AND 2147483647),
    -- No cascade: a charger with transactions cannot be deleted by accident; they are billing records.
    charger_id           TEXT    NOT NULL REFERENCES chargers (id),
    connector_id         INTEGER NOT NULL,
    id_tag               TEXT    NOT NULL COLLATE NOCASE,
    start_timestamp      INTEGER NOT NULL,
    meter_start          INTEGER NOT NULL,
    reservation_id       INTEGER,
    authorization_status TEXT    NOT NULL CHECK (authorization_status IN ('Accepted', 'Blocked', 'Expired',
                                                                           'Invalid', 'ConcurrentTx')),
    received_at          INTEGER NOT NULL,
    -- Stop: all NULL while the transaction runs.
    stop_timestamp       INTEGER,
    meter_stop           INTEGER,
    stop_reason          TEXT CHECK (stop_reason IN ('EmergencyStop', 'EVDisconnected', 'HardReset', 'Local',
                                                     'Other', 'PowerLoss', 'Reboot', 'Remote', 'SoftReset',
                                                     'UnlockCommand', 'DeAuthorized')),
    stop_id_tag          TEXT COLLATE NOCASE,
    stop_received_at     INTEGER,
    CHECK ((stop_timestamp IS NULL) = (meter_stop IS NULL) AND (stop_timestamp IS NULL) = (stop_received_at IS NULL))
) STRICT;
-- A retried StartTransaction carries a new message id but the same content (SteVe's rule).
CREATE UNIQUE INDEX transactions_same_start
    ON transactions (charger_id, connector_id, id_tag, start_timestamp, meter_start);
CREATE INDEX transactions_open_on_connector ON transactions (charger_id, connector_id) WHERE stop_timestamp IS NULL;
CREATE INDEX transactions_open_for_id_tag ON transactions (id_tag) WHERE stop_timestamp IS NULL;
CREATE INDEX transactions_by_charger ON transactions (charger_id, start_timestamp);
CREATE INDEX transactions_by_id_tag ON transactions (id_tag, start_timestamp);
CREATE INDEX transactions_by_start ON transactions (start_timestamp);

-- One row per MeterValue element (one instant), not per sampled value: about 20,000 MeterValues/s must be
-- sustainable, so the write volume is kept down. The readings that energy queries need are extracted into
-- columns; `samples` keeps every sampled value with all its attributes as a compact JSON array, so nothing
-- a charger reported is lost.
CREATE TABLE meter_values (
    id               INTEGER PRIMARY KEY,
    charger_id       TEXT    NOT NULL REFERENCES chargers (id),
    connector_id     INTEGER NOT NULL,
    transaction_id   INTEGER REFERENCES transactions (id),
    timestamp        INTEGER NOT NULL,
    source           TEXT    NOT NULL,  -- MeterValues or StopTransaction
    received_at      INTEGER NOT NULL,
    energy_import_wh REAL,              -- Energy.Active.Import.Register in Wh
    power_import_w   REAL,              -- Power.Active.Import in W
    soc_percent      REAL,              -- SoC
    samples          TEXT    NOT NULL
) STRICT;
CREATE INDEX meter_values_by_transaction ON meter_values (transaction_id, timestamp);
CREATE INDEX meter_values_by_charger ON meter_values (charger_id, timestamp);

CREATE TABLE connection_log (
    id             INTEGER PRIMARY KEY,
    charger_id     TEXT    NOT NULL,
    event          TEXT    NOT NULL,  -- connected, disconnected, replaced, rejected
    remote_address TEXT    NOT NULL,
    detail         TEXT,
    at             INTEGER NOT NULL
) STRICT;
CREATE INDEX connection_log_by_charger ON connection_log (charger_id, at);

-- transaction_id may name a transaction that does not exist: an unknown id is itself an anomaly.
CREATE TABLE anomalies (
    id             INTEGER PRIMARY KEY,
    charger_id     TEXT    NOT NULL,
    transaction_id INTEGER,
    kind           TEXT    NOT NULL,
    detail         TEXT    NOT NULL,
    at             INTEGER NOT NULL
) STRICT;
CREATE INDEX anomalies_by_transaction ON anomalies (transaction_id, at) WHERE transaction_id IS NOT NULL;
CREATE INDEX anomalies_by_charger ON anomalies (charger_id, at);

CREATE TABLE data_transfers (
    id              INTEGER PRIMARY KEY,
    charger_id      TEXT    NOT NULL,
    vendor_id       TEXT    NOT NULL,
    message_id      TEXT,
    data            TEXT,
    response_status TEXT    NOT NULL CHECK (response_status IN ('Accepted', 'Rejected', 'UnknownMessageId',
                                                                 'UnknownVendorId')),
    at              INTEGER NOT NULL
) STRICT;
CREATE INDEX data_transfers_by_charger ON data_transfers (charger_id, at);

-- Only a hash of each API token is stored.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL UNIQUE,
    token_hash   TEXT    NOT NULL UNIQUE,
    role         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER
) STRICT;
