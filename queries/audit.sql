-- Who changed what and when, newest first.
-- Returns: id, done_at, actor, action, detail.
SELECT id, done_at, actor, action, detail
FROM audit_log
ORDER BY id DESC
