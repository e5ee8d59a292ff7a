-- Imports that can be undone: every data row remembers the import that wrote it, and the rows
-- an import replaced are kept, exactly, in replaced_<table> with the import that replaced them.

ALTER TABLE units ADD COLUMN import_id INTEGER;
ALTER TABLE dossier_stats ADD COLUMN import_id INTEGER;
ALTER TABLE dossier_records ADD COLUMN import_id INTEGER;
ALTER TABLE letters ADD COLUMN import_id INTEGER;
ALTER TABLE engagements ADD COLUMN import_id INTEGER;
ALTER TABLE cadre_snapshots ADD COLUMN import_id INTEGER;
ALTER TABLE satisfaction ADD COLUMN import_id INTEGER;

CREATE TABLE replaced_units AS SELECT NULL::INTEGER AS replaced_by, * FROM units LIMIT 0;
CREATE TABLE replaced_dossier_stats AS
    SELECT NULL::INTEGER AS replaced_by, * FROM dossier_stats LIMIT 0;
CREATE TABLE replaced_dossier_records AS
    SELECT NULL::INTEGER AS replaced_by, * FROM dossier_records LIMIT 0;
CREATE TABLE replaced_letters AS SELECT NULL::INTEGER AS replaced_by, * FROM letters LIMIT 0;
CREATE TABLE replaced_engagements AS
    SELECT NULL::INTEGER AS replaced_by, * FROM engagements LIMIT 0;
CREATE TABLE replaced_cadre_snapshots AS
    SELECT NULL::INTEGER AS replaced_by, * FROM cadre_snapshots LIMIT 0;
CREATE TABLE replaced_satisfaction AS
    SELECT NULL::INTEGER AS replaced_by, * FROM satisfaction LIMIT 0;

ALTER TABLE import_log ADD COLUMN sheet VARCHAR;
ALTER TABLE import_log ADD COLUMN rows_unchanged INTEGER;
ALTER TABLE import_log ADD COLUMN archive VARCHAR;     -- the original file, under imports/
ALTER TABLE import_log ADD COLUMN undone_by VARCHAR;
