-- The security store (grassroots/access.py): accounts, sessions, wrong passwords and the audit
-- of account changes, in SQLite beside the indicator database and never in it, so that no
-- sign-in, right or wrong, touches the indicator file. Times are ISO text in local time.
PRAGMA journal_mode = WAL;

CREATE TABLE IF NOT EXISTS accounts (
    name           TEXT PRIMARY KEY,
    password_hash  TEXT NOT NULL,          -- argon2id
    role           TEXT NOT NULL,          -- viewer, reporter, editor, admin
    unit_code      TEXT,                   -- a viewer or reporter of this commune only
    created_at     TEXT NOT NULL
);

-- A session is named by a random token in a signed cookie; only its SHA-256 is kept here.
CREATE TABLE IF NOT EXISTS sessions (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL REFERENCES accounts (name) ON DELETE CASCADE,
    started_at  TEXT NOT NULL,
    seen_at     TEXT NOT NULL,
    address     TEXT NOT NULL
);

-- Wrong passwords in a row by the name tried, whether or not an account has it: a name that
-- does not exist locks like one that does, so the form never tells them apart.
CREATE TABLE IF NOT EXISTS failures (
    name          TEXT PRIMARY KEY,
    count         INTEGER NOT NULL,
    locked_until  TEXT
);

-- Wrong passwords from an address: each one past the third makes it wait longer.
CREATE TABLE IF NOT EXISTS sources (
    address   TEXT PRIMARY KEY,
    count     INTEGER NOT NULL,
    next_try  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS audit (
    id       INTEGER PRIMARY KEY,
    done_at  TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    detail   TEXT NOT NULL
);

-- The key that signs session cookies, made with the store.
CREATE TABLE IF NOT EXISTS signing_key (
    key  BLOB NOT NULL
);
