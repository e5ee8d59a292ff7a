-- The areas of the communes in force on $as_of: the former districts (for a commune made on
-- 1/7/2025, the district of the commune whose code it reuses), with how many communes each.
-- Returns: area, area_name, communes.
SELECT area, area_name, count(*) AS communes
FROM units_on($as_of)
WHERE in_force AND area IS NOT NULL
GROUP BY ALL
ORDER BY area_name
