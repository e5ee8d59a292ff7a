-- The stored boundaries of the communes in force on $as_of within $area (NULL: all), each
-- geometry GeoJSON text in WGS84. (Boundaries are today's: a commune that has ended has none,
-- even where today's commune reuses its code.)
-- Returns: unit_code, name, approximate, source, geometry.
SELECT b.unit_code, u.name, b.approximate, b.source, b.geometry
FROM boundaries AS b
JOIN units_on($as_of) AS o
    ON o.code = b.unit_code AND o.in_force AND o.valid_to = DATE '9999-12-31'
JOIN units AS u USING (code, valid_from)
WHERE $area IS NULL OR o.area = $area
ORDER BY b.unit_code
