-- One indicator per commune and per $grain ('month', 'quarter' or 'year') over the months
-- $start..$end, each bucket the ratio of its summed parts (stock indicators: the latest
-- snapshot in the bucket). Buckets a commune did not report are absent, not 0.
-- Parameters: $indicator, $grain, $start, $end. Returns: bucket, unit_code, num, den, value.
WITH picked AS (
    SELECT unit_code, CAST(date_trunc($grain, month) AS DATE) AS bucket, num, den
    FROM indicator_parts
    WHERE indicator = $indicator AND month BETWEEN $start AND $end
    QUALIFY NOT stock OR month = max(month) OVER (PARTITION BY unit_code, bucket)
)
SELECT
    bucket,
    unit_code,
    sum(num) AS num,
    sum(den) AS den,
    sum(num) / nullif(sum(den), 0) AS value
FROM picked
GROUP BY bucket, unit_code
ORDER BY bucket, unit_code
