-- Monthly one-stop statistics counted from dossier records (DOMAIN.md), for a list of
-- communes, every month from a first one to the last month with a record's date. A dossier
-- returned before its appointment date was resolved early, on that date on time, after it
-- late; one still open at the end of a month's last day is pending, overdue once that day is
-- past its appointment date. Counts of channel, fee, payment and digitisation are of the
-- dossiers received in the month, and NULL (no data) when a dossier of them does not say: its
-- fee or digitisation left out of the file, or "online" without in full or in part. A dossier
-- registered online but never accepted at the desk, or refused there, is not counted.
-- Parameters:
--   units  VARCHAR[]  the communes' codes
--   since  DATE       the first month counted (its first day)
-- Returns:
--   unit_code         VARCHAR  the commune's code
--   month             DATE     the month (its first day)
--   carried_over      BIGINT   dossiers received before the month and open at its start
--   received          BIGINT   dossiers received in the month
--   resolved_early    BIGINT   returned in the month before their appointment date
--   resolved_on_time  BIGINT   returned in the month on their appointment date
--   resolved_late     BIGINT   returned in the month after their appointment date
--   pending_in_time   BIGINT   open at the month's end, their appointment date still to come
--   pending_overdue   BIGINT   open at the month's end, their appointment date past
--   online_full       BIGINT   received online in full; NULL when one says only "online"
--   online_partial    BIGINT   received online in part; NULL when one says only "online"
--   with_fee          BIGINT   received with a fee; NULL when one does not say
--   paid_online       BIGINT   received and paid online; NULL when one does not say
--   digitised         BIGINT   received and digitised; NULL when one does not say
WITH records AS (
    SELECT * FROM dossier_records
    WHERE list_contains($units, unit_code) AND coalesce(status, '') NOT IN ('registered', 'refused')
), months AS (
    SELECT unit_code, unnest(generate_series(
        greatest(min(date_trunc('month', received_on)), $since::DATE),
        max(date_trunc('month', greatest(received_on, coalesce(returned_on, received_on)))),
        INTERVAL 1 MONTH
    ))::DATE AS month
    FROM records
    GROUP BY unit_code
), spans AS (
    SELECT m.unit_code, m.month, last_day(m.month) AS month_end, r.*
    FROM months AS m
    LEFT JOIN records AS r
        ON r.unit_code = m.unit_code
        AND r.received_on <= last_day(m.month)
        AND (r.returned_on IS NULL OR r.returned_on >= m.month)
)
SELECT
    unit_code,
    month,
    count(*) FILTER (received_on < month) AS carried_over,
    count(*) FILTER (received_on >= month) AS received,
    count(*) FILTER (returned_on <= month_end AND returned_on < due_on) AS resolved_early,
    count(*) FILTER (returned_on <= month_end AND returned_on = due_on) AS resolved_on_time,
    count(*) FILTER (returned_on <= month_end AND returned_on > due_on) AS resolved_late,
    count(*) FILTER (coalesce(returned_on > month_end, received_on IS NOT NULL)
                     AND due_on > month_end) AS pending_in_time,
    count(*) FILTER (coalesce(returned_on > month_end, received_on IS NOT NULL)
                     AND due_on <= month_end) AS pending_overdue,
    unless_unsaid(count(*) FILTER (received_on >= month AND channel = 'online_full'),
                  count(*) FILTER (received_on >= month AND channel = 'online')) AS online_full,
    unless_unsaid(count(*) FILTER (received_on >= month AND channel = 'online_partial'),
                  count(*) FILTER (received_on >= month AND channel = 'online'))
        AS online_partial,
    unless_unsaid(count(*) FILTER (received_on >= month AND has_fee),
                  count(*) FILTER (received_on >= month AND has_fee IS NULL)) AS with_fee,
    unless_unsaid(count(*) FILTER (received_on >= month AND paid_online),
                  count(*) FILTER (received_on >= month AND paid_online IS NULL))
        AS paid_online,
    unless_unsaid(count(*) FILTER (received_on >= month AND digitised),
                  count(*) FILTER (received_on >= month AND digitised IS NULL)) AS digitised
FROM spans
GROUP BY unit_code, month
ORDER BY unit_code, month
