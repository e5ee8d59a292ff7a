-- How each indicator is judged, for the figures built in SQL (queries/period_figures.sql): its
-- polarity and how far from its target still counts as close. A table that db.migrate fills
-- from the catalogue whenever the catalogue changes, where it was a view written from it.
DROP VIEW IF EXISTS indicator_facts;
CREATE TABLE indicator_facts (
    indicator        VARCHAR PRIMARY KEY,
    higher_is_better BOOLEAN NOT NULL,
    close_margin     DOUBLE NOT NULL
);
