-- The stored figures (queries/period_figures.sql, rebuilt by every write) of periods of $kind:
-- the one beginning $start (NULL: every one), of $indicator and of commune $unit (NULL: every
-- one; a commune's rows leave out the parents').
-- Returns: period, indicator, unit_code, area, num, den, value, target, status.
SELECT period, indicator, unit_code, area, num, den, value, target, status
FROM figures
WHERE kind = $kind
    AND ($start IS NULL OR period = $start)
    AND ($indicator IS NULL OR indicator = $indicator)
    AND ($unit IS NULL OR unit_code = $unit)
ORDER BY period, indicator, unit_code
