-- Every import, newest first, with what it wrote and whether it was undone.
-- Returns:
--   id              INTEGER    the import's number
--   file_name       VARCHAR    the file's name
--   kind            VARCHAR    what it held (contract.KINDS)
--   sheet           VARCHAR    the sheet read; NULL for a CSV file
--   imported_by     VARCHAR    who imported it
--   imported_at     TIMESTAMP  when
--   rows_added      INTEGER    rows new to the database
--   rows_replaced   INTEGER    rows that replaced others
--   rows_unchanged  INTEGER    rows already there as they were
--   undone_at       TIMESTAMP  when it was undone; NULL while in force
--   undone_by       VARCHAR    who undid it
--   archive         VARCHAR    the copy of the file kept, under imports/
--   checksum        VARCHAR    the file's checksum
SELECT id, file_name, kind, sheet, imported_by, imported_at, rows_added, rows_replaced,
       rows_unchanged, undone_at, undone_by, archive, checksum
FROM import_log
ORDER BY id DESC
