-- Each commune's standing against each legal minimum of engagement_rules, per month of a
-- period in which it was in force, from its own events, by the rule in force on the month's
-- last day. A legal minimum binds the commune that existed then, so across a reorganisation
-- the former communes have their months and today's theirs. Receptions count distinct days. A
-- rule per week is held in a month when every week of it had the minimum, a week (Monday to
-- Sunday) belonging to the month of its Thursday as in ISO 8601; a rule per year counts the
-- year so far and is "pending" until December.
-- Parameters:
--   start  DATE     the period's first month (its first day)
--   end    DATE     its last month (its first day)
--   as_of  DATE     the day whose communes give the areas (today's in their former district's)
--   area   VARCHAR  a former district's code; NULL: every commune
-- Returns:
--   unit_code  VARCHAR  the commune's code
--   name       VARCHAR  its name then
--   month      DATE     the month (its first day)
--   kind       VARCHAR  the kind of event the rule is about
--   per        VARCHAR  month, week or year
--   required   BIGINT   the minimum (a rule per week: the weeks of the month)
--   held       BIGINT   what was held (a rule per week: the weeks that had the minimum)
--   status     VARCHAR  met, missed, or pending (a rule per year before December)
WITH months AS (
    SELECT unnest(generate_series($start, $end, INTERVAL 1 MONTH))::DATE AS month
), rules AS (
    SELECT m.month, r.kind, r.per, r.min_events
    FROM months AS m
    JOIN engagement_rules AS r ON r.valid_from <= last_day(m.month)
    QUALIFY row_number() OVER (PARTITION BY m.month, r.kind ORDER BY r.valid_from DESC) = 1
), days AS (  -- receptions count days (two on one day are one day); other events count
    SELECT DISTINCT unit_code, kind, held_on FROM engagements WHERE kind LIKE '%_reception'
    UNION ALL
    SELECT unit_code, kind, held_on FROM engagements WHERE kind NOT LIKE '%_reception'
), thursdays AS (
    SELECT month, CAST(day AS DATE) AS thursday
    FROM months,
        LATERAL (SELECT unnest(generate_series(
            month, month + INTERVAL 1 MONTH - INTERVAL 1 DAY, INTERVAL 1 DAY)) AS day)
    WHERE isodow(day) = 4
), cells AS (  -- each commune in force in a month, under each rule of that month
    SELECT u.code AS unit_code, n.name, u.valid_from, m.month, r.kind, r.per, r.min_events
    FROM units_on($as_of) AS u
    JOIN units AS n ON n.code = u.code AND n.valid_from = u.valid_from
    JOIN months AS m ON m.month BETWEEN u.valid_from AND u.valid_to
    JOIN rules AS r ON r.month = m.month
    WHERE $area IS NULL OR u.area = $area
), counted AS (  -- a rule per month counts the month's events, one per year the year's so far
    SELECT c.unit_code, c.month, c.kind, count(d.held_on) AS held
    FROM cells AS c
    LEFT JOIN days AS d
        ON d.unit_code = c.unit_code AND d.kind = c.kind
        AND d.held_on < c.month + INTERVAL 1 MONTH
        AND d.held_on >= CASE c.per WHEN 'year'
            THEN greatest(date_trunc('year', c.month), c.valid_from) ELSE c.month END
    WHERE c.per <> 'week'
    GROUP BY ALL
), weeks AS (  -- a rule per week: each week of the month, and what it held
    SELECT c.unit_code, c.month, c.kind, c.min_events, w.thursday, count(d.held_on) AS held
    FROM cells AS c
    JOIN thursdays AS w ON w.month = c.month
    LEFT JOIN days AS d
        ON d.unit_code = c.unit_code AND d.kind = c.kind
        AND d.held_on BETWEEN w.thursday - 3 AND w.thursday + 3
    WHERE c.per = 'week'
    GROUP BY ALL
), weekly AS (
    SELECT unit_code, month, kind, count(*) AS required,
        count(*) FILTER (held >= min_events) AS held
    FROM weeks
    GROUP BY ALL
), judged AS (
    SELECT c.unit_code, c.name, c.month, c.kind, c.per,
        coalesce(w.required, c.min_events) AS required, coalesce(w.held, n.held) AS held
    FROM cells AS c
    LEFT JOIN counted AS n USING (unit_code, month, kind)
    LEFT JOIN weekly AS w USING (unit_code, month, kind)
)
SELECT unit_code, name, month, kind, per, required, held,
    CASE
        WHEN held >= required THEN 'met'
        WHEN per = 'year' AND month(month) < 12 THEN 'pending'
        ELSE 'missed'
    END AS status
FROM judged
ORDER BY month, unit_code, kind
