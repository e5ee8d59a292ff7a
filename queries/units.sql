-- The communes in force on $as_of, within $area (a former district's code; NULL: every one),
-- in code order, and the area each belongs to.
-- Returns: code, name, kind, population, households, area_km2, villages, area, area_name.
SELECT u.code, u.name, u.kind, u.population, u.households, u.area_km2, u.villages, o.area,
    o.area_name
FROM units AS u
JOIN units_on($as_of) AS o USING (code, valid_from)
WHERE o.in_force AND ($area IS NULL OR o.area = $area)
ORDER BY u.code
