"""Import files as people make them: read Excel and CSV, check every row against the contract
(DOMAIN.md, contract.py), and write a good file in one write; refuse a bad one whole, listing
every problem by file, sheet, row and column.

`check(path, units)` reads and checks a file without writing; `commit(database, checked)`
writes a checked file; `undo(database, import_id)` puts back exactly what an import replaced.
"""

import codecs
import csv
import getpass
import hashlib
import io
import itertools
import re
import shutil
import unicodedata
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import numpy as np
import openpyxl
import pandas as pd
from python_calamine import CalamineWorkbook
from rapidfuzz import fuzz, process

from grassroots import catalog, contract, db, forms, i18n, legacy
from grassroots.contract import Column, plain, plain_name

CHUNK = 200_000       # rows read, checked and held at a time
HEAD = 30             # rows searched for the header row
LIMIT = 50            # problems listed per rule and column; the rest are counted
EXCEL = {".xlsx", ".xlsm", ".xls", ".ods"}  # all read by calamine
EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def _key(text) -> str:
    """How headers compare: no case, accents, spaces or punctuation."""
    return re.sub(r"[^a-z0-9]", "", plain(text))


HEADERS = {_key(h) for kind in contract.KINDS.values() for h in kind.headers.values()} | {
    _key(alias) for aliases in contract.HEADER_SYNONYMS.values() for alias in aliases}
PERSONAL = {_key(header) for header in contract.PERSONAL}
TOTALS = {plain(word) for word in contract.TOTAL_WORDS}
TOTAL_PREFIXES = ("tong cong", "toan huyen", "toan tinh")


@dataclass
class Problem:
    """One thing wrong with a file (or, as a warning, worth a look), where it is, and a
    sentence saying what: `key` names it in i18n.STRINGS, `values` fill it in."""

    key: str
    values: dict = field(default_factory=dict)
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    warning: bool = False

    def sentence(self, lang: str) -> str:
        """The sentence, with the closest words suggested when `values` has some (`maybe`)."""
        values = {k: _as_written(v, lang) if isinstance(v, int | float) else v
                  for k, v in self.values.items() if k != "maybe"}
        text = i18n.t(self.key, lang, **values)
        if maybe := self.values.get("maybe"):
            quoted = [f"«{w}»" if lang == "vi" else f"'{w}'" for w in maybe]
            text += " " + i18n.t("maybe", lang, words=i18n.t("or", lang).join(quoted))
        return text

    def text(self, file: str, lang: str) -> str:
        where = [i18n.t("at_file", lang, file=file)]
        if self.sheet:
            where.append(i18n.t("at_sheet", lang, sheet=self.sheet))
        if self.row:
            where.append(i18n.t("at_row", lang, row=self.row))
        if self.column:
            where.append(i18n.t("at_column", lang, column=self.column))
        return f"{', '.join(where)}: {self.sentence(lang)}"


def _closest(value: str, words) -> tuple[str, ...]:
    """Up to three of `words` closest to `value`, compared as plain text (rapidfuzz): what a
    refusal suggests instead."""
    by_plain = {plain(w): w for w in words}
    found = process.extract(plain(value), list(by_plain), scorer=fuzz.ratio, limit=3,
                            score_cutoff=75)
    return tuple(by_plain[match] for match, _, _ in found)


def _as_written(value: float, lang: str) -> str:
    """A number in a message: its decimals as written, up to four ("20,5", not "20,50")."""
    if float(value).is_integer():
        return i18n.number(value, lang)
    return i18n.number(value, lang, 4).rstrip("0")


@dataclass
class Table:
    """The rows of one sheet, in the database's columns and types, with `_row`: the row
    number in the sheet."""

    kind: str
    sheet: str | None
    frame: pd.DataFrame
    labels: dict[str, str] = field(default_factory=dict)  # column → "C (Tháng)"
    personal: tuple[int, ...] = ()  # positions of columns of personal data: stored nowhere
    read_as: dict[str, str] = field(default_factory=dict)  # contract header → "D «Ngày nhận»"
    ignored: tuple[str, ...] = ()   # the file's other headers, personal ones included


@dataclass
class Checked:
    """A file read and checked: its tables if it is good, every problem found either way."""

    path: Path
    name: str
    checksum: str
    tables: list[Table] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def error_count(self) -> int:
        """Every error found, the ones only counted (beyond LIMIT per column) included."""
        return sum(p.values["count"] if p.key == "more_problems" else 1 for p in self.errors)

    @property
    def ok(self) -> bool:
        return bool(self.tables) and not self.errors

    @property
    def rows(self) -> int:
        return sum(len(t.frame) for t in self.tables)

    def messages(self, lang: str) -> list[str]:
        return [p.text(self.name, lang) for p in self.problems]


class Refused(Exception):
    """A write that cannot be done, with the problem saying why."""

    def __init__(self, problem: Problem):
        super().__init__(problem.key)
        self.problem = problem


# Reading ------------------------------------------------------------------------------------

@dataclass
class _Sheet:
    name: str | None
    rows: Iterator[pd.DataFrame]   # raw cells, index = row number in the sheet
    size: int                      # rows in the sheet (estimated for a CSV), for progress
    merges: list = field(default_factory=list)  # merged ranges ((top, left), (bottom, right))


def _column_letter(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _chunks(rows: Iterator[tuple]) -> Iterator[pd.DataFrame]:
    """Rows of cells (row number 1 first) as frames of at most CHUNK rows; the first frame
    holds just the first HEAD rows, where the header is looked for."""
    batch, start, size = [], 1, HEAD
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield pd.DataFrame(batch, index=range(start, start + len(batch)), dtype=object)
            start, batch, size = start + len(batch), [], CHUNK
    if batch:
        yield pd.DataFrame(batch, index=range(start, start + len(batch)), dtype=object)


def _excel_cell(value):
    """An Excel cell as the reader handles it: text stays text; a number becomes text in the
    Vietnamese way ("12,5") so it reads the same as one typed as text; dates stay dates."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        if float(value).is_integer():
            return str(int(value))
        return repr(float(value)).replace(".", ",")
    if isinstance(value, datetime | date):
        return pd.Timestamp(value)
    return value


def _excel_sheets(path: Path) -> Iterator[_Sheet]:
    """Every sheet of a workbook, read by calamine (five times openpyxl's speed on large
    sheets). Its rows come from row 1, its columns from the first one used."""
    book = CalamineWorkbook.from_path(str(path))
    try:
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            top, left = sheet.start or (0, 0)
            rows = (("",) * left + tuple(_excel_cell(v) for v in row) for row in sheet.iter_rows())
            yield _Sheet(name, _chunks(rows), top + sheet.height, sheet.merged_cell_ranges or [])
    finally:
        book.close()


def _encoding(path: Path) -> str | None:
    """utf-8-sig when the whole file is UTF-8 (with or without BOM), else None."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as stream:
        try:
            while block := stream.read(1 << 20):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return None
    return "utf-8-sig"


def _header_score(rows: list[list]) -> tuple[int, int]:
    """How many known headers the best row holds, and (negated) where that row is."""
    scores = [sum(_key(cell) in HEADERS for cell in row) for row in rows]
    best = max(scores, default=0)
    return best, -scores.index(best) if scores else 0


def _csv_sheet(path: Path) -> _Sheet:
    """A CSV file's one table. UTF-8 (BOM or not); else Windows-1258, or text typed in the
    legacy TCVN3 or VNI fonts, whichever turns the top rows into known headers. The
    delimiter (comma, semicolon, tab) is the one that does."""
    raw = path.read_bytes()[: 1 << 16]
    encoding = _encoding(path)
    if encoding:
        texts = {encoding: raw.decode("utf-8-sig", errors="ignore")}
    else:
        texts = {"cp1258": unicodedata.normalize("NFC", raw.decode("cp1258", errors="replace"))}
        texts.update({font: legacy.decode(raw, font) for font in legacy.FONTS})

    def parsed(text: str, delimiter: str) -> list[list]:
        return list(csv.reader(io.StringIO("\n".join(text.splitlines()[:HEAD])),
                               delimiter=delimiter))

    (_, above), encoding, delimiter = max(
        (_header_score(parsed(text, d)), name, d) for name, text in texts.items() for d in ",;\t")
    skipped = -above  # title rows above the header: not read, so their width does not count
    width = max(len(row) for row in parsed(texts[encoding], delimiter)[skipped:])
    typed = encoding in legacy.FONTS
    reader = pd.read_csv(
        io.StringIO(legacy.decode(path.read_bytes(), encoding)) if typed else path,
        encoding=None if typed else encoding, encoding_errors="replace", sep=delimiter,
        header=None, names=range(width), skiprows=skipped, dtype=str, keep_default_na=False,
        skip_blank_lines=False, chunksize=CHUNK)

    def chunks() -> Iterator[pd.DataFrame]:
        start = skipped + 1
        for chunk in reader:
            chunk.index = range(start, start + len(chunk))
            start += len(chunk)
            if encoding == "cp1258":
                chunk = chunk.apply(lambda c: c.str.normalize("NFC"))
            yield chunk

    lines = raw.count(b"\n") or 1  # the rows estimated from the first block, for progress
    return _Sheet(None, chunks(), round(path.stat().st_size / max(len(raw), 1) * lines))


def _sheets(path: Path) -> Iterator[_Sheet]:
    suffix = path.suffix.lower()
    if suffix in EXCEL:
        yield from _excel_sheets(path)
    elif suffix in {".csv", ".txt"}:
        yield _csv_sheet(path)
    else:
        raise Refused(Problem("wrong_format", {"suffix": suffix or "?"}))


# Headers and kinds ----------------------------------------------------------------------------

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
    return [Problem("measures_absent", {
        "columns": ", ".join(c.header for c in absent),
        "indicators": ", ".join(catalog.lacking(kind.table, {c.name for c in absent}))},
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


# Cells ------------------------------------------------------------------------------------------

def _text(cells: pd.Series) -> pd.Series:
    """Cells as stripped text ("" when empty); a date cell as yyyy-mm-dd."""
    if cells.dtype == "str":
        return cells.str.strip()

    def one(value) -> str:
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return ""
        if isinstance(value, pd.Timestamp):
            return value.strftime("%Y-%m-%d")
        return str(value)
    return cells.map(one).astype(str).str.strip()


_VI_THOUSANDS = r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?"
_VI_DECIMAL = r"-?\d+(?:,\d+)?"
_POINT_DECIMAL = r"-?\d+\.\d{1,2}|-?\d+\.\d{4,}"


def _plain(text: pd.Series) -> pd.Series:
    """`plain` of every cell, computed once per distinct value."""
    return text.map({value: plain(value) for value in text.unique()})


def _numbers(text: pd.Series) -> pd.Series:
    """Numbers written the Vietnamese way ("7.526", "98,22", "1.234,5") or plainly ("12.5");
    NaN where the text is no number. A "%" is allowed and divides by 100."""
    text = text.str.replace(r"[\s\u00a0]", "", regex=True)
    percent = text.str.endswith("%")
    text = text.str.removesuffix("%")
    plain_digits = text.str.fullmatch(r"\d+")
    values = pd.to_numeric(text.where(plain_digits), errors="coerce")
    rest = ~plain_digits & (text != "")
    if rest.any():
        other = text[rest]
        thousands = other.str.fullmatch(_VI_THOUSANDS)
        decimal = other.str.fullmatch(_VI_DECIMAL)
        point = other.str.fullmatch(_POINT_DECIMAL)
        normal = np.where(thousands, other.str.replace(".", "", regex=False).str.replace(",", "."),
                          np.where(decimal, other.str.replace(",", "."),
                                   np.where(point, other, None)))
        values[rest] = pd.to_numeric(pd.Series(normal, index=other.index), errors="coerce")
    return values.where(~percent, values / 100).astype(float)


def _from_excel_serial(text: pd.Series) -> pd.Series:
    """Excel's day numbers (a date cell exported as a plain number)."""
    serial = pd.to_numeric(text.where(text.str.fullmatch(r"\d{5}")), errors="coerce")
    serial = serial.where((serial > 20_000) & (serial < 80_000))
    return EXCEL_EPOCH + pd.to_timedelta(serial, unit="D")


def _dates(text: pd.Series) -> pd.Series:
    """dd/mm/yyyy (also with - or .), yyyy-mm-dd, or an Excel day number; NaT otherwise."""
    values = pd.to_datetime(text, format="%d/%m/%Y", errors="coerce")
    rest = values.isna() & (text != "")
    if rest.any():
        other = text[rest]
        dmy = other.str.extract(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
        ymd = other.str.extract(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?: 00:00:00)?$")
        day = dmy[0].fillna(ymd[2])
        month = dmy[1].fillna(ymd[1])
        year = dmy[2].fillna(ymd[0])
        built = pd.to_datetime(year + "-" + month + "-" + day, format="%Y-%m-%d",
                               errors="coerce")
        values[rest] = built.fillna(_from_excel_serial(other))
    return values


def _months(text: pd.Series) -> pd.Series:
    """2025-03, 03/2025, 3/2025, "tháng 3/2025", a date (its month) or an Excel day number."""
    words = _plain(text).str.replace(r"^(?:thang|t)\s*", "", regex=True)
    my = words.str.extract(r"^(\d{1,2})\s*[/.\-]\s*(\d{4})$")
    ym = words.str.extract(r"^(\d{4})-(\d{1,2})(?:-01)?(?: 00:00:00)?$")
    month = my[0].fillna(ym[1])
    year = my[1].fillna(ym[0])
    values = pd.to_datetime(year + "-" + month + "-1", format="%Y-%m-%d", errors="coerce")
    rest = values.isna() & (text != "")
    if rest.any():
        values[rest] = _dates(text[rest]).dt.to_period("M").dt.start_time
    return values


# Checking ---------------------------------------------------------------------------------------

class _Sheetcheck:
    """Collects the problems of one sheet, at most LIMIT per rule and column."""

    def __init__(self, sheet: str | None, columns: dict[int, Column]):
        self.sheet = sheet
        self.problems: list[Problem] = []
        self.counts: dict[tuple, int] = {}
        self.label = {c.name: f"{_column_letter(p)} ({c.header})" for p, c in columns.items()}

    def add(self, key: str, rows, column: str | None = None, warning: bool = False,
            values: Callable[[int], dict] | dict | None = None) -> None:
        for row in rows:
            seen = self.counts.get((key, column), 0)
            self.counts[(key, column)] = seen + 1
            if seen < LIMIT:
                found = values(row) if callable(values) else (values or {})
                self.problems.append(Problem(key, found, self.sheet, int(row),
                                             self.label.get(column, column), warning))

    def finish(self) -> list[Problem]:
        more = [Problem("more_problems", {"count": n - LIMIT}, self.sheet, None,
                        self.label.get(column, column))
                for (key, column), n in self.counts.items() if n > LIMIT]
        order = {label: i for i, label in enumerate(self.label.values())}
        return sorted(self.problems, key=lambda p: (p.row or 0, order.get(p.column, -1))) + more


class _Communes:
    """Communes as files name them on the day a row is about (a code names a territory for a
    time: 13531 is Bồ Đề in 05/2025 and Bình Giang in 08/2025): by code, by name (ignoring case,
    accents, spacing and the kind prefix, or typed in a legacy font), or both when they agree.
    `units` is every unit through time (the unit_history query); a row without a day is about
    the latest unit of its code."""

    def __init__(self, units: pd.DataFrame):
        self.units = units.assign(plain=units["name"].map(plain_name),
                                  valid_from=pd.to_datetime(units["valid_from"]),
                                  valid_to=pd.to_datetime(units["valid_to"]))
        self.units["latest"] = ~self.units["code"].duplicated(keep="last")
        self.names = dict(zip(self.units.loc[self.units["latest"], "code"],
                              self.units.loc[self.units["latest"], "name"]))

    def _on(self, asked: pd.DataFrame, key: str) -> pd.DataFrame:
        """For each row of `asked` (its `key` column and `day`; indexed by row), the units
        matching it by `key` and their standing that day: `found` (in force; the latest when the
        row has no day), else the unit that had ended by then (`ended`) or not yet begun.
        Worked out once per distinct key and day (a file of a million rows names a few thousand
        communes and days), then given to each row."""
        pairs = asked.drop_duplicates().merge(self.units, on=key)
        day = pairs["day"]
        pairs["found"] = day.isna() & pairs["latest"] | (
            (pairs["valid_from"] <= day) & (pairs["valid_to"] >= day))
        pairs["ended"] = pairs["valid_to"] < day
        return pairs

    def _given(self, asked: pd.DataFrame, pairs: pd.DataFrame, key: str,
               column: str) -> pd.Series:
        """`column` of each row's unit found that day (one per key and day), by row."""
        found = pairs.loc[pairs["found"], [key, "day", column]].drop_duplicates([key, "day"])
        given = asked.reset_index(names="row").merge(found, on=[key, "day"], how="left")
        return given.set_index("row")[column]

    @staticmethod
    def _gone(unit) -> dict:
        return {"commune": f"{unit['kind']} {unit['name']} ({unit['code']})",
                "until": f"{unit['valid_to']:%d/%m/%Y}", "became": unit["became"] or "—",
                "since": f"{unit['valid_from']:%d/%m/%Y}"}

    def resolve(self, codes: pd.Series | None, names: pd.Series | None, rows: pd.Index,
                days: pd.Series, check: _Sheetcheck) -> pd.Series:
        result = pd.Series(None, index=rows, dtype=object)
        official = pd.Series(None, index=rows, dtype=object)  # each coded row's name that day
        if codes is not None:
            digits = codes.str.fullmatch(r"\d{1,5}")
            code = codes.where(~digits, codes.str.zfill(5))
            bad = (codes != "") & ~digits
            check.add("bad_code", bad[bad].index, "unit_code",
                      values=lambda r: {"value": codes[r]})
            unknown = digits & ~code.isin(self.names.keys())
            check.add("unknown_code", unknown[unknown].index, "unit_code",
                      values=lambda r: {"value": codes[r]})
            known = digits & ~unknown
            asked = pd.DataFrame({"code": code[known], "day": days[known]})
            pairs = self._on(asked, "code")
            official[asked.index] = self._given(asked, pairs, "code", "name")
            missing = asked[official[asked.index].isna()]
            self._not_in_force(check, missing.reset_index(names="row").merge(
                pairs, on=["code", "day"]), "unit_code")
            result = code.where(official.notna())
        if names is not None:
            coded = result.notna() & (names != "")
            agree = {pair: self._agrees(*pair) for pair in set(zip(names[coded],
                                                                   official[coded]))}
            disagree = pd.Series(False, index=rows)
            if agree:
                disagree[coded] = [not agree[pair] for pair in zip(names[coded],
                                                                    official[coded])]
            check.add("code_name_disagree", disagree[disagree].index, "unit_name",
                      values=lambda r: {"code": result[r], "name": names[r],
                                        "official": official[r]})
            result = result.where(~disagree)
            by_name_only = (names != "") & ~coded
            if codes is not None:
                by_name_only &= codes == ""  # a bad or unknown code is reported already
            result = result.fillna(self._named(names[by_name_only], days[by_name_only], check))
        given = pd.Series(False, index=rows)
        for cells in (codes, names):
            if cells is not None:
                given |= cells != ""
        check.add("no_commune", given[~given].index, "unit_code" if codes is not None
                  else "unit_name")
        return result

    def _not_in_force(self, check: _Sheetcheck, matched: pd.DataFrame, column: str) -> None:
        """Rows naming a commune on a day it was not in force: what it had become, or since
        when it is."""
        ended = matched[matched["ended"]].drop_duplicates("row", keep="last").set_index("row")
        check.add("no_longer_in_force", ended.index, column,
                  values=lambda r: self._gone(ended.loc[r]))
        early = matched[~matched["row"].isin(ended.index)].drop_duplicates("row")
        early = early.set_index("row")
        check.add("not_yet_in_force", early.index, column,
                  values=lambda r: self._gone(early.loc[r]))

    def _named(self, names: pd.Series, days: pd.Series, check: _Sheetcheck) -> pd.Series:
        """The codes of rows naming their commune by name alone, on their day; every name that
        matches none, several, or one no longer in force is reported."""
        plain = names.map(plain_name)
        converted = {value: legacy.convert(value) for value in
                     names[~plain.isin(self.units["plain"])].unique()}
        typed = {value: found for value, found in converted.items() if found}
        plain = plain.where(~names.isin(typed), names.map(
            lambda v: plain_name(typed[v][1]) if v in typed else None))
        asked = pd.DataFrame({"plain": plain, "day": days})
        pairs = self._on(asked, "plain")
        pairs["count"] = pairs["found"].groupby([pairs["plain"], pairs["day"]],
                                                dropna=False).transform("sum")
        codes = self._given(asked, pairs[pairs["count"].eq(1)], "plain", "code")
        troubled = asked[codes.reindex(asked.index).isna()]  # none, several or gone that day
        rows = troubled.reset_index(names="row").merge(pairs, on=["plain", "day"])
        several = rows[rows["found"] & (rows["count"] > 1)].groupby("row").apply(
            lambda g: ", ".join(f"{c} {n}" for c, n in zip(g["code"], g["name"])),
            include_groups=False)
        check.add("ambiguous_name", several.index, "unit_name",
                  values=lambda r: {"value": names[r], "codes": several[r]})
        missing = rows[~rows["row"].isin(rows.loc[rows["found"], "row"])]
        ended = missing[missing["ended"]].drop_duplicates("row", keep="last").set_index("row")
        check.add("no_longer_in_force", ended.index, "unit_name",
                  values=lambda r: self._gone(ended.loc[r]))
        unmatched = troubled.index.difference(rows.loc[rows["found"], "row"]).difference(
            ended.index)
        in_legacy = names[unmatched].isin(typed)
        check.add("legacy_unknown", unmatched[in_legacy.to_numpy()], "unit_name",
                  values=lambda r: {"value": names[r], "font": legacy.FONTS[typed[names[r]][0]],
                                    "name": typed[names[r]][1]})
        check.add("unknown_name", unmatched[~in_legacy.to_numpy()], "unit_name",
                  values=lambda r: {"value": names[r], "maybe": _closest(
                      plain_name(names[r]), self.units["name"].unique())})
        legacy_found = codes.notna() & names.isin(typed)
        check.add("legacy_name", legacy_found[legacy_found].index, "unit_name", True,
                  values=lambda r: {"value": names[r], "font": legacy.FONTS[typed[names[r]][0]],
                                    "name": typed[names[r]][1]})
        return codes

    @staticmethod
    def _agrees(name: str, official: str) -> bool:
        """Whether `name` (perhaps typed in a legacy font) is the `official` name."""
        if plain_name(name) == plain_name(official):
            return True
        converted = legacy.convert(name)
        return bool(converted) and plain_name(converted[1]) == plain_name(official)


def _choices(header: str) -> dict[str, str]:
    """Every word accepted for a choice, plain, with the value it stores: the contract's
    words, the stored values themselves, and the synonyms kept as data."""
    words = contract.CHOICES[header]
    stored = {value: value for value in words.values()}
    return {plain(k): v for k, v in (
        stored | words | contract.CHOICE_SYNONYMS.get(header, {})).items()}


def _parse(raw: pd.DataFrame, columns: dict[int, Column], kind: contract.Kind,
           communes: _Communes, check: _Sheetcheck, today: date) -> pd.DataFrame:
    """The rows of a chunk in the database's columns and types, with `_row` and `_total`
    (a total row, checked later against the rows above it)."""
    text = {c.name: _text(raw[p]) if p in raw else pd.Series("", index=raw.index)
            for p, c in columns.items()}
    filled = pd.concat(text.values(), axis=1).ne("").any(axis=1)
    raw, text = raw[filled], {name: cells[filled] for name, cells in text.items()}
    out = pd.DataFrame({"_row": raw.index}, index=raw.index)
    out["_total"] = False
    if kind.table != "dossier_records":
        words = [raw[p] for p in raw.columns if p not in columns
                 or columns[p].type not in ("count", "decimal")]
        for cells in words:
            plain_cells = _plain(_text(cells))
            out["_total"] |= plain_cells.isin(TOTALS) | plain_cells.str.startswith(
                TOTAL_PREFIXES)
    data = ~out["_total"]
    rows = raw.index[data]

    def empty(name: str, column: Column) -> pd.Series:
        missing = (text[name] == "") & data
        if not column.optional:
            check.add("empty", missing[missing].index, name)
        return missing

    for column in columns.values():
        name, cells = column.name, text[column.name]
        if column.type in ("count", "decimal"):
            values = _numbers(cells)
            missing = empty(name, column) | (cells == "")
            bad = values.isna() & ~missing
            check.add("not_number", bad[bad & data].index, name,
                      values=lambda r, c=cells: {"value": c[r]})
            negative = values < 0
            check.add("negative", negative[negative & data].index, name,
                      values=lambda r, c=cells: {"value": c[r]})
            if column.type == "count":
                fraction = values.notna() & (values != values.round()) & ~negative
                check.add("fraction", fraction[fraction & data].index, name,
                          values=lambda r, c=cells: {"value": c[r]})
                values = values.where(~fraction).astype("Int64")
            out[name] = values
        elif column.type in ("month", "date"):
            values = _months(cells) if column.type == "month" else _dates(cells)
            missing = empty(name, column)
            bad = values.isna() & ~missing & data
            check.add("bad_month" if column.type == "month" else "bad_date", bad[bad].index,
                      name, values=lambda r, c=cells: {"value": c[r]})
            limit = pd.Timestamp(today.replace(day=1) if column.type == "month" else today)
            old = values.dt.year < 2000
            check.add("too_old", old[old & data].index, name,
                      values=lambda r, c=cells: {"value": c[r]})
            future = values > limit
            check.add("future", future[future & data].index, name,
                      values=lambda r, c=cells: {"value": c[r]})
            out[name] = values
        elif column.type == "choice":
            accepted = _choices(column.header)
            values = _plain(cells).map(accepted)
            bad = values.isna() & ~empty(name, column) & data
            listed = ", ".join(contract.CHOICES[column.header])
            check.add("bad_choice", bad[bad].index, name, values=lambda r, c=cells, w=listed,
                      h=column.header: {"value": c[r], "accepted": w,
                                        "maybe": _closest(c[r], contract.CHOICES[h])})
            out[name] = values
        elif column.type == "flag":
            values = _plain(cells).map({plain(k): v for k, v in contract.FLAGS.items()})
            bad = values.isna() & data
            check.add("bad_flag", bad[bad].index, name, values=lambda r, c=cells: {"value": c[r]})
            out[name] = values.astype("boolean")
        elif column.type == "code" and name == "code":
            bad = ~cells.str.fullmatch(r"\d{1,5}") & ~empty(name, column) & data
            check.add("bad_code", bad[bad].index, name, values=lambda r, c=cells: {"value": c[r]})
            out[name] = cells.where(~cells.str.fullmatch(r"\d{1,5}"), cells.str.zfill(5))
        elif column.type == "text":
            empty(name, column)
            out[name] = cells.where(cells != "")
    if "unit_code" in kind.headers:
        given = [text[n][data] if n in text else None for n in ("unit_code", "unit_name")]
        when = next(c.name for c in kind.columns if c.type in ("month", "date"))
        days = out[when][data] if when in out else pd.Series(pd.NaT, index=rows)
        commune = communes.resolve(*given, rows, days, check)
        out["unit_code"] = commune.reindex(out.index)
    for parts, whole, warning in [(p, w, False) for p, w in kind.parts] + [
            (p, w, True) for p, w in kind.warn_parts]:
        if not set(parts + whole) <= set(out.columns):
            continue
        flags = out[parts[0]].dtype == "boolean"
        if flags:
            over = out[parts[0]] & ~out[whole[0]]
        else:
            over = out[list(parts)].sum(axis=1, min_count=1) > out[list(whole)].sum(
                axis=1, min_count=1)
        complete = out[list(parts + whole)].notna().all(axis=1)
        over = over.fillna(False).astype(bool) & data & complete
        key = "warn_parts" if warning else "parts_flag" if flags else "parts"
        check.add(key, over[over].index, parts[0], warning,
                  values=lambda r, p=parts, w=whole: _parts_values(out, kind, r, p, w))
    for earlier, later in (("received_on", "due_on"), ("received_on", "returned_on")):
        if {earlier, later} <= set(out.columns):
            wrong = (pd.to_datetime(out[later]) < pd.to_datetime(out[earlier])) & data
            check.add("date_order", wrong[wrong].index, later, values={
                "later": kind.headers[later], "earlier": kind.headers[earlier]})
    return out.drop(columns="unit_name", errors="ignore")


def _parts_values(out: pd.DataFrame, kind: contract.Kind, row, parts, whole) -> dict:
    def side(names) -> tuple[str, int]:
        return (" + ".join(kind.headers[n] for n in names),
                int(sum(out.at[row, n] for n in names)))
    (part_names, part_sum), (whole_names, whole_sum) = side(parts), side(whole)
    return {"parts": part_names, "part_sum": part_sum, "whole": whole_names,
            "whole_sum": whole_sum}


def _check_totals(frame: pd.DataFrame, kind: contract.Kind, check: _Sheetcheck) -> None:
    """Each total row must equal the sum of the rows above it (since the previous total)."""
    numbers = [c.name for c in kind.columns if c.type in ("count", "decimal")
               and c.name in frame.columns]
    block = pd.Series(frame["_total"].cumsum().shift(fill_value=0).to_numpy(), frame.index)
    for number in frame.index[frame["_total"]]:
        rows = frame[(block == block[number]) & ~frame["_total"]]
        for name in numbers:
            written = frame.at[number, name]
            if pd.isna(written):
                continue
            summed = rows[name].sum()
            if abs(float(written) - float(summed)) > 1e-6:
                check.add("total_mismatch", [frame.at[number, "_row"]], name,
                          values={"written": float(written), "summed": float(summed)})


def _duplicates(tables: list[Table]) -> list[Problem]:
    """Rows that say the same thing twice (the same commune and month, the same dossier…),
    within a sheet or across the sheets of a file: each repeat names the first."""
    problems = []
    for kind_name in dict.fromkeys(t.kind for t in tables):
        kind = contract.KINDS[kind_name]
        if not kind.unique:
            continue
        key = [c for c in kind.covers if c in kind.headers]  # a file's, not the version's
        same = [t for t in tables if t.kind == kind_name]
        labels = {t.sheet: t.labels for t in same}
        frame = pd.concat([t.frame.assign(_sheet=t.sheet) for t in same])
        known = frame.dropna(subset=key)
        repeated = known.duplicated(subset=key, keep="first")
        if not repeated.any():
            continue
        first = known.drop_duplicates(subset=key).set_index(key)
        types = {c.name: c.type for c in kind.columns}
        for _, row in known[repeated].head(LIMIT).iterrows():
            values = tuple(row[key])
            found = first.loc[values if len(values) > 1 else values[0]]
            said = " · ".join(_shown(v, types[k]) for k, v in zip(key, values))
            where = ({"first": int(found["_row"])} if found["_sheet"] == row["_sheet"] else
                     {"first": int(found["_row"]), "sheet": found["_sheet"]})
            problems.append(Problem("duplicate" if len(where) == 1 else "duplicate_sheet",
                                    {"what": said} | where, row["_sheet"], int(row["_row"]),
                                    labels[row["_sheet"]].get(key[-1])))
    return problems


def _shown(value, type: str) -> str:
    if type in ("month", "date"):
        return pd.Timestamp(value).strftime("%m/%Y" if type == "month" else "%d/%m/%Y")
    return str(value)


def _unlegacy(cell, font: str):
    """A text cell of a sheet typed in a legacy font, in Unicode (other cells as they are)."""
    data = legacy.as_bytes(cell) if isinstance(cell, str) else None
    return legacy.decode(data, font) if data else cell


def _is_total(text: str) -> bool:
    words = plain(text)
    return words in TOTALS or words.startswith(TOTAL_PREFIXES)


def _form_notes(form: forms.Form, sheet: str | None) -> list[Problem]:
    """What a form's title said (a note), or that it named no month (an error); and each unit
    whose "Tổng số" is not the sum of its parts."""
    if form.month is None:
        return [Problem("form_no_month", {"form": form.name}, sheet, form.header_row)]
    start, end = form.window or ("", "")
    notes = [Problem("form_read_window" if form.window else "form_read", {
        "form": form.name, "month": f"{form.month:%m/%Y}", "start": start, "end": end},
        sheet, form.header_row, warning=True)]
    return notes + [Problem(f"form_{group}_total", {"whole": whole, "parts": parts}, sheet,
                            number)
                    for number, group, whole, parts in form.mismatches]


def _sheet_table(sheet: _Sheet, wanted: str | None, communes: _Communes, today: date,
                 progress: Callable[[float], None] | None) -> tuple[Table | None, list[Problem]]:
    chunks = iter(sheet.rows)
    head = next(chunks, None)
    if head is None or head.empty:
        return None, []
    form = forms.as_contract(head, sheet.merges, _is_total)
    if form is not None:  # small: one row per unit, read whole
        form = forms.as_contract(pd.concat([head, *chunks]), sheet.merges, _is_total)
        head, chunks = form.frame, iter(())
    noted = _form_notes(form, sheet.name) if form else []
    if any(not p.warning for p in noted):
        return None, noted
    row, font = _find_header(head)
    if row is None:
        return None, [Problem("no_header", sheet=sheet.name)]
    if font:
        head = head.map(_unlegacy, font=font)
    header_cells = head.loc[row]
    headers: dict[str, int] = {}
    for position, cell in header_cells.items():
        if isinstance(cell, str) and _key(cell):
            headers.setdefault(_key(cell), position)
    personal = {p: c.strip() for p, c in header_cells.items()
                if isinstance(c, str) and _key(c) in PERSONAL}
    if personal:  # Decree 13/2023 on personal data: read by no one, kept nowhere
        noted.append(Problem("personal_dropped", {"columns": ", ".join(personal.values())},
                             sheet.name, row, warning=True))
    kind_name, candidates = _kind_of(headers, wanted)
    if kind_name is None:
        key = "kind_ambiguous" if candidates else "kind_unknown"
        return None, [Problem(key, {"kinds": ", ".join(candidates)}, sheet.name, row)]
    kind = contract.KINDS[kind_name]
    columns = _columns_of(kind, headers)
    check = _Sheetcheck(sheet.name, columns)
    if "unit_code" in kind.headers and not communes.names:
        return None, [Problem("no_units", sheet=sheet.name)]
    missing = _missing(kind, columns)
    if missing:
        return None, [Problem("missing_column", {"column": c.header, "kind": kind_name},
                              sheet.name, row) for c in missing]
    absent = _absent(kind, columns, sheet.name, row)
    parsed, done = [], 0
    for number, chunk in enumerate(itertools.chain([head.loc[row + 1:]], chunks)):
        if font and number:
            chunk = chunk.map(_unlegacy, font=font)
        parsed.append(_parse(chunk, columns, kind, communes, check, today))
        done += len(chunk)
        if progress:
            progress(min(done / max(sheet.size, 1), 1.0))
    if progress:
        progress(1.0)
    frame = pd.concat(parsed)
    _check_totals(frame, kind, check)
    frame = frame[~frame["_total"]].drop(columns="_total")
    if frame.empty:
        check.problems.append(Problem("no_rows", sheet=sheet.name, row=row))
    read_as = {c.header: f"{_column_letter(p)} «{str(header_cells[p]).strip()}»"
               for p, c in columns.items()}
    ignored = tuple(str(c).strip() for p, c in header_cells.items()
                    if p not in columns and isinstance(c, str) and c.strip())
    table = Table(kind_name, sheet.name, frame.reset_index(drop=True), check.label,
                  tuple(personal), read_as, ignored)
    return table, noted + absent + check.finish()


def checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def check(path: Path, units: pd.DataFrame, kind: str | None = None, name: str | None = None,
          today: date | None = None, progress: Callable[[float], None] | None = None,
          only: Collection[str] | None = None) -> Checked:
    """Read and check one file against the communes in `units` (every unit through time: the
    unit_history query), each row against those in force on its day. Nothing is
    written. `name` is the file's name as the user knows it (an upload is saved under
    another); `kind` forces the kind instead of telling it from the headers. With `only` (a
    reporter's commune and those it was made from), a row of any other commune is refused."""
    path = Path(path)
    result = Checked(path, name or path.name, checksum(path))
    communes = _Communes(units)
    try:
        for sheet in _sheets(path):
            table, problems = _sheet_table(sheet, kind, communes, today or date.today(),
                                           progress)
            result.problems += problems
            if table is not None:
                result.tables.append(table)
    except Refused as refused:
        result.problems.append(refused.problem)
    except Exception as error:  # a file the readers cannot open at all  # noqa: BLE001
        result.problems.append(Problem("unreadable", {"error": str(error) or type(error).__name__}))
    if not result.tables and not result.errors:
        result.problems.append(Problem("no_table"))
    result.problems += _duplicates(result.tables)
    if only is not None:
        result.problems += _outside(result.tables, set(only), units)
    if result.tables:  # sheets without a table are not a problem when another has one
        result.problems = [p for p in result.problems if p.key != "no_header"]
    return result


def _outside(tables: list[Table], only: set[str], units: pd.DataFrame) -> list[Problem]:
    """A problem for each commune outside `only` that a table has rows of, at its first row."""
    names = units.drop_duplicates("code", keep="last").set_index("code")["name"]
    problems = []
    for table in tables:
        column = "code" if table.kind == "units" else "unit_code"
        outside = table.frame.loc[~table.frame[column].isin(only), [column, "_row"]]
        for code, rows in outside.groupby(column)["_row"]:
            problems.append(Problem("not_your_commune", {
                "code": code, "name": names.get(code, ""), "count": len(rows)},
                table.sheet, int(rows.min())))
    return problems


# Writing ----------------------------------------------------------------------------------------

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
            key = "import_nothing_new_same" if self.same_as else "import_nothing_new"
            return i18n.t(key, lang, file=name, id=self.same_as,
                          unchanged=i18n.number(self.unchanged, lang))
        return i18n.t("import_done", lang, file=name, id=self.import_id,
                      added=i18n.number(self.added, lang),
                      replaced=i18n.number(self.replaced, lang),
                      unchanged=i18n.number(self.unchanged, lang))


class _NothingChanged(Exception):
    pass


DATA_TABLES = tuple(kind.table for kind in contract.KINDS.values())


def _where_covered(kind: contract.Kind, keys: str) -> str:
    matches = " AND ".join(f"{keys}.k{i} = ({expr})" for i, expr in enumerate(kind.covers))
    return f"EXISTS (SELECT 1 FROM {keys} WHERE {matches})"


def _replace(con: duckdb.DuckDBPyConnection, kind: contract.Kind, frame: pd.DataFrame,
             import_id: int) -> tuple[int, int, int]:
    """Put `frame` in the kind's table, replacing the rows it covers where they differ; keep
    the rows replaced for undo. Returns rows written, rows replaced, rows unchanged."""
    table = kind.table
    columns = [c for c, in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
        "AND table_name = ? AND column_name <> 'import_id' ORDER BY column_index",
        [table]).fetchall()]
    listed = ", ".join(columns)
    covers = ", ".join(f"({expr}) AS k{i}" for i, expr in enumerate(kind.covers))
    con.execute(f"CREATE OR REPLACE TEMP TABLE staged AS SELECT {listed} FROM {table} LIMIT 0")
    con.register("incoming", frame[[c for c in frame.columns if c in columns]])
    con.execute("INSERT INTO temp.staged BY NAME SELECT * FROM incoming")
    con.unregister("incoming")
    absent = [c for c in columns if c not in frame.columns]
    if absent and all(key in columns for key in kind.covers):
        # A file never erases what it does not carry: a row it replaces keeps those values.
        con.execute(f"""UPDATE temp.staged AS s SET {', '.join(f'{c} = o.{c}' for c in absent)}
            FROM {table} AS o WHERE {' AND '.join(f's.{k} = o.{k}' for k in kind.covers)}""")
    con.execute(f"CREATE OR REPLACE TEMP TABLE keys AS SELECT DISTINCT {covers} FROM temp.staged")
    con.execute(f"CREATE OR REPLACE TEMP TABLE old AS SELECT {listed} FROM {table} "
                f"WHERE {_where_covered(kind, 'keys')}")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE changed AS SELECT DISTINCT {covers} FROM (
        (SELECT * FROM temp.staged EXCEPT ALL SELECT * FROM temp.old)
        UNION ALL (SELECT * FROM temp.old EXCEPT ALL SELECT * FROM temp.staged))""")
    covered = _where_covered(kind, "changed")
    replaced = con.execute(f"INSERT INTO replaced_{table} SELECT ?, * FROM {table} "
                           f"WHERE {covered}", [import_id]).fetchone()[0]
    con.execute(f"DELETE FROM {table} WHERE {covered}")
    added = con.execute(f"INSERT INTO {table} BY NAME SELECT *, ? AS import_id "
                        f"FROM temp.staged WHERE {covered}", [import_id]).fetchone()[0]
    return added, replaced, len(frame) - added


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
        frame = _unit_versions(con, table) if table.kind == "units" else table.frame
        a, r, u = _replace(con, kind, frame, import_id)
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
            raise Refused(Problem("no_such_import", {"id": import_id}))
        if row[0] is not None:
            raise Refused(Problem("already_undone", {"id": import_id}))
        later = sorted({i for table in DATA_TABLES for i, in con.execute(
            f"SELECT DISTINCT replaced_by FROM replaced_{table} WHERE import_id = ?",
            [import_id]).fetchall()})
        later += sorted({i for table in DATA_TABLES if table != "units" for i, in con.execute(
            f"""SELECT DISTINCT import_id FROM {table} WHERE unit_code IN (
                    SELECT code FROM units WHERE import_id = $id EXCEPT
                    SELECT code FROM replaced_units WHERE replaced_by = $id)""",
            {"id": import_id}).fetchall()})
        if later:
            raise Refused(Problem("undo_later_first", {
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
        lines.append(i18n.t("understood", lang, where=where, kind=i18n.t(
            f"kind_{table.kind}", lang), columns="; ".join(
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
        i18n.t("h_file", lang): log["file_name"],
        i18n.t("h_kind", lang): log["kind"],
        i18n.t("h_by", lang): log["imported_by"],
        i18n.t("h_at", lang): log["imported_at"].dt.strftime("%d/%m/%Y %H:%M"),
        i18n.t("h_written", lang): log["rows_added"],
        i18n.t("h_replaced", lang): log["rows_replaced"],
        i18n.t("h_undone", lang): log["undone_at"].dt.strftime("%d/%m/%Y %H:%M").fillna(""),
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
        shown.insert(0, i18n.t("at_row", lang, row="").strip().capitalize(), frame["_row"])
        shown.insert(1, i18n.t("problems", lang), frame["_row"].map(
            {row: " ".join(texts) for row, texts in said.items()}).fillna(""))
        frames.append(shown.drop(columns="_row"))
    return pd.concat(frames) if frames else pd.DataFrame()
