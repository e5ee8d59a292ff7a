-- The legal minimums of engagement in force on $day (a DATE), each with the day it began.
-- Returns: kind, valid_from, min_events, per, reference.
SELECT kind, valid_from, min_events, per, reference
FROM engagement_rules
WHERE valid_from <= $day
QUALIFY row_number() OVER (PARTITION BY kind ORDER BY valid_from DESC) = 1
ORDER BY kind
