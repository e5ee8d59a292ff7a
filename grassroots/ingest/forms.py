"""The official monthly form of the one-stop desks, read as offices send it: Biểu số 06/VPCP/KSTT
(Circular 01/2020/TT-VPCP), "Tình hình, kết quả giải quyết TTHC tại cơ quan, đơn vị trực tiếp
giải quyết TTHC", and its per-unit variant II.06a.

A form has title lines, the period only in a title line ("Kỳ báo cáo: Tháng 5 năm 2025 (Từ ngày
15/4/2025 đến ngày 14/5/2025)"), merged header rows — Số hồ sơ nhận giải quyết (Tổng số; Trong
đó: Từ kỳ trước, Trực tuyến, Trực tiếp và dịch vụ bưu chính), Số hồ sơ đã giải quyết (Tổng số,
Trước hạn, Đúng hạn, Quá hạn), Số lượng hồ sơ đang giải quyết (Tổng số, Trong hạn, Quá hạn) —
a row of column numbers, a row per unit ("UBND xã …"), a total row and a signature block. II.06a
writes "Trong kỳ / Kỳ trước"; vendors add "(Bao gồm cả hồ sơ …)" to some headers.

`as_contract` turns such a sheet into the rows of the import contract's dossiers table, so the
one reader checks and writes them: the header rows are read as a tree (merged cells by the
workbook's merged ranges, or, where a file does not say, spread over the blanks to their right
under the same parent), each leaf is mapped to a contract column by its words, and the title's
month fills the month. The form does not count fees, online payment, digitisation, or online in
full versus in part: those stay without data.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from openpyxl.utils import get_column_letter

from grassroots import contract
from grassroots.contract import plain
from grassroots.ingest.headers import HEAD

# The contract's header for each part a form column holds; received is the sum of the new
# dossiers online and at the desk or by post.
HEADERS = contract.KINDS["dossiers"].headers
TOTALS = {"received": ("carried_over", "received"),
          "resolved": ("resolved_early", "resolved_on_time", "resolved_late"),
          "pending": ("pending_in_time", "pending_overdue")}
MONTH = re.compile(r"thang\s+(\d{1,2})\s*(?:nam|/|-)\s*(\d{4})")
WINDOW = re.compile(r"tu ngay\s+(\d{1,2}/\d{1,2}/\d{4})\s+den ngay\s+(\d{1,2}/\d{1,2}/\d{4})")
COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?(?:\s*=.*)?")


@dataclass
class Form:
    """A form's sheet as contract rows, and what was read from its title."""

    name: str                        # "Biểu 06/VPCP/KSTT" or "Biểu II.06a"
    frame: pd.DataFrame              # header row, then the units' rows (sheet row numbers)
    month: date | None
    window: tuple[str, str] | None   # the Decree 09/2019 reporting window, as written
    header_row: int
    written: dict[str, str]          # contract header → the form's columns, as written
    # (row, group, its "Tổng số", its parts summed) where the two differ
    mismatches: list[tuple[int, str, int, int]] = field(default_factory=list)


def _field(path: list[str]) -> str | None:
    """The contract part a header path (plain words, top first) names, if any."""
    top, leaf = path[0], path[-1]
    if len(path) == 1 and ("don vi" in leaf or "co quan" in leaf):
        return "unit"
    if "nhan giai quyet" in top:
        if "truc tuyen" in leaf or "truc tiep" in leaf or "buu chinh" in leaf \
                or "trong ky" in leaf or "moi tiep nhan" in leaf:
            return "received"
        if "ky truoc" in leaf or "chuyen qua" in leaf:
            return "carried_over"
        return "received_total" if "tong so" in leaf else None
    if "dang giai quyet" in top:
        return {"trong han": "pending_in_time", "qua han": "pending_overdue",
                "tong so": "pending_total"}.get(_leaf_word(leaf, ("trong han", "qua han",
                                                                   "tong so")))
    if "da giai quyet" in top:
        return {"truoc han": "resolved_early", "dung han": "resolved_on_time",
                "qua han": "resolved_late", "tong so": "resolved_total"}.get(
            _leaf_word(leaf, ("truoc han", "dung han", "qua han", "tong so")))
    return None


def _leaf_word(leaf: str, words: tuple[str, ...]) -> str | None:
    return next((w for w in words if w in leaf), None)


def _header_rows(cells: pd.DataFrame) -> list[int] | None:
    """The rows of a form's header: from the one naming the dossiers received and resolved,
    down to the row of column numbers or the first row of figures (at most four)."""
    texts = cells.head(HEAD).map(lambda c: plain(c) if isinstance(c, str) else "")
    for number, row in texts.iterrows():
        joined = " | ".join(row)
        if "nhan giai quyet" in joined and "da giai quyet" in joined:
            rows = [number]
            for below in texts.index[texts.index > number][:3]:
                words = [c for c in texts.loc[below] if c]
                if not words or all(COLUMN_NUMBER.fullmatch(c) for c in words) or any(
                        _number(c) is not None for c in cells.loc[below].iloc[2:]):
                    break
                rows.append(below)
            return rows
    return None


def _paths(cells: pd.DataFrame, rows: list[int], merges: list) -> dict[int, list[str]]:
    """Each column's header path, top first, as written: a merged cell's words fill its whole
    range; where the workbook gives no ranges (an .ods written without them), a blank takes the
    words on its left under the same parent, but in the last row, where a blank is a cell
    merged down."""
    grid = cells.loc[rows].map(lambda c: " ".join(c.split()) if isinstance(c, str) else "")
    for (top, left), (bottom, right) in merges:
        top, bottom = top + 1, bottom + 1  # the reader numbers rows from 1
        if top in grid.index:
            word = grid.at[top, left] if left in grid.columns else ""
            for row in range(top, bottom + 1):
                for column in range(left, right + 1):
                    if row in grid.index and column in grid.columns:
                        grid.at[row, column] = word
    if not merges:
        for depth, row in enumerate(rows[:-1]):
            for position, column in enumerate(grid.columns[1:], 1):
                before = grid.columns[position - 1]
                parents_same = all(grid.at[r, column] == grid.at[r, before] for r in rows[:depth])
                if not grid.at[row, column] and grid.at[row, before] and parents_same:
                    grid.at[row, column] = grid.at[row, before]
    paths = {}
    for column in grid.columns:
        path = []
        for word in grid[column]:
            if word and (not path or path[-1] != word):
                path.append(word)
        if path:
            paths[column] = path
    return paths


def _number(cell) -> int | None:
    """A count as a form's cell holds it (the reader gives text: "1200", "1.200"), or None."""
    text = re.sub(r"[.\s]", "", cell) if isinstance(cell, str) else ""
    return int(text) if text.isdigit() else None


def found(cells: pd.DataFrame) -> bool:
    """Whether the first rows of a sheet hold a form's header."""
    return _header_rows(cells) is not None


def as_contract(cells: pd.DataFrame, merges: list, is_total: Callable[[str], bool]
                ) -> Form | None:
    """The sheet `cells` (raw, index = row numbers from 1) as a dossiers table of the contract,
    if it is a form 06 or 06a; else None."""
    rows = _header_rows(cells)
    if rows is None:
        return None
    written = _paths(cells, rows, merges)
    paths = {column: [plain(words) for words in path] for column, path in written.items()}
    fields: dict[str, list[int]] = {}
    for column, path in paths.items():
        if (name := _field(path)) is not None:
            fields.setdefault(name, []).append(column)
    if "unit" not in fields or not {"received", "resolved_on_time"} <= set(fields):
        return None
    above = " ".join(plain(c) for c in cells.loc[:rows[0] - 1].to_numpy().ravel()
                     if isinstance(c, str))
    month = MONTH.search(above)
    window = WINDOW.search(above)
    per_unit = any(p[-1].startswith("ky truoc") or "trong ky" in p for p in paths.values())
    unit = fields["unit"][0]
    data = cells.loc[cells.index > rows[-1]]
    positions = {name: columns[0] for name, columns in fields.items()}
    month_column = max(cells.columns) + 1
    out = pd.DataFrame(index=data.index, dtype=object)
    out[unit] = data[unit]
    out[month_column] = f"{int(month[1]):02d}/{month[2]}" if month else ""
    mismatches = []
    figures = {}
    for name, columns in fields.items():
        if name == "unit":
            continue
        numbers = data[columns].map(_number)
        figures[name] = numbers.sum(axis=1, min_count=len(columns))
        if name in HEADERS:
            shown = data[columns[0]] if len(columns) == 1 else figures[name].map(
                lambda v: "" if pd.isna(v) else str(int(v)))
            out[positions[name]] = shown
    for number in data.index:
        for group, parts in TOTALS.items():
            total = f"{group}_total"
            if total in figures and all(p in figures for p in parts):
                whole = figures[total].get(number)
                summed = sum(figures[p].get(number) or 0 for p in parts)
                if pd.notna(whole) and whole != summed:
                    mismatches.append((number, group, int(whole), int(summed)))
    kept, total = [], None
    for number in data.index:
        name = data.at[number, unit]
        if isinstance(name, str) and name.strip() and is_total(name):
            kept.append(total := number)
            break  # a signature block follows
        if any(pd.notna(figures[n].get(number)) for n in figures):
            kept.append(number)
    header = pd.DataFrame([{unit: "Tên xã", month_column: HEADERS["month"],
                            **{positions[n]: HEADERS[n] for n in figures if n in HEADERS}}],
                          index=[rows[-1]], dtype=object)
    frame = pd.concat([header, out.loc[kept]]).reindex(columns=sorted(out.columns)).fillna("")
    said = {HEADERS.get(name, "Tên xã"): " + ".join(
        f"{get_column_letter(c + 1)} «{' › '.join(written[c])}»" for c in columns)
        for name, columns in fields.items() if name in HEADERS or name == "unit"}
    return Form("Biểu II.06a" if per_unit else "Biểu 06/VPCP/KSTT", frame,
                date(int(month[2]), int(month[1]), 1) if month else None,
                (window[1], window[2]) if window else None, rows[-1], said,
                [m for m in mismatches if m[0] in kept and m[0] != total])
