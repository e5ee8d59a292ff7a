"""The official form 06/VPCP/KSTT and its variant II.06a, built here as offices lay them out
(merged header rows, the period in a title line, units named "UBND xã …", a total row and a
signature block), in .xlsx, .xls and .ods, read into the monthly dossier figures."""

from datetime import date

import openpyxl
import pandas as pd
import pytest
import xlwt

from grassroots import figures, ingest, periods
from tests.test_ingest import district, query  # noqa: F401  (district: a fixture)

TITLE = [
    "UBND HUYỆN BÌNH LỤC",
    "Biểu số 06/VPCP/KSTT",
    "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC",
    "Kỳ báo cáo: Tháng 7 năm 2025 (Từ ngày 15/6/2025 đến ngày 14/7/2025)",
    "Đơn vị tính: Số hồ sơ TTHC",
]
# Per unit: carried over, online, at the desk or by post; early, on time, late; pending in
# time, overdue. The form's totals are made from them (or given wrong, to be caught).
UNITS = {
    "UBND xã Bồ Đề": (5, 120, 80, 100, 90, 5, 8, 2),
    "UBND thị trấn Bình Mỹ": (10, 300, 190, 250, 200, 20, 20, 10),
    "UBND xã Vũ Bản": (0, 40, 60, 60, 30, 0, 10, 0),
}


def header_cells(variant: str) -> list[tuple[int, int, str, int, int]]:
    """(row, column, words, rows spanned, columns spanned) of the three header rows, from row
    6 (0-based 5), as form 06 or II.06a lays them out."""
    late = "Quá hạn (Bao gồm cả hồ sơ đã xin lỗi)" if variant == "06a" else "Quá hạn"
    cells = [(5, 0, "STT", 3, 1), (5, 1, "Đơn vị", 3, 1),
             (5, 2, "Số hồ sơ nhận giải quyết", 1, 4), (5, 6, "Số hồ sơ đã giải quyết", 1, 4),
             (5, 10, "Số lượng hồ sơ đang giải quyết", 1, 3),
             (6, 2, "Tổng số", 2, 1), (6, 6, "Tổng số", 2, 1), (6, 7, "Trước hạn", 2, 1),
             (6, 8, "Đúng hạn", 2, 1), (6, 9, late, 2, 1), (6, 10, "Tổng số", 2, 1),
             (6, 11, "Trong hạn", 2, 1), (6, 12, "Quá hạn", 2, 1)]
    if variant == "06a":  # "Trong kỳ" over online and at the desk, then "Kỳ trước"
        return cells + [(6, 3, "Trong kỳ", 1, 2), (6, 5, "Kỳ trước", 2, 1),
                        (7, 3, "Trực tuyến", 1, 1), (7, 4, "Trực tiếp, dịch vụ bưu chính", 1, 1)]
    return cells + [(6, 3, "Trong đó", 1, 3), (7, 3, "Từ kỳ trước", 1, 1),
                    (7, 4, "Trực tuyến", 1, 1), (7, 5, "Trực tiếp, dịch vụ bưu chính", 1, 1)]


def body(variant: str, units: dict, wrong_total: str | None = None) -> list[list]:
    """The rows from row 9 (0-based 8): column numbers, the units, the total, the signatures."""
    rows = [[f"({n})" for n in range(1, 14)]]
    sums = [0] * 11
    for number, (name, (carried, online, desk, early, on_time, late, pending_in, overdue)) \
            in enumerate(units.items(), 1):
        received = [carried + online + desk, carried, online, desk]
        if variant == "06a":  # Trong kỳ (online, desk), then Kỳ trước
            received = [carried + online + desk, online, desk, carried]
        figures_ = received + [early + on_time + late, early, on_time, late,
                               pending_in + overdue, pending_in, overdue]
        if name == wrong_total:
            figures_[0] += 1
        sums = [a + b for a, b in zip(sums, figures_)]
        rows.append([number, name, *figures_])
    return rows + [["", "Tổng cộng", *sums], [], ["", "Người lập biểu", "", "", "", "", "",
                                                  "", "", "Thủ trưởng đơn vị"],
                   ["", "Nguyễn Văn A", "", "", "", "", "", "", "", "Trần Thị B"]]


def write(path, variant: str = "06", units: dict = UNITS, wrong_total: str | None = None):
    """The form as a workbook of the suffix of `path`: .xlsx and .xls with merged cells, .ods
    with the words in the top-left cell of each merged range only."""
    rows = [[line] for line in TITLE]
    grid = rows + [[""] * 13 for _ in range(3)] + body(variant, units, wrong_total)
    for row, column, words, _, _ in header_cells(variant):
        grid[row][column] = words
    merges = [(r, c, r + h - 1, c + w - 1) for r, c, _, h, w in header_cells(variant)
              if h > 1 or w > 1]
    if path.suffix == ".xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Biểu 06"
        for values in grid:
            sheet.append(values)
        for top, left, bottom, right in merges:
            sheet.merge_cells(start_row=top + 1, start_column=left + 1, end_row=bottom + 1,
                              end_column=right + 1)
        book.save(path)
    elif path.suffix == ".xls":
        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet("Biểu 06")
        merged = {(t, left): (b, r) for t, left, b, r in merges}
        for r, values in enumerate(grid):
            for c, value in enumerate(values):
                if (r, c) in merged:
                    sheet.write_merge(r, merged[r, c][0], c, merged[r, c][1], value)
                elif value != "" and not any(t <= r <= b and left <= c <= rr
                                             for t, left, b, rr in merges):
                    sheet.write(r, c, value)
        book.save(str(path))
    else:
        width = max(len(r) for r in grid)
        pd.DataFrame([r + [""] * (width - len(r)) for r in grid]).to_excel(
            path, sheet_name="Biểu 06", header=False, index=False, engine="odf")
    return path


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
@pytest.mark.parametrize("variant", ["06", "06a"])
def test_a_form_reads_into_the_monthly_figures(district, tmp_path, suffix, variant):  # noqa: F811
    path = write(tmp_path / f"bieu-{variant}{suffix}", variant)
    checked = ingest.check(path, district.run("unit_history"), today=date(2025, 8, 20))
    assert checked.ok, checked.messages("vi")
    name = "Biểu II.06a" if variant == "06a" else "Biểu 06/VPCP/KSTT"
    notes = checked.messages("vi")
    assert notes[0] == (
        f"Tệp {path.name}, trang «Biểu 06», dòng 8: đọc theo {name}: kỳ báo cáo tháng 07/2025 "
        "(từ ngày 15/6/2025 đến ngày 14/7/2025), số liệu ghi vào tháng 07/2025.")
    assert "tệp không có cột Trực tuyến toàn trình, Trực tuyến một phần, Hồ sơ có phí, Thanh " \
           "toán trực tuyến, Số hóa." in notes[1]
    [table] = checked.tables
    got = table.frame.set_index("unit_code")[[
        "month", "carried_over", "received", "resolved_early", "resolved_on_time",
        "resolved_late", "pending_in_time", "pending_overdue"]]
    assert got.loc["13531"].tolist() == [pd.Timestamp("2025-07-01"), 5, 200, 100, 90, 5, 8, 2]
    assert got.loc["13501"].tolist()[1:] == [10, 490, 250, 200, 20, 20, 10]
    assert list(got.index) == ["13531", "13501", "13543"]  # no total, no signature rows

    ingest.commit(district, checked, "tester")
    july = figures.commune_values(district, periods.parse("2025-07")).set_index(
        ["indicator", "unit_code"])
    assert july.loc[("on_time_rate", "13531"), "value"] == pytest.approx(190 / 195)
    assert july.loc[("overdue_rate", "13531"), "value"] == pytest.approx(7 / 205)
    assert july.loc[("online_rate", "13531"), "status"] == "no_data"  # online in full: not said
    assert july.loc[("digitisation_rate", "13531"), "status"] == "no_data"
    assert query(district, "SELECT online_full, with_fee, digitised FROM dossier_stats WHERE "
                 "unit_code = '13531' AND month = '2025-07-01'") == [(None, None, None)]


def test_a_unit_whose_total_is_not_its_parts_is_refused(district, tmp_path):  # noqa: F811
    path = write(tmp_path / "bieu.xlsx", wrong_total="UBND xã Vũ Bản")
    checked = ingest.check(path, district.run("unit_history"), today=date(2025, 8, 20))
    assert not checked.ok
    assert [m for m in checked.messages("vi") if "Tổng số" in m] == [
        "Tệp bieu.xlsx, trang «Biểu 06», dòng 12: cột Tổng số hồ sơ nhận giải quyết ghi 101, "
        "nhưng kỳ trước chuyển sang và mới tiếp nhận cộng lại là 100."]


def test_a_form_without_its_period_is_refused(district, tmp_path):  # noqa: F811
    path = write(tmp_path / "bieu.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["A4"] = "Kỳ báo cáo:"
    book.save(path)
    checked = ingest.check(path, district.run("unit_history"), today=date(2025, 8, 20))
    assert checked.messages("vi") == [
        "Tệp bieu.xlsx, trang «Biểu 06», dòng 8: Biểu 06/VPCP/KSTT không ghi kỳ báo cáo ở dòng "
        "tiêu đề (ví dụ «Kỳ báo cáo: Tháng 5 năm 2025»); hãy ghi thêm để biết số liệu của tháng "
        "nào."]
