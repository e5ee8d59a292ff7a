-- indicator_parts: the parts of every indicator of the catalogue (grassroots/catalog.py), one row
-- per indicator, commune and month of its source where the row has every measure of both parts
-- (a file without a measure leaves it NULL: the indicators made from it have no data there, and
-- their other parts do not count either). A stock indicator counts a commune's latest snapshot
-- up to a period's end; one with window_months, the months of that window up to it.
-- Written from the catalogue by `python -m grassroots.parts`, not by hand.
CREATE OR REPLACE VIEW indicator_parts AS
SELECT 'on_time_rate' AS indicator, unit_code, month,
    false AS stock, NULL AS window_months,
    CAST(resolved_early + resolved_on_time AS DOUBLE) AS num,
    CAST(resolved_early + resolved_on_time + resolved_late AS DOUBLE) AS den
FROM dossier_stats
WHERE num IS NOT NULL AND den IS NOT NULL
UNION ALL
SELECT 'early_rate' AS indicator, unit_code, month,
    false AS stock, NULL AS window_months,
    CAST(resolved_early AS DOUBLE) AS num,
    CAST(resolved_early + resolved_on_time + resolved_late AS DOUBLE) AS den
FROM dossier_stats
WHERE num IS NOT NULL AND den IS NOT NULL
UNION ALL
SELECT 'overdue_rate' AS indicator, unit_code, month,
    false AS stock, NULL AS window_months,
    CAST(resolved_late + pending_overdue AS DOUBLE) AS num,
    CAST(carried_over + received AS DOUBLE) AS den
FROM dossier_stats
WHERE num IS NOT NULL AND den IS NOT NULL
UNION ALL
SELECT 'online_rate' AS indicator, unit_code, month,
    false AS stock, NULL AS window_months,
    CAST(online_full AS DOUBLE) AS num,
    CAST(received AS DOUBLE) AS den
FROM dossier_stats
WHERE num IS NOT NULL AND den IS NOT NULL
UNION ALL
SELECT 'online_payment_rate' AS indicator, unit_code, month,
    false AS stock, NULL AS window_months,
    CAST(paid_online AS DOUBLE) AS num,
    CAST(with_fee AS DOUBLE) AS den
FROM dossier_stats
WHERE num IS NOT NULL AND den IS NOT NULL
UNION ALL
SELECT 'digitisation_rate' AS indicator, unit_code, month,
    false AS stock, NULL AS window_months,
    CAST(digitised AS DOUBLE) AS num,
    CAST(received AS DOUBLE) AS den
FROM dossier_stats
WHERE num IS NOT NULL AND den IS NOT NULL
UNION ALL
SELECT 'letter_coverage' AS indicator, unit_code, month,
    false AS stock, NULL AS window_months,
    CAST(birth_letters + marriage_letters + condolence_letters AS DOUBLE) AS num,
    CAST(births + marriages + deaths AS DOUBLE) AS den
FROM letters
WHERE num IS NOT NULL AND den IS NOT NULL
UNION ALL
SELECT 'birth_letter_coverage' AS indicator, unit_code, month,
    false AS stock, NULL AS window_months,
    CAST(birth_letters AS DOUBLE) AS num,
    CAST(births AS DOUBLE) AS den
FROM letters
WHERE num IS NOT NULL AND den IS NOT NULL
UNION ALL
SELECT 'marriage_letter_coverage' AS indicator, unit_code, month,
    false AS stock, NULL AS window_months,
    CAST(marriage_letters AS DOUBLE) AS num,
    CAST(marriages AS DOUBLE) AS den
FROM letters
WHERE num IS NOT NULL AND den IS NOT NULL
UNION ALL
SELECT 'condolence_letter_coverage' AS indicator, unit_code, month,
    false AS stock, NULL AS window_months,
    CAST(condolence_letters AS DOUBLE) AS num,
    CAST(deaths AS DOUBLE) AS den
FROM letters
WHERE num IS NOT NULL AND den IS NOT NULL
UNION ALL
SELECT 'secretary_receptions' AS indicator, unit_code, month,
    false AS stock, NULL AS window_months,
    CAST(secretary_receptions AS DOUBLE) AS num,
    CAST(months AS DOUBLE) AS den
FROM engagement_months
WHERE num IS NOT NULL AND den IS NOT NULL
UNION ALL
SELECT 'chair_receptions' AS indicator, unit_code, month,
    false AS stock, NULL AS window_months,
    CAST(chair_receptions AS DOUBLE) AS num,
    CAST(months AS DOUBLE) AS den
FROM engagement_months
WHERE num IS NOT NULL AND den IS NOT NULL
UNION ALL
SELECT 'dialogues' AS indicator, unit_code, month,
    false AS stock, 12 AS window_months,
    CAST(dialogues AS DOUBLE) AS num,
    CAST(years AS DOUBLE) AS den
FROM engagement_months
WHERE num IS NOT NULL AND den IS NOT NULL
UNION ALL
SELECT 'saturday_sessions' AS indicator, unit_code, month,
    false AS stock, NULL AS window_months,
    CAST(saturday_sessions AS DOUBLE) AS num,
    CAST(months AS DOUBLE) AS den
FROM engagement_months
WHERE num IS NOT NULL AND den IS NOT NULL
UNION ALL
SELECT 'petition_resolution_rate' AS indicator, unit_code, month,
    false AS stock, NULL AS window_months,
    CAST(petitions_resolved AS DOUBLE) AS num,
    CAST(petitions_received AS DOUBLE) AS den
FROM engagement_months
WHERE num IS NOT NULL AND den IS NOT NULL
UNION ALL
SELECT 'university_rate' AS indicator, unit_code, date_trunc('month', taken_on) AS month,
    true AS stock, NULL AS window_months,
    CAST(postgraduate + university AS DOUBLE) AS num,
    CAST(total AS DOUBLE) AS den
FROM cadre_snapshots
WHERE num IS NOT NULL AND den IS NOT NULL
UNION ALL
SELECT 'theory_rate' AS indicator, unit_code, date_trunc('month', taken_on) AS month,
    true AS stock, NULL AS window_months,
    CAST(theory_advanced + theory_intermediate AS DOUBLE) AS num,
    CAST(total AS DOUBLE) AS den
FROM cadre_snapshots
WHERE num IS NOT NULL AND den IS NOT NULL
UNION ALL
SELECT 'satisfaction_rate' AS indicator, unit_code, month,
    false AS stock, NULL AS window_months,
    CAST(satisfied AS DOUBLE) AS num,
    CAST(surveys AS DOUBLE) AS den
FROM satisfaction
WHERE num IS NOT NULL AND den IS NOT NULL;
