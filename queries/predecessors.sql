-- The units the commune $code in force on $as_of was made from, how (merged, split, renamed,
-- unchanged) and their last day.
-- Returns: code, name, kind, link, until.
SELECT o.code, o.name, o.kind, c.link, o.valid_to AS until
FROM units_on($as_of) AS t
JOIN crosswalk AS c ON c.new_code = t.code AND c.effective_on = t.valid_from
JOIN units AS o ON o.code = c.old_code AND o.valid_to = c.effective_on - 1
WHERE t.code = $code AND t.in_force
ORDER BY o.name
