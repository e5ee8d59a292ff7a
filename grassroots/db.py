"""The DuckDB database: where it lives, its schema migrations, and the one way to read and to
write it.

DuckDB lets one process open a file read-write, or several processes read it, never both. The
dashboard must keep serving pages while a nightly `python -m grassroots import` writes, so no
process ever writes the file that readers have open:

- Readers attach the current file read-only and notice, by its identity on disk, when a newer
  one has replaced it; their next query reads the new file, queries already running finish on
  the old one. A reader sees the old data or the new, never half of a write.
- A writer (`Database.write`) takes an exclusive lock beside the file, copies the file, changes
  the copy, checkpoints and syncs it, and renames it over the original. The rename is atomic: a
  write that fails, or a process killed at any point, leaves the original as it was.
"""

import contextlib
import copy
import dataclasses
import fcntl
import functools
import hashlib
import inspect
import os
import re
import shutil
import tempfile
import threading
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from grassroots import access, catalog, periods
from grassroots.memo import Memo, weight

ROOT = Path(__file__).resolve().parent.parent
SINCE_EVER = date(1900, 1, 1)  # a unit's valid_from when it was in force before any figure
QUERIES = ROOT / "queries"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DERIVED = Path(__file__).resolve().parent / "derived"  # rebuilt on the catalogue's views


def default_path() -> Path:
    """The database file: $DASHBOARD_DB, or build/dashboard.duckdb in the project (where
    `make run` builds the demo; build/ is the one folder of the checkout that runs write to)."""
    return Path(os.environ.get("DASHBOARD_DB") or ROOT / "build" / "dashboard.duckdb")


def migrations() -> list[Path]:
    return sorted(MIGRATIONS.glob("[0-9][0-9][0-9]_*.sql"))


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_catalog = "
                         "current_database() AND table_name = 'schema_version'").fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def _facts() -> list[tuple[str, bool, float]]:
    """The rows of the indicator_facts table."""
    return [(i.id, i.higher_is_better, i.close_margin) for i in catalog.INDICATORS]


def _default_targets() -> list[tuple[str, date, float]]:
    """The catalogue's default targets by date, for all communes: one since ever begins on the
    targets table's first day."""
    return [(i.id, max(since, SINCE_EVER), value)
            for i in catalog.INDICATORS for since, value in i.targets]


def catalog_stamp() -> str:
    """What the derived parts of the schema are built from: the derived SQL (the indicator
    formulas among it), how indicators are judged and the default targets. Stored in settings,
    so a changed catalogue is applied on the next start."""
    text = repr([_facts(), _default_targets()]) + "".join(
        path.read_text(encoding="utf-8") for path in sorted(DERIVED.glob("*.sql")))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def up_to_date(con: duckdb.DuckDBPyConnection) -> bool:
    if schema_version(con) < len(migrations()):
        return False
    row = con.execute("SELECT value FROM settings WHERE key = 'catalog'").fetchone()
    return row is not None and row[0] == catalog_stamp()


def migrate(con: duckdb.DuckDBPyConnection, upto: int | None = None) -> None:
    """Apply every migration newer than the file's schema, then (re)build what derives from the
    catalogue: the derived SQL (the indicator_parts view among it), the indicator_facts and the
    default targets not yet in the targets table."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                "name VARCHAR NOT NULL, applied_at TIMESTAMP DEFAULT current_timestamp)")
    current = schema_version(con)
    for path in migrations():
        version = int(path.name[:3])
        if version <= current or (upto is not None and version > upto):
            continue
        con.execute(path.read_text(encoding="utf-8"))
        con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)",
                    [version, path.stem])
    if upto is None:
        for path in sorted(DERIVED.glob("*.sql")):
            con.execute(path.read_text(encoding="utf-8"))
        con.execute("DELETE FROM indicator_facts")
        con.executemany("INSERT INTO indicator_facts VALUES (?, ?, ?)", _facts())
        con.executemany(
            "INSERT INTO targets (indicator, valid_from, value) SELECT $1, $2, $3 WHERE NOT "
            "EXISTS (SELECT 1 FROM targets WHERE indicator = $1 AND unit_code IS NULL "
            "AND valid_from = $2)", _default_targets())
        con.execute("INSERT OR REPLACE INTO settings VALUES ('catalog', ?)", [catalog_stamp()])


STORED_KINDS = ("month", "quarter", "half", "year")  # the figures table's; ranges on demand


def stored_periods(first: date, last: date) -> list[dict]:
    """The periods the figures table holds for data from month `first` to `last`: every one of
    STORED_KINDS from a year before the first (a first period's comparisons) to the last."""
    since = date(first.year - 1, first.month, 1)
    return [{"kind": p.kind, "start": p.start, "end": p.end}
            for kind in STORED_KINDS for p in periods.options(kind, since, last)]


def derive(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the tables computed from others, at the end of every write: engagement events
    counted by commune and month, which every engagement indicator reads; then the figures of
    every stored period for the communes of today, which every page reads."""
    con.execute("DELETE FROM engagement_months")
    con.execute(f"INSERT INTO engagement_months {query_text('engagement_months')}")
    con.execute("DELETE FROM figures")
    first, last = con.execute(query_text("data_range")).fetchone()
    as_of = Database.today()
    if last is not None:
        con.execute(f"INSERT INTO figures {query_text('period_figures')} "
                    "ORDER BY kind, period, indicator, unit_code",
                    {"periods": stored_periods(first, last), "as_of": as_of})
    con.execute("INSERT OR REPLACE INTO settings VALUES ('figures_as_of', ?)", [f"{as_of}"])


@functools.cache
def query_text(name: str) -> str:
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


def _identity(path: Path) -> tuple[int, ...]:
    stat = path.stat()
    return stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_size


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# What a reader limited to one commune sees of each table: the condition on its rows, `{units}`
# standing for the commune's code and those of the units it was made from (its history is its
# own). A table with a unit_code column keeps their rows; any other table not named here (audit,
# import log, replaced rows) is empty.
SCOPED = {
    "units": "code IN {units}",
    "crosswalk": "new_code IN {units}",
    "targets": "unit_code IS NULL OR unit_code IN {units}",
    "settings": "true",
    "engagement_rules": "true",
    "score_weights": "true",
    "indicator_facts": "true",
    "schema_version": "true",
}


def _scope(con: duckdb.DuckDBPyConnection, unit: str) -> None:
    """Views in the in-memory catalog, one per table of the attached file, keeping only what a
    reader of commune `unit` may see; the file's own views are rebuilt on them. Every query then
    reads through them: the scope is enforced below the queries, not in the pages."""
    if not re.fullmatch(r"\d{5}", unit):
        raise ValueError(f"not a commune code: {unit!r}")
    tables = con.execute("SELECT t.table_name, list(c.column_name) FROM duckdb_tables() AS t "
                         "JOIN duckdb_columns() AS c USING (database_name, table_name) "
                         "WHERE database_name = 'data' GROUP BY ALL").fetchall()
    made_from = [c for c, in con.execute(
        "SELECT DISTINCT old_code FROM data.main.crosswalk WHERE new_code = ?", [unit]).fetchall()]
    units = "(" + ", ".join(f"'{c}'" for c in sorted({unit, *made_from})) + ")"
    con.execute("USE memory")
    for table, names in tables:
        if table in SCOPED or "unit_code" in names:
            keep = SCOPED.get(table, "unit_code IN {units}").format(units=units)
        else:
            keep = "false"
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM data.main.{table} WHERE {keep}")
    for sql, in con.execute("SELECT sql FROM duckdb_views() WHERE database_name = 'data' "
                            "AND NOT internal").fetchall():
        con.execute(sql)
    macros = con.execute("SELECT function_name, parameters, macro_definition, "
                         "function_type = 'table_macro' FROM duckdb_functions() "
                         "WHERE database_name = 'data' AND function_type IN ('macro', "
                         "'table_macro')").fetchall()
    # A macro that calls others after them (the derived macros call at most one level down).
    for name, parameters, body, table in sorted(macros, key=lambda m: sum(
            f"{other}(" in m[2] for other, *_ in macros)):
        con.execute(f"CREATE MACRO {name}({', '.join(parameters)}) AS "
                    f"{'TABLE ' if table else ''}{body}")


# What DuckDB may hold in memory in a write or an import's check, beyond which it works on
# disk: ten million records, the figures of every period of the nation, fit a process of 1 GB.
WORK = {"memory_limit": "400MB", "preserve_insertion_order": False}


def scratch() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB for work on files (an import's rows), within WORK, spilling to the
    system's temporary folder (by default DuckDB would spill into the working directory)."""
    return duckdb.connect(config={**WORK, "temp_directory": str(
        Path(tempfile.gettempdir()) / "grassroots-duckdb")})


# Query results, and what per_version functions made, until the data changes: the least
# recently used go first beyond these budgets, for the whole process. A national frame or panel
# weighs megabytes, a province's a hundredth of that.
MADE_BUDGET = 128 * 2**20
_results = Memo(kept=1024, budget=64 * 2**20, size=weight)
_made = Memo(kept=4096, budget=MADE_BUDGET, size=weight)


def per_version(function=None, *, copied: bool = True):
    """Memoise `function(database, *args)` by its arguments until the data changes (every write
    makes a new file, with a new data version), within _made's budget: a page asks for the same
    figures several times, and sessions ask for the same periods. An argument left to its
    default is the default given: f(x) and f(x, default) are one value. Each caller gets its own
    copy, unless not `copied` (values callers only read)."""
    if function is None:
        return functools.partial(per_version, copied=copied)
    parameters = list(inspect.signature(function).parameters.values())[1:]

    @functools.wraps(function)
    def cached(database: "Database", *args):
        given = args + tuple(p.default for p in parameters[len(args):])
        value = _made.get((function, database, database.data_version(), *given),
                          lambda: function(database, *args))
        return copy.deepcopy(value) if copied else value
    return cached


def audit(con: duckdb.DuckDBPyConnection, actor: str, action: str, detail: str) -> None:
    """Record who changed what, inside the write that changes it."""
    con.execute("INSERT INTO audit_log (actor, action, detail) VALUES (?, ?, ?)",
                [actor, action, detail])


def _move_accounts(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Hand the accounts of a file from before migration 009 to the store beside it."""
    tables = con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
    if ("users",) in tables:
        access.Accounts(access.store_path(path)).adopt(con.execute(
            "SELECT username, password_hash, role, unit_code, created_at FROM users").fetchall())


class Database:
    """One database file. `run` is the only way pages read it: a fresh cursor per call (DuckDB
    connections are not shared across Streamlit threads) and results cached until the data
    changes (every write makes a new file). `write` is the only way to change
    it. Opening a file that does not exist yet creates it, with the current schema.

    With `scope` (a commune code), every query sees that commune's rows only."""

    area: str | None = None  # every commune: a Lens looks at one former district's

    @property
    def as_of(self) -> date:
        return self.today()

    def __init__(self, path: Path | str, scope: str | None = None):
        self.path = Path(path).resolve()
        self.scope = scope
        self._lock = threading.Lock()
        self._attached: tuple | None = None
        self._con: duckdb.DuckDBPyConnection | None = None
        if not self.path.exists() or not self._current():
            with self.write():
                pass

    def _current(self) -> bool:
        with self.cursor() as cur:
            return up_to_date(cur)

    def run(self, name: str, **params) -> pd.DataFrame:
        """The rows of queries/`name`.sql. A query about the communes of a day ($as_of) and an
        area ($area) is about today's (`today`) and all of them unless told otherwise (Lens);
        a query about neither is not told."""
        text = query_text(name)
        for looking, default in (("as_of", self.today), ("area", lambda: None)):
            if f"${looking}" not in text:
                params.pop(looking, None)
            elif looking not in params:
                params[looking] = default()

        def query() -> pd.DataFrame:
            with self.cursor() as cur:
                return cur.execute(text, params).df()

        key = repr(sorted(params.items()))
        return _results.get((self, self.data_version(), name, key), query).copy()

    @staticmethod
    def today() -> date:
        """The day whose communes a reader sees unless told otherwise: today's communes, the
        figures of those they were made from added into them."""
        return date.today()

    def looking_at(self, as_of: date, area: str | None = None) -> "Lens":
        return Lens(self, as_of, area)

    def _attach(self) -> None:
        """Attach the newest file, if it is not the one attached already (call under _lock)."""
        identity = _identity(self.path)
        if identity != self._attached:
            # An in-memory database that attaches the file: DuckDB caches databases opened by
            # path, so connecting to the same path again would return the replaced file.
            con = duckdb.connect(":memory:")
            con.execute("ATTACH ? AS data (READ_ONLY)", [str(self.path)])
            if self.scope:
                _scope(con, self.scope)
            else:
                con.execute("USE data")
            self._con, self._attached = con, identity

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A read-only cursor on the newest file."""
        with self._lock:
            self._attach()
            cur = self._con.cursor()
        cur.execute("USE memory" if self.scope else "USE data")
        return cur

    def data_version(self) -> int:
        """Which data this is: every write makes a new file, so the file's identity on disk."""
        with self._lock:
            self._attach()
            return hash(self._attached)

    def settings(self) -> dict[str, str]:
        return dict(self.run("settings").itertuples(index=False))

    @contextlib.contextmanager
    def write(self, source: Path | None = None):
        """A read-write connection on a copy of the file (or of `source`: a backup being
        restored), migrated to the current schema; when the block ends without an error the
        copy replaces the file. One writer at a time, across processes."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f".{self.path.name}.writing")
        with open(self.path.with_name(f".{self.path.name}.lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            for leftover in (partial, partial.with_name(partial.name + ".wal")):
                leftover.unlink(missing_ok=True)  # from a writer that was killed
            origin = source or self.path
            if origin.exists():
                shutil.copyfile(origin, partial)
            con = duckdb.connect(str(partial), config=WORK)
            try:
                _move_accounts(con, self.path)
                migrate(con)
                yield con
                derive(con)
                con.execute("CHECKPOINT")
                con.close()
                _sync(partial)
                os.replace(partial, self.path)
                _sync(self.path.parent)
            finally:
                con.close()
                partial.unlink(missing_ok=True)

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
            self._con, self._attached = None, None


_shared: dict[tuple[Path, str | None], Database] = {}
_sharing = threading.Lock()


def shared(path: Path | str, scope: str | None = None) -> Database:
    """The process's one Database of a file (and scope): its sessions and the thread preparing
    first views (prepared.py) read through one DuckDB, and find what the others made in the
    memos, which know a database by its object."""
    key = (Path(path).resolve(), scope)
    with _sharing:
        if key not in _shared:
            _shared[key] = Database(*key)
        return _shared[key]


@dataclasses.dataclass(frozen=True)
class Lens:
    """A database as a reader looks at it: the communes in force on `as_of`, the figures of
    units that had ended by then counted for their successors, within `area` (a former
    district's code; None: every commune). Read like the database it looks at."""

    database: Database
    as_of: date
    area: str | None = None

    def run(self, name: str, **params) -> pd.DataFrame:
        return self.database.run(name, **{"as_of": self.as_of, "area": self.area, **params})

    def __getattr__(self, name: str):
        return getattr(self.database, name)


def checksums(path: Path) -> dict[str, tuple[int, str]]:
    """Rows and an md5 of the content of every table of a database file: what a backup and its
    restore are checked by."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [t for t, in con.execute(
            "SELECT table_name FROM duckdb_tables() ORDER BY table_name").fetchall()]
        return {t: con.execute(f"SELECT count(*), md5(string_agg(x::VARCHAR, '|' ORDER BY "
                               f"x::VARCHAR)) FROM {t} AS x").fetchone() for t in tables}
    finally:
        con.close()
