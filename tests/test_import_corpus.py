"""A corpus of bad import files, one per rule of the contract (DOMAIN.md "Import files") and
kind, made here from a table of cases: `python -m grassroots import` refuses each whole (exit 1),
lists its problem by file, sheet, row and column in the user's language, and leaves the
database exactly as it was."""

import csv
import hashlib
import io
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pytest

from grassroots import __main__ as cli
from grassroots import contract, db, ingest
from tests.conftest import demo_copy, insert

# One good row per kind, by header; a case changes a few cells of it.
GOOD = {
    "units": {"Mã xã": "13599", "Tên xã": "Hưng Công", "Loại": "xã", "Dân số": "8.500",
              "Số hộ": "2.300", "Diện tích (km²)": "9,5", "Số thôn, tổ dân phố": "7"},
    "dossiers": {"Mã xã": "13501", "Tên xã": "Bình Mỹ", "Tháng": "03/2025",
                 "Kỳ trước chuyển sang": "10", "Tiếp nhận": "100", "Giải quyết trước hạn": "60",
                 "Giải quyết đúng hạn": "30", "Giải quyết quá hạn": "5",
                 "Đang giải quyết trong hạn": "10", "Đang giải quyết quá hạn": "2",
                 "Trực tuyến toàn trình": "50", "Trực tuyến một phần": "20",
                 "Hồ sơ có phí": "40", "Thanh toán trực tuyến": "30", "Số hóa": "80"},
    "dossier_records": {"Mã hồ sơ": "H.2025.000001", "Mã xã": "13501", "Tên xã": "Bình Mỹ",
                        "Ngày tiếp nhận": "03/03/2025", "Ngày hẹn trả": "10/03/2025",
                        "Ngày trả kết quả": "07/03/2025", "Hình thức nộp": "Trực tiếp",
                        "Có phí": "Có", "Thanh toán trực tuyến": "Có", "Đã số hóa": "Có"},
    "letters": {"Mã xã": "13501", "Tên xã": "Bình Mỹ", "Tháng": "03/2025",
                "Đăng ký khai sinh": "20", "Thư chúc mừng khai sinh": "20",
                "Đăng ký kết hôn": "10", "Thư chúc mừng kết hôn": "10", "Đăng ký khai tử": "5",
                "Thư chia buồn": "5"},
    "engagements": {"Mã xã": "13501", "Tên xã": "Bình Mỹ", "Ngày": "15/03/2025",
                    "Hình thức": "Tiếp xúc cử tri", "Người chủ trì": "Chủ tịch UBND",
                    "Số người tham dự": "120", "Số ý kiến, kiến nghị": "8",
                    "Số ý kiến đã giải quyết": "6"},
    "cadres": {"Mã xã": "13501", "Tên xã": "Bình Mỹ", "Ngày": "31/12/2024", "Tổng số": "20",
               "Trên đại học": "1", "Đại học": "15", "Cao đẳng": "1", "Trung cấp": "2",
               "Khác": "1", "LLCT cao cấp": "2", "LLCT trung cấp": "12", "LLCT sơ cấp": "6"},
    "satisfaction": {"Mã xã": "13501", "Tên xã": "Bình Mỹ", "Tháng": "03/2025",
                     "Số phiếu khảo sát": "50", "Số phiếu hài lòng": "48"},
}
COMMUNES = [("13501", "Bình Mỹ"), ("13504", "Bình Nghĩa"), ("13510", "Tràng An"),
            ("13516", "Đồng Du"), ("13519", "Ngọc Lũ"), ("13525", "Đồn Xá"),
            ("13528", "An Ninh"), ("13531", "Bồ Đề"), ("13540", "Bình An"),
            ("13543", "Vũ Bản"), ("13546", "Trung Lương"), ("13552", "An Đổ"),
            ("13555", "La Sơn"), ("13558", "Tiêu Động"), ("13561", "An Lão")]
TITLE = ("ỦY BAN NHÂN DÂN HUYỆN BÌNH LỤC", "BÁO CÁO SỐ LIỆU THÁNG 3 NĂM 2025", "")
BLANK = None  # an empty row among the data rows


def at(i: int, cells: dict | None = None) -> dict:
    """The i-th demo commune (by code and name), with `cells`."""
    return {"Mã xã": COMMUNES[i][0], "Tên xã": COMMUNES[i][1]} | (cells or {})


def total(kind: str, word: str, cells: dict) -> dict:
    """A total row: `word` where the commune's name goes, `cells`, all else empty."""
    return {header: "" for header in GOOD[kind]} | {"Tên xã": word} | cells


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    fmt: str                     # "xlsx" or "csv" (another suffix: `raw` as it is)
    rows: tuple                  # per data row: changes to GOOD[kind], or BLANK
    message: str                 # the problem's message (of the catalogues)
    row: int | None              # where it is, as the user sees it in the sheet
    column: str | None           # "C (Tháng)"
    text: str                    # a fragment of the sentence saying what
    title: tuple = ()            # rows above the header (xlsx)
    sheet: str = "Số liệu"
    drop: tuple = ()             # headers left out of the file
    delimiter: str = ","
    encoding: str = "utf-8"      # or "utf-8-sig" (BOM), "cp1258"
    header: bool = True          # False: the file has no header row
    raw: bytes | None = None     # the whole file, when it is no table
    twin: bool = False           # the database has a second commune named Bồ Đề
    lang: str = "vi"


def bad(id, kind, fmt, rows, message, row, column, text, **options) -> Case:
    return Case(id, kind, fmt, tuple(rows), message, row, column, text, **options)


OK = {}  # the good row as it is
CASES = [
    # Communes: unknown, ambiguous, disagreeing, missing.
    bad("unknown-code", "dossiers", "csv", [OK, {"Mã xã": "99999", "Tên xã": ""}],
        "no commune has the code {value}.", 3, "A (Mã xã)", "không có xã nào mã 99999"),
    bad("unknown-code-en", "satisfaction", "xlsx", [{"Mã xã": "13599", "Tên xã": ""}],
        "no commune has the code {value}.",
        5, "A (Mã xã)", "no commune has the code 13599", title=TITLE,
        lang="en"),
    bad("bad-code", "letters", "csv", [{"Mã xã": "135O1"}],
        "'{value}' is not a commune code: codes have 5 digits.", 2, "A (Mã xã)",
        "mã xã «135O1» không hợp lệ: mã xã gồm 5 chữ số"),
    bad("unknown-name", "engagements", "xlsx", [OK, {"Mã xã": "", "Tên xã": "Xã Hưng Công"}],
        "no commune is named '{value}'.",
        6, "B (Tên xã)", "không có xã nào tên «Xã Hưng Công»", title=TITLE),
    bad("ambiguous-name", "satisfaction", "csv", [{"Tên xã": "Xã Bồ Đề"}],
        "'{value}' fits several communes ({codes}); give the code.", 2,
        "A (Tên xã)", "tên «Xã Bồ Đề» khớp nhiều xã (13531 Bồ Đề, 13599 Bồ Đề); hãy ghi mã xã",
        drop=("Mã xã",), twin=True),
    bad("code-name-disagree", "dossiers", "xlsx", [OK, {"Mã xã": "13504"}],
        "code {code} is {official}, not '{name}'.",
        6, "B (Tên xã)", "mã 13504 là xã Bình Nghĩa, không phải «Bình Mỹ»",
        title=TITLE),
    bad("no-commune", "cadres", "csv", [{"Mã xã": "", "Tên xã": ""}],
        "neither a commune code nor a name.", 2,
        "A (Mã xã)", "thiếu cả mã xã và tên xã"),
    # Months, dates and years.
    bad("month-13", "dossiers", "csv", [{"Tháng": "13/2025"}],
        "'{value}' is not a month; write 03/2025 or 2025-03.", 2, "C (Tháng)",
        "không đọc được tháng «13/2025»"),
    bad("month-day-99", "satisfaction", "xlsx", [{"Tháng": "2025/03/99"}],
        "'{value}' is not a month; write 03/2025 or 2025-03.", 2,
        "C (Tháng)", "không đọc được tháng «2025/03/99»; hãy ghi dạng 03/2025 hoặc 2025-03",
        sheet="Khảo sát hài lòng"),
    bad("month-future", "letters", "xlsx", [{"Tháng": "12/2099"}],
        "'{value}' lies in the future.", 5, "C (Tháng)",
        "«12/2099» là thời điểm trong tương lai", title=TITLE),
    bad("month-before-2000", "dossiers", "csv", [{"Tháng": "1999-12"}],
        "'{value}' is before 2000; probably a typing error.", 2,
        "C (Tháng)", "«1999-12» trước năm 2000"),
    bad("date-31-feb", "engagements", "csv", [{"Ngày": "31/02/2025"}],
        "'{value}' is not a date; write day/month/year, e.g. 31/12/2024.", 2,
        "C (Ngày)", "không đọc được ngày «31/02/2025»"),
    bad("date-31-feb-en", "dossier_records", "csv", [{"Ngày hẹn trả": "31/02/2025"}],
        "'{value}' is not a date; write day/month/year, e.g. 31/12/2024.",
        2, "E (Ngày hẹn trả)", "'31/02/2025' is not a date", lang="en"),
    bad("date-future", "engagements", "xlsx", [OK, {"Ngày": date(2099, 1, 1)}],
        "'{value}' lies in the future.", 3,
        "C (Ngày)", "là thời điểm trong tương lai", sheet="Tiếp dân"),
    bad("date-before-2000", "cadres", "xlsx", [{"Ngày": "31/12/1999"}],
        "'{value}' is before 2000; probably a typing error.", 5,
        "C (Ngày)", "«31/12/1999» trước năm 2000", title=TITLE),
    # Counts.
    bad("negative", "dossiers", "csv", [{"Số hóa": "-3"}],
        "a count cannot be negative ({value}).", 2, "O (Số hóa)",
        "số lượng không được âm (-3)", delimiter=";"),
    bad("fraction", "letters", "csv", [{"Thư chúc mừng kết hôn": "2,5"}],
        "a count is a whole number ({value}).", 2,
        "G (Thư chúc mừng kết hôn)", "số lượng phải là số nguyên (2,5)", encoding="utf-8-sig"),
    bad("not-a-number", "cadres", "xlsx", [{"Đại học": "abc"}],
        "'{value}' is not a number.", 2,
        "F (Đại học)", "«abc» không phải là số"),
    bad("population-negative", "units", "xlsx", [{"Dân số": "-8.500"}],
        "a count cannot be negative ({value}).", 5,
        "D (Dân số)", "số lượng không được âm (-8.500)", title=TITLE, sheet="Danh sách xã"),
    bad("area-not-a-number", "units", "csv", [{"Diện tích (km²)": "chín"}],
        "'{value}' is not a number.", 2,
        "F (Diện tích (km²))", "«chín» không phải là số", delimiter=";"),
    bad("cp1258-not-a-number", "satisfaction", "csv", [{"Số phiếu hài lòng": "nhiều"}],
        "'{value}' is not a number.", 2, "E (Số phiếu hài lòng)", "«nhiều» không phải là số",
        encoding="cp1258"),
    # Empty required cells, choices and flags.
    bad("empty-month", "satisfaction", "csv", [OK, BLANK, at(1, {"Tháng": ""})],
        "empty; this column is required.", 4,
        "C (Tháng)", "ô trống; cột này bắt buộc"),
    bad("empty-count-en", "engagements", "csv", [{"Số người tham dự": ""}],
        "empty; this column is required.", 2,
        "F (Số người tham dự)", "empty; this column is required", lang="en"),
    bad("empty-name-units", "units", "csv", [{"Tên xã": ""}],
        "empty; this column is required.", 2, "B (Tên xã)",
        "ô trống; cột này bắt buộc", encoding="utf-8-sig"),
    bad("bad-kind-units", "units", "csv", [{"Loại": "huyện"}],
        "'{value}' is not accepted; use one of: {accepted}.", 2, "C (Loại)",
        "«huyện» không hợp lệ; chỉ nhận: xã, phường, thị trấn, đặc khu"),
    bad("bad-hinh-thuc", "engagements", "xlsx", [{"Hình thức": "Họp dân"}],
        "'{value}' is not accepted; use one of: {accepted}.", 2,
        "D (Hình thức)", "«Họp dân» không hợp lệ; chỉ nhận: Hội nghị đối thoại"),
    bad("bad-hinh-thuc-nop", "dossier_records", "csv", [{"Hình thức nộp": "Qua mạng"}],
        "'{value}' is not accepted; use one of: {accepted}.",
        2, "G (Hình thức nộp)", "«Qua mạng» không hợp lệ; chỉ nhận: Trực tuyến"),
    bad("bad-flag", "dossier_records", "xlsx", [{"Đã số hóa": "Chưa rõ"}],
        "'{value}' is not accepted; write Có (yes) or Không (no).", 5,
        "J (Đã số hóa)", "«Chưa rõ» không hợp lệ; hãy ghi Có hoặc Không", title=TITLE),
    # The same key twice.
    bad("same-month-twice", "dossiers", "csv", [OK, at(1), {"Tháng": "2025-03"}],
        "{what} is already in row {first}.",
        4, "C (Tháng)", "đã có ở dòng 2"),
    bad("same-dossier-twice", "dossier_records", "csv", [OK, {"Mã xã": "13504", "Tên xã": ""}],
        "{what} is already in row {first}.",
        3, "A (Mã hồ sơ)", "H.2025.000001 đã có ở dòng 2", delimiter=";"),
    bad("same-code-twice", "units", "xlsx", [OK, {"Tên xã": "Hưng Công Mới"}],
        "{what} is already in row {first}.", 3,
        "A (Mã xã)", "13599 đã có ở dòng 2"),
    bad("same-day-twice-cadres", "cadres", "csv", [OK, {"Ngày": "2024-12-31"}],
        "{what} is already in row {first}.", 3,
        "C (Ngày)", "đã có ở dòng 2"),
    # Parts larger than their whole.
    bad("resolved-over-received", "dossiers", "xlsx", [{"Giải quyết quá hạn": "9"}],
        "{parts} = {part_sum} is more than {whole} = {whole_sum}.",
        5, "F (Giải quyết trước hạn)", "Giải quyết trước hạn + Giải quyết đúng hạn + Giải quyết "
        "quá hạn + Đang giải quyết trong hạn + Đang giải quyết quá hạn = 111 lớn hơn Kỳ trước "
        "chuyển sang + Tiếp nhận = 110", title=TITLE),
    bad("paid-over-fee", "dossiers", "csv", [{"Thanh toán trực tuyến": "41"}],
        "{parts} = {part_sum} is more than {whole} = {whole_sum}.", 2,
        "N (Thanh toán trực tuyến)", "Thanh toán trực tuyến = 41 lớn hơn Hồ sơ có phí = 40"),
    bad("paid-without-fee", "dossier_records", "xlsx", [{"Có phí": "Không"}],
        "{parts} is yes but {whole} is no.", 2,
        "I (Thanh toán trực tuyến)", "Thanh toán trực tuyến là Có nhưng Có phí là Không"),
    bad("paid-without-fee-en", "dossier_records", "csv", [{"Có phí": "không"}],
        "{parts} is yes but {whole} is no.",
        2, "I (Thanh toán trực tuyến)", "Thanh toán trực tuyến is yes but Có phí is no",
        lang="en"),
    bad("petitions-resolved-over", "engagements", "csv", [{"Số ý kiến đã giải quyết": "9"}],
        "{parts} = {part_sum} is more than {whole} = {whole_sum}.",
        2, "H (Số ý kiến đã giải quyết)",
        "Số ý kiến đã giải quyết = 9 lớn hơn Số ý kiến, kiến nghị = 8"),
    bad("education-over-total", "cadres", "xlsx", [{"Khác": "2"}],
        "{parts} = {part_sum} is more than {whole} = {whole_sum}.", 2,
        "E (Trên đại học)", "Trên đại học + Đại học + Cao đẳng + Trung cấp + Khác = 21 lớn hơn "
        "Tổng số = 20", sheet="Cán bộ công chức"),
    bad("theory-over-total", "cadres", "csv", [{"LLCT sơ cấp": "7"}],
        "{parts} = {part_sum} is more than {whole} = {whole_sum}.", 2,
        "J (LLCT cao cấp)", "LLCT cao cấp + LLCT trung cấp + LLCT sơ cấp = 21 lớn hơn "
        "Tổng số = 20"),
    bad("satisfied-over-surveys", "satisfaction", "csv", [{"Số phiếu hài lòng": "51"}],
        "{parts} = {part_sum} is more than {whole} = {whole_sum}.", 2, "E (Số phiếu hài lòng)",
        "Số phiếu hài lòng = 51 lớn hơn Số phiếu khảo sát = 50",
        delimiter=";", encoding="utf-8-sig"),
    bad("returned-before-received", "dossier_records", "csv",
        [{"Ngày trả kết quả": "01/03/2025"}],
        "{later} is before {earlier}.", 2, "F (Ngày trả kết quả)",
        "Ngày trả kết quả trước Ngày tiếp nhận"),
    bad("due-before-received", "dossier_records", "xlsx", [OK, {
        "Mã hồ sơ": "H.2025.000002", "Ngày hẹn trả": "02/03/2025", "Ngày trả kết quả": ""}],
        "{later} is before {earlier}.",
        6, "E (Ngày hẹn trả)", "Ngày hẹn trả trước Ngày tiếp nhận", title=TITLE),
    # Total rows that disagree with the rows above.
    bad("total-tong-cong", "dossiers", "xlsx",
        [OK, at(1), total("dossiers", "Tổng cộng", {"Tiếp nhận": "150"})],
        "the total row says {written} but the rows above add up to {summed}.", 7, "E (Tiếp nhận)",
        "dòng tổng ghi 150 nhưng cộng các dòng trên được 200", title=TITLE),
    bad("total-cong", "letters", "csv",
        [OK, at(1), at(2), total("letters", "Cộng", {"Đăng ký kết hôn": "31"})],
        "the total row says {written} but the rows above add up to {summed}.",
        5, "F (Đăng ký kết hôn)",
        "dòng tổng ghi 31 nhưng cộng các dòng trên được 30"),
    bad("total-toan-huyen-en", "satisfaction", "csv",
        [OK, at(1), total("satisfaction", "Toàn huyện", {"Số phiếu khảo sát": "1.000"})],
        "the total row says {written} but the rows above add up to {summed}.",
        4, "D (Số phiếu khảo sát)",
        "the total row says 1,000 but the rows above add up to 100", lang="en"),
    # Files that are no table of the contract.
    bad("missing-column", "dossiers", "csv", [OK],
        "the column '{column}' is missing (a {kind} file).", 1, None,
        "thiếu cột «Tháng» (tệp loại dossiers)", drop=("Tháng",)),
    bad("missing-column-xlsx", "engagements", "xlsx", [OK],
        "the column '{column}' is missing (a {kind} file).", 4, None,
        "thiếu cột «Ngày» (tệp loại engagements)", drop=("Ngày",), title=TITLE),
    bad("no-header-csv", "letters", "csv", [OK, at(1)],
        "no row holds the template's headers.", None, None,
        "không có dòng tiêu đề khớp mẫu nhập liệu", header=False, delimiter=";"),
    bad("header-only", "satisfaction", "xlsx", [BLANK],
        "no data rows under the headers.", 4, None,
        "không có dòng số liệu nào dưới dòng tiêu đề", title=TITLE),
    bad("no-header-xlsx", "engagements", "xlsx", [OK, at(1)],
        "no row holds the template's headers.", None, None,
        "không có dòng tiêu đề khớp mẫu nhập liệu", header=False, title=TITLE),
    bad("doc", "dossiers", "doc", [],
        "only Excel (.xlsx, .xls), OpenDocument (.ods) and CSV files are accepted; save the "
        "{suffix} file as .xlsx.", None, None,
        "chỉ nhận tệp Excel (.xlsx, .xls), OpenDocument (.ods) hoặc CSV; hãy lưu tệp .doc thành "
        ".xlsx", raw=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
    bad("pdf-en", "dossiers", "pdf", [],
        "only Excel (.xlsx, .xls), OpenDocument (.ods) and CSV files are accepted; save the "
        "{suffix} file as .xlsx.", None, None,
        "only Excel (.xlsx, .xls), OpenDocument (.ods) and CSV files are accepted",
        raw=b"%PDF-1.4", lang="en"),
    bad("xls-garbage", "dossiers", "xls", [],
        "the file cannot be opened: it is damaged or not in its format ({error}).", None, None,
        "không mở được tệp: tệp bị hỏng hoặc không đúng định dạng",
        raw=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
    bad("txt-garbage", "dossiers", "txt", [],
        "no row holds the template's headers.", None, None,
        "không có dòng tiêu đề khớp mẫu nhập liệu", raw=bytes(range(256)) * 8),
    bad("xlsx-garbage", "dossiers", "xlsx", [],
        "the file cannot be opened: it is damaged or not in its format ({error}).", None, None,
        "không mở được tệp: tệp bị hỏng hoặc không đúng định dạng",
        raw=b"PK\x03\x04 this is no workbook"),
]
WHERE = {"vi": ("Tệp {}", "trang «{}»", "dòng {}", "cột {}"),
         "en": ("File {}", "sheet '{}'", "row {}", "column {}")}


# Files and databases --------------------------------------------------------------------------

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """Text in Windows-1258, where a tone is a combining mark after its letter: "ố" is "ô" and
    U+0301."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            head = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in TONES))
            out.append((head + "".join(m for m in marks if m in TONES)).encode("cp1258"))
    return b"".join(out)


def table(kind: str, rows, drop=()) -> tuple[list[str], list[list]]:
    headers = [h for h in GOOD[kind] if h not in drop]
    body = [[""] * len(headers) if r is BLANK else [(GOOD[kind] | r)[h] for h in headers]
            for r in rows]
    return headers, body


def xlsx_cell(value):
    if isinstance(value, str) and value.isdigit() and not value.startswith("0"):
        return int(value)  # numbers typed as numbers
    return value if value != "" else None


def write(case: Case, folder: Path) -> Path:
    path = folder / f"{case.id}.{case.fmt}"
    if case.raw is not None:
        path.write_bytes(case.raw)
        return path
    headers, body = table(case.kind, case.rows, case.drop)
    head = [headers] if case.header else []
    if case.fmt == "xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = case.sheet
        for line in [[t] for t in case.title] + head + body:
            sheet.append([xlsx_cell(v) for v in line])
        book.save(path)
        return path
    text = io.StringIO()
    csv.writer(text, delimiter=case.delimiter, lineterminator="\r\n").writerows(
        head + [[v.strftime("%d/%m/%Y") if isinstance(v, date) else v for v in line]
                for line in body])
    data = text.getvalue()
    path.write_bytes(cp1258(data) if case.encoding == "cp1258" else data.encode(case.encoding))
    return path


def made(folder: Path, id: str, kind: str, fmt: str, rows, **options) -> Path:
    """A file of `rows` (changes to GOOD[kind]) for the tests below the corpus."""
    return write(Case(id, kind, fmt, tuple(rows), "", None, None, "", **options), folder)


def fingerprint(path: Path) -> dict:
    """Rows and a checksum of every table, and of the file."""
    return db.checksums(path) | {"": hashlib.sha256(path.read_bytes()).hexdigest()}


@pytest.fixture
def database(demo_db, tmp_path) -> Path:
    """A copy of the demo database."""
    return demo_copy(demo_db, tmp_path)


def run(capsys, *args: str) -> tuple[int, list[str], str]:
    status = cli.main(["import", *args])
    out, err = capsys.readouterr()
    return status, err.splitlines(), out


def refuse(capsys, path: Path, database: Path, *args: str) -> list[str]:
    """Import `path`; check that it is refused and nothing is written; the stderr lines."""
    before = fingerprint(database)
    status, lines, out = run(capsys, str(path), "--db", str(database), *args)
    assert status == 1 and out == "", lines
    assert fingerprint(database) == before
    return lines


def where(lang: str, file: str, sheet=None, row=None, column=None) -> str:
    parts = [(WHERE[lang][0], file), (WHERE[lang][1], sheet), (WHERE[lang][2], row),
             (WHERE[lang][3], column)]
    return ", ".join(form.format(value) for form, value in parts if value) + ": "


# The corpus ------------------------------------------------------------------------------------

def test_the_corpus_covers_every_kind_and_rule(tmp_path):
    assert len(CASES) >= 32 and len({c.id for c in CASES}) == len(CASES)
    assert {c.kind for c in CASES} == set(contract.KINDS)
    over_their_whole = {"{parts} = {part_sum} is more than {whole} = {whole_sum}.",
                        "{parts} is yes but {whole} is no."}
    rules = over_their_whole | {
        "no commune has the code {value}.",
        "'{value}' is not a commune code: codes have 5 digits.",
        "no commune is named '{value}'.",
        "'{value}' fits several communes ({codes}); give the code.",
        "code {code} is {official}, not '{name}'.",
        "neither a commune code nor a name.",
        "'{value}' is not a month; write 03/2025 or 2025-03.",
        "'{value}' is not a date; write day/month/year, e.g. 31/12/2024.",
        "'{value}' lies in the future.",
        "'{value}' is before 2000; probably a typing error.",
        "a count cannot be negative ({value}).",
        "a count is a whole number ({value}).",
        "'{value}' is not a number.",
        "empty; this column is required.",
        "{what} is already in row {first}.",
        "{later} is before {earlier}.",
        "'{value}' is not accepted; use one of: {accepted}.",
        "'{value}' is not accepted; write Có (yes) or Không (no).",
        "the total row says {written} but the rows above add up to {summed}.",
        "the column '{column}' is missing (a {kind} file).",
        "no row holds the template's headers.",
        "no data rows under the headers.",
        "only Excel (.xlsx, .xls), OpenDocument (.ods) and CSV files are accepted; save the "
        "{suffix} file as .xlsx.",
        "the file cannot be opened: it is damaged or not in its format ({error}).",
}
    assert rules <= {c.message for c in CASES}
    assert {"xlsx", "csv"} <= {c.fmt for c in CASES} and {"en"} < {c.lang for c in CASES}
    for kind in contract.KINDS.values():  # every parts rule of every kind
        for parts, _ in kind.parts:
            label = f"({kind.headers[parts[0]]})"
            assert any(c.message in over_their_whole and c.column.endswith(label) for c in CASES)
    csvs = [c for c in CASES if c.fmt == "csv" and c.raw is None]
    assert {";", ","} <= {c.delimiter for c in csvs}
    assert {"utf-8", "utf-8-sig", "cp1258"} <= {c.encoding for c in csvs}
    legacy = write(next(c for c in csvs if c.encoding == "cp1258"), tmp_path).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        legacy.decode("utf-8")
    assert "Số phiếu hài lòng".encode("cp1258", errors="ignore") not in legacy
    assert unicodedata.normalize("NFC", legacy.decode("cp1258")).startswith(
        "Mã xã,Tên xã,Tháng,Số phiếu khảo sát,Số phiếu hài lòng\r\n")


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_a_bad_file_is_refused_whole_with_its_problem_and_nothing_is_written(
        case, database, tmp_path, capsys):
    if case.twin:
        data = db.Database(database)
        with data.write() as con:
            insert(con, "units", [{"code": "13599", "name": "Bồ Đề", "kind": "xã"}])
        data.close()
    path = write(case, tmp_path)

    lines = refuse(capsys, path, database, "--lang", case.lang)  # exit 1, nothing written

    sheet = case.sheet if case.fmt == "xlsx" and case.raw is None else None
    expected = where(case.lang, path.name, sheet, case.row, case.column)
    assert any(line.startswith(expected) and case.text in line for line in lines), (
        expected + case.text, lines)
    refused = {"vi": f"{path.name}: không nhập — 1 lỗi;",
               "en": f"{path.name}: refused — problems: 1;"}
    assert len(lines) == 2 and lines[-1].startswith(refused[case.lang]), lines  # and no other
    # The same problem, as the reader names it.
    data = db.Database(database)
    checked = ingest.check(path, data.run("unit_history"))
    data.close()
    assert [(p.message, p.sheet, p.row, p.column) for p in checked.errors] == [
        (case.message, sheet, case.row, case.column)]


# Several problems, many problems, warnings ------------------------------------------------------

def test_every_problem_of_a_file_is_listed_not_just_the_first(tmp_path, database, capsys):
    path = made(tmp_path, "two", "dossiers", "xlsx",
                [{"Tháng": "13/2025"}, at(1, {"Số hóa": "abc"})], title=TITLE)
    lines = refuse(capsys, path, database)
    assert lines == [
        "Tệp two.xlsx, trang «Số liệu», dòng 5, cột C (Tháng): không đọc được tháng «13/2025»; "
        "hãy ghi dạng 03/2025 hoặc 2025-03.",
        "Tệp two.xlsx, trang «Số liệu», dòng 6, cột O (Số hóa): «abc» không phải là số.",
        "two.xlsx: không nhập — 2 lỗi; chưa ghi gì vào cơ sở dữ liệu."]


def many_bad_counts(folder: Path) -> Path:
    """120 rows (15 communes × 8 months) whose Số phiếu hài lòng is no number."""
    rows = [at(i % 15, {"Tháng": f"{1 + i // 15:02d}/2025", "Số phiếu hài lòng": "abc"})
            for i in range(120)]
    return made(folder, "many", "satisfaction", "csv", rows)


def test_fifty_problems_of_a_kind_in_a_column_are_listed_then_counted(tmp_path, database,
                                                                      capsys):
    lines = refuse(capsys, many_bad_counts(tmp_path), database)
    listed = [line for line in lines if line.endswith("«abc» không phải là số.")]
    assert listed == [f"Tệp many.csv, dòng {row}, cột E (Số phiếu hài lòng): «abc» không phải là "
                      "số." for row in range(2, 52)]
    assert lines[50].startswith("Tệp many.csv, cột E (Số phiếu hài lòng): còn 70 lỗi")
    assert len(lines) == 52  # and the refusal


def test_the_refusal_counts_every_problem_found(tmp_path, database, capsys):
    lines = refuse(capsys, many_bad_counts(tmp_path), database)
    assert lines[-1] == "many.csv: không nhập — 120 lỗi; chưa ghi gì vào cơ sở dữ liệu."


def test_letters_above_registrations_are_a_warning_and_the_file_is_imported(
        tmp_path, database, capsys):
    path = made(tmp_path, "letters", "letters", "csv",
                [{"Thư chúc mừng khai sinh": "25"}, at(1)])
    status, lines, out = run(capsys, str(path), "--db", str(database))
    assert status == 0, lines
    assert lines == ["Tệp letters.csv, dòng 2, cột E (Thư chúc mừng khai sinh): Thư chúc mừng "
                     "khai sinh = 25 lớn hơn Đăng ký khai sinh = 20 (cảnh báo: thư có thể gửi "
                     "cho việc đăng ký ở nơi khác)."]
    assert out.startswith("letters.csv: đã nhập (lần nhập #7): ghi 2 dòng")
    con = duckdb.connect(str(database), read_only=True)
    try:
        assert con.execute("SELECT birth_letters, births, import_id FROM letters WHERE "
                           "unit_code = '13501' AND month = '2025-03-01'").fetchall() == [
            (25, 20, 7)]
    finally:
        con.close()

    status, lines, out = run(capsys, str(path), "--db", str(database), "--lang", "en")
    assert status == 0 and "(a warning: a letter can follow a registration made elsewhere)" in (
        lines[0]) and "nothing changed" in out


# Found by the corpus and fixed -------------------------------------------------------------------

def test_the_same_commune_and_month_on_two_sheets_is_refused(tmp_path, database, capsys):
    path = tmp_path / "two-sheets.xlsx"
    book = openpyxl.Workbook()
    for number, name in enumerate(["Tháng 3", "Tháng 3 (bổ sung)"]):
        sheet = book.active if number == 0 else book.create_sheet()
        sheet.title = name
        headers, body = table("satisfaction", [{"Số phiếu hài lòng": str(40 + number)}])
        for line in [headers] + body:
            sheet.append([xlsx_cell(v) for v in line])
    book.save(path)
    lines = refuse(capsys, path, database)
    assert any(line.startswith("Tệp two-sheets.xlsx, trang «Tháng 3 (bổ sung)», dòng 2, cột C "
                               "(Tháng): ") and "đã có" in line for line in lines), lines


def test_a_total_of_decimals_that_disagrees_shows_both_numbers_as_written(
        tmp_path, database, capsys):
    rows = [OK, {"Mã xã": "13598", "Tên xã": "Hưng Thịnh", "Diện tích (km²)": "10,9"},
            total("units", "Tổng cộng", {"Diện tích (km²)": "20,5"})]
    path = made(tmp_path, "units", "units", "csv", rows)
    lines = refuse(capsys, path, database)
    assert lines[0] == ("Tệp units.csv, dòng 4, cột F (Diện tích (km²)): dòng tổng ghi 20,5 nhưng "
                        "cộng các dòng trên được 20,4.")


@pytest.mark.parametrize(("header", "value", "problem"), [
    ("Tiếp nhận", "abc", "E (Tiếp nhận): «abc» không phải là số."),
    ("Kỳ trước chuyển sang", "", "D (Kỳ trước chuyển sang): ô trống; cột này bắt buộc."),
], ids=["not-a-number", "empty"])
def test_a_count_missing_from_a_whole_is_listed_as_such(header, value, problem, tmp_path,
                                                        database, capsys):
    path = made(tmp_path, "whole", "dossiers", "csv", [{header: value}])
    lines = refuse(capsys, path, database)
    assert lines == [f"Tệp whole.csv, dòng 2, cột {problem}",
                     "whole.csv: không nhập — 1 lỗi; chưa ghi gì vào cơ sở dữ liệu."]
