-- Energy statistics: whom each transaction belonged to when it started, the accounted ledger of finished
-- transactions (split by site-local day and time-of-use period), data-quality findings, conversion factors
-- for standard coal and CO2, odometer readings, and the charger and site fields the statistics need.
--
-- Conventions (besides those of 0001 and 0002):
--   * Energy is INTEGER Wh, money INTEGER fen (0.01 CNY), durations INTEGER seconds.
--   * Local dates (YYYY-MM-DD) are in the site's time zone; periods are YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY.
--   * Statistics are history: the organisation ids they carry have no foreign keys, so that deleting a
--     vehicle, driver, department or site later neither is refused because of old sessions nor rewrites
--     them. The ids are AUTOINCREMENT (0002), so a dangling id never comes to mean another object.

-- Whom a transaction belonged to when the central system recorded its start (written with the transaction).
-- institution_id is the institution whose fleet charged: the vehicle's, else the id tag's, else the site's;
-- site_institution_id is the car park's owner, who pays the electricity.
CREATE TABLE transaction_attribution (
    transaction_id      INTEGER NOT NULL PRIMARY KEY REFERENCES transactions (id),
    site_id             INTEGER,
    site_institution_id INTEGER,
    institution_id      INTEGER,
    department_id       INTEGER,  -- the vehicle's, else the driver's
    vehicle_id          INTEGER,
    driver_id           INTEGER,
    id_tag_known        INTEGER NOT NULL CHECK (id_tag_known IN (0, 1))  -- the tag was in id_tags
) STRICT;

-- Transactions recorded before this migration get the organisation as it is now: the best there is.
INSERT INTO transaction_attribution (transaction_id, site_id, site_institution_id, institution_id,
                                     department_id, vehicle_id, driver_id, id_tag_known)
SELECT transactions.id, sites.id, sites.institution_id,
       coalesce(vehicles.institution_id, id_tags.institution_id, sites.institution_id),
       coalesce(vehicles.department_id, drivers.department_id), id_tags.vehicle_id, id_tags.driver_id,
       id_tags.id_tag IS NOT NULL
FROM transactions
JOIN chargers ON chargers.id = transactions.charger_id
LEFT JOIN sites ON sites.id = chargers.site_id
LEFT JOIN id_tags ON id_tags.id_tag = transactions.id_tag
LEFT JOIN vehicles ON vehicles.id = id_tags.vehicle_id
LEFT JOIN drivers ON drivers.id = id_tags.driver_id;

-- The accounting runs over finished transactions without a ledger; it looks them up by stop time too.
CREATE INDEX transactions_by_stop ON transactions (stop_timestamp) WHERE stop_timestamp IS NOT NULL;

-- One row per accounted finished transaction, with its attribution copied so that the ledger stands alone.
-- Rewritten whole when a transaction is accounted again. Energies are not checked: the accounting decides
-- what an implausible meter means and records a finding, and the ledger keeps what it concluded.
CREATE TABLE energy_sessions (
    transaction_id      INTEGER NOT NULL PRIMARY KEY REFERENCES transactions (id),
    charger_id          TEXT    NOT NULL,
    connector_id        INTEGER NOT NULL,
    id_tag              TEXT    NOT NULL COLLATE NOCASE,
    site_id             INTEGER,
    site_institution_id INTEGER,
    institution_id      INTEGER,
    department_id       INTEGER,
    vehicle_id          INTEGER,
    driver_id           INTEGER,
    id_tag_known        INTEGER NOT NULL CHECK (id_tag_known IN (0, 1)),
    start_at            INTEGER NOT NULL,
    stop_at             INTEGER NOT NULL,
    total_wh            INTEGER NOT NULL,
    -- register: from Energy.Active.Import.Register readings; meter_stop: meterStop - meterStart only
    energy_source       TEXT    NOT NULL CHECK (energy_source IN ('register', 'meter_stop')),
    -- The site-local date of the earliest part: the day the session counts in. NULL without parts.
    start_date          TEXT    CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    accounted_at        INTEGER NOT NULL
) STRICT;
CREATE INDEX energy_sessions_by_institution ON energy_sessions (institution_id, start_date);
CREATE INDEX energy_sessions_by_charger ON energy_sessions (charger_id, start_date);

-- A session's energy on one site-local day in one time-of-use period. The grouping columns are copied from
-- the session so that a report is one GROUP BY over this table; starts_session is 1 on the session's first
-- part only, so that summing it counts sessions in the period they started.
CREATE TABLE energy_parts (
    transaction_id      INTEGER NOT NULL REFERENCES energy_sessions (transaction_id) ON DELETE CASCADE,
    local_date          TEXT    NOT NULL CHECK (local_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    -- unclassified: the site had no tariff period for the time
    tou_kind            TEXT    NOT NULL CHECK (tou_kind IN ('sharp_peak', 'peak', 'flat', 'valley',
                                                             'unclassified')),
    wh                  INTEGER NOT NULL,
    seconds             INTEGER NOT NULL,
    price_per_kwh       REAL    NOT NULL,  -- CNY, the tariff period's price
    cost_fen            INTEGER NOT NULL,
    service_fee_fen     INTEGER NOT NULL,
    institution_id      INTEGER,
    site_institution_id INTEGER,
    site_id             INTEGER,
    department_id       INTEGER,
    vehicle_id          INTEGER,
    charger_id          TEXT    NOT NULL,
    starts_session      INTEGER NOT NULL CHECK (starts_session IN (0, 1)),
    PRIMARY KEY (transaction_id, local_date, tou_kind)
) STRICT, WITHOUT ROWID;
-- Reports scan one institution's (or every institution's) parts of a date range and read nothing else:
-- these indexes cover the queries by the fleet's institution (institution, department and vehicle rows)
-- and by the site's (site and charger rows). The primary key columns ride along in every index of a
-- WITHOUT ROWID table, so tou_kind and transaction_id are covered too. Parts are written once per session,
-- so the wide indexes cost little; a yearly report reads one contiguous range of one of them.
CREATE INDEX energy_parts_by_institution
    ON energy_parts (institution_id, local_date, department_id, vehicle_id, wh, seconds, cost_fen,
                     service_fee_fen, starts_session);
CREATE INDEX energy_parts_by_site_institution
    ON energy_parts (site_institution_id, local_date, site_id, charger_id, wh, seconds, cost_fen,
                     service_fee_fen, starts_session);

-- Incrementally maintained monthly sums of the parts, for the reports of whole months, quarters and years:
-- one row per institution, department, vehicle and month (by the fleet's institution) and one per site
-- institution, site, charger and month (by the site's), kept by the triggers below in the same statement
-- that writes or deletes a part. A yearly report over millions of meter samples reads a few thousand rows.
-- Ids are never 0 (AUTOINCREMENT), so 0 stands for "none" in these keys; NULL would defeat the primary key.
CREATE TABLE energy_monthly_by_fleet (
    institution_id      INTEGER NOT NULL,
    department_id       INTEGER NOT NULL,
    vehicle_id          INTEGER NOT NULL,
    month               TEXT    NOT NULL,  -- YYYY-MM, site-local
    wh                  INTEGER NOT NULL,
    sessions            INTEGER NOT NULL,
    seconds             INTEGER NOT NULL,
    cost_fen            INTEGER NOT NULL,
    service_fee_fen     INTEGER NOT NULL,
    wh_sharp_peak       INTEGER NOT NULL,
    wh_peak             INTEGER NOT NULL,
    wh_flat             INTEGER NOT NULL,
    wh_valley           INTEGER NOT NULL,
    wh_unclassified     INTEGER NOT NULL,
    PRIMARY KEY (institution_id, month, department_id, vehicle_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE energy_monthly_by_site (
    site_institution_id INTEGER NOT NULL,
    site_id             INTEGER NOT NULL,
    charger_id          TEXT    NOT NULL,
    month               TEXT    NOT NULL,  -- YYYY-MM, site-local
    wh                  INTEGER NOT NULL,
    sessions            INTEGER NOT NULL,
    seconds             INTEGER NOT NULL,
    cost_fen            INTEGER NOT NULL,
    service_fee_fen     INTEGER NOT NULL,
    wh_sharp_peak       INTEGER NOT NULL,
    wh_peak             INTEGER NOT NULL,
    wh_flat             INTEGER NOT NULL,
    wh_valley           INTEGER NOT NULL,
    wh_unclassified     INTEGER NOT NULL,
    PRIMARY KEY (site_institution_id, month, site_id, charger_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER energy_parts_add_to_months AFTER INSERT ON energy_parts
BEGIN
    INSERT INTO energy_monthly_by_fleet (institution_id, department_id, vehicle_id, month, wh, sessions, seconds, cost_fen, service_fee_fen, wh_sharp_peak, wh_peak, wh_flat, wh_valley, wh_unclassified)
    VALUES (ifnull(NEW.institution_id, 0), ifnull(NEW.department_id, 0), ifnull(NEW.vehicle_id, 0), substr(NEW.local_date, 1, 7), NEW.wh, NEW.starts_session, NEW.seconds, NEW.cost_fen,
            NEW.service_fee_fen, CASE NEW.tou_kind WHEN 'sharp_peak' THEN NEW.wh ELSE 0 END, CASE NEW.tou_kind WHEN 'peak' THEN NEW.wh ELSE 0 END, CASE NEW.tou_kind WHEN 'flat' THEN NEW.wh ELSE 0 END, CASE NEW.tou_kind WHEN 'valley' THEN NEW.wh ELSE 0 END, CASE NEW.tou_kind WHEN 'unclassified' THEN NEW.wh ELSE 0 END)
    ON CONFLICT (institution_id, month, department_id, vehicle_id) DO UPDATE SET
            wh = wh + excluded.wh,
            sessions = sessions + excluded.sessions,
            seconds = seconds + excluded.seconds,
            cost_fen = cost_fen + excluded.cost_fen,
            service_fee_fen = service_fee_fen + excluded.service_fee_fen,
            wh_sharp_peak = wh_sharp_peak + excluded.wh_sharp_peak,
            wh_peak = wh_peak + excluded.wh_peak,
            wh_flat = wh_flat + excluded.wh_flat,
            wh_valley = wh_valley + excluded.wh_valley,
            wh_unclassified = wh_unclassified + excluded.wh_unclassified;
    INSERT INTO energy_monthly_by_site (site_institution_id, site_id, charger_id, month, wh, sessions, seconds, cost_fen, service_fee_fen, wh_sharp_peak, wh_peak, wh_flat, wh_valley, wh_unclassified)
    VALUES (ifnull(NEW.site_institution_id, 0), ifnull(NEW.site_id, 0), NEW.charger_id, substr(NEW.local_date, 1, 7), NEW.wh, NEW.starts_session, NEW.seconds, NEW.cost_fen,
            NEW.service_fee_fen, CASE NEW.tou_kind WHEN 'sharp_peak' THEN NEW.wh ELSE 0 END, CASE NEW.tou_kind WHEN 'peak' THEN NEW.wh ELSE 0 END, CASE NEW.tou_kind WHEN 'flat' THEN NEW.wh ELSE 0 END, CASE NEW.tou_kind WHEN 'valley' THEN NEW.wh ELSE 0 END, CASE NEW.tou_kind WHEN 'unclassified' THEN NEW.wh ELSE 0 END)
    ON CONFLICT (site_institution_id, month, site_id, charger_id) DO UPDATE SET
            wh = wh + excluded.wh,
            sessions = sessions + excluded.sessions,
            seconds = seconds + excluded.seconds,
            cost_fen = cost_fen + excluded.cost_fen,
            service_fee_fen = service_fee_fen + excluded.service_fee_fen,
            wh_sharp_peak = wh_sharp_peak + excluded.wh_sharp_peak,
            wh_peak = wh_peak + excluded.wh_peak,
            wh_flat = wh_flat + excluded.wh_flat,
            wh_valley = wh_valley + excluded.wh_valley,
            wh_unclassified = wh_unclassified + excluded.wh_unclassified;
END;

-- Also fired by the ON DELETE CASCADE from energy_sessions when a session is accounted again.
CREATE TRIGGER energy_parts_remove_from_months AFTER DELETE ON energy_parts
BEGIN
    UPDATE energy_monthly_by_fleet SET
        wh = wh - OLD.wh,
        sessions = sessions - OLD.starts_session,
        seconds = seconds - OLD.seconds,
        cost_fen = cost_fen - OLD.cost_fen,
        service_fee_fen = service_fee_fen - OLD.service_fee_fen,
        wh_sharp_peak = wh_sharp_peak - CASE OLD.tou_kind WHEN 'sharp_peak' THEN OLD.wh ELSE 0 END,
        wh_peak = wh_peak - CASE OLD.tou_kind WHEN 'peak' THEN OLD.wh ELSE 0 END,
        wh_flat = wh_flat - CASE OLD.tou_kind WHEN 'flat' THEN OLD.wh ELSE 0 END,
        wh_valley = wh_valley - CASE OLD.tou_kind WHEN 'valley' THEN OLD.wh ELSE 0 END,
        wh_unclassified = wh_unclassified - CASE OLD.tou_kind WHEN 'unclassified' THEN OLD.wh ELSE 0 END
    WHERE institution_id = ifnull(OLD.institution_id, 0) AND department_id = ifnull(OLD.department_id, 0) AND vehicle_id = ifnull(OLD.vehicle_id, 0) AND month = substr(OLD.local_date, 1, 7);
    UPDATE energy_monthly_by_site SET
        wh = wh - OLD.wh,
        sessions = sessions - OLD.starts_session,
        seconds = seconds - OLD.seconds,
        cost_fen = cost_fen - OLD.cost_fen,
        service_fee_fen = service_fee_fen - OLD.service_fee_fen,
        wh_sharp_peak = wh_sharp_peak - CASE OLD.tou_kind WHEN 'sharp_peak' THEN OLD.wh ELSE 0 END,
        wh_peak = wh_peak - CASE OLD.tou_kind WHEN 'peak' THEN OLD.wh ELSE 0 END,
        wh_flat = wh_flat - CASE OLD.tou_kind WHEN 'flat' THEN OLD.wh ELSE 0 END,
        wh_valley = wh_valley - CASE OLD.tou_kind WHEN 'valley' THEN OLD.wh ELSE 0 END,
        wh_unclassified = wh_unclassified - CASE OLD.tou_kind WHEN 'unclassified' THEN OLD.wh ELSE 0 END
    WHERE site_institution_id = ifnull(OLD.site_institution_id, 0) AND site_id = ifnull(OLD.site_id, 0) AND charger_id = OLD.charger_id AND month = substr(OLD.local_date, 1, 7);
END;

-- What the data-quality checks found. key is the finding's stable identity (e.g. kind and transaction):
-- checks run again and again, and a repeated finding updates its row. No foreign keys: findings are
-- evidence and outlive the objects they name.
CREATE TABLE data_quality_findings (
    id             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    key            TEXT    NOT NULL UNIQUE,
    kind           TEXT    NOT NULL,  -- open: the checks name their findings
    severity       TEXT    NOT NULL CHECK (severity IN ('info', 'warning', 'error')),
    message        TEXT    NOT NULL,
    evidence       TEXT    NOT NULL CHECK (json_valid(evidence)),  -- JSON object
    transaction_id INTEGER,
    charger_id     TEXT,
    connector_id   INTEGER,
    vehicle_id     INTEGER,
    department_id  INTEGER,
    site_id        INTEGER,
    institution_id INTEGER,  -- whose statistics it affects; NULL: admins only
    period         TEXT    CHECK (period GLOB '[0-9][0-9][0-9][0-9]'
                                  OR period GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'
                                  OR period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                                  OR period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    local_date     TEXT    CHECK (local_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    -- The day date filters go by: the local date, else the first day of the period (2026-Q2: 2026-04-01).
    about_date     TEXT    GENERATED ALWAYS AS (coalesce(local_date, CASE
                               WHEN length(period) = 10 THEN period
                               WHEN substr(period, 6, 1) = 'Q'
                                   THEN substr(period, 1, 5) || CASE substr(period, 7, 1) WHEN '1' THEN '01'
                                        WHEN '2' THEN '04' WHEN '3' THEN '07' ELSE '10' END || '-01'
                               WHEN length(period) = 7 THEN period || '-01'
                               WHEN length(period) = 4 THEN period || '-01-01' END)) STORED,
    detected_at    INTEGER NOT NULL,  -- first detected
    updated_at     INTEGER NOT NULL   -- last detected
) STRICT;
CREATE INDEX data_quality_findings_by_institution ON data_quality_findings (institution_id, about_date);
CREATE INDEX data_quality_findings_by_transaction ON data_quality_findings (transaction_id)
    WHERE transaction_id IS NOT NULL;

-- Conversion factors: the defaults (institution_id NULL) for every institution, and an institution's own
-- figures, which take precedence. One factor per owner, kind and year. Deleting an institution takes its
-- own factors with it.
CREATE TABLE energy_factors (
    id             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    institution_id INTEGER REFERENCES institutions (id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL CHECK (kind IN ('coal_kgce_per_kwh', 'grid_co2_kg_per_kwh',
                                                    'petrol_reference_l_per_100km', 'ev_reference_kwh_per_100km',
                                                    'petrol_co2_kg_per_l', 'petrol_kgce_per_l')),
    value          REAL    NOT NULL CHECK (value > 0),
    unit           TEXT    NOT NULL,
    year           INTEGER NOT NULL,  -- the year the factor is for
    source         TEXT    NOT NULL,  -- a published reference, so that every figure can be traced
    -- Electricity converts to standard coal by its calorific equivalent (当量值) or by the coal a power
    -- plant burns for it (等价值); only the coal factor has a basis.
    basis          TEXT    CHECK (basis IN ('equivalent', 'equal_value')),
    created_at     INTEGER NOT NULL,
    CHECK ((kind = 'coal_kgce_per_kwh') = (basis IS NOT NULL))
) STRICT;
-- NULLs are distinct in a UNIQUE index: coalesce makes the defaults collide with each other too.
CREATE UNIQUE INDEX energy_factors_per_kind_and_year
    ON energy_factors (coalesce(institution_id, 0), kind, year);

INSERT INTO energy_factors (institution_id, kind, value, unit, year, source, basis, created_at) VALUES
    (NULL, 'coal_kgce_per_kwh', 0.1229, 'kgce/kWh', 2020,
     'GB/T 2589-2020, electricity calorific equivalent value', 'equivalent', 0),
    (NULL, 'grid_co2_kg_per_kwh', 0.5568, 'kgCO2/kWh', 2021,
     'Ministry of Ecology and Environment and National Bureau of Statistics, national average grid emission factor 2021',
     NULL, 0),
    (NULL, 'grid_co2_kg_per_kwh', 0.5366, 'kgCO2/kWh', 2022,
     'Ministry of Ecology and Environment and National Bureau of Statistics, national average grid emission factor 2022',
     NULL, 0),
    (NULL, 'grid_co2_kg_per_kwh', 0.5306, 'kgCO2/kWh', 2023,
     'Ministry of Ecology and Environment and National Bureau of Statistics, national average grid emission factor 2023',
     NULL, 0),
    (NULL, 'petrol_reference_l_per_100km', 8.0, 'L/100km', 2024,
     'ParkGrid default for an official sedan; set the fleet''s own figure', NULL, 0),
    (NULL, 'ev_reference_kwh_per_100km', 15.0, 'kWh/100km', 2024,
     'ParkGrid default for a battery-electric sedan; measured figures are used where odometer readings exist',
     NULL, 0),
    (NULL, 'petrol_co2_kg_per_l', 2.27, 'kgCO2/L', 2006,
     'IPCC 2006 Guidelines, Vol. 2 Table 3.2.1: 69.3 tCO2/TJ, 44.3 TJ/Gg, 0.74 kg/L', NULL, 0),
    (NULL, 'petrol_kgce_per_l', 1.0888, 'kgce/L', 2020, 'GB/T 2589-2020: petrol 1.4714 kgce/kg at 0.74 kg/L',
     NULL, 0);

-- A vehicle's odometer as somebody read it, for measured consumption per 100 km. Readings go with their
-- vehicle.
CREATE TABLE odometer_readings (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    vehicle_id  INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    read_at     INTEGER NOT NULL,
    odometer_km REAL    NOT NULL CHECK (odometer_km >= 0),
    note        TEXT,
    recorded_by TEXT    NOT NULL,  -- "user:<name>" or "token:<name>"
    recorded_at INTEGER NOT NULL,
    UNIQUE (vehicle_id, read_at)
) STRICT;

-- What a charger can deliver, for the fleet inventory and plausibility checks of the power drawn.
ALTER TABLE chargers ADD COLUMN current_type TEXT CHECK (current_type IN ('AC', 'DC'));
ALTER TABLE chargers ADD COLUMN rated_power_kw REAL CHECK (rated_power_kw > 0);

-- CNY per kWh charged on top of the energy price (充电服务费); 0 where the car park charges none.
ALTER TABLE sites ADD COLUMN service_fee_per_kwh REAL NOT NULL DEFAULT 0 CHECK (service_fee_per_kwh >= 0);
