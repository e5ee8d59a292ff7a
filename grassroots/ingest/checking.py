"""Checking a file against the contract, sheet by sheet: every problem, by file, sheet, row
and column."""

import hashlib
import itertools
import uuid
from collections.abc import Callable, Collection
from datetime import date
from pathlib import Path

import pandas as pd
from openpyxl.utils import get_column_letter

from grassroots import contract, db, legacy
from grassroots.contract import Column, plain
from grassroots.i18n import N_
from grassroots.ingest import forms
from grassroots.ingest.cells import _choices, _dates, _months, _numbers, _plain, _text
from grassroots.ingest.communes import _Communes
from grassroots.ingest.headers import (
    PERSONAL,
    _absent,
    _columns_of,
    _find_header,
    _key,
    _kind_of,
    _missing,
)
from grassroots.ingest.problems import (
    LIMIT,
    Checked,
    Problem,
    Refused,
    Table,
    _closest,
    _Sheetcheck,
)
from grassroots.ingest.reading import _Sheet, _sheets

TOTALS = {plain(word) for word in contract.TOTAL_WORDS}


TOTAL_PREFIXES = ("tong cong", "toan huyen", "toan tinh")


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
            check.add(N_("empty; this column is required."), missing[missing].index, name)
        return missing

    for column in columns.values():
        name, cells = column.name, text[column.name]
        if column.type in ("count", "decimal"):
            values = _numbers(cells)
            missing = empty(name, column) | (cells == "")
            bad = values.isna() & ~missing
            check.add(N_("'{value}' is not a number."), bad[bad & data].index, name,
                      values=lambda r, c=cells: {"value": c[r]})
            negative = values < 0
            check.add(N_("a count cannot be negative ({value})."),
                      negative[negative & data].index, name,
                      values=lambda r, c=cells: {"value": c[r]})
            if column.type == "count":
                fraction = values.notna() & (values != values.round()) & ~negative
                check.add(N_("a count is a whole number ({value})."),
                          fraction[fraction & data].index, name,
                          values=lambda r, c=cells: {"value": c[r]})
                values = values.where(~fraction).astype("Int64")
            out[name] = values
        elif column.type in ("month", "date"):
            values = _months(cells) if column.type == "month" else _dates(cells)
            missing = empty(name, column)
            bad = values.isna() & ~missing & data
            check.add(N_("'{value}' is not a month; write 03/2025 or 2025-03.")
                      if column.type == "month" else
                      N_("'{value}' is not a date; write day/month/year, e.g. 31/12/2024."),
                      bad[bad].index,
                      name, values=lambda r, c=cells: {"value": c[r]})
            limit = pd.Timestamp(today.replace(day=1) if column.type == "month" else today)
            old = values.dt.year < 2000
            check.add(N_("'{value}' is before 2000; probably a typing error."),
                      old[old & data].index, name,
                      values=lambda r, c=cells: {"value": c[r]})
            future = values > limit
            check.add(N_("'{value}' lies in the future."), future[future & data].index, name,
                      values=lambda r, c=cells: {"value": c[r]})
            out[name] = values
        elif column.type == "choice":
            accepted = _choices(column.header)
            values = _plain(cells).map(accepted)
            bad = values.isna() & ~empty(name, column) & data
            listed = ", ".join(contract.CHOICES[column.header])
            check.add(N_("'{value}' is not accepted; use one of: {accepted}."),
                      bad[bad].index, name, values=lambda r, c=cells, w=listed,
                      h=column.header: {"value": c[r], "accepted": w,
                                        "maybe": _closest(c[r], contract.CHOICES[h])})
            out[name] = values
        elif column.type == "flag":
            values = _plain(cells).map({plain(k): v for k, v in contract.FLAGS.items()})
            bad = values.isna() & data
            check.add(N_("'{value}' is not accepted; write Có (yes) or Không (no)."),
                      bad[bad].index, name, values=lambda r, c=cells: {"value": c[r]})
            out[name] = values.astype("boolean")
        elif column.type == "code" and name == "code":
            bad = ~cells.str.fullmatch(r"\d{1,5}") & ~empty(name, column) & data
            check.add(N_("'{value}' is not a commune code: codes have 5 digits."),
                      bad[bad].index, name, values=lambda r, c=cells: {"value": c[r]})
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
        message = N_("{parts} = {part_sum} is more than {whole} = {whole_sum} (a warning: a letter "
                     "can follow a registration made elsewhere).") if warning \
            else N_("{parts} is yes but {whole} is no.") if flags \
            else N_("{parts} = {part_sum} is more than {whole} = {whole_sum}.")
        check.add(message, over[over].index, parts[0], warning,
                  values=lambda r, p=parts, w=whole: _parts_values(out, kind, r, p, w))
    for earlier, later in (("received_on", "due_on"), ("received_on", "returned_on")):
        if {earlier, later} <= set(out.columns):
            wrong = (pd.to_datetime(out[later]) < pd.to_datetime(out[earlier])) & data
            check.add(N_("{later} is before {earlier}."), wrong[wrong].index, later, values={
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
                check.add(N_("the total row says {written} but the rows above add up to {summed}."),
                          [frame.at[number, "_row"]], name,
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
        listed = ", ".join(key)
        rows = " UNION ALL ".join(
            f"SELECT {listed}, _row AS line, {order} AS sheet FROM {t.source}"
            for order, t in enumerate(same))
        with db.scratch() as con:
            repeats = con.sql(f"""
                SELECT * FROM (
                    SELECT *, first_value(line) OVER seen AS first_line,
                        first_value(sheet) OVER seen AS first_sheet,
                        row_number() OVER seen AS nth
                    FROM ({rows})
                    WHERE {" AND ".join(f"{k} IS NOT NULL" for k in key)}
                    WINDOW seen AS (PARTITION BY {listed} ORDER BY sheet, line))
                WHERE nth > 1 ORDER BY sheet, line LIMIT {LIMIT}""").df()
        types = {c.name: c.type for c in kind.columns}
        for row in repeats.itertuples():
            said = " · ".join(_shown(getattr(row, k), types[k]) for k in key)
            table, first = same[row.sheet], same[row.first_sheet]
            where = ({"first": int(row.first_line)} if first is table else
                     {"first": int(row.first_line), "sheet": first.sheet})
            problems.append(Problem(
                N_("{what} is already in row {first}.") if len(where) == 1
                else N_("{what} is already in sheet '{sheet}', row {first}."),
                                    {"what": said} | where, table.sheet, int(row.line),
                                    table.labels.get(key[-1])))
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

NO_HEADER = N_("no row holds the template's headers.")
# A form's "Tổng số" columns that are the sums of others, by group.
FORM_TOTALS = {
    "received": N_("the total of dossiers to resolve says {whole}, but carried over and newly "
                   "received add up to {parts}."),
    "resolved": N_("the total of dossiers resolved says {whole}, but early, on time and late add "
                   "up to {parts}."),
    "pending": N_("the total of dossiers pending says {whole}, but in time and overdue add up to "
                  "{parts}."),
}


def _form_notes(form: forms.Form, sheet: str | None) -> list[Problem]:
    """What a form's title said (a note), or that it named no month (an error); and each unit
    whose "Tổng số" is not the sum of its parts."""
    if form.month is None:
        return [Problem(N_("{form} names no reporting period in its title (e.g. «Kỳ báo cáo: Tháng "
                           "5 năm 2025»); add it, so that the month of the figures is known."),
                        {"form": form.name}, sheet, form.header_row)]
    start, end = form.window or ("", "")
    notes = [Problem(N_("read as {form}: reporting period {month} (from {start} to {end}), figures "
                        "stored under {month}.") if form.window else
                     N_("read as {form}: reporting period {month}, figures stored under {month}."),
                     {
        "form": form.name, "month": f"{form.month:%m/%Y}", "start": start, "end": end},
        sheet, form.header_row, warning=True)]
    return notes + [Problem(FORM_TOTALS[group], {"whole": whole, "parts": parts}, sheet, number)
                    for number, group, whole, parts in form.mismatches]


def _sheet_table(sheet: _Sheet, wanted: str | None, communes: _Communes, today: date,
                 progress: Callable[[float], None] | None,
                 folder: Path) -> tuple[Table | None, list[Problem]]:
    chunks = iter(sheet.rows)
    head = next(chunks, None)
    if head is None or head.empty:
        return None, []
    form = None
    if forms.found(head):  # a form is small, one row per unit: read whole
        head, chunks = pd.concat([head, *chunks]), iter(())
        if form := forms.as_contract(head, sheet.merges, _is_total):
            head = form.frame
    noted = _form_notes(form, sheet.name) if form else []
    if any(not p.warning for p in noted):
        return None, noted
    row, font = _find_header(head)
    if row is None:
        return None, [Problem(NO_HEADER, sheet=sheet.name)]
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
        noted.append(Problem(N_("dropped the columns of personal data {columns}: not read, not "
                                "stored, and the kept copy of the file has none of them (Decree "
                                "13/2023)."), {"columns": ", ".join(personal.values())},
                             sheet.name, row, warning=True))
    kind_name, candidates = _kind_of(headers, wanted)
    if kind_name is None:
        message = N_("the headers fit several kinds of file ({kinds}); choose the kind.") \
            if candidates else N_("the headers do not tell what kind of file this is; use a "
                                  "template.")
        return None, [Problem(message, {"kinds": ", ".join(candidates)}, sheet.name, row)]
    kind = contract.KINDS[kind_name]
    columns = _columns_of(kind, headers)
    check = _Sheetcheck(sheet.name, columns)
    if "unit_code" in kind.headers and not communes.names:
        return None, [Problem(N_("the database has no communes yet; import the list of communes "
                                 "(units) first."), sheet=sheet.name)]
    missing = _missing(kind, columns)
    if missing:
        return None, [Problem(N_("the column '{column}' is missing (a {kind} file)."),
                              {"column": c.header, "kind": kind_name},
                              sheet.name, row) for c in missing]
    absent = _absent(kind, columns, sheet.name, row)
    parts, count, done = [], 0, 0
    for number, chunk in enumerate(itertools.chain([head.loc[row + 1:]], chunks)):
        if font and number:
            chunk = chunk.map(_unlegacy, font=font)
        parsed = _parse(chunk, columns, kind, communes, check, today)
        _check_totals(parsed, kind, check)
        parsed = parsed[~parsed["_total"]].drop(columns="_total")
        if len(parsed) or not parts:  # the first part, even empty, says the columns
            parts.append(folder / f"{uuid.uuid4().hex}.parquet")
            parsed.to_parquet(parts[-1], index=False)
            count += len(parsed)
        done += len(chunk)
        if progress:
            progress(min(done / max(sheet.size, 1), 1.0))
    if progress:
        progress(1.0)
    if not count:
        check.problems.append(Problem(N_("no data rows under the headers."),
                                      sheet=sheet.name, row=row))
    read_as = form.written if form else {
        c.header: f"{get_column_letter(p + 1)} «{str(header_cells[p]).strip()}»"
        for p, c in columns.items()}
    ignored = tuple(str(c).strip() for p, c in header_cells.items()
                    if p not in columns and isinstance(c, str) and c.strip())
    table = Table(kind_name, sheet.name, tuple(parts), count, check.label, tuple(personal),
                  read_as, ignored)
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
                                           progress, result.folder)
            result.problems += problems
            if table is not None:
                result.tables.append(table)
    except Refused as refused:
        result.problems.append(refused.problem)
    except Exception as error:  # a file the readers cannot open at all  # noqa: BLE001
        result.problems.append(Problem(N_("the file cannot be opened: it is damaged or not in its "
                                          "format ({error})."),
                                       {"error": str(error) or type(error).__name__}))
    if not result.tables and not result.errors:
        result.problems.append(Problem(N_("no row holds the template's headers; use a template "
                                          "from the Data page.")))
    result.problems += _duplicates(result.tables)
    if only is not None:
        result.problems += _outside(result.tables, set(only), units)
    if result.tables:  # sheets without a table are not a problem when another has one
        result.problems = [p for p in result.problems if p.message != NO_HEADER]
    return result


def _outside(tables: list[Table], only: set[str], units: pd.DataFrame) -> list[Problem]:
    """A problem for each commune outside `only` that a table has rows of, at its first row."""
    names = units.drop_duplicates("code", keep="last").set_index("code")["name"]
    problems = []
    for table in tables:
        column = "code" if table.kind == "units" else "unit_code"
        with db.scratch() as con:
            outside = con.execute(
                f"SELECT {column}, count(*), min(_row) FROM {table.source} "
                f"WHERE {column} IS NOT NULL AND NOT list_contains($only, {column}) "
                f"GROUP BY ALL ORDER BY {column}", {"only": sorted(only)}).fetchall()
        for code, count, first in outside:
            problems.append(Problem(N_("{count} rows of {name} (code {code}), from this one; a "
                                       "reporter's account sends its own commune's figures only. "
                                       "Nothing was written."), {
                "code": code, "name": names.get(code, ""), "count": count},
                table.sheet, int(first)))
    return problems
