-- Figures across a reorganisation. unit_versions: every unit with its validity, the unit its
-- figures go to once it has ended (its default successor; itself while in force) and its area:
-- the district it belonged to, or, for a unit made by the reorganisation, the district of the
-- unit whose code it reuses (else of its first predecessor), so that a former district's area
-- goes on after 1/7/2025. (grassroots/derived/shown_parts.sql puts each figure under the
-- commune it counts for on a day.)

CREATE VIEW unit_versions AS
WITH heirs AS (
    SELECT
        c.new_code AS code,
        c.effective_on AS valid_from,
        arg_min(o.district_code, (o.code <> c.new_code)::INT || o.code) AS district_code,
        arg_min(o.district_name, (o.code <> c.new_code)::INT || o.code) AS district_name
    FROM crosswalk AS c
    JOIN units AS o ON o.code = c.old_code AND o.valid_to = c.effective_on - 1
    GROUP BY ALL
)
SELECT
    u.code,
    u.valid_from,
    coalesce(u.valid_to, DATE '9999-12-31') AS valid_to,
    coalesce(s.new_code, u.code) AS successor,
    coalesce(u.district_code, h.district_code) AS area,
    coalesce(u.district_name, h.district_name) AS area_name
FROM units AS u
LEFT JOIN crosswalk AS s
    ON s.old_code = u.code AND s.is_default AND s.effective_on = u.valid_to + 1
LEFT JOIN heirs AS h ON h.code = u.code AND h.valid_from = u.valid_from;
