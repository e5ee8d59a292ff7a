-- The stored boundaries of the communes in force on a day within an area. (Boundaries are
-- today's: a commune that has ended has none, even where today's commune reuses its code.)
-- Parameters:
--   as_of  DATE     the day whose communes are drawn
--   area   VARCHAR  a former district's code; NULL: every commune
-- Returns:
--   unit_code    VARCHAR  the commune's code
--   name         VARCHAR  its name
--   approximate  BOOLEAN  whether the shape was generated, not surveyed (the district demo's)
--   source       VARCHAR  the file the shape came from
--   geometry     VARCHAR  the shape: GeoJSON geometry text, WGS84
SELECT b.unit_code, u.name, b.approximate, b.source, b.geometry
FROM boundaries AS b
JOIN units_on($as_of) AS o
    ON o.code = b.unit_code AND o.in_force AND o.valid_to = DATE '9999-12-31'
JOIN units AS u USING (code, valid_from)
WHERE $area IS NULL OR o.area = $area
ORDER BY b.unit_code
