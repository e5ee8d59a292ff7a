-- The engagement_months table, refreshed by every write: engagement events counted per commune
-- and month, over every month from the first event to the last. A month without an event of a
-- kind counts 0 of that kind (events are what happened, so none held is a real zero). A commune
-- with no event at all has sent no engagement data: it has no rows here, so it reads "no data",
-- not 0. Receptions count distinct days, as the legal minimums do.
-- Returns:
--   unit_code             VARCHAR  the commune's code
--   month                 DATE     the month (its first day)
--   months                INTEGER  1: a month, the denominator of the per-month indicators
--   years                 DOUBLE   1/12: a month as a share of a year, for per-year ones
--   secretary_receptions  BIGINT   days the Party secretary received citizens
--   chair_receptions      BIGINT   days the People's Committee chair received citizens
--   dialogues             BIGINT   dialogue conferences
--   saturday_sessions     BIGINT   "Saturday with the people" sessions
--   voter_meetings        BIGINT   meetings with voters
--   participants          HUGEINT  people who took part, all events
--   petitions_received    HUGEINT  petitions received, all events
--   petitions_resolved    HUGEINT  petitions resolved, all events
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
WHERE u.code IN (SELECT unit_code FROM engagements)
ORDER BY m.month, u.code
