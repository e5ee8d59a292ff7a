"""Imports as a reader sees them, on the Data page and at the command line: how a file was
understood before it is written, its first rows as read with their problems, and the log of
imports."""

import pandas as pd

from grassroots import contract, db, i18n
from grassroots.ingest import Checked


def understood(checked: Checked, names: dict[str, str], lang: str) -> list[str]:
    """How a file was read, before anything is written: per table, its kind, which of the
    file's columns fills which field, the months or days, the communes (`names`: by code) and
    the columns left out."""
    lines = []
    for table in checked.tables:
        frame, where = table.frame, table.sheet or checked.name
        days = next((frame[c] for c in ("month", "held_on", "taken_on", "received_on")
                     if c in frame and frame[c].notna().any()), None)
        grain = "%m/%Y" if days is not None and days.name == "month" else "%d/%m/%Y"
        span = "" if days is None else f"{days.min():{grain}}" + (
            f"–{days.max():{grain}}" if days.max() != days.min() else "")
        code = "code" if table.kind == "units" else "unit_code"
        communes = sorted({names.get(c, c) for c in frame[code].dropna()})
        lines.append(i18n.t("{where}: read as {kind}. Columns: {columns}. Time: {span}. Communes "
                            "({count}): {communes}. Left out: {ignored}.",
                            lang, where=where, kind=i18n.t(
            contract.TITLES[table.kind], lang), columns="; ".join(
            f"{file} → {header}" for header, file in table.read_as.items()),
            span=span or "–", count=len(communes), communes=", ".join(communes[:8])
            + (", …" if len(communes) > 8 else ""),
            ignored=", ".join(f"«{h}»" for h in table.ignored) or "–"))
    return lines


def history(database: db.Database, lang: str, by: str | None = None) -> pd.DataFrame:
    """The import log in the reader's words, newest first; with `by`, that account's only."""
    log = database.run("import_history")
    if by is not None:
        log = log[log["imported_by"] == by]
    return pd.DataFrame({
        "#": log["id"],
        i18n.t("File", lang): log["file_name"],
        i18n.t("Kind", lang): log["kind"],
        i18n.t("By", lang): log["imported_by"],
        i18n.t("At", lang): log["imported_at"].dt.strftime("%d/%m/%Y %H:%M"),
        i18n.t("Written", lang): log["rows_added"],
        i18n.t("Replaced", lang): log["rows_replaced"],
        i18n.t("Undone at", lang): log["undone_at"].dt.strftime("%d/%m/%Y %H:%M").fillna(""),
    })


def preview(checked: Checked, lang: str, rows: int = 500) -> pd.DataFrame:
    """The first rows of a checked file as read, under the file's own headers, with the row
    number in the sheet and the problems found on each row."""
    frames = []
    for table in checked.tables:
        kind = contract.KINDS[table.kind]
        frame = table.frame.head(rows)
        said: dict[int, list[str]] = {}
        for problem in checked.problems:
            if problem.sheet == table.sheet and problem.row is not None:
                said.setdefault(problem.row, []).append(
                    (f"{problem.column}: " if problem.column else "") + problem.sentence(lang))
        shown = frame.copy()
        for column in kind.columns:
            if column.type in ("month", "date") and column.name in shown:
                written = "%m/%Y" if column.type == "month" else "%d/%m/%Y"
                shown[column.name] = pd.to_datetime(shown[column.name]).dt.strftime(written)
        shown = shown.rename(columns=kind.headers)
        shown.insert(0, i18n.t("row {row}", lang, row="").strip().capitalize(), frame["_row"])
        shown.insert(1, i18n.t("Problems", lang), frame["_row"].map(
            {row: " ".join(texts) for row, texts in said.items()}).fillna(""))
        frames.append(shown.drop(columns="_row"))
    return pd.concat(frames) if frames else pd.DataFrame()
