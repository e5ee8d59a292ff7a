-- Every indicator for every commune in force on a day and for their parent units (the whole,
-- and each former district's area), for each of a list of periods. Each value is the ratio of
-- summed parts; the figures of units that ended before $as_of count for their successor
-- (shown_parts). Flow indicators sum the months of the period (windowed ones the last
-- window_months up to its end); stock indicators take each commune's latest snapshot up to its
-- end (its predecessors' taken that day summed). A commune that did not report has no row: no
-- data, never 0. A parent's value sums the parts of the communes that reported; its target is
-- the one set for all communes. Parts are summed by part_sum and values are their ratio
-- (derived/6_ratio.sql).
-- Parameters:
--   periods  STRUCT(kind VARCHAR, "start" DATE, "end" DATE)[]  first days of first, last months
--   as_of    DATE  the day whose communes the figures are for
-- Returns:
--   kind       VARCHAR  the period's kind
--   period     DATE     the period's first day
--   indicator  VARCHAR  the indicator's id (grassroots/catalog.py)
--   unit_code  VARCHAR  the commune's code; NULL for a parent unit
--   area       VARCHAR  the commune's former district, or the parent area's; NULL: the whole
--   num        DOUBLE   the summed numerator
--   den        DOUBLE   the summed denominator
--   value      DOUBLE   their ratio; NULL when the denominator is 0
--   target     DOUBLE   the target in force on the period's last day
--   status     VARCHAR  met, close, missed, no_target or no_data
WITH wanted AS (
    SELECT p.kind, p.start, p."end", last_day(p."end") AS last_day
    FROM (SELECT unnest($periods) AS p)
),
communes AS (
    SELECT code AS unit_code, area FROM units_on($as_of) WHERE in_force
),
parts AS (
    SELECT * FROM shown_parts($as_of) WHERE unit_code IN (SELECT unit_code FROM communes)
),
flows AS (  -- a flow's month counts in each period it falls in; a windowed one's, in each
            -- period whose end is within its window
    SELECT kind, start, indicator, unit_code,
        part_sum(num) AS num, part_sum(den) AS den, ratio(num, den) AS value
    FROM (
        SELECT w.kind, w.start, p.indicator, p.unit_code, p.num, p.den
        FROM parts AS p JOIN wanted AS w ON p.month BETWEEN w.start AND w."end"
        WHERE NOT p.stock AND p.window_months IS NULL
        UNION ALL
        SELECT w.kind, w.start, p.indicator, p.unit_code, p.num, p.den
        FROM parts AS p JOIN wanted AS w
            ON p.month BETWEEN w."end" - to_months(p.window_months - 1) AND w."end"
        WHERE NOT p.stock AND p.window_months IS NOT NULL
    )
    GROUP BY ALL
),
snapshots AS (
    SELECT indicator, unit_code, month,
        part_sum(num) AS num, part_sum(den) AS den, ratio(num, den) AS value
    FROM parts WHERE stock GROUP BY ALL
),
stocks AS (
    SELECT w.kind, w.start, s.indicator, s.unit_code, s.num, s.den, s.value
    FROM wanted AS w
    JOIN snapshots AS s ON s.month <= w."end"
    QUALIFY s.month = max(s.month) OVER (PARTITION BY w.kind, w.start, s.indicator, s.unit_code)
),
targets_then AS (  -- the target for all communes in force on each period's last day
    SELECT w.kind, w.start, t.indicator, t.value AS target
    FROM wanted AS w
    JOIN targets AS t ON w.last_day BETWEEN t.valid_from AND coalesce(t.valid_to, w.last_day)
    WHERE t.unit_code IS NULL
    QUALIFY row_number() OVER (PARTITION BY w.kind, w.start, t.indicator
                               ORDER BY t.valid_from DESC) = 1
),
own_targets AS (  -- a commune's own target in force then, over the one for all
    SELECT w.kind, w.start, t.indicator, t.unit_code, t.value AS target
    FROM wanted AS w
    JOIN targets AS t ON w.last_day BETWEEN t.valid_from AND coalesce(t.valid_to, w.last_day)
    WHERE t.unit_code IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY w.kind, w.start, t.indicator, t.unit_code
                               ORDER BY t.valid_from DESC) = 1
),
commune_rows AS (
    SELECT r.kind, r.start AS period, r.indicator, r.unit_code, c.area, r.num, r.den, r.value,
        coalesce(own.target, every.target) AS target
    FROM (SELECT * FROM flows UNION ALL SELECT * FROM stocks) AS r
    JOIN communes AS c USING (unit_code)
    LEFT JOIN targets_then AS every USING (kind, start, indicator)
    LEFT JOIN own_targets AS own USING (kind, start, indicator, unit_code)
),
parent_rows AS (
    SELECT c.kind, c.period, c.indicator, NULL AS unit_code,
        CASE WHEN GROUPING(c.area) = 0 THEN c.area END AS area,
        part_sum(c.num) AS num, part_sum(c.den) AS den, ratio(c.num, c.den) AS value,
        any_value(every.target) AS target
    FROM commune_rows AS c
    LEFT JOIN targets_then AS every
        ON every.kind = c.kind AND every.start = c.period AND every.indicator = c.indicator
    GROUP BY GROUPING SETS ((c.kind, c.period, c.indicator),
                            (c.kind, c.period, c.indicator, c.area))
    HAVING GROUPING(c.area) = 1 OR c.area IS NOT NULL  -- no area: only in the whole
)
SELECT f.kind, f.period, f.indicator, f.unit_code, f.area, f.num, f.den, f.value, f.target,
    judge(f.value, f.target, i.higher_is_better, i.close_margin) AS status
FROM (SELECT * FROM commune_rows UNION ALL BY NAME SELECT * FROM parent_rows) AS f
JOIN indicator_facts AS i USING (indicator)
