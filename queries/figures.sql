-- The stored figures of one period (queries/period_figures.sql, rebuilt by every write): the
-- $kind of period beginning $start, every indicator, every commune and parent unit.
-- Returns: period, indicator, unit_code, area, num, den, value, target, status.
SELECT period, indicator, unit_code, area, num, den, value, target, status
FROM figures
WHERE kind = $kind AND period = $start
