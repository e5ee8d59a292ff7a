-- Every indicator for every commune in force on $as_of that reported, over the months
-- $start..$end (DATEs: first days of the first and last month), each the ratio of summed parts;
-- the figures of units that ended before $as_of count for their successor (shown_parts). Flow
-- indicators sum the months in the period (windowed ones the last window_months up to $end);
-- stock indicators take the commune's latest snapshot up to $end (its predecessors' taken that
-- day summed). A commune with no report has no row: no data, never 0.
-- Returns: indicator, unit_code, num, den, value.
WITH picked AS (
    SELECT indicator, unit_code, num, den
    FROM shown_parts($as_of)
    WHERE month <= $end
        AND (stock OR month >= coalesce($end - to_months(window_months - 1), $start))
    QUALIFY NOT stock OR month = max(month) OVER (PARTITION BY indicator, unit_code)
)
SELECT
    indicator,
    unit_code,
    sum(num) AS num,
    sum(den) AS den,
    sum(num) / nullif(sum(den), 0) AS value
FROM picked
GROUP BY indicator, unit_code
ORDER BY indicator, unit_code
