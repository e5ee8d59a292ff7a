-- The units whose figures of a period count for another commune on a day, because they had
-- ended by then: each commune in force within an area with a unit it was made from and how.
-- Parameters:
--   start  DATE     the period's first month (its first day)
--   end    DATE     its last month (its first day)
--   as_of  DATE     the day whose communes the figures count for
--   area   VARCHAR  a former district's code; NULL: every commune
-- Returns:
--   unit_code       VARCHAR  the commune's code
--   name            VARCHAR  its name
--   made_from       VARCHAR  the code of a unit it was made from
--   made_from_name  VARCHAR  that unit's name
--   link            VARCHAR  merged, split, renamed or unchanged
--   effective_on    DATE     the day the commune was made
SELECT u.shown_as AS unit_code, n.name, u.code AS made_from, o.name AS made_from_name, c.link,
    c.effective_on
FROM units_on($as_of) AS u
JOIN units AS o ON o.code = u.code AND o.valid_from = u.valid_from
JOIN crosswalk AS c ON c.old_code = u.code AND c.new_code = u.shown_as
    AND c.effective_on = u.valid_to + 1
JOIN units_on($as_of) AS t ON t.code = u.shown_as AND t.in_force
JOIN units AS n ON n.code = t.code AND n.valid_from = t.valid_from
WHERE u.valid_to < $as_of AND u.valid_to >= $start AND u.valid_from <= $end + INTERVAL 1 MONTH
    AND ($area IS NULL OR t.area = $area)
ORDER BY n.name, o.name
