-- The communes still open, in code order.
-- Returns: code, name, kind, population, households, area_km2, villages.
SELECT code, name, kind, population, households, area_km2, villages
FROM units
WHERE valid_to IS NULL
ORDER BY code
