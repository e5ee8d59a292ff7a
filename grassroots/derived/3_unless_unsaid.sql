-- unless_unsaid(counted, unsaid): a count of records, or NULL (no data) when `unsaid` of them
-- do not say whether they count.
CREATE OR REPLACE MACRO unless_unsaid(counted, unsaid) AS
    CASE WHEN unsaid > 0 THEN NULL ELSE counted END;
