-- The unit's settings: parent name and level, data source, demo flag, catalogue stamp.
-- Returns: key, value.
SELECT key, value FROM settings ORDER BY key
