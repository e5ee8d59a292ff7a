-- The stored figures (queries/period_figures.sql) of every period of $kind, of one indicator
-- ($indicator) for every commune and parent unit, or of one commune ($unit) on every indicator;
-- the other parameter NULL.
-- Returns: period, indicator, unit_code, area, num, den, value, target, status.
SELECT period, indicator, unit_code, area, num, den, value, target, status
FROM figures
WHERE kind = $kind AND (indicator = $indicator OR unit_code = $unit)
