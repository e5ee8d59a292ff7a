-- The target of every indicator for the parent unit as a whole (the one set for all communes)
-- on $day (a DATE: the last day of the period judged), the latest to begin of those in force.
-- Returns: indicator, target.
SELECT indicator, value AS target
FROM targets
WHERE unit_code IS NULL AND $day BETWEEN valid_from AND coalesce(valid_to, $day)
QUALIFY row_number() OVER (PARTITION BY indicator ORDER BY valid_from DESC) = 1
ORDER BY indicator
