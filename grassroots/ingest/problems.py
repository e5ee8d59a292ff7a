"""Problems found in a file, and the file as read and checked."""

import shutil
import tempfile
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl.utils import get_column_letter
from rapidfuzz import fuzz, process

from grassroots import db, i18n
from grassroots.contract import Column, plain
from grassroots.i18n import N_

LIMIT = 50            # problems listed per rule and column; the rest are counted
MORE = N_("{count} more of the same in this column.")


@dataclass
class Problem:
    """One thing wrong with a file (or, as a warning, worth a look), where it is, and a
    sentence saying what: `message` (marked by N_), its fields filled in from `values`."""

    message: str
    values: dict = field(default_factory=dict)
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    warning: bool = False

    def sentence(self, lang: str) -> str:
        """The sentence, with the closest words suggested when `values` has some (`maybe`). A
        value may be given in each language, as {"vi": …, "en": …}."""
        values = {k: _as_written(v, lang) if isinstance(v, int | float)
                  else v[lang] if isinstance(v, dict) else v
                  for k, v in self.values.items() if k != "maybe"}
        text = i18n.t(self.message, lang, **values)
        if maybe := self.values.get("maybe"):
            quoted = [i18n.t("'{word}'", lang, word=w) for w in maybe]
            text += " " + i18n.t("Did you mean {words}?", lang,
                                 words=i18n.t(" or ", lang).join(quoted))
        return text

    def text(self, file: str, lang: str) -> str:
        where = [i18n.t("File {file}", lang, file=file)]
        if self.sheet:
            where.append(i18n.t("sheet '{sheet}'", lang, sheet=self.sheet))
        if self.row:
            where.append(i18n.t("row {row}", lang, row=self.row))
        if self.column:
            where.append(i18n.t("column {column}", lang, column=self.column))
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


class _Sheetcheck:
    """Collects the problems of one sheet, at most LIMIT per rule and column."""

    def __init__(self, sheet: str | None, columns: dict[int, Column]):
        self.sheet = sheet
        self.problems: list[Problem] = []
        self.counts: dict[tuple, int] = {}
        self.label = {c.name: f"{get_column_letter(p + 1)} ({c.header})"
                      for p, c in columns.items()}

    def add(self, message: str, rows, column: str | None = None, warning: bool = False,
            values: Callable[[int], dict] | dict | None = None) -> None:
        for row in rows:
            seen = self.counts.get((message, column), 0)
            self.counts[(message, column)] = seen + 1
            if seen < LIMIT:
                found = values(row) if callable(values) else (values or {})
                self.problems.append(Problem(message, found, self.sheet, int(row),
                                             self.label.get(column, column), warning))

    def finish(self) -> list[Problem]:
        more = [Problem(MORE, {"count": n - LIMIT}, self.sheet, None,
                        self.label.get(column, column))
                for (_, column), n in self.counts.items() if n > LIMIT]
        order = {label: i for i, label in enumerate(self.label.values())}
        return sorted(self.problems, key=lambda p: (p.row or 0, order.get(p.column, -1))) + more


@dataclass
class Table:
    """The rows of one sheet, in the database's columns and types, with `_row`: the row
    number in the sheet. They are kept on disk, in Parquet files of a chunk each (`parts`,
    in a temporary folder of the check), never all in memory: a file of ten million dossier
    records is read, checked and written a chunk at a time, and DuckDB reads the parts."""

    kind: str
    sheet: str | None
    parts: tuple[Path, ...]
    count: int  # rows
    labels: dict[str, str] = field(default_factory=dict)  # column → "C (Tháng)"
    personal: tuple[int, ...] = ()  # positions of columns of personal data: stored nowhere
    read_as: dict[str, str] = field(default_factory=dict)  # contract header → "D «Ngày nhận»"
    ignored: tuple[str, ...] = ()   # the file's other headers, personal ones included

    @property
    def source(self) -> str:
        """The rows, for the FROM of a DuckDB query."""
        files = ", ".join("'" + str(part).replace("'", "''") + "'" for part in self.parts)
        return f"read_parquet([{files}], union_by_name = true)"

    def head(self, rows: int | None = None) -> pd.DataFrame:
        """The first `rows` rows (None: every one) as a DataFrame."""
        limit = "" if rows is None else f" LIMIT {int(rows)}"
        with db.scratch() as con:
            return con.sql(f"SELECT * FROM {self.source} ORDER BY _row{limit}").df()

    @property
    def frame(self) -> pd.DataFrame:
        """Every row, in memory: for a small table (a units file, a test)."""
        return self.head()


@dataclass
class Checked:
    """A file read and checked: its tables if it is good, every problem found either way."""

    path: Path
    name: str
    checksum: str
    tables: list[Table] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    folder: Path = field(init=False)  # where its tables' rows are kept while it lives

    def __post_init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="grassroots-import-"))
        weakref.finalize(self, shutil.rmtree, self.folder, True)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def error_count(self) -> int:
        """Every error found, the ones only counted (beyond LIMIT per column) included."""
        return sum(p.values["count"] if p.message == MORE else 1 for p in self.errors)

    @property
    def ok(self) -> bool:
        return bool(self.tables) and not self.errors

    @property
    def rows(self) -> int:
        return sum(t.count for t in self.tables)

    def messages(self, lang: str) -> list[str]:
        return [p.text(self.name, lang) for p in self.problems]


class Refused(Exception):
    """A write that cannot be done, with the problem saying why."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem
