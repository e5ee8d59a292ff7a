-- The unit's settings: parent name and level, data source, demo flag, catalogue stamp.
-- Returns:
--   key    VARCHAR  the setting
--   value  VARCHAR  its value
SELECT key, value FROM settings ORDER BY key
