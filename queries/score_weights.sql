-- The composite score's group weights.
-- Returns:
--   group_id  VARCHAR  the group (scores.SCORE_GROUPS)
--   weight    DOUBLE   its weight
SELECT group_id, weight
FROM score_weights
ORDER BY group_id
