-- Engagement events counted per commune and month: a table, no longer a view. Counting distinct
-- days over every event on each read took seconds at national scale; Database.write now refreshes
-- it from queries/engagement_months.sql in every write.
DROP VIEW engagement_months;

CREATE TABLE engagement_months (
    unit_code             VARCHAR NOT NULL,
    month                 DATE NOT NULL,
    months                INTEGER NOT NULL,
    years                 DOUBLE NOT NULL,
    secretary_receptions  BIGINT NOT NULL,
    chair_receptions      BIGINT NOT NULL,
    dialogues             BIGINT NOT NULL,
    saturday_sessions     BIGINT NOT NULL,
    voter_meetings        BIGINT NOT NULL,
    participants          BIGINT NOT NULL,
    petitions_received    BIGINT NOT NULL,
    petitions_resolved    BIGINT NOT NULL
);
