-- The target of every indicator for every commune on $day (a DATE: the last day of the period
-- judged): the most specific row in force that day, a commune's own over the one for all
-- communes, then the latest to begin. Returns: indicator, unit_code, target.
SELECT t.indicator, u.code AS unit_code, t.value AS target
FROM targets AS t
JOIN units AS u ON t.unit_code IS NULL OR t.unit_code = u.code
WHERE $day BETWEEN t.valid_from AND coalesce(t.valid_to, $day)
QUALIFY row_number() OVER (
    PARTITION BY t.indicator, u.code ORDER BY t.unit_code NULLS LAST, t.valid_from DESC
) = 1
ORDER BY t.indicator, u.code
