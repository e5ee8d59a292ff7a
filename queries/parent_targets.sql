-- The target of every indicator for the parent unit as a whole (the one set for all
-- communes) in year $year. Returns: indicator, target.
SELECT indicator, value AS target
FROM targets
WHERE unit_code IS NULL AND (year IS NULL OR year = $year)
QUALIFY row_number() OVER (PARTITION BY indicator ORDER BY year NULLS LAST) = 1
ORDER BY indicator
