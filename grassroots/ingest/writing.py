"""Writing a checked file in one write, keeping what it replaced and the file itself (without
its personal data), and undoing an import."""

import csv
import getpass
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd

from grassroots import contract, db, i18n
from grassroots.i18n import N_
from grassroots.ingest.problems import Checked, Problem, Refused, Table
from grassroots.ingest.reading import EXCEL, _sheets


@dataclass
class Outcome:
    """What a commit did: rows written, old rows they replaced, rows that were already so."""

    import_id: int | None
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    same_as: int | None = None   # when nothing changed: the import that wrote it before

    def text(self, name: str, lang: str) -> str:
        if self.import_id is None:
            message = N_("{file}: nothing changed; all {unchanged} rows were already stored as "
                         "they are.")
            if self.same_as:
                message = N_("{file}: nothing changed; this file was imported before "
                             "(import #{id}).")
            return i18n.t(message, lang, file=name, id=self.same_as,
                          unchanged=i18n.number(self.unchanged, lang))
        return i18n.t("{file}: imported (import #{id}): {added} rows written, {replaced} old rows "
                      "replaced, {unchanged} unchanged.", lang, file=name, id=self.import_id,
                      added=i18n.number(self.added, lang),
                      replaced=i18n.number(self.replaced, lang),
                      unchanged=i18n.number(self.unchanged, lang))


class _NothingChanged(Exception):
    pass


DATA_TABLES = tuple(kind.table for kind in contract.KINDS.values())


def _where_covered(kind: contract.Kind, keys: str) -> str:
    matches = " AND ".join(f"{keys}.k{i} = ({expr})" for i, expr in enumerate(kind.covers))
    return f"EXISTS (SELECT 1 FROM {keys} WHERE {matches})"


def _replace(con: duckdb.DuckDBPyConnection, kind: contract.Kind, rows: pd.DataFrame | Table,
             import_id: int) -> tuple[int, int, int]:
    """Put `rows` (a frame, or a checked table's rows on disk, which DuckDB streams) in the
    kind's table, replacing the rows they cover where they differ; keep the rows replaced for
    undo. Returns rows written, rows replaced, rows unchanged. Its working tables are tables
    of the write's own copy of the file, dropped at the end: DuckDB can move them to disk,
    which it cannot do with temporary tables (ten million records exceed the write's memory)."""
    table = kind.table
    columns = [c for c, in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
        "AND table_name = ? AND column_name <> 'import_id' ORDER BY column_index",
        [table]).fetchall()]
    listed = ", ".join(columns)
    covers = ", ".join(f"({expr}) AS k{i}" for i, expr in enumerate(kind.covers))
    source = rows.source if isinstance(rows, Table) else "frame_rows"
    if isinstance(rows, pd.DataFrame):
        con.register(source, rows)
    carried = [c for c in con.sql(f"SELECT * FROM {source}").columns if c in columns]
    incoming = f"(SELECT {', '.join(carried)} FROM {source})"
    con.execute(f"CREATE TABLE _staged AS SELECT {listed} FROM {table} LIMIT 0")
    absent = [c for c in columns if c not in carried]
    if absent and all(key in columns for key in kind.covers):
        # A file never erases what it does not carry: a row it replaces keeps those values.
        con.execute(f"""INSERT INTO _staged BY NAME
            SELECT i.*, {', '.join(f'o.{c}' for c in absent)} FROM {incoming} AS i
            LEFT JOIN {table} AS o ON {' AND '.join(f'i.{k} = o.{k}' for k in kind.covers)}""")
    else:
        con.execute(f"INSERT INTO _staged BY NAME SELECT * FROM {incoming}")
    count = con.execute("SELECT count(*) FROM _staged").fetchone()[0]
    con.execute(f"CREATE TABLE _keys AS SELECT DISTINCT {covers} FROM _staged")
    con.execute(f"CREATE TABLE _old AS SELECT {listed} FROM {table} "
                f"WHERE {_where_covered(kind, '_keys')}")
    con.execute(f"""CREATE TABLE _changed AS SELECT DISTINCT {covers} FROM (
        (SELECT * FROM _staged EXCEPT ALL SELECT * FROM _old)
        UNION ALL (SELECT * FROM _old EXCEPT ALL SELECT * FROM _staged))""")
    covered = _where_covered(kind, "_changed")
    replaced = con.execute(f"INSERT INTO replaced_{table} SELECT ?, * FROM {table} "
                           f"WHERE {covered}", [import_id]).fetchone()[0]
    con.execute(f"DELETE FROM {table} WHERE {covered}")
    added = con.execute(f"INSERT INTO {table} BY NAME SELECT *, ? AS import_id "
                        f"FROM _staged WHERE {covered}", [import_id]).fetchone()[0]
    con.execute("DROP TABLE _staged; DROP TABLE _keys; DROP TABLE _old; DROP TABLE _changed")
    return added, replaced, count - added


def _unit_versions(con: duckdb.DuckDBPyConnection, table: Table) -> pd.DataFrame:
    """A units file's rows as the versions of their communes they change: the version of each
    code in force (its latest), or a new commune in force before any figure. Only the columns
    the file carries change: a file of codes and names never erases a population or an area."""
    stored = con.execute("SELECT * EXCLUDE (import_id) FROM units "
                         "QUALIFY valid_from = max(valid_from) OVER (PARTITION BY code)").df()
    carried = [c for c in table.frame.columns if c in table.labels or c == "code"]
    versions = table.frame[carried].merge(
        stored.drop(columns=[c for c in carried if c != "code"]), on="code", how="left")
    return versions.assign(valid_from=versions["valid_from"].fillna(pd.Timestamp(db.SINCE_EVER)))


def _records_to_months(con: duckdb.DuckDBPyConnection, import_id: int) -> pd.DataFrame:
    """The monthly statistics the dossier records of this import change: every month of its
    communes from the earliest month a new or replaced record was received."""
    units, since = con.execute("""
        SELECT list(DISTINCT unit_code), min(date_trunc('month', received_on))::DATE FROM (
            SELECT unit_code, received_on FROM dossier_records WHERE import_id = $id
            UNION ALL
            SELECT unit_code, received_on FROM replaced_dossier_records WHERE replaced_by = $id)
        """, {"id": import_id}).fetchone()
    return con.execute(db.query_text("dossier_months"), {"units": units or [],
                                                         "since": since}).df()


def _log(con, checked: Checked, import_id: int, user: str, counts: tuple[int, int, int],
         archive: str | None) -> None:
    kinds = ", ".join(dict.fromkeys(t.kind for t in checked.tables))
    sheets = ", ".join(t.sheet for t in checked.tables if t.sheet) or None
    con.execute("""INSERT INTO import_log (id, file_name, kind, checksum, imported_by,
        rows_added, rows_replaced, rows_unchanged, sheet, archive)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [import_id, checked.name, kinds, checked.checksum, user, *counts, sheets, archive])


def apply(con: duckdb.DuckDBPyConnection, checked: Checked, user: str,
          archive: Path | None = None) -> Outcome:
    """Write a checked file through an open write (see `commit`)."""
    if not checked.ok:
        raise ValueError(f"{checked.name} has problems; it cannot be written")
    import_id = con.execute("SELECT nextval('import_log_id')").fetchone()[0]
    added = replaced = unchanged = 0
    for table in checked.tables:
        kind = contract.KINDS[table.kind]
        rows = _unit_versions(con, table) if table.kind == "units" else table
        a, r, u = _replace(con, kind, rows, import_id)
        added, replaced, unchanged = added + a, replaced + r, unchanged + u
        if table.kind == "dossier_records" and a:
            _replace(con, contract.KINDS["dossiers"], _records_to_months(con, import_id),
                     import_id)
    if not added and not replaced:
        raise _NothingChanged(unchanged)
    kept = None
    if archive is not None:
        archive.mkdir(parents=True, exist_ok=True)
        kept = _keep(checked, archive / f"{import_id:05d}-{checked.name}")
    _log(con, checked, import_id, user, (added, replaced, unchanged),
         kept.name if kept else None)
    db.audit(con, user, "import", f"#{import_id} {checked.name}: {added} written, "
             f"{replaced} replaced")
    return Outcome(import_id, added, replaced, unchanged)


def _keep(checked: Checked, kept: Path) -> Path:
    """Keep the file as imported, but for its columns of personal data: a file with some is
    kept as it was read (an Excel file as .xlsx, a CSV file from its header row), without
    them. Returns where it was kept."""
    personal = {t.sheet: list(t.personal) for t in checked.tables if t.personal}
    if not personal:
        shutil.copyfile(checked.path, kept)
        return kept
    if checked.path.suffix.lower() in EXCEL:
        kept = kept.with_suffix(".xlsx")
        book = openpyxl.Workbook(write_only=True)
        for sheet in _sheets(checked.path):
            out = book.create_sheet(sheet.name)
            for chunk in sheet.rows:
                for values in chunk.drop(columns=personal.get(sheet.name, [])).itertuples(
                        index=False):
                    out.append([None if v == "" else v for v in values])
        book.save(kept)
        return kept
    with open(kept, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        for chunk in next(_sheets(checked.path)).rows:
            writer.writerows(chunk.drop(columns=personal[None]).itertuples(index=False))
    return kept


def archive_folder(database: db.Database) -> Path:
    """Where the original files of imports are kept: imports/ beside the database."""
    return database.path.parent / "imports"


def commit(database: db.Database, checked: Checked, user: str | None = None) -> Outcome:
    """Write a checked file in one write: its rows replace the rows it covers, the import is
    logged and its file kept. A file whose rows are all stored already changes nothing."""
    try:
        with database.write() as con:
            return apply(con, checked, user or getpass.getuser(), archive_folder(database))
    except _NothingChanged as nothing:
        with database.cursor() as cur:
            row = cur.execute("SELECT max(id) FROM import_log WHERE checksum = ? AND "
                              "undone_at IS NULL", [checked.checksum]).fetchone()
        return Outcome(None, unchanged=nothing.args[0], same_as=row[0])


def undo(database: db.Database, import_id: int, user: str | None = None) -> tuple[int, int]:
    """Put back exactly the rows an import replaced and remove the rows it wrote. Refused when
    a later import has replaced some of those rows, or names communes it added: that one is
    undone first. Returns the rows removed and the rows put back."""
    with database.write() as con:
        row = con.execute("SELECT undone_at FROM import_log WHERE id = ?",
                          [import_id]).fetchone()
        if row is None:
            raise Refused(Problem(N_("there is no import #{id}."), {"id": import_id}))
        if row[0] is not None:
            raise Refused(Problem(N_("import #{id} was already undone."), {"id": import_id}))
        later = sorted({i for table in DATA_TABLES for i, in con.execute(
            f"SELECT DISTINCT replaced_by FROM replaced_{table} WHERE import_id = ?",
            [import_id]).fetchall()})
        later += sorted({i for table in DATA_TABLES if table != "units" for i, in con.execute(
            f"""SELECT DISTINCT import_id FROM {table} WHERE unit_code IN (
                    SELECT code FROM units WHERE import_id = $id EXCEPT
                    SELECT code FROM replaced_units WHERE replaced_by = $id)""",
            {"id": import_id}).fetchall()})
        if later:
            raise Refused(Problem(N_("import #{id} cannot be undone: the later import {later} "
                                     "replaced its rows or uses the communes it added; undo that "
                                     "one first."), {
                "id": import_id, "later": ", ".join(f"#{i}" for i in later)}))
        removed = restored = 0
        for table in DATA_TABLES:
            removed += con.execute(f"DELETE FROM {table} WHERE import_id = ?",
                                   [import_id]).fetchone()[0]
            restored += con.execute(
                f"INSERT INTO {table} BY NAME SELECT * EXCLUDE (replaced_by) "
                f"FROM replaced_{table} WHERE replaced_by = ?", [import_id]).fetchone()[0]
            con.execute(f"DELETE FROM replaced_{table} WHERE replaced_by = ?", [import_id])
        user = user or getpass.getuser()
        con.execute("UPDATE import_log SET undone_at = current_timestamp, undone_by = ? "
                    "WHERE id = ?", [user, import_id])
        db.audit(con, user, "undo", f"#{import_id}: {removed} removed, {restored} put back")
    return removed, restored
