"""Finding the header row, telling a file's kind from its headers, and which columns it
carries."""

import re

import pandas as pd

from grassroots import catalog, contract, i18n, legacy
from grassroots.contract import Column, plain
from grassroots.i18n import N_
from grassroots.ingest.problems import Problem

HEAD = 30             # rows searched for the header row


def _key(text) -> str:
    """How headers compare: no case, accents, spaces or punctuation."""
    return re.sub(r"[^a-z0-9]", "", plain(text))


HEADERS = {_key(h) for kind in contract.KINDS.values() for h in kind.headers.values()} | {
    _key(alias) for aliases in contract.HEADER_SYNONYMS.values() for alias in aliases}


PERSONAL = {_key(header) for header in contract.PERSONAL}


def _find_header(head: pd.DataFrame) -> tuple[int | None, str | None]:
    """The row holding the headers (the first row with most known headers, at least two) and
    the legacy font its text was typed in, if any."""
    best, row, font = 1, None, None
    for number, cells in head.iloc[:HEAD].iterrows():
        texts = [c for c in cells if isinstance(c, str) and c.strip()]
        score = sum(_key(c) in HEADERS for c in texts)
        converted = [legacy.convert(c) for c in texts]
        fonts = {c[0] for c in converted if c}
        legacy_score = sum(_key(c[1] if c else t) in HEADERS for c, t in zip(converted, texts))
        if max(score, legacy_score) > best:
            best, row = max(score, legacy_score), number
            font = next(iter(fonts)) if legacy_score > score and len(fonts) == 1 else None
    return row, font


def _columns_of(kind: contract.Kind, headers: dict[str, int]) -> dict[int, Column]:
    found = {}
    for column in kind.columns:
        keys = [_key(column.header)] + [_key(a) for a in contract.HEADER_SYNONYMS.get(
            column.header, ())]
        position = next((headers[k] for k in keys if k in headers), None)
        if position is not None:
            found[position] = column
    return found


def _missing(kind: contract.Kind, found: dict[int, Column]) -> list[Column]:
    """Required columns the file lacks: what identifies a row (a commune needs its code or its
    name, not both) and at least one measure (else every one is missing). A file without some
    of the measures is not missing them: they are `_absent`."""
    names = {c.name for c in found.values()}
    measures = _measures(kind)
    missing = [c for c in kind.columns if not c.optional and c.name not in names
               and c.name not in ("unit_code", "unit_name")
               and (c not in measures or not names & {m.name for m in measures})]
    if "unit_code" in kind.headers and not {"unit_code", "unit_name"} & names:
        missing.insert(0, contract.CODE)
    return missing


def _measures(kind: contract.Kind) -> list[Column]:
    return [c for c in kind.columns if c.type in ("count", "decimal") and not c.optional]


def _absent(kind: contract.Kind, found: dict[int, Column], sheet: str | None,
            row: int) -> list[Problem]:
    """One warning naming the measures a file does not carry and the indicators left without
    data on its rows; the figures stored before for those measures stay as they were."""
    names = {c.name for c in found.values()}
    absent = [c for c in _measures(kind) if c.name not in names]
    if not absent:
        return []
    return [Problem(N_("the file has no column {columns}. On its rows, the indicators that need "
                       "them are left without data, not counted as 0: {indicators}. Figures stored "
                       "before for these columns stay as they were."), {
        "columns": ", ".join(c.header for c in absent),
        "indicators": {lang: ", ".join(i.label(lang) for i in catalog.lacking(
            kind.table, {c.name for c in absent})) for lang in i18n.LANGS}},
        sheet, row, warning=True)]


def _kind_of(headers: dict[str, int], wanted: str | None) -> tuple[str | None, list[str]]:
    """The kind whose columns the headers hold (or `wanted`); with the kinds it could be when
    several fit equally."""
    if wanted:
        return wanted, []
    fits = []
    for name, kind in contract.KINDS.items():
        found = _columns_of(kind, headers)
        if found and not _missing(kind, found):
            fits.append((len(found) - len(kind.columns), len(found), name))
    if not fits:
        near = max(contract.KINDS, key=lambda n: len(_columns_of(contract.KINDS[n], headers)))
        return (near if _columns_of(contract.KINDS[near], headers) else None), []
    fits.sort(reverse=True)
    best = [f[2] for f in fits if f[:2] == fits[0][:2]]
    return (best[0], []) if len(best) == 1 else (None, best)
