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

-- Reservations of a connector (0: any connector of the charger) for an id tag until a time. The id is the
-- OCPP reservationId, so it stays a positive 32-bit integer.
CREATE TABLE reservations (
    id             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT CHECK (id BETWEEN 1 AND 2147483647),
    charger_id     TEXT    NOT NULL REFERENCES chargers (id),
    connector_id   INTEGER NOT NULL CHECK (connector_id >= 0),
    id_tag         TEXT    NOT NULL COLLATE NOCASE,
    parent_id_tag  TEXT    COLLATE NOCASE,
    expiry_date    INTEGER NOT NULL,
    -- requested: sent, not yet accepted; active; used (by a StartTransaction); cancelled; expired;
    -- rejected (the charger said Faulted, Occupied, Rejected or Unavailable); failed (no answer)
    status         TEXT    NOT NULL CHECK (status IN ('requested', 'active', 'used', 'cancelled', 'expired',
                                                     'rejected', 'failed')),
    charger_status TEXT,   -- the ReserveNow answer, e.g. Occupied
    transaction_id INTEGER REFERENCES transactions (id),
    created_by     TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX reservations_by_charger ON reservations (charger_id, created_at);
CREATE INDEX reservations_active ON reservations (expiry_date) WHERE status = 'active';

-- What each charger reported in its last GetConfiguration, and the last change ParkGrid made per key.
CREATE TABLE charger_configuration (
    charger_id    TEXT    NOT NULL REFERENCES chargers (id) ON DELETE CASCADE,
    key           TEXT    NOT NULL,
    value         TEXT,
    readonly      INTEGER NOT NULL CHECK (readonly IN (0, 1)),
    fetched_at    INTEGER NOT NULL,
    -- the ChangeConfiguration answer (Accepted, RebootRequired, Rejected, NotSupported) or how it failed
    change_status TEXT,
    change_value  TEXT,
    changed_at    INTEGER,
    PRIMARY KEY (charger_id, key)
) STRICT, WITHOUT ROWID;

-- Configuration administrators want chargers to have: for every charger, for one charger model, or for
-- the chargers of one site. The most specific entry for a key wins: site, then model, then all.
CREATE TABLE desired_configuration (
    id                  INTEGER NOT NULL PRIMARY KEY,
    site_id             INTEGER REFERENCES sites (id) ON DELETE CASCADE,
    charge_point_vendor TEXT,
    charge_point_model  TEXT,
    key                 TEXT    NOT NULL,
    value               TEXT    NOT NULL,
    created_by          TEXT    NOT NULL,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    CHECK ((charge_point_vendor IS NULL) = (charge_point_model IS NULL)),
    CHECK (site_id IS NULL OR charge_point_vendor IS NULL)
) STRICT;
CREATE UNIQUE INDEX desired_configuration_per_target
    ON desired_configuration (coalesce(site_id, 0), coalesce(charge_point_vendor, ''),
                              coalesce(charge_point_model, ''), key);

-- The local authorization list each charger holds, as it last acknowledged it (SendLocalList Accepted).
CREATE TABLE local_lists (
    charger_id TEXT    NOT NULL PRIMARY KEY REFERENCES chargers (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    supported  INTEGER NOT NULL DEFAULT 1 CHECK (supported IN (0, 1)),  -- 0: the charger has no local list
    synced_at  INTEGER NOT NULL
) STRICT;
CREATE TABLE local_list_entries (
    charger_id    TEXT    NOT NULL REFERENCES chargers (id) ON DELETE CASCADE,
    id_tag        TEXT    NOT NULL COLLATE NOCASE,
    status        TEXT    NOT NULL,
    expiry_date   INTEGER,
    parent_id_tag TEXT,
    PRIMARY KEY (charger_id, id_tag)
) STRICT, WITHOUT ROWID;

-- Firmware updates sent to chargers, followed through their FirmwareStatusNotifications.
CREATE TABLE firmware_updates (
    id             INTEGER NOT NULL PRIMARY KEY,
    charger_id     TEXT    NOT NULL REFERENCES chargers (id),
    location       TEXT    NOT NULL,
    retrieve_date  INTEGER NOT NULL,
    retries        INTEGER,
    retry_interval INTEGER,
    requested_by   TEXT    NOT NULL,
    requested_at   INTEGER NOT NULL,
    -- requested (sent; UpdateFirmware has no status to answer), failed (not delivered), then the charger's
    -- Downloading, Downloaded, DownloadFailed, Installing, Installed, InstallationFailed
    status         TEXT    NOT NULL,
    status_at      INTEGER NOT NULL,
    finished_at    INTEGER
) STRICT;
CREATE INDEX firmware_updates_by_charger ON firmware_updates (charger_id, requested_at);

-- Diagnostics uploads asked of chargers, and the files received by ParkGrid's own upload endpoint.
CREATE TABLE diagnostics_requests (
    id                INTEGER NOT NULL PRIMARY KEY,
    charger_id        TEXT    NOT NULL REFERENCES chargers (id),
    location          TEXT    NOT NULL,  -- where the charger uploads; never contains the credential
    upload_token_hash TEXT,              -- SHA-256 of the credential for ParkGrid's endpoint
    start_time        INTEGER,
    stop_time         INTEGER,
    requested_by      TEXT    NOT NULL,
    requested_at      INTEGER NOT NULL,
    file_name         TEXT,              -- from the GetDiagnostics answer
    -- requested, no_file (the charger has none), failed (not delivered), then Uploading, Uploaded, UploadFailed
    status            TEXT    NOT NULL,
    status_at         INTEGER NOT NULL,
    stored_path       TEXT,
    stored_bytes      INTEGER,
    stored_at         INTEGER
) STRICT;
CREATE INDEX diagnostics_requests_by_charger ON diagnostics_requests (charger_id, requested_at);
