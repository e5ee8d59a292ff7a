"""Targets by date (the targets table, editable by users): a changed target is a new row from
its first day, so the periods already judged keep the target they were judged by."""

from datetime import date

import duckdb
import pandas as pd

from grassroots import db


def in_force(database: db.Database, day: date) -> pd.Series:
    """The target of each indicator for all communes on `day`, by indicator id."""
    return database.run("parent_targets", day=day).set_index("indicator")["target"]


def write(con: duckdb.DuckDBPyConnection, values: dict[str, float], since: date) -> None:
    """Set targets for all communes from `since` on, inside a write; a target already set from
    that very day is replaced."""
    rows = [[indicator, since, float(value)] for indicator, value in values.items()]
    con.executemany("DELETE FROM targets "
                    "WHERE indicator = ? AND unit_code IS NULL AND valid_from = ?",
                    [row[:2] for row in rows])
    con.executemany("INSERT INTO targets (indicator, valid_from, value) VALUES (?, ?, ?)", rows)


def save(database: db.Database, values: dict[str, float | None], since: date,
         actor: str) -> None:
    """Write the targets that differ from those in force on `since`; refuse a negative one."""
    if any(v is not None and v < 0 for v in values.values()):
        raise ValueError("a target cannot be negative")
    before = in_force(database, since)
    changed = {indicator: value for indicator, value in values.items()
               if value is not None and value != before.get(indicator)}
    if not changed:
        return
    with database.write() as con:
        write(con, changed, since)
        db.audit(con, actor, "targets", f"{since:%d/%m/%Y}: " + ", ".join(
            f"{indicator} = {value:g}" for indicator, value in changed.items()))
