"""Blank Excel templates for the import contract: one workbook per kind of file, its canonical
headers on row 4, each with a note (an Excel comment) saying what goes in the column.

The templates are generated into data/templates/ and committed; they are byte-reproducible
(fixed document dates and zip entry times), so regenerating them changes nothing unless the
contract or the notes changed. Regenerate with `python -m grassroots.templates`.
"""

from datetime import datetime
from io import BytesIO
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from grassroots import contract, i18n
from grassroots.db import ROOT

FOLDER = ROOT / "data" / "templates"
HEADER_ROW = 4
FIXED = datetime(2025, 1, 1)

_DOSSIER_SUM = (" Giải quyết trước hạn + đúng hạn + quá hạn + đang giải quyết"
                " ≤ Kỳ trước chuyển sang + Tiếp nhận.")
_CADRE_SUM = " Trên đại học + Đại học + Cao đẳng + Trung cấp + Khác ≤ Tổng số."
_YES_NO = "ghi Có (hoặc x) nếu có, Không (hoặc để trống) nếu không."
_COUNT = ", số nguyên ≥ 0."
_THEORY_SUM = " LLCT cao cấp + trung cấp + sơ cấp ≤ Tổng số."
_OPTIONAL = " Có thể bỏ trống."
_WITHOUT = " Tệp không có cột này thì các chỉ số cần nó để trống (chưa có số liệu)."

# Words the choice columns accept, as written in files (offered as a drop-down list).
CHOICES = {header: tuple(words) for header, words in contract.CHOICES.items()}

# One note per canonical header; NOTES_BY_KIND overrides it where a kind uses the header in
# another sense (see note()).
NOTES: dict[str, str] = {
    # the commune and the period
    "Mã xã": "Mã đơn vị hành chính 5 chữ số (Quyết định 124/2004/QĐ-TTg), ví dụ 13531. "
             "Có thể bỏ trống nếu đã ghi Tên xã.",
    "Tên xã": "Tên xã, phường, thị trấn, ví dụ Bồ Đề hoặc Xã Bồ Đề (không phân biệt chữ hoa, "
              "có dấu hay không dấu). Có thể bỏ trống nếu đã ghi Mã xã; ghi cả hai thì phải khớp.",
    "Tháng": "Tháng báo cáo, dạng 03/2025 hoặc 2025-03.",
    "Ngày": "Ngày tổ chức buổi tiếp công dân, đối thoại, dạng dd/mm/yyyy, ví dụ 15/03/2025.",
    # units
    "Loại": "Loại đơn vị hành chính: " + ", ".join(CHOICES["Loại"]) + ".",
    "Dân số": "Dân số của xã (số người)" + _COUNT + _OPTIONAL,
    "Số hộ": "Số hộ gia đình của xã" + _COUNT + _OPTIONAL,
    "Diện tích (km²)": "Diện tích tự nhiên của xã tính bằng km², số ≥ 0, có thể có phần "
                       "thập phân, ví dụ 12,5." + _OPTIONAL,
    "Số thôn, tổ dân phố": "Tổng số thôn, tổ dân phố của xã" + _COUNT + _OPTIONAL,
    # dossiers, monthly
    "Kỳ trước chuyển sang": "Số hồ sơ tháng trước chưa giải quyết xong, chuyển sang tháng này"
                            + _COUNT,
    "Tiếp nhận": "Số hồ sơ mới tiếp nhận trong tháng (trực tiếp và trực tuyến)" + _COUNT,
    "Giải quyết trước hạn": "Số hồ sơ trả kết quả trước ngày hẹn trả" + _COUNT + _DOSSIER_SUM,
    "Giải quyết đúng hạn": "Số hồ sơ trả kết quả đúng ngày hẹn trả" + _COUNT + _DOSSIER_SUM,
    "Giải quyết quá hạn": "Số hồ sơ trả kết quả sau ngày hẹn trả" + _COUNT + _DOSSIER_SUM,
    "Đang giải quyết trong hạn": "Số hồ sơ cuối tháng còn đang giải quyết, chưa đến ngày hẹn trả"
                                 + _COUNT + _DOSSIER_SUM,
    "Đang giải quyết quá hạn": "Số hồ sơ cuối tháng còn đang giải quyết, đã quá ngày hẹn trả"
                               + _COUNT + _DOSSIER_SUM,
    "Trực tuyến toàn trình": "Trong số hồ sơ tiếp nhận, số hồ sơ nộp trực tuyến toàn trình"
                             + _COUNT,
    "Trực tuyến một phần": "Trong số hồ sơ tiếp nhận, số hồ sơ nộp trực tuyến một phần" + _COUNT,
    "Hồ sơ có phí": "Trong số hồ sơ tiếp nhận, số hồ sơ phải nộp phí, lệ phí" + _COUNT,
    "Thanh toán trực tuyến": "Số hồ sơ có phí đã nộp phí, lệ phí trực tuyến" + _COUNT
                             + " Thanh toán trực tuyến ≤ Hồ sơ có phí.",
    "Số hóa": "Trong số hồ sơ tiếp nhận, số hồ sơ đã được số hóa (hồ sơ, kết quả giải quyết)"
              + _COUNT,
    # dossiers, one row per dossier
    "Mã hồ sơ": "Mã số hồ sơ ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả; mỗi hồ sơ "
                "một dòng.",
    "Ngày tiếp nhận": "Ngày tiếp nhận hồ sơ, dạng dd/mm/yyyy, ví dụ 03/03/2025.",
    "Ngày hẹn trả": "Ngày hẹn trả kết quả ghi trên Giấy tiếp nhận hồ sơ, dạng dd/mm/yyyy.",
    "Ngày trả kết quả": "Ngày trả kết quả thực tế, dạng dd/mm/yyyy (trước, đúng hay sau Ngày hẹn "
                        "trả là trước hạn, đúng hạn hay quá hạn); để trống nếu đang giải quyết.",
    "Hình thức nộp": "Cách nộp hồ sơ, ghi một trong: " + "; ".join(CHOICES["Hình thức nộp"]) + ".",
    "Trạng thái": "Trạng thái hồ sơ trên hệ thống một cửa, ghi một trong: "
                  + "; ".join(CHOICES["Trạng thái"]) + " (hoặc mã 1–10 của hệ thống). Hồ sơ "
                  "Mới đăng ký hay Không được tiếp nhận không được tính." + _OPTIONAL,
    "Có phí": "Hồ sơ có phải nộp phí, lệ phí không: " + _YES_NO + _WITHOUT,
    "Đã số hóa": "Hồ sơ, kết quả giải quyết đã được số hóa chưa: " + _YES_NO + _WITHOUT,
    # letters
    "Đăng ký khai sinh": "Số trường hợp đăng ký khai sinh tại xã trong tháng" + _COUNT,
    "Thư chúc mừng khai sinh": "Số thư chúc mừng gửi gia đình có con mới sinh trong tháng"
                               + _COUNT + " Nhiều hơn Đăng ký khai sinh thì chỉ bị cảnh báo.",
    "Đăng ký kết hôn": "Số cặp đăng ký kết hôn tại xã trong tháng" + _COUNT,
    "Thư chúc mừng kết hôn": "Số thư chúc mừng gửi các cặp đăng ký kết hôn trong tháng"
                             + _COUNT + " Nhiều hơn Đăng ký kết hôn thì chỉ bị cảnh báo.",
    "Đăng ký khai tử": "Số trường hợp đăng ký khai tử tại xã trong tháng" + _COUNT,
    "Thư chia buồn": "Số thư chia buồn gửi gia đình có người qua đời trong tháng" + _COUNT
                     + " Nhiều hơn Đăng ký khai tử thì chỉ bị cảnh báo.",
    # engagements
    "Hình thức": "Loại buổi, ghi một trong: " + "; ".join(CHOICES["Hình thức"]) + ".",
    "Người chủ trì": "Chức vụ người chủ trì, ví dụ Bí thư Đảng ủy, Chủ tịch UBND xã "
                     "(không cần ghi họ tên)." + _OPTIONAL,
    "Số người tham dự": "Số công dân, đại biểu dự buổi tiếp, đối thoại" + _COUNT,
    "Số ý kiến, kiến nghị": "Số ý kiến, kiến nghị công dân nêu tại buổi" + _COUNT,
    "Số ý kiến đã giải quyết": "Số ý kiến, kiến nghị nêu tại buổi đã được giải quyết, trả lời"
                               + _COUNT + " Số ý kiến đã giải quyết ≤ Số ý kiến, kiến nghị.",
    # cadres
    "Tổng số": "Tổng số cán bộ, công chức cấp xã tại ngày chốt số liệu" + _COUNT,
    "Trên đại học": "Số người có trình độ chuyên môn cao nhất là thạc sĩ, tiến sĩ" + _COUNT
                    + _CADRE_SUM,
    "Đại học": "Số người có trình độ chuyên môn cao nhất là đại học" + _COUNT + _CADRE_SUM,
    "Cao đẳng": "Số người có trình độ chuyên môn cao nhất là cao đẳng" + _COUNT + _CADRE_SUM,
    "Trung cấp": "Số người có trình độ chuyên môn cao nhất là trung cấp" + _COUNT + _CADRE_SUM,
    "Khác": "Số người có trình độ chuyên môn sơ cấp hoặc chưa qua đào tạo" + _COUNT + _CADRE_SUM,
    "LLCT cao cấp": "Số người có trình độ lý luận chính trị cao cấp hoặc cử nhân" + _COUNT
                    + _THEORY_SUM,
    "LLCT trung cấp": "Số người có trình độ lý luận chính trị trung cấp" + _COUNT + _THEORY_SUM,
    "LLCT sơ cấp": "Số người có trình độ lý luận chính trị sơ cấp" + _COUNT + _THEORY_SUM,
    # satisfaction
    "Số phiếu khảo sát": "Số phiếu khảo sát sự hài lòng thu về trong tháng" + _COUNT,
    "Số phiếu hài lòng": "Số phiếu đánh giá hài lòng hoặc rất hài lòng" + _COUNT
                         + " Số phiếu hài lòng ≤ Số phiếu khảo sát.",
}

NOTES_BY_KIND: dict[str, dict[str, str]] = {
    "units": {
        "Mã xã": "Mã đơn vị hành chính 5 chữ số (Quyết định 124/2004/QĐ-TTg), ví dụ 13531; "
                 "bắt buộc, mỗi xã một dòng.",
        "Tên xã": "Tên xã, phường, thị trấn, không kèm chữ Xã, Phường, Thị trấn (ghi ở cột "
                  "Loại), ví dụ Bồ Đề; bắt buộc.",
    },
    "dossier_records": {
        "Thanh toán trực tuyến": "Phí, lệ phí đã nộp trực tuyến chưa: " + _YES_NO
                                 + " Chỉ ghi Có khi cột Có phí là Có." + _WITHOUT,
    },
    "cadres": {
        "Ngày": "Ngày chốt số liệu, dạng dd/mm/yyyy, thường là 31/12 hằng năm, ví dụ 31/12/2024.",
    },
}

TITLES = {kind: i18n.t(title, "vi") for kind, title in contract.TITLES.items()}

_ROWS = {  # what one row holds
    "units": "mỗi dòng một xã",
    "dossier_records": "mỗi dòng một hồ sơ",
    "engagements": "mỗi dòng một buổi tiếp công dân, đối thoại",
    "cadres": "mỗi dòng một xã tại một ngày chốt số liệu",
}
FORMATS = {"count": "#,##0", "decimal": "#,##0.00"}  # any other type is text: "@"


def note(kind: str, header: str) -> str:
    """The note on a header of a kind of file."""
    return NOTES_BY_KIND.get(kind, {}).get(header) or NOTES[header]


def subtitle(kind: str) -> str:
    return (f"Mẫu nhập liệu — {_ROWS.get(kind, 'mỗi dòng một xã một tháng')}; "
            "xem ghi chú ở từng tiêu đề cột.")


def number_format(column: contract.Column) -> str:
    """Counts with thousands separators; codes, names, months, dates and words as text, so that
    03/2025 or 00001 stays as typed."""
    return FORMATS.get(column.type, "@")


def choices(column: contract.Column) -> tuple[str, ...]:
    return ("Có", "Không") if column.type == "flag" else CHOICES.get(column.header, ())


def build(kind: str) -> bytes:
    """The template of one kind of file, as .xlsx bytes (the same bytes on every call)."""
    book = Workbook()
    sheet = book.active
    sheet.title = kind
    sheet["A1"] = TITLES[kind]
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = subtitle(kind)
    sheet["A2"].font = Font(italic=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(contract.KINDS[kind].columns, start=1):
        cell = sheet.cell(HEADER_ROW, index, column.header)
        cell.font = Font(bold=True)
        cell.fill = fill
        text = note(kind, column.header)
        cell.comment = Comment(text, "Grassroots", height=40 + 15 * (len(text) // 40), width=260)
        letter = get_column_letter(index)
        words = choices(column)
        width = max([12, len(column.header) + 4] + [len(word) + 2 for word in words])
        sheet.column_dimensions[letter].width = width
        sheet.column_dimensions[letter].number_format = number_format(column)
        if words:  # a drop-down list that suggests, not enforces (x is a yes too)
            rule = DataValidation("list", formula1='"' + ",".join(words) + '"',
                                  allow_blank=True, showErrorMessage=False)
            rule.add(f"{letter}{HEADER_ROW + 1}:{letter}1048576")
            sheet.add_data_validation(rule)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    book.properties.creator = book.properties.lastModifiedBy = "Grassroots"
    book.properties.created = book.properties.modified = FIXED
    buffer = BytesIO()
    with _FixedTimeZip(buffer, "w", ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()  # not save_workbook: it stamps the time
    return buffer.getvalue()


class _FixedTimeZip(ZipFile):
    """A zip whose entries all carry the same time, so equal content gives equal bytes."""

    def writestr(self, name, data, *args, **kwargs):
        if isinstance(name, str):
            name = ZipInfo(name, date_time=FIXED.timetuple()[:6])
            name.compress_type = ZIP_DEFLATED
            name.external_attr = 0o600 << 16
        super().writestr(name, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs):  # the sheet comes as a temp file
        self.writestr(arcname, Path(filename).read_bytes())


def write_all(folder: Path = FOLDER) -> list[Path]:
    """Write `<kind>.xlsx` for every kind of the contract into folder."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind in contract.KINDS:
        path = folder / f"{kind}.xlsx"
        path.write_bytes(build(kind))
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_all():
        print(written.relative_to(ROOT))
