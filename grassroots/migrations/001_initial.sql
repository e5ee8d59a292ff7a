-- The data of DOMAIN.md: units, their monthly figures, events and snapshots, and what the
-- dashboard needs to judge them (targets, engagement rules) and to trust them (import log).
-- Months are stored as the DATE of their first day.

CREATE TABLE settings (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE units (
    code        VARCHAR PRIMARY KEY,      -- official 5-digit code (Decision 124/2004/QĐ-TTg)
    name        VARCHAR NOT NULL,         -- without the kind prefix: "Bình Mỹ"
    kind        VARCHAR NOT NULL,         -- xã, phường, thị trấn, đặc khu
    population  INTEGER,
    households  INTEGER,
    area_km2    DOUBLE,
    villages    INTEGER,                  -- thôn, tổ dân phố
    closed_on   DATE                      -- set when merged into another unit
);

CREATE TABLE unit_crosswalk (
    old_code       VARCHAR NOT NULL,
    new_code       VARCHAR NOT NULL,
    effective_on   DATE NOT NULL,
    PRIMARY KEY (old_code, effective_on)
);

CREATE TABLE boundaries (
    unit_code   VARCHAR PRIMARY KEY,
    geometry    VARCHAR NOT NULL,         -- GeoJSON geometry, WGS84
    approximate BOOLEAN NOT NULL,         -- generated, not surveyed
    source      VARCHAR NOT NULL
);

CREATE TABLE dossier_stats (
    unit_code         VARCHAR NOT NULL,
    month             DATE NOT NULL,
    carried_over      INTEGER NOT NULL,
    received          INTEGER NOT NULL,
    resolved_early    INTEGER NOT NULL,
    resolved_on_time  INTEGER NOT NULL,
    resolved_late     INTEGER NOT NULL,
    pending_in_time   INTEGER NOT NULL,
    pending_overdue   INTEGER NOT NULL,
    online_full       INTEGER NOT NULL,
    online_partial    INTEGER NOT NULL,
    with_fee          INTEGER NOT NULL,
    paid_online       INTEGER NOT NULL,
    digitised         INTEGER NOT NULL,
    PRIMARY KEY (unit_code, month)
);

CREATE TABLE dossier_records (
    dossier_id    VARCHAR PRIMARY KEY,
    unit_code     VARCHAR NOT NULL,
    received_on   DATE NOT NULL,
    due_on        DATE NOT NULL,
    returned_on   DATE,
    channel       VARCHAR NOT NULL,       -- online_full, online_partial, counter
    has_fee       BOOLEAN NOT NULL,
    paid_online   BOOLEAN NOT NULL,
    digitised     BOOLEAN NOT NULL
);

CREATE TABLE letters (
    unit_code            VARCHAR NOT NULL,
    month                DATE NOT NULL,
    births               INTEGER NOT NULL,
    birth_letters        INTEGER NOT NULL,
    marriages            INTEGER NOT NULL,
    marriage_letters     INTEGER NOT NULL,
    deaths               INTEGER NOT NULL,
    condolence_letters   INTEGER NOT NULL,
    PRIMARY KEY (unit_code, month)
);

CREATE TABLE engagements (
    unit_code            VARCHAR NOT NULL,
    held_on              DATE NOT NULL,
    kind                 VARCHAR NOT NULL,  -- dialogue, secretary_reception, chair_reception,
                                            -- saturday_with_people, voter_meeting, other
    chaired_by           VARCHAR,
    participants         INTEGER NOT NULL,
    petitions_received   INTEGER NOT NULL,
    petitions_resolved   INTEGER NOT NULL
);

CREATE TABLE cadre_snapshots (
    unit_code              VARCHAR NOT NULL,
    taken_on               DATE NOT NULL,
    total                  INTEGER NOT NULL,
    postgraduate           INTEGER NOT NULL,
    university             INTEGER NOT NULL,
    college                INTEGER NOT NULL,
    intermediate           INTEGER NOT NULL,
    other_education        INTEGER NOT NULL,
    theory_advanced        INTEGER NOT NULL,
    theory_intermediate    INTEGER NOT NULL,
    theory_elementary      INTEGER NOT NULL,
    PRIMARY KEY (unit_code, taken_on)
);

CREATE TABLE satisfaction (
    unit_code   VARCHAR NOT NULL,
    month       DATE NOT NULL,
    surveys     INTEGER NOT NULL,
    satisfied   INTEGER NOT NULL,
    PRIMARY KEY (unit_code, month)
);

-- unit_code NULL: every commune; year NULL: every year. The most specific row wins.
CREATE TABLE targets (
    indicator   VARCHAR NOT NULL,
    unit_code   VARCHAR,
    year        INTEGER,
    value       DOUBLE NOT NULL
);

-- Legal minimums for engagement, as data the users can edit.
CREATE TABLE engagement_rules (
    kind        VARCHAR PRIMARY KEY,
    min_events  INTEGER NOT NULL,
    per         VARCHAR NOT NULL,          -- month, week, year
    reference   VARCHAR NOT NULL
);

CREATE SEQUENCE import_log_id;
CREATE TABLE import_log (
    id             INTEGER PRIMARY KEY DEFAULT nextval('import_log_id'),
    file_name      VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,
    checksum       VARCHAR NOT NULL,
    imported_by    VARCHAR NOT NULL,
    imported_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    rows_added     INTEGER NOT NULL,
    rows_replaced  INTEGER NOT NULL,
    undone_at      TIMESTAMP
);

INSERT INTO engagement_rules VALUES
    ('secretary_reception', 2, 'month', 'Quy định 11-QĐi/TW (2019)'),
    ('chair_reception', 1, 'week', 'Luật Tiếp công dân 2013, Điều 15'),
    ('dialogue', 1, 'year', 'Luật Tổ chức chính quyền địa phương 2025');

-- Engagement events counted per commune and month, over every month from the first event to the
-- last: a month without an event of a kind counts 0 of that kind (events are what happened, so
-- none held is a real zero). A commune with no event at all has sent no engagement data: it has
-- no rows here, so it reads "no data", not 0. Receptions count distinct days, as the legal
-- minimums do.
CREATE VIEW engagement_months AS
WITH months AS (
    SELECT unnest(generate_series(
        min(date_trunc('month', held_on)), max(date_trunc('month', held_on)), INTERVAL 1 MONTH
    ))::DATE AS month
    FROM engagements
), counted AS (
    SELECT
        unit_code,
        date_trunc('month', held_on)::DATE AS month,
        count(DISTINCT held_on) FILTER (kind = 'secretary_reception') AS secretary_receptions,
        count(DISTINCT held_on) FILTER (kind = 'chair_reception') AS chair_receptions,
        count(*) FILTER (kind = 'dialogue') AS dialogues,
        count(*) FILTER (kind = 'saturday_with_people') AS saturday_sessions,
        count(*) FILTER (kind = 'voter_meeting') AS voter_meetings,
        sum(participants) AS participants,
        sum(petitions_received) AS petitions_received,
        sum(petitions_resolved) AS petitions_resolved
    FROM engagements
    GROUP BY ALL
)
SELECT
    u.code AS unit_code,
    m.month,
    1 AS months,
    1.0 / 12 AS years,  -- each month is a twelfth of a year: any period reads as a yearly rate
    coalesce(c.secretary_receptions, 0) AS secretary_receptions,
    coalesce(c.chair_receptions, 0) AS chair_receptions,
    coalesce(c.dialogues, 0) AS dialogues,
    coalesce(c.saturday_sessions, 0) AS saturday_sessions,
    coalesce(c.voter_meetings, 0) AS voter_meetings,
    coalesce(c.participants, 0) AS participants,
    coalesce(c.petitions_received, 0) AS petitions_received,
    coalesce(c.petitions_resolved, 0) AS petitions_resolved
FROM units AS u
CROSS JOIN months AS m
LEFT JOIN counted AS c ON c.unit_code = u.code AND c.month = m.month
WHERE u.code IN (SELECT unit_code FROM engagements);
