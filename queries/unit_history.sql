-- Every commune through time, as files may name them: each unit with the days it was in force
-- and, once it ended, what it became.
-- Returns:
--   code        VARCHAR  the unit's code
--   valid_from  DATE     its first day
--   valid_to    DATE     its last day (9999-12-31 while in force)
--   name        VARCHAR  its name
--   kind        VARCHAR  xã, phường, thị trấn or đặc khu
--   became      VARCHAR  its successors, the default first; NULL while in force
SELECT
    u.code,
    u.valid_from,
    coalesce(u.valid_to, DATE '9999-12-31') AS valid_to,
    u.name,
    u.kind,
    string_agg(n.kind || ' ' || n.name || ' (' || n.code || ')', ', '
               ORDER BY c.is_default DESC, n.code) AS became
FROM units AS u
LEFT JOIN crosswalk AS c ON c.old_code = u.code AND c.effective_on = u.valid_to + 1
LEFT JOIN units AS n ON n.code = c.new_code AND n.valid_from = c.effective_on
GROUP BY ALL
ORDER BY u.code, u.valid_from
