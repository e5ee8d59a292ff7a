"""Who may do what: accounts with argon2id password hashes, four roles, a viewer or reporter
limited to one commune, sessions named by signed cookies, lockout and slowdown after wrong
passwords, and the audit of every change to accounts.

All of it lives in its own store (`Accounts`, SQLite in WAL mode, access.sql) beside the
indicator database: no sign-in, right or wrong, writes the indicator file. With no account at
all the dashboard runs open (every visitor an administrator) behind a banner saying so; the
first `users add` turns sign-in on.
"""

import contextlib
import dataclasses
import functools
import hashlib
import hmac
import os
import re
import secrets
import sqlite3
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from grassroots import i18n
from grassroots.i18n import N_

ROLES = ("viewer", "reporter", "editor", "admin")
# What each role may do beyond reading: a reporter imports its own commune's files; editors
# import any and set targets, rules and weights; administrators also manage accounts.
MAY = {
    "viewer": set(),
    "reporter": {"import"},
    "editor": {"import", "edit"},
    "admin": {"import", "edit", "users"},
}
FAILURES = 5                       # wrong passwords in a row that lock the name tried
LOCKED = timedelta(minutes=15)     # for this long
IDLE = timedelta(hours=2)          # a session without a click for this long ends
SEEN_EVERY = timedelta(minutes=1)  # how often a session's last click is written down
FREE_TRIES = 3                     # wrong passwords from an address before it must wait
LONGEST_WAIT = timedelta(minutes=1)
COOKIE = "phien"                   # the session cookie's name
# Single sign-on: the environment variable naming the header in which the reverse proxy puts the
# user name it has authenticated (docs/deploy.md). Unset, no header is trusted.
SSO_SETTING = "DASHBOARD_SSO_HEADER"
HASHER = PasswordHasher()
NAME = re.compile(r"[\w.@-]{1,64}")
SCHEMA = Path(__file__).with_name("access.sql")


@dataclass(frozen=True)
class User:
    name: str
    role: str
    unit_code: str | None = None   # a viewer or reporter of this commune only
    open: bool = False             # no accounts configured: the dashboard runs open
    directory: bool = False        # named by the reverse proxy (single sign-on): no sign-out

    def may(self, action: str) -> bool:
        return action in MAY[self.role]


OPEN = User("", "admin", open=True)


class AccessError(i18n.LocalizedError):
    """A refusal: a sign-in, a session or an account that cannot be."""


SLOW = N_("Too many wrong passwords from this computer; try again in {seconds} seconds.")
NO_ACCOUNT_HERE = N_("The office's directory knows '{name}', but that account has no access "
                     "to the dashboard yet; ask the IT officer.")


def store_path(database_path: Path) -> Path:
    """The security store beside an indicator database: dashboard.duckdb → dashboard.accounts
    .sqlite."""
    return Path(database_path).with_suffix(".accounts.sqlite")


@functools.cache
def of(database_path: Path) -> "Accounts":
    """The security store of an indicator database, one per process."""
    return Accounts(store_path(database_path))


def _wait(failures: int) -> timedelta:
    """How long an address waits after its nth wrong password in a row: nothing for the first
    FREE_TRIES, then 2, 4, 8 … seconds up to LONGEST_WAIT."""
    if failures <= FREE_TRIES:
        return timedelta(0)
    return min(timedelta(seconds=2 ** (failures - FREE_TRIES)), LONGEST_WAIT)


@functools.cache
def _nobody() -> str:
    """A hash no password matches: a name without an account is checked against it, as slowly
    as a real one, so the time taken does not tell the two apart."""
    return HASHER.hash(secrets.token_hex(16))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Accounts:
    """The security store of one indicator database. Each call opens its own connection, so
    it is shared by every session and thread, and by every process serving the same files."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.closing(sqlite3.connect(self.path, timeout=30)) as con:
            con.executescript(SCHEMA.read_text(encoding="utf-8"))
        with self._connect() as con:
            if con.execute("SELECT count(*) FROM signing_key").fetchone()[0] == 0:
                con.execute("INSERT INTO signing_key VALUES (?)", [secrets.token_bytes(32)])
        self._key = self._signing_key()

    def _signing_key(self) -> bytes:
        with self._connect(write=False) as con:
            return con.execute("SELECT key FROM signing_key").fetchone()[0]

    @contextlib.contextmanager
    def _connect(self, write: bool = True):
        """A connection in one transaction, committed when the block ends without an error;
        readers (write=False) do not wait for each other or for a writer."""
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            con.execute("PRAGMA foreign_keys = ON")
            con.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            yield con
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        finally:
            con.close()

    def _audit(self, con: sqlite3.Connection, actor: str, action: str, detail: str,
               now: datetime | None = None) -> None:
        con.execute("INSERT INTO audit (done_at, actor, action, detail) VALUES (?, ?, ?, ?)",
                    [(now or datetime.now()).isoformat(" ", "seconds"), actor, action, detail])

    # Signing in and out

    def logins_on(self) -> bool:
        with self._connect(write=False) as con:
            return con.execute("SELECT count(*) FROM accounts").fetchone()[0] > 0

    def sign_in(self, name: str, password: str, address: str,
                now: datetime | None = None) -> str:
        """A new session's cookie value if the password is right. Else AccessError: "login_slow"
        while the address must wait, "login_locked" while the name is locked (the fifth wrong
        password in a row locks it for LOCKED), else "login_failed", the same for a name that
        has no account."""
        now = now or datetime.now()
        with self._connect(write=False) as con:
            source = con.execute("SELECT next_try FROM sources WHERE address = ?",
                                 [address]).fetchone()
            locked = con.execute("SELECT locked_until FROM failures WHERE name = ?",
                                 [name]).fetchone()
            row = con.execute("SELECT password_hash FROM accounts WHERE name = ?",
                              [name]).fetchone()
        if source and datetime.fromisoformat(source[0]) > now:
            wait = datetime.fromisoformat(source[0]) - now
            raise AccessError(SLOW, seconds=max(1, round(wait.total_seconds())))
        if locked and locked[0] and datetime.fromisoformat(locked[0]) > now:
            raise AccessError(N_("The account is locked after repeated wrong passwords; try again "
                                 "after {until}."),
                              until=f"{datetime.fromisoformat(locked[0]):%H:%M}")
        try:
            HASHER.verify(row[0] if row else _nobody(), password)
        except (VerificationError, InvalidHashError):
            raise self._refused(name, address, now) from None
        token = secrets.token_urlsafe(32)
        with self._connect() as con:
            con.execute("DELETE FROM failures WHERE name = ?", [name])
            con.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, ?)",
                        [_digest(token), name, now.isoformat(), now.isoformat(), address])
        return f"{token}.{self._sign(token)}"

    def _refused(self, name: str, address: str, now: datetime) -> AccessError:
        """Count a wrong password against the name and the address; the refusal to raise."""
        with self._connect() as con:
            recent = (now - LOCKED).isoformat()
            count = con.execute(
                "INSERT INTO sources VALUES (?, 1, ?) ON CONFLICT (address) DO UPDATE SET "
                "count = CASE WHEN next_try < ? THEN 1 ELSE count + 1 END RETURNING count",
                [address, now.isoformat(), recent]).fetchone()[0]
            con.execute("UPDATE sources SET next_try = ? WHERE address = ?",
                        [(now + _wait(count)).isoformat(), address])
            failures = con.execute(
                "INSERT INTO failures VALUES (?, 1, NULL) ON CONFLICT (name) DO UPDATE SET "
                "count = count + 1 RETURNING count", [name]).fetchone()[0]
            if failures >= FAILURES:
                con.execute("UPDATE failures SET count = 0, locked_until = ? WHERE name = ?",
                            [(now + LOCKED).isoformat(), name])
                self._audit(con, name, "user_locked", f"{failures} wrong passwords", now)
        if failures >= FAILURES:
            return AccessError(N_("The account is locked after repeated wrong passwords; try again "
                                  "after {until}."), until=f"{now + LOCKED:%H:%M}")
        return AccessError(N_("Wrong user name or password."))

    def _sign(self, token: str) -> str:
        return hmac.new(self._key, token.encode(), hashlib.sha256).hexdigest()[:32]

    def _session(self, cookie: str | None) -> str | None:
        """The session id a cookie names, if it is one and its signature is ours."""
        token, _, signature = (cookie if isinstance(cookie, str) else "").partition(".")
        if token and hmac.compare_digest(signature, self._sign(token)):
            return _digest(token)
        return None

    def user(self, cookie: str | None, now: datetime | None = None) -> User | None:
        """The user of the session a cookie names, or None. A session idle for IDLE ends:
        AccessError("session_expired")."""
        now = now or datetime.now()
        if (session := self._session(cookie)) is None:
            return None
        with self._connect(write=False) as con:
            row = con.execute(
                "SELECT a.name, a.role, a.unit_code, s.seen_at FROM sessions AS s "
                "JOIN accounts AS a USING (name) WHERE s.id = ?", [session]).fetchone()
        if row is None:
            return None
        idle = now - datetime.fromisoformat(row[3])
        if idle > IDLE:
            with self._connect() as con:
                con.execute("DELETE FROM sessions WHERE id = ?", [session])
            raise AccessError(N_("Your session expired; sign in again."))
        if idle > SEEN_EVERY:
            with self._connect() as con:
                con.execute("UPDATE sessions SET seen_at = ? WHERE id = ?",
                            [now.isoformat(), session])
        return User(*row[:3])

    def named(self, name: str) -> User | None:
        """The account of this name, as a user, or None."""
        with self._connect(write=False) as con:
            row = con.execute("SELECT name, role, unit_code FROM accounts WHERE name = ?",
                              [name]).fetchone()
        return User(*row) if row else None

    def sign_out(self, cookie: str | None) -> None:
        """End the session a cookie names: the cookie no longer works anywhere."""
        with self._connect() as con:
            con.execute("DELETE FROM sessions WHERE id = ?", [self._session(cookie)])

    def sign_out_everywhere(self, name: str, actor: str) -> int:
        """End every session of an account (the account itself, or an administrator).
        Returns how many ended."""
        with self._connect() as con:
            ended = con.execute("DELETE FROM sessions WHERE name = ?", [name]).rowcount
            self._audit(con, actor, "sessions_ended", f"{name}: {ended}")
        return ended

    def form_token(self, cookie: str | None) -> str:
        """What a form sent from a signed-in page carries to prove it came from our page: a
        cross-site form cannot read the cookie it is made from."""
        cookie = cookie if isinstance(cookie, str) else ""
        return hmac.new(self._key, b"form:" + cookie.encode(), hashlib.sha256).hexdigest()

    def sessions(self) -> list[tuple]:
        """Open sessions: (account, started, last seen, address), newest first."""
        with self._connect(write=False) as con:
            return con.execute("SELECT name, started_at, seen_at, address FROM sessions "
                               "ORDER BY started_at DESC").fetchall()

    # Accounts

    def accounts(self) -> list[tuple]:
        """(name, role, commune, created) of every account, by name; no password hashes."""
        with self._connect(write=False) as con:
            return con.execute("SELECT name, role, unit_code, created_at FROM accounts "
                               "ORDER BY name").fetchall()

    def audit(self) -> list[tuple]:
        """(time, actor, action, detail) of every change to accounts, newest first."""
        with self._connect(write=False) as con:
            return con.execute("SELECT done_at, actor, action, detail FROM audit "
                               "ORDER BY id DESC").fetchall()

    def add(self, name: str, password: str, role: str, actor: str, communes: Collection[str],
            unit_code: str | None = None) -> None:
        """A new account; a viewer or reporter may be limited to one of `communes`, and a
        reporter must be."""
        if not NAME.fullmatch(name):
            raise AccessError(N_("'{name}' is not a valid user name: letters, digits and . @ - _ "
                                 "only."), name=name)
        if role not in ROLES:
            raise AccessError(N_("There is no role '{role}'; choose viewer, reporter, editor or "
                                 "admin."), role=role)
        if (unit_code is not None and (role not in ("viewer", "reporter")
                                       or unit_code not in communes)) or \
                (role == "reporter" and unit_code is None):
            raise AccessError(N_("Only a viewer or a reporter can be limited to a commune; a "
                                 "reporter must be (--commune), and the code '{code}' must be a "
                                 "commune's."), code=unit_code or "")
        _check_password(password)
        with self._connect() as con:
            if con.execute("SELECT 1 FROM accounts WHERE name = ?", [name]).fetchone():
                raise AccessError(N_("The account '{name}' exists already."), name=name)
            con.execute("INSERT INTO accounts VALUES (?, ?, ?, ?, ?)",
                        [name, HASHER.hash(password), role, unit_code,
                         datetime.now().isoformat(" ", "seconds")])
            self._audit(con, actor, "user_add",
                        f"{name}: {role}" + (f", {unit_code}" if unit_code else ""))

    def remove(self, name: str, actor: str) -> None:
        with self._connect() as con:
            if not con.execute("DELETE FROM accounts WHERE name = ?", [name]).rowcount:
                raise AccessError(N_("There is no account '{name}'."), name=name)
            self._audit(con, actor, "user_remove", name)

    def set_password(self, name: str, password: str, actor: str) -> None:
        """A new password; it unlocks the account and ends its sessions."""
        _check_password(password)
        with self._connect() as con:
            if not con.execute("UPDATE accounts SET password_hash = ? WHERE name = ?",
                               [HASHER.hash(password), name]).rowcount:
                raise AccessError(N_("There is no account '{name}'."), name=name)
            con.execute("DELETE FROM failures WHERE name = ?", [name])
            con.execute("DELETE FROM sessions WHERE name = ?", [name])
            self._audit(con, actor, "user_password", name)

    def copy_to(self, path: Path) -> None:
        """A consistent copy of the store, made while it is in use."""
        with contextlib.closing(sqlite3.connect(self.path)) as source, \
                contextlib.closing(sqlite3.connect(path)) as copy:
            source.backup(copy)

    def restore_from(self, path: Path) -> None:
        """Put a copy made by copy_to back, in one step: readers see the old store or the
        restored one."""
        with contextlib.closing(sqlite3.connect(path)) as copy, \
                contextlib.closing(sqlite3.connect(self.path, timeout=30)) as store:
            copy.backup(store)
        self._key = self._signing_key()

    def adopt(self, rows: list[tuple]) -> None:
        """Accounts kept in the indicator database before it had this store: (name, password
        hash, role, commune, created), moved here as they were."""
        with self._connect() as con:
            con.executemany("INSERT OR IGNORE INTO accounts VALUES (?, ?, ?, ?, ?)",
                            [[*row[:4], str(row[4])] for row in rows])


def checksums(path: Path) -> dict[str, list]:
    """Rows and an md5 of the content of every table of a store file: what a backup and its
    restore are checked by."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        tables = [t for t, in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        sums = {}
        for table in tables:
            rows = con.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            sums[table] = [len(rows), hashlib.md5(repr(rows).encode()).hexdigest()]
    return sums


def visitor(store: Accounts, cookies: Mapping[str, str], headers: Mapping[str, str],
            now: datetime | None = None) -> User | None:
    """Who a request comes from: with single sign-on configured, the account the reverse proxy
    names in its header (AccessError "directory_unknown" if that name has no account here);
    else, or without that header, the account of the session cookie. A header the
    configuration does not name is never read."""
    if header := os.environ.get(SSO_SETTING, "").strip().lower():
        if name := next((v for k, v in headers.items() if k.lower() == header), None):
            if (user := store.named(name.strip())) is None:
                raise AccessError(NO_ACCOUNT_HERE, name=name.strip())
            return dataclasses.replace(user, directory=True)
    return store.user(cookies.get(COOKIE), now)


def _check_password(password: str) -> None:
    if len(password) < 8:
        raise AccessError(N_("A password needs at least 8 characters."))
