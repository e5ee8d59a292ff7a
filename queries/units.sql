-- The communes still open, in code order. Returns: code, name, kind, population.
SELECT code, name, kind, population
FROM units
WHERE closed_on IS NULL
ORDER BY code
