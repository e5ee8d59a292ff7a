-- shown_parts(as_of): indicator_parts with each figure under the commune it counts for on
-- `as_of` (units_on); reported_by keeps the code that reported it.
CREATE OR REPLACE MACRO shown_parts(as_of) AS TABLE
SELECT
    p.indicator,
    u.shown_as AS unit_code,
    p.unit_code AS reported_by,
    p.month,
    p.stock,
    p.window_months,
    p.num,
    p.den
FROM indicator_parts AS p
JOIN units_on(as_of) AS u
    ON u.code = p.unit_code AND p.month BETWEEN u.valid_from AND u.valid_to;
