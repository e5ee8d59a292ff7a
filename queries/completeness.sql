-- What each commune in force on $as_of within $area (NULL: all) reported for the months
-- $start..$end (DATEs, first days), its predecessors' reports counted as its own: per monthly
-- family, the months with a report against the months in the period; for cadres, whether a
-- snapshot was taken in the twelve months up to $end (one is expected a year). Engagements are
-- events, not reports: a month without one is not a missing report.
-- Returns: unit_code, family, reported, expected.
WITH monthly AS (
    SELECT 'dossiers' AS family, unit_code, month FROM dossier_stats
    UNION ALL SELECT 'letters', unit_code, month FROM letters
    UNION ALL SELECT 'satisfaction', unit_code, month FROM satisfaction
    UNION ALL SELECT 'cadres', unit_code, taken_on FROM cadre_snapshots
), shown AS (
    SELECT m.family, u.shown_as AS unit_code, m.month
    FROM monthly AS m
    JOIN units_on($as_of) AS u
        ON u.code = m.unit_code AND m.month BETWEEN u.valid_from AND u.valid_to
), reported AS (
    SELECT family, unit_code, count(DISTINCT month) AS months
    FROM shown
    WHERE family <> 'cadres' AND month BETWEEN $start AND $end
    GROUP BY ALL
    UNION ALL
    SELECT DISTINCT 'cadres', unit_code, 1
    FROM shown
    WHERE family = 'cadres' AND month > $end + INTERVAL 1 MONTH - INTERVAL 1 YEAR
        AND month < $end + INTERVAL 1 MONTH
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
