-- Every import, newest first, with what it wrote and whether it was undone.
-- Returns: id, file_name, kind, sheet, imported_by, imported_at, rows_added, rows_replaced, rows_unchanged, undone_at, undone_by, archive, checksum.
SELECT id, file_name, kind, sheet, imported_by, imported_at, rows_added, rows_replaced,
       rows_unchanged, undone_at, undone_by, archive, checksum
FROM import_log
ORDER BY id DESC
