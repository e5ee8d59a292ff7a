"""The database file: where it lives, how it upgrades, and the queries in queries/."""

import dataclasses
import itertools
import re
from datetime import date
from pathlib import Path

import duckdb
import pytest

from grassroots import catalog, db, parts, scores
from tests.conftest import demo_copy, insert

QUERY_FILES = sorted(db.QUERIES.glob("*.sql"))
# A value of each query parameter's declared type, by name: a name has one type in every query.
SAMPLE_PARAMS = {
    "start": date(2025, 4, 1), "end": date(2025, 6, 1), "day": date(2025, 6, 30),
    "indicator": "on_time_rate", "units": ["13501", "13531"],
    "since": date(2025, 1, 1), "as_of": date(2025, 9, 30), "area": "352", "code": "13531",
    "kind": "quarter", "unit": "13531", "first": date(2025, 1, 1), "last": date(2025, 4, 1),
    "periods": [{"kind": "quarter", "start": date(2025, 4, 1), "end": date(2025, 6, 1)}],
}
# The code that runs queries, and how it names one: run("name", ...) or query_text("name").
CODE = [*db.ROOT.glob("*.py"), *(path for folder in ("grassroots", "app_pages", "bench")
                                 for path in (db.ROOT / folder).rglob("*.py"))]
RUN = re.compile(r"""(?:\.run|query_text)\(\s*["'](\w+)["']""")
# A line of a header's Parameters or Returns: "--   name TYPE  what it is", the type (which
# may hold single spaces) ending at two.
ITEM = re.compile(r"--   (\w+) +(\S+(?: \S+)*)  +\S.*")


@dataclasses.dataclass
class Header:
    """What a query file's first comment lines declare: what it is, its parameters and the
    columns it returns, with their DuckDB types, and whether it returns one row."""

    description: list[str]
    parameters: dict[str, str]
    returns: dict[str, str]
    one_row: bool


def header(path: Path) -> Header:
    """The header of queries/`path`: lines of description; `-- Parameters:` (unless it has none)
    and `-- Returns:` (or `-- Returns one row:`), each followed by one ITEM line per name."""
    lines = itertools.takewhile(lambda line: line.startswith("--"),
                                path.read_text(encoding="utf-8").splitlines())
    sections: dict[str, list[str]] = {"description": [], "Parameters:": [], "Returns:": []}
    section, one_row = "description", False
    for line in lines:
        if line in ("-- Parameters:", "-- Returns:", "-- Returns one row:"):
            section, one_row = line[3:].replace(" one row", ""), one_row or "one row" in line
            assert not sections[section], f"{path.name}: {line} twice"
        else:
            sections[section].append(line)

    def items(name: str) -> dict[str, str]:
        found = [ITEM.fullmatch(line) for line in sections[name]]
        assert all(found), f"{path.name}: not '--   name TYPE  what it is' under {name}"
        assert len({m[1] for m in found}) == len(found), f"{path.name}: a name twice"
        return {m[1]: m[2] for m in found}

    return Header(sections["description"], items("Parameters:"), items("Returns:"), one_row)


def used_parameters(path: Path) -> set[str]:
    """The $names of the statement below the header."""
    statement = "\n".join(itertools.dropwhile(lambda line: line.startswith("--"),
                                              path.read_text(encoding="utf-8").splitlines()))
    return set(re.findall(r"\$(\w+)", statement))


TABLES = ["units", "crosswalk", "boundaries", "dossier_stats", "dossier_records", "letters",
          "engagements", "cadre_snapshots", "satisfaction", "targets", "engagement_rules",
          "import_log", "settings"]


def test_the_path_comes_from_dashboard_db(monkeypatch, tmp_path):
    monkeypatch.setenv("DASHBOARD_DB", str(tmp_path / "x.duckdb"))
    assert db.default_path() == tmp_path / "x.duckdb"
    monkeypatch.delenv("DASHBOARD_DB")
    assert db.default_path() == db.ROOT / "build" / "dashboard.duckdb"


def _row_counts(con, tables: list[str] = TABLES) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


@pytest.mark.parametrize("version", range(1, len(db.migrations()) + 1))
def test_a_newer_release_upgrades_an_older_file_without_losing_a_row(tmp_path, demo_db, version):
    """A file at each older schema version, holding the demo's rows, opens at the latest one.
    The legal minimums stay those the old version wrote: since migration 008 the amended Law on
    Citizen Reception is a rule of its own, which the upgrade adds."""
    old = tmp_path / "old.duckdb"
    con = duckdb.connect(str(old))
    db.migrate(con, upto=version)
    con.execute(f"ATTACH '{demo_db}' AS demo (READ_ONLY)")
    rules = "SELECT * FROM engagement_rules ORDER BY ALL"
    tables = [t for t in TABLES if con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'old' AND table_name = ?",
        [t]).fetchone()[0] and (t != "engagement_rules" or version >= 8)]
    for table in tables:
        con.execute(f"DELETE FROM {table}")
        columns = ", ".join(c if known else f"NULL AS {c}" for c, known in con.execute(
            "SELECT o.column_name, d.column_name IS NOT NULL FROM duckdb_columns() AS o "
            "LEFT JOIN duckdb_columns() AS d ON d.database_name = 'demo' "
            "AND d.table_name = o.table_name AND d.column_name = o.column_name "
            "WHERE o.database_name = 'old' AND o.table_name = ? ORDER BY o.column_index",
            [table]).fetchall())
        con.execute(f"INSERT INTO {table} SELECT {columns} FROM demo.{table}")
    before = {t: n for t, n in _row_counts(con, tables).items()}
    con.close()

    upgraded = db.Database(old)
    with upgraded.cursor() as cur:
        assert db.schema_version(cur) == len(db.migrations())
        assert _row_counts(cur, list(before)) == before
        counted = cur.execute("SELECT * FROM engagement_months ORDER BY ALL").fetchall()
        upgraded_rules = cur.execute(rules).fetchall()
    upgraded.close()
    demo = duckdb.connect(str(demo_db), read_only=True)
    assert upgraded_rules == demo.execute(rules).fetchall()
    if version < 5:  # engagement_months was a view: the upgrade counts it as the demo's write did
        assert counted == demo.execute("SELECT * FROM engagement_months ORDER BY ALL").fetchall()
        assert len(counted) > 0


def test_reopening_changes_nothing(demo_db, tmp_path):
    copy = demo_copy(demo_db, tmp_path)
    first = db.Database(copy)
    with first.cursor() as cur:
        counts = _row_counts(cur)
    first.close()
    identity = copy.stat().st_ino
    again = db.Database(copy)
    with again.cursor() as cur:
        assert _row_counts(cur) == counts
    again.close()
    assert copy.stat().st_ino == identity  # an up-to-date file is only read


def test_every_default_target_of_the_catalogue_is_seeded_once_from_its_day(demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)
    rows = con.execute("SELECT indicator, valid_from, value FROM targets "
                       "WHERE unit_code IS NULL").fetchall()
    assert sorted(rows) == sorted((i.id, max(since, db.SINCE_EVER), value)
                                  for i in catalog.INDICATORS for since, value in i.targets)


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_every_query_declares_its_parameters_and_columns_and_returns_them(history_db, path):
    """In the spirit of dbt's model files: a query says what it is, the parameters it takes
    (exactly the $names it uses) and the columns it returns, each with its DuckDB type; run on
    a database with a row for every query, with a value of each parameter's type, it returns
    exactly those columns, of those types, and some rows (one when it says so)."""
    declared = header(path)
    assert declared.description and all(line.startswith("-- ") for line in declared.description)
    assert declared.returns, f"{path.name} does not say what it returns"
    assert set(declared.parameters) == used_parameters(path)
    params = {name: SAMPLE_PARAMS[name] for name in declared.parameters}
    with duckdb.connect() as con:
        assert {name: con.execute("SELECT typeof($value)", {"value": value}).fetchone()[0]
                for name, value in params.items()} == declared.parameters
    database = db.Database(history_db)
    with database.cursor() as cur:
        result = cur.sql(db.query_text(path.stem), params=params)
        assert list(zip(result.columns, map(str, result.types))) == list(declared.returns.items())
        rows = len(result.fetchall())
    database.close()
    assert rows == 1 if declared.one_row else rows > 0


def test_every_query_the_code_runs_has_its_file_and_every_file_is_run():
    """Every name that grassroots/, app_pages/ or bench/ runs is a file of queries/ (whose
    header the test above checks), and every file is run by some of that code."""
    run = {name for path in CODE for name in RUN.findall(path.read_text(encoding="utf-8"))}
    assert run == {path.stem for path in QUERY_FILES}


def test_results_are_cached_until_the_data_changes(small_db):
    first = small_db.run("units")
    with small_db.write() as con:
        insert(con, "units", [{"code": "10009", "name": "Mới", "kind": "xã"}])
    assert len(small_db.run("units")) == len(first) + 1


def test_every_indicator_reads_its_source(demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)
    found = dict(con.execute(
        "SELECT indicator, count(*) FROM indicator_parts GROUP BY indicator").fetchall())
    assert set(found) == set(catalog.BY_ID) and min(found.values()) > 0
    assert all(i.family in catalog.FAMILIES for i in catalog.INDICATORS)
    assert set(catalog.HEADLINE) == set(catalog.FAMILIES)
    assert set(catalog.SCORECARD) <= set(catalog.BY_ID)
    for indicator in catalog.INDICATORS:
        measures = {c for c, in con.execute("SELECT column_name FROM duckdb_columns() "
                                            "WHERE table_name = ?", [indicator.source]).fetchall()}
        assert indicator.source in catalog.SOURCES
        assert indicator.numerator and indicator.denominator
        assert {*indicator.numerator, *indicator.denominator} <= measures, indicator.id


def test_the_parts_view_is_the_one_the_catalogue_writes():
    """When it is not, run python -m grassroots.parts."""
    assert parts.PATH.read_text(encoding="utf-8") == parts.text()


@pytest.mark.parametrize("indicator", [*catalog.INDICATORS, scores.COMPOSITE], ids=lambda i: i.id)
def test_every_target_and_legal_basis_is_dated_oldest_first(indicator):
    for dated in (indicator.reference, indicator.targets):
        assert all(isinstance(since, date) for since, _ in dated)
        assert [since for since, _ in dated] == sorted({since for since, _ in dated})
    assert indicator.reference[0][0] == date.min  # a basis for any day
    assert isinstance(indicator.reference_on(date.today()), str)
