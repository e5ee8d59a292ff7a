-- The first and last month with any monthly report or event. Returns one row: first, last.
SELECT min(month) AS first, max(month) AS last
FROM (
    SELECT month FROM dossier_stats
    UNION ALL SELECT month FROM letters
    UNION ALL SELECT month FROM satisfaction
    UNION ALL SELECT CAST(date_trunc('month', held_on) AS DATE) FROM engagements
)
