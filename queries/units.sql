-- The communes in force on a day, within an area, in code order, and the area each belongs to.
-- Parameters:
--   as_of  DATE     the day
--   area   VARCHAR  a former district's code; NULL: every commune
-- Returns:
--   code        VARCHAR  the commune's code
--   name        VARCHAR  its name
--   kind        VARCHAR  xã, phường, thị trấn or đặc khu
--   population  INTEGER  its population
--   households  INTEGER  its households
--   area_km2    DOUBLE   its area, km²
--   villages    INTEGER  its villages (thôn, tổ dân phố)
--   area        VARCHAR  its former district's code
--   area_name   VARCHAR  that district's name
SELECT u.code, u.name, u.kind, u.population, u.households, u.area_km2, u.villages, o.area,
    o.area_name
FROM units AS u
JOIN units_on($as_of) AS o USING (code, valid_from)
WHERE o.in_force AND ($area IS NULL OR o.area = $area)
ORDER BY u.code
