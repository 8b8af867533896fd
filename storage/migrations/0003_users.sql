-- Who may use the API and the web UI: users with password logins and sessions, API tokens with a role and an
-- institution scope, and the audit log of everything that changed state.
--
-- Secrets are never stored in the clear: passwords as a salted slow hash (PBKDF2-HMAC-SHA256, encoded with
-- its parameters), session and API tokens as the SHA-256 of a 256-bit random value.

-- Usernames are case-insensitive: NOCASE makes lookups and uniqueness agree.
CREATE TABLE users (
    id            INTEGER NOT NULL PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    display_name  TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'fleet_admin', 'energy_office')),
    -- "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>", so the cost can be raised later
    password_hash TEXT    NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    last_login_at INTEGER
) STRICT;

-- The institutions a non-admin user may see and operate; admins have none (they see everything).
CREATE TABLE user_institutions (
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    institution_id INTEGER NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, institution_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX user_institutions_by_institution ON user_institutions (institution_id);

-- Login sessions of the web UI (cookie) and of API clients (bearer). A session is live while it is not
-- revoked, expires_at (the absolute lifetime) has not passed, and it was used within the idle timeout
-- (last_seen_at; the timeout is configuration, not data).
CREATE TABLE sessions (
    id             INTEGER NOT NULL PRIMARY KEY,
    token_hash     TEXT    NOT NULL UNIQUE,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     INTEGER NOT NULL,
    last_seen_at   INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    revoked_at     INTEGER,
    remote_address TEXT    NOT NULL
) STRICT;
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- API tokens (0001) gain who created them, an optional expiry and revocation. Revoked tokens are kept so that
-- the audit log's "token:<name>" subjects stay explainable; names stay unique for the same reason.
ALTER TABLE api_tokens ADD COLUMN created_by TEXT;  -- "user:<name>" or "token:<name>"; NULL for the bootstrap token
ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;
ALTER TABLE api_tokens ADD COLUMN revoked_at INTEGER;

CREATE TABLE api_token_institutions (
    api_token_id   INTEGER NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
    institution_id INTEGER NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    PRIMARY KEY (api_token_id, institution_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX api_token_institutions_by_institution ON api_token_institutions (institution_id);

-- Append-only record of every state-changing API call (refused ones included), logins and logouts, and
-- whatever else other modules record (e.g. charger commands). No foreign keys: the log outlives the users,
-- tokens and objects it names. detail is a short JSON object and never holds a secret.
CREATE TABLE audit_log (
    id             INTEGER NOT NULL PRIMARY KEY,
    at             INTEGER NOT NULL,
    subject        TEXT    NOT NULL,  -- "user:<name>", "token:<name>", "anonymous" or "system:<purpose>"
    role           TEXT,              -- the subject's role at the time; NULL when not authenticated
    remote_address TEXT    NOT NULL,
    method         TEXT    NOT NULL,
    path           TEXT    NOT NULL,  -- without the query string
    status         INTEGER NOT NULL,  -- HTTP status answered
    detail         TEXT               -- JSON object
) STRICT;
CREATE INDEX audit_log_by_at ON audit_log (at);
CREATE INDEX audit_log_by_subject ON audit_log (subject, at);
