"""Reading files as offices make them, as raw cells in chunks: Excel (.xlsx, .xls) and
OpenDocument (.ods) through calamine, CSV in whatever encoding it comes in."""

import codecs
import csv
import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook

from grassroots import legacy
from grassroots.i18n import N_
from grassroots.ingest.headers import HEAD, HEADERS, _key
from grassroots.ingest.problems import Problem, Refused

CHUNK = 100_000       # rows read, checked and held at a time


EXCEL = {".xlsx", ".xlsm", ".xls", ".ods"}  # all read by calamine


@dataclass
class _Sheet:
    name: str | None
    rows: Iterator[pd.DataFrame]   # raw cells, index = row number in the sheet
    size: int                      # rows in the sheet (estimated for a CSV), for progress
    merges: list = field(default_factory=list)  # merged ranges ((top, left), (bottom, right))


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
    with open(path, "rb") as stream:
        raw = stream.read(1 << 16)
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
        raise Refused(Problem(N_("only Excel (.xlsx, .xls), OpenDocument (.ods) and CSV files are "
                                 "accepted; save the {suffix} file as .xlsx."),
                              {"suffix": suffix or "?"}))
