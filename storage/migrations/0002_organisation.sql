-- Organisation model: the public institutions that own car parks, fleets and vehicles.
-- (Owned by the organisation work; extended there with sites, departments, vehicles, drivers and links.)

-- A public body, identified by its 18-character unified social credit code (GB 32100-2015).
CREATE TABLE institutions (
    id                        INTEGER NOT NULL PRIMARY KEY,
    name                      TEXT    NOT NULL,
    unified_social_credit_code TEXT   NOT NULL UNIQUE,
    -- 国家机关 / 事业单位 / 团体组织
    type                      TEXT    NOT NULL CHECK (type IN ('state_organ', 'public_institution', 'social_organisation')),
    -- for public institutions: education, science, culture, health, sports, other
    sector                    TEXT,
    region                    TEXT,
    created_at                INTEGER NOT NULL,
    updated_at                INTEGER NOT NULL
) STRICT;
