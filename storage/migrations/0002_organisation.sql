-- Organisation model: the public institutions that own car parks (sites), departments, vehicles and drivers,
-- and the links from chargers and id tags into it. Every object belongs to exactly one institution; that is
-- what limits a fleet administrator's or an energy office's view to its scope.
--
-- Conventions (besides those of 0001):
--   * Ids are AUTOINCREMENT: scopes, reports and integrators refer to objects by id, and a deleted object's
--     id must never come back as somebody else's.
--   * An object's institution never changes (the triggers at the end refuse it). Moving a vehicle to another
--     institution is a new vehicle; it keeps every same-institution rule below true at all times.
--   * "Belongs to the same institution" is a foreign key on an (id, institution_id) pair where deleting the
--     referenced row must be refused anyway (departments), and a trigger where the link is cleared on
--     deletion (an id tag's vehicle or driver): ON DELETE SET NULL on a pair would clear the institution too.
--   * Calendar dates (YYYY-MM-DD) and local times of day (HH:MM) are TEXT: they are not instants.

-- A public body, identified by its 18-character unified social credit code (GB 32100-2015; the check
-- character is verified by the API).
CREATE TABLE institutions (
    id                         INTEGER PRIMARY KEY AUTOINCREMENT,
    name                       TEXT    NOT NULL,
    unified_social_credit_code TEXT    NOT NULL UNIQUE CHECK (length(unified_social_credit_code) = 18),
    -- 国家机关 / 事业单位 / 团体组织
    type                       TEXT    NOT NULL CHECK (type IN ('state_organ', 'public_institution',
                                                                'social_organisation')),
    -- Only public institutions are grouped by sector in the energy statistics.
    sector                     TEXT    CHECK (sector IN ('education', 'science', 'culture', 'health', 'sports',
                                                         'other')),
    region                     TEXT,   -- free text or a 6-digit administrative division code
    created_at                 INTEGER NOT NULL,
    updated_at                 INTEGER NOT NULL,
    CHECK ((type = 'public_institution') = (sector IS NOT NULL))
) STRICT;

-- A car park with chargers. Its time zone is used for display and time-of-use periods only.
CREATE TABLE sites (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    institution_id INTEGER NOT NULL REFERENCES institutions (id),
    name           TEXT    NOT NULL,
    address        TEXT,
    time_zone      TEXT    NOT NULL DEFAULT 'Asia/Shanghai',  -- IANA name
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (institution_id, name)
) STRICT;

-- A fleet or department; departments may nest within one institution.
CREATE TABLE departments (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    institution_id INTEGER NOT NULL REFERENCES institutions (id),
    parent_id      INTEGER,
    name           TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (id, institution_id),  -- the target of the same-institution foreign keys
    -- A NULL parent_id satisfies the key; a parent with children cannot be deleted.
    FOREIGN KEY (parent_id, institution_id) REFERENCES departments (id, institution_id),
    CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE INDEX departments_by_institution ON departments (institution_id, name);
CREATE INDEX departments_by_parent ON departments (parent_id, institution_id);

CREATE TABLE vehicles (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    institution_id         INTEGER NOT NULL REFERENCES institutions (id),
    department_id          INTEGER,
    plate_number           TEXT    NOT NULL UNIQUE,  -- as on the plate, e.g. 京A12345 or the NEV 京AD12345
    make                   TEXT,
    model                  TEXT,
    kind                   TEXT    NOT NULL CHECK (kind IN ('BEV', 'PHEV', 'petrol', 'diesel')),
    battery_kwh            REAL    CHECK (battery_kwh IS NULL OR (battery_kwh > 0 AND kind IN ('BEV', 'PHEV'))),
    usual_departure_time   TEXT    CHECK (usual_departure_time GLOB '[0-2][0-9]:[0-5][0-9]'),  -- site-local
    priority               INTEGER NOT NULL DEFAULT 5 CHECK (priority BETWEEN 0 AND 10),
    acquired_date          TEXT    NOT NULL CHECK (acquired_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    retired_date           TEXT    CHECK (retired_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                                          AND retired_date >= acquired_date),
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL,
    -- No cascade: a department with vehicles cannot be deleted.
    FOREIGN KEY (department_id, institution_id) REFERENCES departments (id, institution_id)
) STRICT;
CREATE INDEX vehicles_by_institution ON vehicles (institution_id, plate_number);
CREATE INDEX vehicles_by_department ON vehicles (department_id, institution_id);

CREATE TABLE drivers (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    institution_id  INTEGER NOT NULL REFERENCES institutions (id),
    department_id   INTEGER,
    name            TEXT    NOT NULL,
    employee_number TEXT,
    phone           TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    FOREIGN KEY (department_id, institution_id) REFERENCES departments (id, institution_id)
) STRICT;
-- NULLs are distinct in a UNIQUE index: drivers without an employee number do not collide.
CREATE UNIQUE INDEX drivers_employee_number ON drivers (institution_id, employee_number);
CREATE INDEX drivers_by_institution ON drivers (institution_id, name);
CREATE INDEX drivers_by_department ON drivers (department_id, institution_id);

-- A charger belongs to the institution of its site; an unassigned charger is only the admin's.
ALTER TABLE chargers ADD COLUMN site_id INTEGER REFERENCES sites (id);
CREATE INDEX chargers_by_site ON chargers (site_id);

-- An id tag's owner. A tag without institution is a global tag that only admins see.
ALTER TABLE id_tags ADD COLUMN institution_id INTEGER REFERENCES institutions (id);
ALTER TABLE id_tags ADD COLUMN vehicle_id INTEGER REFERENCES vehicles (id) ON DELETE SET NULL;
ALTER TABLE id_tags ADD COLUMN driver_id INTEGER REFERENCES drivers (id) ON DELETE SET NULL
    CHECK (driver_id IS NULL OR vehicle_id IS NULL);
CREATE INDEX id_tags_by_institution ON id_tags (institution_id);
CREATE INDEX id_tags_by_vehicle ON id_tags (vehicle_id);
CREATE INDEX id_tags_by_driver ON id_tags (driver_id);

CREATE TRIGGER id_tags_owner_in_institution_on_insert BEFORE INSERT ON id_tags
WHEN (NEW.vehicle_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vehicles
                                                 WHERE id = NEW.vehicle_id AND institution_id IS NEW.institution_id))
  OR (NEW.driver_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM drivers
                                                WHERE id = NEW.driver_id AND institution_id IS NEW.institution_id))
BEGIN
    SELECT RAISE(ABORT, 'an id tag''s vehicle or driver must belong to the tag''s institution');
END;

CREATE TRIGGER id_tags_owner_in_institution_on_update BEFORE UPDATE OF institution_id, vehicle_id, driver_id ON id_tags
WHEN (NEW.vehicle_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vehicles
                                                 WHERE id = NEW.vehicle_id AND institution_id IS NEW.institution_id))
  OR (NEW.driver_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM drivers
                                                WHERE id = NEW.driver_id AND institution_id IS NEW.institution_id))
BEGIN
    SELECT RAISE(ABORT, 'an id tag''s vehicle or driver must belong to the tag''s institution');
END;

CREATE TRIGGER sites_institution_is_fixed BEFORE UPDATE OF institution_id ON sites
WHEN NEW.institution_id IS NOT OLD.institution_id
BEGIN
    SELECT RAISE(ABORT, 'a site''s institution cannot change');
END;

CREATE TRIGGER departments_institution_is_fixed BEFORE UPDATE OF institution_id ON departments
WHEN NEW.institution_id IS NOT OLD.institution_id
BEGIN
    SELECT RAISE(ABORT, 'a department''s institution cannot change');
END;

CREATE TRIGGER vehicles_institution_is_fixed BEFORE UPDATE OF institution_id ON vehicles
WHEN NEW.institution_id IS NOT OLD.institution_id
BEGIN
    SELECT RAISE(ABORT, 'a vehicle''s institution cannot change');
END;

CREATE TRIGGER drivers_institution_is_fixed BEFORE UPDATE OF institution_id ON drivers
WHEN NEW.institution_id IS NOT OLD.institution_id
BEGIN
    SELECT RAISE(ABORT, 'a driver''s institution cannot change');
END;
