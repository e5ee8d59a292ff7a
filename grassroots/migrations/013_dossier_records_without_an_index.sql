-- Dossier records without a primary key: DuckDB keeps a key's index in memory whole, and ten
-- million records' index outgrew a write's memory. An import keeps a dossier once all the same:
-- a file may not repeat one (ingest: duplicates), and a file's record replaces the stored one
-- with its number (writing._replace).
CREATE TABLE dossier_records_kept AS SELECT * FROM dossier_records;
DROP TABLE dossier_records;
CREATE TABLE dossier_records (
    dossier_id    VARCHAR NOT NULL,
    unit_code     VARCHAR NOT NULL,
    received_on   DATE NOT NULL,
    due_on        DATE NOT NULL,
    returned_on   DATE,
    channel       VARCHAR NOT NULL,       -- online_full, online_partial, counter
    has_fee       BOOLEAN,
    paid_online   BOOLEAN,
    digitised     BOOLEAN,
    import_id     INTEGER,
    status        VARCHAR
);
INSERT INTO dossier_records SELECT * FROM dossier_records_kept;
DROP TABLE dossier_records_kept;
