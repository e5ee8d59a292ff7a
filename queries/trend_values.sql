-- Indicators per commune in force on $as_of and per $grain ('month', 'quarter' or 'year') over
-- the months $start..$end, each bucket the ratio of its summed parts (the figures of units that
-- ended before $as_of under their successor; stock indicators: the latest snapshot in the
-- bucket). Buckets a commune did not report are absent, not 0.
-- Parameters: $indicator (NULL for every indicator), $grain, $start, $end, $as_of.
-- Returns: indicator, bucket, unit_code, num, den, value.
WITH picked AS (
    SELECT indicator, unit_code, CAST(date_trunc($grain, month) AS DATE) AS bucket, num, den
    FROM shown_parts($as_of)
    WHERE ($indicator IS NULL OR indicator = $indicator) AND month BETWEEN $start AND $end
    QUALIFY NOT stock OR month = max(month) OVER (PARTITION BY indicator, unit_code, bucket)
)
SELECT
    indicator,
    bucket,
    unit_code,
    sum(num) AS num,
    sum(den) AS den,
    sum(num) / nullif(sum(den), 0) AS value
FROM picked
GROUP BY indicator, bucket, unit_code
ORDER BY indicator, bucket, unit_code
