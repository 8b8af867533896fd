-- Load management: each site's distribution tree (circuits), how every charger is wired into it and what it
-- may draw, the building's own load on each circuit (readings from a meter gateway, and hourly profiles to
-- fall back on when readings are stale), time-of-use tariff periods, and what running transactions still need.
-- The scheduler reads all of it; the API writes it.
--
-- Conventions (besides those of 0001 and 0002):
--   * Currents are amperes per phase, powers kW, voltages V phase-to-neutral, all REAL.
--   * "Belongs to the same site" is a foreign key on an (id, site_id) pair, as 0002 does for institutions.
--   * Deleting what the configuration hangs on is refused (no cascade): a site with circuits or a tariff, a
--     circuit with sub-circuits or chargers. Measured and derived data (readings, profiles) go with their
--     circuit.

-- A node of a site's distribution tree: the grid connection (the one circuit without parent), feeders and
-- boards below it.
CREATE TABLE circuits (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id           INTEGER NOT NULL REFERENCES sites (id),
    parent_id         INTEGER,
    name              TEXT    NOT NULL,
    limit_a           REAL    NOT NULL CHECK (limit_a > 0),            -- per phase
    limit_kw          REAL    CHECK (limit_kw > 0),                    -- all phases together, when contracted
    phases            INTEGER NOT NULL DEFAULT 3 CHECK (phases IN (1, 3)),
    voltage_v         REAL    NOT NULL DEFAULT 230 CHECK (voltage_v > 0),
    -- Kept free on every phase, e.g. for the measurement delay; leaving nothing usable is a mistake.
    margin_a          REAL    NOT NULL DEFAULT 0 CHECK (margin_a >= 0 AND margin_a < limit_a),
    -- 0 for a board that feeds chargers only: its building load is zero rather than unknown.
    has_building_load INTEGER NOT NULL DEFAULT 1 CHECK (has_building_load IN (0, 1)),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    UNIQUE (site_id, name),
    UNIQUE (id, site_id),  -- the target of the same-site foreign keys
    -- A NULL parent_id satisfies the key; a parent with children cannot be deleted. The API keeps the parent
    -- chain free of cycles (SQL cannot check a path).
    FOREIGN KEY (parent_id, site_id) REFERENCES circuits (id, site_id),
    CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
-- One grid connection per site: the root every limit of the site is budgeted from.
CREATE UNIQUE INDEX circuits_one_grid_connection ON circuits (site_id) WHERE parent_id IS NULL;
CREATE INDEX circuits_by_parent ON circuits (parent_id, site_id);

-- A charger's electrical settings. The circuit must be one of the charger's site (checked by the triggers
-- below; moving a charger to another site clears it). max_current_a NULL: the charger is not managed.
ALTER TABLE chargers ADD COLUMN circuit_id INTEGER REFERENCES circuits (id);
ALTER TABLE chargers ADD COLUMN max_current_a REAL CHECK (max_current_a > 0);
-- IEC 61851: below 6 A most vehicles stop charging, hence the default.
ALTER TABLE chargers ADD COLUMN min_current_a REAL NOT NULL DEFAULT 6
    CHECK (min_current_a > 0 AND (max_current_a IS NULL OR min_current_a <= max_current_a));
ALTER TABLE chargers ADD COLUMN phases INTEGER NOT NULL DEFAULT 3 CHECK (phases IN (1, 3));
-- The grid phase of each charger phase, in the charger's phase order: "L2" for a single-phase charger on L2,
-- "L2L3L1" for a three-phase charger whose L1 is connected to the grid's L2 (installers rotate phases so
-- that single-phase vehicles do not all load L1).
ALTER TABLE chargers ADD COLUMN phase_wiring TEXT NOT NULL DEFAULT 'L1L2L3'
    CHECK (CASE phases WHEN 1 THEN phase_wiring IN ('L1', 'L2', 'L3')
                       ELSE phase_wiring IN ('L1L2L3', 'L1L3L2', 'L2L1L3', 'L2L3L1', 'L3L1L2', 'L3L2L1') END);
-- Set by the scheduler when the charger cannot be relied on to obey limits; it is then budgeted at its rated
-- current until an administrator clears the flag. Internal vocabulary, closed: the scheduler is the only writer.
ALTER TABLE chargers ADD COLUMN load_flag TEXT
    CHECK (load_flag IN ('profile_rejected', 'profile_not_supported', 'profile_call_error', 'overdraw'));
ALTER TABLE chargers ADD COLUMN load_flag_detail TEXT;
ALTER TABLE chargers ADD COLUMN load_flag_since INTEGER
    CHECK ((load_flag IS NULL) = (load_flag_since IS NULL) AND (load_flag IS NOT NULL OR load_flag_detail IS NULL));
CREATE INDEX chargers_by_circuit ON chargers (circuit_id);

CREATE TRIGGER chargers_circuit_at_site_on_insert BEFORE INSERT ON chargers
WHEN NEW.circuit_id IS NOT NULL
 AND NOT EXISTS (SELECT 1 FROM circuits WHERE id = NEW.circuit_id AND site_id IS NEW.site_id)
BEGIN
    SELECT RAISE(ABORT, 'a charger''s circuit must belong to the charger''s site');
END;

CREATE TRIGGER chargers_circuit_at_site_on_update BEFORE UPDATE OF site_id, circuit_id ON chargers
WHEN NEW.circuit_id IS NOT NULL
 AND NOT EXISTS (SELECT 1 FROM circuits WHERE id = NEW.circuit_id AND site_id IS NEW.site_id)
BEGIN
    SELECT RAISE(ABORT, 'a charger''s circuit must belong to the charger''s site');
END;

-- A circuit's site is fixed: chargers and sub-circuits refer to it through the site.
CREATE TRIGGER circuits_site_is_fixed BEFORE UPDATE OF site_id ON circuits
WHEN NEW.site_id IS NOT OLD.site_id
BEGIN
    SELECT RAISE(ABORT, 'a circuit''s site cannot change');
END;

-- The building's own (non-charging) load on a circuit, as a meter gateway posts it: per-phase currents, or
-- the power when that is all the meter gives. Append-only; housekeeping prunes old readings.
CREATE TABLE building_load_readings (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites (id),
    circuit_id  INTEGER NOT NULL,
    measured_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    -- A single-phase circuit reports L1 with L2 and L3 as 0.
    current_l1  REAL    CHECK (current_l1 >= 0),
    current_l2  REAL    CHECK (current_l2 >= 0),
    current_l3  REAL    CHECK (current_l3 >= 0),
    power_kw    REAL    CHECK (power_kw >= 0),
    FOREIGN KEY (circuit_id, site_id) REFERENCES circuits (id, site_id) ON DELETE CASCADE,
    CHECK ((current_l1 IS NULL) = (current_l2 IS NULL) AND (current_l1 IS NULL) = (current_l3 IS NULL)),
    CHECK ((current_l1 IS NULL) <> (power_kw IS NULL))
) STRICT;
-- The newest reading of a circuit, and a site's readings over a period. Pruning by age scans: it runs
-- rarely, and one more index would cost every insert.
CREATE INDEX building_load_by_circuit ON building_load_readings (circuit_id, measured_at);
CREATE INDEX building_load_by_site ON building_load_readings (site_id, measured_at);

-- Expected building load per phase in each site-local hour of a weekday or a weekend day, used when readings
-- are missing or stale.
CREATE TABLE building_load_profiles (
    circuit_id INTEGER NOT NULL REFERENCES circuits (id) ON DELETE CASCADE,
    day_type   TEXT    NOT NULL CHECK (day_type IN ('weekday', 'weekend')),
    hour       INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
    current_a  REAL    NOT NULL CHECK (current_a >= 0),
    PRIMARY KEY (circuit_id, day_type, hour)
) STRICT, WITHOUT ROWID;

-- Time-of-use periods (峰谷分时电价) repeating daily in the site's time zone; the API keeps a site's periods
-- free of overlaps and covering the whole day. end_time is exclusive and may wrap past midnight (23:00-07:00);
-- a single period whose end equals its start covers the whole day.
CREATE TABLE tariff_periods (
    site_id       INTEGER NOT NULL REFERENCES sites (id),
    kind          TEXT    NOT NULL CHECK (kind IN ('sharp_peak', 'peak', 'flat', 'valley')),
    start_time    TEXT    NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    end_time      TEXT    NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    price_per_kwh REAL    NOT NULL CHECK (price_per_kwh >= 0),  -- CNY
    PRIMARY KEY (site_id, start_time)
) STRICT, WITHOUT ROWID;

-- What a running transaction still needs, as told through the API (a driver's app, a fleet system). No
-- cascade: transactions are billing records and are never deleted.
CREATE TABLE charging_needs (
    transaction_id INTEGER NOT NULL PRIMARY KEY REFERENCES transactions (id),
    energy_kwh     REAL    CHECK (energy_kwh > 0),
    departure_time INTEGER,
    updated_at     INTEGER NOT NULL
) STRICT;
