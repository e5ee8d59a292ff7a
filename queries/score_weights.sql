-- The composite score's group weights. Returns: group_id, weight.
SELECT group_id, weight
FROM score_weights
ORDER BY group_id
