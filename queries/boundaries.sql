-- The stored boundaries of the communes still open, each geometry GeoJSON text in WGS84.
-- Returns: unit_code, name, approximate, source, geometry.
SELECT b.unit_code, u.name, b.approximate, b.source, b.geometry
FROM boundaries AS b
JOIN units AS u ON u.code = b.unit_code
WHERE u.valid_to IS NULL
ORDER BY b.unit_code
