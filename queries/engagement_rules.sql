-- The legal minimums of engagement. Returns: kind, min_events, per, reference.
SELECT kind, min_events, per, reference
FROM engagement_rules
ORDER BY kind
