-- Communes through time (the 2025 reorganisation). A code names a territory for a time: 3,316
-- of the 3,321 communes made on 1 July 2025 reuse the code of one they were made from (13531
-- was xã Bồ Đề until 30/06/2025 and is xã Bình Giang since). A unit is a code in force from
-- valid_from to valid_to (its last day; NULL while in force). A figure keeps its commune's code
-- and its month says which territory that was. The crosswalk links a unit a reorganisation
-- ended to the units that took its territory.

CREATE TABLE units_through_time (
    code           VARCHAR NOT NULL,
    valid_from     DATE NOT NULL DEFAULT DATE '1900-01-01',  -- in force before any figure here
    valid_to       DATE,                   -- the last day in force; NULL while in force
    name           VARCHAR NOT NULL,       -- without the kind prefix: "Bình Mỹ"
    kind           VARCHAR NOT NULL,       -- xã, phường, thị trấn, đặc khu
    population     INTEGER,
    households     INTEGER,
    area_km2       DOUBLE,
    villages       INTEGER,                -- thôn, tổ dân phố
    district_code  VARCHAR,                -- a unit before 1/7/2025: its district
    district_name  VARCHAR,                -- "Huyện Bình Lục"
    province_code  VARCHAR,
    province_name  VARCHAR,                -- "Ninh Bình"
    import_id      INTEGER,
    PRIMARY KEY (code, valid_from)
);
INSERT INTO units_through_time (code, valid_from, valid_to, name, kind, population, households,
    area_km2, villages, import_id)
SELECT code, DATE '1900-01-01', closed_on - 1, name, kind, population, households, area_km2,
    villages, import_id
FROM units;
DROP TABLE units;
ALTER TABLE units_through_time RENAME TO units;

CREATE TABLE replaced_units_through_time AS
    SELECT NULL::INTEGER AS replaced_by, * FROM units LIMIT 0;
INSERT INTO replaced_units_through_time (replaced_by, code, valid_from, valid_to, name, kind,
    population, households, area_km2, villages, import_id)
SELECT replaced_by, code, DATE '1900-01-01', closed_on - 1, name, kind, population, households,
    area_km2, villages, import_id
FROM replaced_units;
DROP TABLE replaced_units;
ALTER TABLE replaced_units_through_time RENAME TO replaced_units;

DROP TABLE unit_crosswalk;
CREATE TABLE crosswalk (
    old_code      VARCHAR NOT NULL,
    new_code      VARCHAR NOT NULL,
    effective_on  DATE NOT NULL,           -- the new unit's first day
    link          VARCHAR NOT NULL,        -- merged, split, renamed, unchanged
    is_default    BOOLEAN NOT NULL,        -- a split unit's figures go whole to this one
    PRIMARY KEY (old_code, new_code, effective_on)
);
