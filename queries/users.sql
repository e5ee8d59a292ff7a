-- The accounts, without their password hashes.
-- Returns: username, role, unit_code, failed_logins, locked_until, created_at.
SELECT username, role, unit_code, failed_logins, locked_until, created_at
FROM users
ORDER BY username
