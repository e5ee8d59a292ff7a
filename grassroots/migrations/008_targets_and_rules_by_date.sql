-- Targets and the legal minimums of engagement carry validity dates: a change of the law or of
-- a target is a new row from its first day, never an edit of the history judged by it
-- (DOMAIN.md). The row that applies on a day is the most specific in force then: a commune's
-- own target over the one for all communes, then the latest to begin.

CREATE TABLE targets_by_date (
    indicator   VARCHAR NOT NULL,
    unit_code   VARCHAR,                   -- NULL: every commune, and the parent unit
    valid_from  DATE NOT NULL DEFAULT DATE '1900-01-01',
    valid_to    DATE,                      -- the last day in force; NULL until a later row
    value       DOUBLE NOT NULL
);
INSERT INTO targets_by_date
SELECT indicator, unit_code, coalesce(make_date(year, 1, 1), DATE '1900-01-01'),
    make_date(year, 12, 31), value
FROM targets;
DROP TABLE targets;
ALTER TABLE targets_by_date RENAME TO targets;

-- A rule is in force from valid_from until the next row of its kind.
CREATE TABLE engagement_rules_by_date (
    kind        VARCHAR NOT NULL,
    valid_from  DATE NOT NULL DEFAULT DATE '1900-01-01',
    min_events  INTEGER NOT NULL,
    per         VARCHAR NOT NULL,          -- month, week, year
    reference   VARCHAR NOT NULL,
    PRIMARY KEY (kind, valid_from)
);
INSERT INTO engagement_rules_by_date (kind, min_events, per, reference)
SELECT kind, min_events, per, reference FROM engagement_rules;
DROP TABLE engagement_rules;
ALTER TABLE engagement_rules_by_date RENAME TO engagement_rules;

-- The Law on Citizen Reception as amended by the law of 10/12/2025, in force from 1/7/2026: the
-- chair's weekly reception day stands, on its new basis.
INSERT INTO engagement_rules
SELECT kind, DATE '2026-07-01', min_events, per,
    'Luật Tiếp công dân 2013, sửa đổi, bổ sung năm 2025, hiệu lực từ 01/07/2026'
FROM engagement_rules
WHERE kind = 'chair_reception';
