-- The legal minimums of engagement in force on a day, each with the day it began.
-- Parameters:
--   day  DATE  the day
-- Returns:
--   kind        VARCHAR  the kind of event
--   valid_from  DATE     the first day of the rule
--   min_events  INTEGER  the minimum
--   per         VARCHAR  month, week or year
--   reference   VARCHAR  its legal basis
SELECT kind, valid_from, min_events, per, reference
FROM engagement_rules
WHERE valid_from <= $day
QUALIFY row_number() OVER (PARTITION BY kind ORDER BY valid_from DESC) = 1
ORDER BY kind
