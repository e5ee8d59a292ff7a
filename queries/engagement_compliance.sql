-- Each commune's standing against each legal minimum of engagement_rules, per month of
-- $start..$end (DATEs, first days) in which it was in force, from its own events, by the rule
-- in force on the month's last day. A legal minimum binds the commune that existed then, so
-- across a reorganisation the former communes have their months and today's theirs (within
-- $area, NULL: all; $as_of places today's communes in their former district's area).
-- Receptions count distinct days. A rule per week is held in a month when every week of it had
-- the minimum, a week (Monday to Sunday) belonging to the month of its Thursday as in ISO 8601;
-- a rule per year counts the year so far and is "pending" until December.
-- Returns: unit_code, name, month, kind, per, required, held, status.
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
), counted AS (
    SELECT u.code AS unit_code, n.name, m.month, r.kind, r.per, r.min_events,
        (SELECT count(*) FROM days AS d
         WHERE d.unit_code = u.code AND d.kind = r.kind
             AND date_trunc('month', d.held_on) = m.month) AS in_month,
        (SELECT count(*) FROM days AS d
         WHERE d.unit_code = u.code AND d.kind = r.kind
             AND d.held_on >= greatest(date_trunc('year', m.month), u.valid_from)
             AND d.held_on < m.month + INTERVAL 1 MONTH) AS in_year,
        (SELECT count(*) FROM thursdays AS w WHERE w.month = m.month) AS weeks,
        (SELECT count(*) FROM thursdays AS w
         WHERE w.month = m.month AND (
             SELECT count(*) FROM days AS d
             WHERE d.unit_code = u.code AND d.kind = r.kind
                 AND d.held_on BETWEEN w.thursday - 3 AND w.thursday + 3
         ) >= r.min_events) AS weeks_met
    FROM units_on($as_of) AS u
    JOIN units AS n ON n.code = u.code AND n.valid_from = u.valid_from
    JOIN months AS m ON m.month BETWEEN u.valid_from AND u.valid_to
    JOIN rules AS r ON r.month = m.month
    WHERE $area IS NULL OR u.area = $area
), judged AS (
    SELECT unit_code, name, month, kind, per,
        CASE per WHEN 'week' THEN weeks ELSE min_events END AS required,
        CASE per WHEN 'week' THEN weeks_met WHEN 'year' THEN in_year ELSE in_month END AS held
    FROM counted
)
SELECT unit_code, name, month, kind, per, required, held,
    CASE
        WHEN held >= required THEN 'met'
        WHEN per = 'year' AND month(month) < 12 THEN 'pending'
        ELSE 'missed'
    END AS status
FROM judged
ORDER BY month, unit_code, kind
