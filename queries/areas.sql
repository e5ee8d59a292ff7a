-- The areas of the communes in force on a day: the former districts (for a commune made on
-- 1/7/2025, the district of the commune whose code it reuses), with how many communes each.
-- Parameters:
--   as_of  DATE  the day whose communes are counted
-- Returns:
--   area       VARCHAR  the former district's code
--   area_name  VARCHAR  its name
--   communes   BIGINT   how many of the communes in force on $as_of are in it
SELECT area, area_name, count(*) AS communes
FROM units_on($as_of)
WHERE in_force AND area IS NOT NULL
GROUP BY ALL
ORDER BY area_name
