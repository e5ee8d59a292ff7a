-- The target of every indicator for the parent unit as a whole (the one set for all communes)
-- on a day, the latest to begin of those in force.
-- Parameters:
--   day  DATE  the last day of the period judged
-- Returns:
--   indicator  VARCHAR  the indicator's id
--   target     DOUBLE   its target
SELECT indicator, value AS target
FROM targets
WHERE unit_code IS NULL AND $day BETWEEN valid_from AND coalesce(valid_to, $day)
QUALIFY row_number() OVER (PARTITION BY indicator ORDER BY valid_from DESC) = 1
ORDER BY indicator
