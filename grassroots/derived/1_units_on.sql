-- units_on(as_of): every unit, with the commune its figures count for on `as_of` (shown_as): its
-- own code while it is in force (or had not yet begun), its default successor's once it has
-- ended: a merged commune's figures count for the commune it went into, a split one's go whole
-- to its default successor. `in_force` says whether it is one of the communes of that day.
CREATE OR REPLACE MACRO units_on(as_of) AS TABLE
SELECT
    code,
    valid_from,
    valid_to,
    CASE WHEN valid_to < as_of THEN successor ELSE code END AS shown_as,
    valid_from <= as_of AND valid_to >= as_of AS in_force,
    area,
    area_name
FROM unit_versions;
