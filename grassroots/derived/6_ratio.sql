-- ratio(num, den): an indicator's value over rows of its parts, the ratio of their sums
-- (part_sum), never an average of ratios; NULL (no data) without rows or when the denominators
-- sum to 0.
CREATE OR REPLACE MACRO ratio(num, den) AS part_sum(num) / nullif(part_sum(den), 0);
