-- The days reorganisations took effect (the first day of the units they made), oldest first.
-- Returns:
--   effective_on  DATE  the day
SELECT DISTINCT effective_on FROM crosswalk ORDER BY effective_on
