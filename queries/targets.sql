-- The target of every indicator for every commune in year $year: a commune's own target wins
-- over the one for all communes, a target for the year over one for every year.
-- Returns: indicator, unit_code, target.
SELECT t.indicator, u.code AS unit_code, t.value AS target
FROM targets AS t
JOIN units AS u ON t.unit_code IS NULL OR t.unit_code = u.code
WHERE t.year IS NULL OR t.year = $year
QUALIFY row_number() OVER (
    PARTITION BY t.indicator, u.code ORDER BY t.unit_code NULLS LAST, t.year NULLS LAST
) = 1
ORDER BY t.indicator, u.code
