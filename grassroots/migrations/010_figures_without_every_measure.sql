-- A file carries what its office counts: a measure it lacks is "no data" (NULL) for its rows,
-- never 0, and the indicators made from it have no value there (catalog.parts_sql). Only what
-- identifies a row stays required.
ALTER TABLE dossier_stats ALTER COLUMN carried_over DROP NOT NULL;
ALTER TABLE dossier_stats ALTER COLUMN received DROP NOT NULL;
ALTER TABLE dossier_stats ALTER COLUMN resolved_early DROP NOT NULL;
ALTER TABLE dossier_stats ALTER COLUMN resolved_on_time DROP NOT NULL;
ALTER TABLE dossier_stats ALTER COLUMN resolved_late DROP NOT NULL;
ALTER TABLE dossier_stats ALTER COLUMN pending_in_time DROP NOT NULL;
ALTER TABLE dossier_stats ALTER COLUMN pending_overdue DROP NOT NULL;
ALTER TABLE dossier_stats ALTER COLUMN online_full DROP NOT NULL;
ALTER TABLE dossier_stats ALTER COLUMN online_partial DROP NOT NULL;
ALTER TABLE dossier_stats ALTER COLUMN with_fee DROP NOT NULL;
ALTER TABLE dossier_stats ALTER COLUMN paid_online DROP NOT NULL;
ALTER TABLE dossier_stats ALTER COLUMN digitised DROP NOT NULL;
ALTER TABLE letters ALTER COLUMN births DROP NOT NULL;
ALTER TABLE letters ALTER COLUMN birth_letters DROP NOT NULL;
ALTER TABLE letters ALTER COLUMN marriages DROP NOT NULL;
ALTER TABLE letters ALTER COLUMN marriage_letters DROP NOT NULL;
ALTER TABLE letters ALTER COLUMN deaths DROP NOT NULL;
ALTER TABLE letters ALTER COLUMN condolence_letters DROP NOT NULL;
ALTER TABLE engagements ALTER COLUMN participants DROP NOT NULL;
ALTER TABLE engagements ALTER COLUMN petitions_received DROP NOT NULL;
ALTER TABLE engagements ALTER COLUMN petitions_resolved DROP NOT NULL;
ALTER TABLE cadre_snapshots ALTER COLUMN total DROP NOT NULL;
ALTER TABLE cadre_snapshots ALTER COLUMN postgraduate DROP NOT NULL;
ALTER TABLE cadre_snapshots ALTER COLUMN university DROP NOT NULL;
ALTER TABLE cadre_snapshots ALTER COLUMN college DROP NOT NULL;
ALTER TABLE cadre_snapshots ALTER COLUMN intermediate DROP NOT NULL;
ALTER TABLE cadre_snapshots ALTER COLUMN other_education DROP NOT NULL;
ALTER TABLE cadre_snapshots ALTER COLUMN theory_advanced DROP NOT NULL;
ALTER TABLE cadre_snapshots ALTER COLUMN theory_intermediate DROP NOT NULL;
ALTER TABLE cadre_snapshots ALTER COLUMN theory_elementary DROP NOT NULL;
ALTER TABLE satisfaction ALTER COLUMN surveys DROP NOT NULL;
ALTER TABLE satisfaction ALTER COLUMN satisfied DROP NOT NULL;
