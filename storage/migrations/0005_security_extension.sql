-- The charger-initiated side of the OCPP 1.6 security extension (Security Whitepaper edition 3): security
-- events, certificate signing requests, and security logs and signed firmware updates followed by requestId.

-- Security events: those chargers report (SecurityEventNotification) and those ParkGrid notices itself.
CREATE TABLE security_events (
    id             INTEGER NOT NULL PRIMARY KEY,
    charger_id     TEXT    NOT NULL,  -- no foreign key: failed authentications name identities nobody registered
    source         TEXT    NOT NULL CHECK (source IN ('charger', 'central_system')),
    type           TEXT    NOT NULL,  -- a type of the whitepaper's table, or one of ParkGrid's own
    tech_info      TEXT,
    remote_address TEXT,
    critical       INTEGER NOT NULL CHECK (critical IN (0, 1)),
    occurred_at    INTEGER NOT NULL,  -- the charger's timestamp for charger events
    received_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX security_events_by_charger ON security_events (charger_id, received_at);
CREATE INDEX security_events_by_time ON security_events (received_at);

-- Certificate signing requests (SignCertificate) and the certificates sent back (CertificateSigned).
CREATE TABLE certificate_requests (
    id                INTEGER NOT NULL PRIMARY KEY,
    charger_id        TEXT    NOT NULL REFERENCES chargers (id),
    csr               TEXT    NOT NULL,  -- PEM, as the charger sent it
    subject           TEXT,              -- the CSR's subject, when it could be read
    received_at       INTEGER NOT NULL,
    -- invalid (the CSR was refused: SignCertificate answered Rejected), pending (waiting for a signature),
    -- signed (CertificateSigned is being sent), then the charger's answer: accepted or rejected; failed (not
    -- signed or not delivered)
    status            TEXT    NOT NULL CHECK (status IN ('invalid', 'pending', 'signed', 'accepted', 'rejected',
                                                         'failed')),
    certificate_chain TEXT,              -- PEM: the leaf first, then its CA certificates
    signed_by         TEXT,              -- "ca:parkgrid" (--charger-ca-cert) or "external" (uploaded by an admin)
    signed_at         INTEGER,
    command_id        INTEGER,           -- the CertificateSigned entry of the command log
    error             TEXT,              -- why the CSR was refused or the certificate not delivered
    updated_at        INTEGER NOT NULL
) STRICT;
CREATE INDEX certificate_requests_by_charger ON certificate_requests (charger_id, received_at);
CREATE INDEX certificate_requests_by_status ON certificate_requests (status, received_at);

-- Log uploads asked of chargers (GetLog), followed through LogStatusNotification. The id is the OCPP
-- requestId, so it stays a positive 32-bit integer.
CREATE TABLE log_requests (
    id                INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT CHECK (id BETWEEN 1 AND 2147483647),
    charger_id        TEXT    NOT NULL REFERENCES chargers (id),
    log_type          TEXT    NOT NULL CHECK (log_type IN ('DiagnosticsLog', 'SecurityLog')),
    location          TEXT    NOT NULL,  -- where the charger uploads; never contains the credential
    upload_token_hash TEXT,              -- SHA-256 of the credential for ParkGrid's endpoint
    oldest_timestamp  INTEGER,
    latest_timestamp  INTEGER,
    retries           INTEGER,
    retry_interval    INTEGER,
    requested_by      TEXT    NOT NULL,
    requested_at      INTEGER NOT NULL,
    charger_status    TEXT,              -- the GetLog answer: Accepted, Rejected, AcceptedCanceled
    file_name         TEXT,              -- from the GetLog answer
    -- requested (sent), accepted, rejected (by the charger), failed (not delivered), then the charger's
    -- Uploading, Uploaded, UploadFailure, BadMessage, NotSupportedOperation, PermissionDenied
    status            TEXT    NOT NULL,
    status_at         INTEGER NOT NULL,
    finished_at       INTEGER,
    stored_path       TEXT,              -- '' while an upload to ParkGrid is in progress
    stored_bytes      INTEGER,
    stored_at         INTEGER
) STRICT;
CREATE INDEX log_requests_by_charger ON log_requests (charger_id, requested_at);

-- Signed firmware updates (SignedUpdateFirmware), followed through SignedFirmwareStatusNotification. The id
-- is the OCPP requestId.
CREATE TABLE signed_firmware_updates (
    id                  INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT CHECK (id BETWEEN 1 AND 2147483647),
    charger_id          TEXT    NOT NULL REFERENCES chargers (id),
    location            TEXT    NOT NULL,
    retrieve_date_time  INTEGER NOT NULL,
    install_date_time   INTEGER,
    signing_certificate TEXT    NOT NULL,  -- PEM
    signature           TEXT    NOT NULL,  -- base64
    retries             INTEGER,
    retry_interval      INTEGER,
    requested_by        TEXT    NOT NULL,
    requested_at        INTEGER NOT NULL,
    -- the SignedUpdateFirmware answer: Accepted, Rejected, AcceptedCanceled, InvalidCertificate,
    -- RevokedCertificate
    charger_status      TEXT,
    -- requested (sent), accepted, rejected (by the charger), failed (not delivered), then the charger's
    -- FirmwareStatusEnumType values (Downloading ... Installed, InvalidSignature, ...)
    status              TEXT    NOT NULL,
    status_at           INTEGER NOT NULL,
    finished_at         INTEGER
) STRICT;
CREATE INDEX signed_firmware_updates_by_charger ON signed_firmware_updates (charger_id, requested_at);
