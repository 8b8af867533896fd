-- OCPP 1.6 security profiles (Security Whitepaper edition 3) per charger.
-- 0: no authentication (only when the server allows it, for closed test networks), 1: HTTP Basic over ws,
-- 2: TLS with HTTP Basic, 3: TLS with a client certificate.
ALTER TABLE chargers ADD COLUMN security_profile INTEGER NOT NULL DEFAULT 0
    CHECK (security_profile BETWEEN 0 AND 3);
-- The AuthorizationKey (HTTP Basic password) as a salted PBKDF2 hash; the key itself is never stored.
ALTER TABLE chargers ADD COLUMN authorization_key_hash TEXT;
ALTER TABLE chargers ADD COLUMN authorization_key_set_at INTEGER;
