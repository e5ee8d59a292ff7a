-- When the data last changed by an import still in force: the "cập nhật" date of every chart's
-- source line.
-- Returns one row:
--   updated_at  TIMESTAMP  NULL before the first import
SELECT max(imported_at) AS updated_at
FROM import_log
WHERE undone_at IS NULL
