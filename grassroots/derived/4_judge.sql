-- judge(value, target, higher_is_better, margin): met, close (within `margin` of the target) or
-- missed, by the indicator's polarity; no_data without a value, no_target without a target.
CREATE OR REPLACE MACRO judge(value, target, higher_is_better, margin) AS CASE
    WHEN value IS NULL OR isnan(value) THEN 'no_data'
    WHEN target IS NULL THEN 'no_target'
    WHEN (CASE WHEN higher_is_better THEN target - value ELSE value - target END) <= 1e-9
        THEN 'met'
    WHEN (CASE WHEN higher_is_better THEN target - value ELSE value - target END)
        <= margin + 1e-9 THEN 'close'
    ELSE 'missed'
END;
