-- The units a commune in force on a day was made from, how, and their last day.
-- Parameters:
--   code   VARCHAR  the commune's code
--   as_of  DATE     the day it is in force
-- Returns:
--   code   VARCHAR  the unit's code
--   name   VARCHAR  its name
--   kind   VARCHAR  xã, phường, thị trấn or đặc khu
--   link   VARCHAR  merged, split, renamed or unchanged
--   until  DATE     its last day
SELECT o.code, o.name, o.kind, c.link, o.valid_to AS until
FROM units_on($as_of) AS t
JOIN crosswalk AS c ON c.new_code = t.code AND c.effective_on = t.valid_from
JOIN units AS o ON o.code = c.old_code AND o.valid_to = c.effective_on - 1
WHERE t.code = $code AND t.in_force
ORDER BY o.name
