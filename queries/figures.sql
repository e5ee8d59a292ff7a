-- The stored figures (queries/period_figures.sql, rebuilt by every write) of the periods of a
-- kind beginning from a first to a last day, every indicator, every commune and parent unit.
-- Parameters:
--   kind   VARCHAR  month, quarter, half or year
--   first  DATE     the first day of the first period
--   last   DATE     the first day of the last period
-- Returns:
--   period     DATE     the period's first day
--   indicator  VARCHAR  the indicator's id (grassroots/catalog.py)
--   unit_code  VARCHAR  the commune's code; NULL for a parent unit
--   area       VARCHAR  the commune's former district, or the parent area's; NULL: the whole
--   num        DOUBLE   the summed numerator
--   den        DOUBLE   the summed denominator
--   value      DOUBLE   their ratio; NULL when the denominator is 0
--   target     DOUBLE   the target in force on the period's last day
--   status     VARCHAR  met, close, missed, no_target or no_data
SELECT period, indicator, unit_code, area, num, den, value, target, status
FROM figures
WHERE kind = $kind AND period BETWEEN $first AND $last
