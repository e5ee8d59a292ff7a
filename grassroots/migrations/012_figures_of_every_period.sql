-- The figures every page reads, rebuilt by every write (Database.write → derive): each
-- indicator for each commune and parent unit, for every month, quarter, half-year and year from
-- a year before the first figure to the last (queries/period_figures.sql, for the communes of the
-- day of the write). A page of a period, an indicator and an area is then a lookup; custom
-- ranges and the communes of another day are computed on demand by the same query.
CREATE TABLE figures (
    kind       VARCHAR NOT NULL,
    period     DATE NOT NULL,
    indicator  VARCHAR NOT NULL,
    unit_code  VARCHAR,
    area       VARCHAR,
    num        DOUBLE,
    den        DOUBLE,
    value      DOUBLE,
    target     DOUBLE,
    status     VARCHAR NOT NULL
);
