-- The stored figures (queries/period_figures.sql, rebuilt by every write) of the periods of
-- $kind beginning from $first to $last, every indicator, every commune and parent unit.
-- Returns: period, indicator, unit_code, area, num, den, value, target, status.
SELECT period, indicator, unit_code, area, num, den, value, target, status
FROM figures
WHERE kind = $kind AND period BETWEEN $first AND $last
