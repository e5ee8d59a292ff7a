-- The units whose figures of $start..$end (DATEs, first days of the first and last month) count
-- for another commune on $as_of, because they had ended by then: each commune in force (within
-- $area; NULL: all) with a unit it was made from and how (merged, split, renamed, unchanged).
-- Returns: unit_code, name, made_from, made_from_name, link, effective_on.
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
