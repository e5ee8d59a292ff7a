-- When the data last changed by an import still in force: the "cập nhật" date of every chart's
-- source line (none before the first import).
-- Returns one row: updated_at.
SELECT max(imported_at) AS updated_at
FROM import_log
WHERE undone_at IS NULL
