-- The first and last month with any monthly report or event.
-- Returns one row:
--   first  DATE  the first day of the first month; NULL without data
--   last   DATE  the first day of the last month; NULL without data
SELECT min(month) AS first, max(month) AS last
FROM (
    SELECT month FROM dossier_stats
    UNION ALL SELECT month FROM letters
    UNION ALL SELECT month FROM satisfaction
    UNION ALL SELECT CAST(date_trunc('month', held_on) AS DATE) FROM engagements
)
