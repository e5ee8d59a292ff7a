-- What each commune reported for the months $start..$end (DATEs, first days): per monthly
-- family, the months with a report against the months in the period; for cadres, whether a
-- snapshot was taken in the twelve months up to $end (one is expected a year). Engagements are
-- events, not reports: a month without one is not a missing report.
-- Returns: unit_code, family, reported, expected.
WITH monthly AS (
    SELECT 'dossiers' AS family, unit_code, month FROM dossier_stats
    UNION ALL SELECT 'letters', unit_code, month FROM letters
    UNION ALL SELECT 'satisfaction', unit_code, month FROM satisfaction
), reported AS (
    SELECT family, unit_code, count(DISTINCT month) AS months
    FROM monthly
    WHERE month BETWEEN $start AND $end
    GROUP BY ALL
    UNION ALL
    SELECT DISTINCT 'cadres', unit_code, 1
    FROM cadre_snapshots
    WHERE taken_on > $end + INTERVAL 1 MONTH - INTERVAL 1 YEAR
        AND taken_on < $end + INTERVAL 1 MONTH
), families AS (
    SELECT unnest(['dossiers', 'letters', 'cadres', 'satisfaction']) AS family
)
SELECT
    u.code AS unit_code,
    f.family,
    coalesce(r.months, 0) AS reported,
    CASE WHEN f.family = 'cadres' THEN 1 ELSE datediff('month', $start, $end) + 1 END AS expected
FROM units AS u
CROSS JOIN families AS f
LEFT JOIN reported AS r ON r.unit_code = u.code AND r.family = f.family
WHERE u.valid_to IS NULL
ORDER BY u.code, f.family
