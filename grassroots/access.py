"""Who may do what: accounts with argon2id password hashes, three roles, a viewer limited to
one commune, lockout after repeated failures, and the audit of every change to accounts.

With no account at all the dashboard runs open (every visitor an administrator) behind a
banner saying so; the first `users add` turns logins on.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from grassroots import db

ROLES = ("viewer", "editor", "admin")
# What each role may do beyond reading: editors import and set targets, rules and weights;
# administrators also manage accounts and settings.
MAY = {
    "viewer": set(),
    "editor": {"import", "edit"},
    "admin": {"import", "edit", "users"},
}
FAILURES = 5                       # wrong passwords in a row that lock an account
LOCKED = timedelta(minutes=15)     # for this long
IDLE = timedelta(hours=2)          # a session without a click for this long signs out
HASHER = PasswordHasher()
NAME = re.compile(r"[\w.@-]{1,64}")


@dataclass(frozen=True)
class User:
    name: str
    role: str
    unit_code: str | None = None   # a viewer who sees only this commune
    open: bool = False             # no accounts configured: the dashboard runs open

    def may(self, action: str) -> bool:
        return action in MAY[self.role]


OPEN = User("", "admin", open=True)


class AccessError(Exception):
    """A refusal, with the i18n key of its sentence and the values to fill it in."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key, self.values = key, values


def logins_on(database: db.Database) -> bool:
    return not database.run("users").empty


def sign_in(database: db.Database, name: str, password: str,
            now: datetime | None = None) -> User:
    """The account if the password is right; else AccessError("login_failed") — the same for
    an unknown name — or ("login_locked") while locked. The fifth failure in a row locks the
    account for LOCKED."""
    now = now or datetime.now()
    with database.cursor() as cur:
        row = cur.execute("SELECT password_hash, role, unit_code, failed_logins, locked_until "
                          "FROM users WHERE username = ?", [name]).fetchone()
    if row is None:
        HASHER.hash(password)  # as slow as a real check: timing does not tell names apart
        raise AccessError("login_failed")
    hashed, role, unit_code, failures, locked_until = row
    if locked_until is not None and locked_until > now:
        raise AccessError("login_locked", until=f"{locked_until:%H:%M}")
    try:
        HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        with database.write() as con:
            failures = con.execute(
                "UPDATE users SET failed_logins = failed_logins + 1 WHERE username = ? "
                "RETURNING failed_logins", [name]).fetchone()[0]
            if failures >= FAILURES:
                con.execute("UPDATE users SET locked_until = ?, failed_logins = 0 "
                            "WHERE username = ?", [now + LOCKED, name])
                db.audit(con, name, "user_locked", f"{failures} wrong passwords")
        if failures >= FAILURES:
            raise AccessError("login_locked", until=f"{now + LOCKED:%H:%M}") from None
        raise AccessError("login_failed") from None
    if failures or locked_until is not None:
        with database.write() as con:
            con.execute("UPDATE users SET failed_logins = 0, locked_until = NULL "
                        "WHERE username = ?", [name])
    return User(name, role, unit_code)


def _checked(name: str, role: str, unit_code: str | None, units: set[str]) -> None:
    if not NAME.fullmatch(name):
        raise AccessError("user_bad_name", name=name)
    if role not in ROLES:
        raise AccessError("user_bad_role", role=role)
    if unit_code is not None and (role != "viewer" or unit_code not in units):
        raise AccessError("user_bad_commune", code=unit_code)


def add(database: db.Database, name: str, password: str, role: str, actor: str,
        unit_code: str | None = None) -> None:
    _checked(name, role, unit_code, set(database.run("units")["code"]))
    if len(password) < 8:
        raise AccessError("user_short_password")
    with database.write() as con:
        if con.execute("SELECT 1 FROM users WHERE username = ?", [name]).fetchone():
            raise AccessError("user_exists", name=name)
        con.execute("INSERT INTO users (username, password_hash, role, unit_code) "
                    "VALUES (?, ?, ?, ?)", [name, HASHER.hash(password), role, unit_code])
        db.audit(con, actor, "user_add", f"{name}: {role}"
                 + (f", {unit_code}" if unit_code else ""))


def remove(database: db.Database, name: str, actor: str) -> None:
    with database.write() as con:
        if not con.execute("DELETE FROM users WHERE username = ? RETURNING 1",
                           [name]).fetchone():
            raise AccessError("user_unknown", name=name)
        db.audit(con, actor, "user_remove", name)


def set_password(database: db.Database, name: str, password: str, actor: str) -> None:
    """A new password; it also unlocks the account."""
    if len(password) < 8:
        raise AccessError("user_short_password")
    with database.write() as con:
        if not con.execute("UPDATE users SET password_hash = ?, failed_logins = 0, "
                           "locked_until = NULL WHERE username = ? RETURNING 1",
                           [HASHER.hash(password), name]).fetchone():
            raise AccessError("user_unknown", name=name)
        db.audit(con, actor, "user_password", name)
