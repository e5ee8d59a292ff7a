-- The communes still open, in code order.
-- Returns: code, name, kind, population, households, area_km2, villages.
SELECT code, name, kind, population, households, area_km2, villages
FROM units
WHERE closed_on IS NULL
ORDER BY code
