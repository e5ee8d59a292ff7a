-- Who may sign in, with which role and, for a viewer, which commune; and who changed what.

CREATE TABLE users (
    username       VARCHAR PRIMARY KEY,
    password_hash  VARCHAR NOT NULL,         -- argon2id; the password itself is never kept
    role           VARCHAR NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    unit_code      VARCHAR,                  -- a viewer who sees only this commune
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    locked_until   TIMESTAMP,
    created_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE SEQUENCE audit_log_id;
CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY DEFAULT nextval('audit_log_id'),
    done_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    actor   VARCHAR NOT NULL,
    action  VARCHAR NOT NULL,   -- import, undo, rules, weights, boundaries, user_add, user_remove,
                                -- user_password, user_locked, restore
    detail  VARCHAR NOT NULL
);
