-- Dossier lists as the provincial one-stop systems export them: a status (words or codes 1–10,
-- contract.CHOICES), and no fee, online payment or digitisation columns: those are NULL, "no
-- data", for the records that do not say, and the months counted from them (dossier_months).
ALTER TABLE dossier_records ADD COLUMN status VARCHAR;
ALTER TABLE replaced_dossier_records ADD COLUMN status VARCHAR;
ALTER TABLE dossier_records ALTER COLUMN has_fee DROP NOT NULL;
ALTER TABLE dossier_records ALTER COLUMN paid_online DROP NOT NULL;
ALTER TABLE dossier_records ALTER COLUMN digitised DROP NOT NULL;
