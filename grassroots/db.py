"""The DuckDB database: where it lives, its schema migrations, and the one way to query it."""

import functools
import os
import threading
from pathlib import Path

import duckdb
import pandas as pd

from grassroots import catalog

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def default_path() -> Path:
    """The database file: $DASHBOARD_DB, or data/dashboard.duckdb in the project."""
    return Path(os.environ.get("DASHBOARD_DB") or ROOT / "data" / "dashboard.duckdb")


def migrations() -> list[Path]:
    return sorted(MIGRATIONS.glob("[0-9][0-9][0-9]_*.sql"))


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                "name VARCHAR NOT NULL, applied_at TIMESTAMP DEFAULT current_timestamp)")
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def migrate(con: duckdb.DuckDBPyConnection, upto: int | None = None) -> None:
    """Apply every migration newer than the file's schema, each in its own transaction, then
    (re)build what derives from the catalogue: the indicator_parts view and default targets."""
    current = schema_version(con)
    for path in migrations():
        version = int(path.name[:3])
        if version <= current or (upto is not None and version > upto):
            continue
        con.begin()
        con.execute(path.read_text(encoding="utf-8"))
        con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)",
                    [version, path.stem])
        con.commit()
    if upto is None:
        con.begin()
        con.execute(f"CREATE OR REPLACE VIEW indicator_parts AS\n{catalog.parts_sql()}")
        con.executemany(
            "INSERT INTO targets (indicator, value) SELECT $1, $2 WHERE NOT EXISTS "
            "(SELECT 1 FROM targets WHERE indicator = $1 AND unit_code IS NULL AND year IS NULL)",
            [[i.id, i.target] for i in catalog.INDICATORS if i.target is not None],
        )
        con.commit()


@functools.cache
def query_text(name: str) -> str:
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


class Database:
    """One open database file. `run` is the only way pages read it: a fresh cursor per call
    (DuckDB connections are not shared across Streamlit threads) and results cached until the
    data changes (settings.data_version, bumped by every write)."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.con = duckdb.connect(str(self.path))
        migrate(self.con)
        self._lock = threading.Lock()

    def run(self, name: str, **params) -> pd.DataFrame:
        return self._run(self.data_version(), name, tuple(sorted(params.items()))).copy()

    @functools.lru_cache(maxsize=512)  # noqa: B019 - one Database lives as long as the process
    def _run(self, version: int, name: str, params: tuple) -> pd.DataFrame:
        with self.cursor() as cur:
            return cur.execute(query_text(name), dict(params)).df()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            return self.con.cursor()

    def data_version(self) -> int:
        with self.cursor() as cur:
            row = cur.execute("SELECT value FROM settings WHERE key = 'data_version'").fetchone()
        return int(row[0]) if row else 0

    def settings(self) -> dict[str, str]:
        with self.cursor() as cur:
            return dict(cur.execute("SELECT key, value FROM settings").fetchall())

    def close(self) -> None:
        self.con.close()


def bump_data_version(con: duckdb.DuckDBPyConnection) -> None:
    """Mark the data as changed; call inside the writing transaction."""
    con.execute("INSERT INTO settings VALUES ('data_version', '1') ON CONFLICT (key) "
                "DO UPDATE SET value = CAST(CAST(settings.value AS INTEGER) + 1 AS VARCHAR)")
