-- part_sum(part): the sum of an indicator's part (a numerator or a denominator) over rows,
-- rounded to 9 decimals: parts are counts and twelfths of a year, so the same parts give the
-- same sum whatever the order they are summed in.
CREATE OR REPLACE MACRO part_sum(part) AS round(sum(part), 9);
