-- What each commune in force on a day within an area reported for the months of a period, its
-- predecessors' reports counted as its own: per monthly family, the months with a report
-- against the months in the period; for cadres, whether a snapshot was taken in the twelve
-- months up to the period's end (one is expected a year). Engagements are events, not reports:
-- a month without one is not a missing report.
-- Parameters:
--   start  DATE     the period's first month (its first day)
--   end    DATE     its last month (its first day)
--   as_of  DATE     the day whose communes report
--   area   VARCHAR  a former district's code; NULL: every commune
-- Returns:
--   unit_code  VARCHAR  the commune's code
--   family     VARCHAR  dossiers, letters, cadres or satisfaction
--   reported   BIGINT   the months with a report (cadres: 1 with a snapshot, else 0)
--   expected   BIGINT   the months of the period (cadres: 1)
WITH monthly AS (  -- the reports of the period, and the cadre snapshots of its last year
    SELECT 'dossiers' AS family, unit_code, month FROM dossier_stats
    WHERE month BETWEEN $start AND $end
    UNION ALL SELECT 'letters', unit_code, month FROM letters
    WHERE month BETWEEN $start AND $end
    UNION ALL SELECT 'satisfaction', unit_code, month FROM satisfaction
    WHERE month BETWEEN $start AND $end
    UNION ALL SELECT 'cadres', unit_code, taken_on FROM cadre_snapshots
    WHERE taken_on > $end + INTERVAL 1 MONTH - INTERVAL 1 YEAR
        AND taken_on < $end + INTERVAL 1 MONTH
), reported AS (
    SELECT m.family, u.shown_as AS unit_code,
        if(m.family = 'cadres', 1, count(DISTINCT m.month)) AS months
    FROM monthly AS m
    JOIN units_on($as_of) AS u
        ON u.code = m.unit_code AND m.month BETWEEN u.valid_from AND u.valid_to
    GROUP BY m.family, u.shown_as
), families AS (
    SELECT unnest(['dossiers', 'letters', 'cadres', 'satisfaction']) AS family
)
SELECT
    u.code AS unit_code,
    f.family,
    coalesce(r.months, 0) AS reported,
    CASE WHEN f.family = 'cadres' THEN 1 ELSE datediff('month', $start, $end) + 1 END AS expected
FROM units_on($as_of) AS u
CROSS JOIN families AS f
LEFT JOIN reported AS r ON r.unit_code = u.code AND r.family = f.family
WHERE u.in_force AND ($area IS NULL OR u.area = $area)
ORDER BY u.code, f.family
