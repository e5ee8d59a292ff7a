"""Imports of good files, messy as people make them: the values that land in the database,
replacing exactly the rows a file covers, importing the same file twice, undo, dossier records
rolled up by month, and the CLI around them. (Bad files: test_import_corpus.py.)"""

import csv
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlwt

from grassroots import __main__ as cli
from grassroots import db, figures, ingest, periods
from grassroots.ingest import cells
from tests.conftest import demo_copy
from tests.test_import_corpus import cp1258
from tests.test_legacy import legacy_bytes, xlsx_text

DOSSIER_HEADERS = ["mã xã", "TÊN XÃ", "Tháng", "Kỳ trước  chuyển sang", "Tiếp nhận",
                   "Giải quyết trước hạn", "Giải quyết đúng hạn", "Giải quyết quá hạn",
                   "Đang giải quyết trong hạn", "Đang giải quyết quá hạn",
                   "Trực tuyến toàn trình", "Trực tuyến một phần", "Hồ sơ có phí",
                   "Thanh toán trực tuyến", "Số hóa"]


@pytest.fixture
def district(demo_db, tmp_path) -> db.Database:
    """A copy of the demo district to import into, in place of conftest's one to read."""
    database = db.Database(demo_copy(demo_db, tmp_path))
    yield database
    database.close()


def query(database: db.Database, sql: str, *params) -> list[tuple]:
    with database.cursor() as cur:
        return cur.execute(sql, list(params)).fetchall()


def excel(path: Path, rows: list[list], title: str = "Báo cáo") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def xls(path: Path, rows: list[list], title: str = "Báo cáo") -> Path:
    """The rows as an Excel 97–2003 workbook, as offices still keep many forms."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet(title)
    day = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, datetime | date):
                sheet.write(r, c, value, day)
            elif value is not None:
                sheet.write(r, c, value)
    book.save(str(path))
    return path


def ods(path: Path, rows: list[list], title: str = "Báo cáo") -> Path:
    """The rows as an OpenDocument spreadsheet (LibreOffice)."""
    width = max(len(row) for row in rows)
    pd.DataFrame([row + [None] * (width - len(row)) for row in rows]).to_excel(
        path, sheet_name=title, header=False, index=False, engine="odf")
    return path


MESSY_MARCH = [
    ["UBND HUYỆN BÌNH LỤC"], ["BÁO CÁO KẾT QUẢ GIẢI QUYẾT HỒ SƠ THÁNG 3/2025"], [],
    ["STT"] + DOSSIER_HEADERS,
    [1, 13501, "TT. Bình Mỹ", "03/2025", 10, "1.200", 1000, 150, 0, 60, 0, 900, 100, 500,
     450, "1.100"],
    [2, None, "BỒ ĐỀ", datetime(2025, 3, 1), 5, 300, 250, 50, 0, 5, 0, 200, 50, 100, 80, 290],
    [],
    [3, "13543", "xa vu ban", "2025-03", 0, 100, 90, 10, 0, 0, 0, 80, 10, 50, 45, 99],
    ["Tổng cộng", None, None, None, 15, "1.600", 1340, 210, 0, 65, 0, 1180, 160, 650, 575,
     "1.489"],
]


@pytest.mark.parametrize("write", [xls, ods], ids=["xls", "ods"])
def test_an_xls_or_ods_file_reads_as_its_xlsx_twin(district, tmp_path, write):
    twin = ingest.check(excel(tmp_path / "thang-3.xlsx", MESSY_MARCH, "Tháng 3"),
                        district.run("unit_history"))
    path = write(tmp_path / f"thang-3.{write.__name__}", MESSY_MARCH, "Tháng 3")
    checked = ingest.check(path, district.run("unit_history"))
    assert checked.ok and checked.problems == []
    [table], [expected] = checked.tables, twin.tables
    assert table.sheet == "Tháng 3"
    pd.testing.assert_frame_equal(table.frame, expected.frame)


def test_a_messy_excel_file_imports_with_the_right_values(district, tmp_path):
    """Title rows, headers in any case and spacing, a number column, Vietnamese numbers typed
    as text, names as people write them, months three ways, and a total row that agrees."""
    path = excel(tmp_path / "Báo cáo tháng 3.xlsx", MESSY_MARCH, title="Tháng 3")
    checked = ingest.check(path, district.run("unit_history"))
    assert checked.ok and checked.problems == []
    assert [(t.kind, t.sheet, len(t.frame)) for t in checked.tables] == [("dossiers", "Tháng 3", 3)]
    outcome = ingest.commit(district, checked, "tester")
    assert (outcome.added, outcome.replaced) == (3, 3)  # the demo had March 2025 for all three
    assert outcome.text(checked.name, "vi") == (
        "Báo cáo tháng 3.xlsx: đã nhập (lần nhập #7): ghi 3 dòng, thay 3 dòng cũ, 0 dòng không "
        "đổi.")
    assert query(district, "SELECT unit_code, received, resolved_early, digitised FROM "
                 "dossier_stats WHERE month = '2025-03-01' AND import_id = 7 ORDER BY 1") == [
        ("13501", 1200, 1000, 1100), ("13531", 300, 250, 290), ("13543", 100, 90, 99)]
    log = district.run("import_history").iloc[0]
    assert (log["file_name"], log["kind"], log["imported_by"], log["sheet"]) == (
        "Báo cáo tháng 3.xlsx", "dossiers", "tester", "Tháng 3")
    kept = ingest.archive_folder(district) / log["archive"]
    assert kept.read_bytes() == path.read_bytes() and log["checksum"] == ingest.checksum(path)


def test_a_csv_with_bom_and_semicolons_imports(district, tmp_path):
    path = tmp_path / "units.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(["Danh sách đơn vị hành chính"])
        writer.writerow(["Mã xã", "Tên xã", "Loại", "Dân số", "Số hộ", "Diện tích (km²)",
                         "Số thôn, tổ dân phố"])
        writer.writerow(["13501", "Bình Mỹ", "Thị trấn", "16.800", "4.512", "5,25", "12"])
        writer.writerow(["13504", "Bình Nghĩa", "xã", "9.001", "2.400", "12,5", ""])
    checked = ingest.check(path, district.run("unit_history"))
    assert checked.ok, checked.messages("en")
    ingest.commit(district, checked)
    assert query(district, "SELECT code, kind, population, households, area_km2, villages "
                 "FROM units WHERE code IN ('13501', '13504') ORDER BY code") == [
        ("13501", "thị trấn", 16800, 4512, 5.25, 12), ("13504", "xã", 9001, 2400, 12.5, None)]


def test_a_windows_1258_csv_imports_with_its_accents(district, tmp_path):
    path = tmp_path / "hai-long.csv"
    text = ("Mã xã,Tên xã,Tháng,Số phiếu khảo sát,Số phiếu hài lòng\n"
            ",Đồn Xá,2025-06,120,118\n,Tiêu Động,6/2025,80,71\n,Cộng,,200,189\n")
    path.write_bytes(cp1258(text))
    checked = ingest.check(path, district.run("unit_history"))
    assert checked.ok, checked.messages("en")
    ingest.commit(district, checked)
    assert query(district, "SELECT unit_code, surveys, satisfied FROM satisfaction WHERE month "
                 "= '2025-06-01' AND unit_code IN ('13525', '13558') ORDER BY 1") == [
        ("13525", 120, 118), ("13558", 80, 71)]


def test_names_typed_in_tcvn3_are_converted_with_a_warning(district, tmp_path):
    typed = xlsx_text(legacy_bytes("bồ đề", "tcvn3"))
    path = excel(tmp_path / "tcvn3.xlsx", [
        ["Tên xã", "Tháng", "Số phiếu khảo sát", "Số phiếu hài lòng"],
        [typed, "05/2025", 50, 49],
    ])
    checked = ingest.check(path, district.run("unit_history"))
    assert checked.ok and not checked.errors
    assert checked.messages("vi") == [
        f"Tệp tcvn3.xlsx, trang «Báo cáo», dòng 2, cột A (Tên xã): tên «{typed}» gõ bằng phông "
        "TCVN3 (ABC), đã đọc thành «bồ đề»."]
    assert checked.tables[0].frame["unit_code"].tolist() == ["13531"]


def test_a_name_in_a_legacy_font_that_fits_no_commune_is_refused_saying_so(district, tmp_path):
    typed = xlsx_text(legacy_bytes("bồ đề mới", "tcvn3"))
    path = excel(tmp_path / "tcvn3.xlsx", [["Tên xã", "Tháng", "Số phiếu khảo sát",
                                            "Số phiếu hài lòng"], [typed, "05/2025", 50, 49]])
    assert ingest.check(path, district.run("unit_history")).messages("vi") == [
        f"Tệp tcvn3.xlsx, trang «Báo cáo», dòng 2, cột A (Tên xã): tên «{typed}» gõ bằng phông "
        "TCVN3 (ABC) (đọc thành «bồ đề mới») không khớp xã nào; hãy chuyển tệp sang Unicode và "
        "kiểm tra tên."]


def test_a_csv_typed_in_vni_is_read_whole(district, tmp_path):
    path = tmp_path / "vni.csv"
    path.write_bytes(legacy_bytes("Mã xã,Tên xã,Tháng,Số phiếu khảo sát,Số phiếu hài lòng\n"
                             ",Đồn Xá,06/2025,120,118\n,Tiêu Động,06/2025,80,71\n", "vni"))
    checked = ingest.check(path, district.run("unit_history"))
    assert checked.ok, checked.messages("en")
    assert checked.tables[0].frame[["unit_code", "surveys"]].values.tolist() == [
        ["13525", 120], ["13558", 80]]


def test_a_percent_and_vietnamese_numbers_read_as_people_mean_them():
    text = pd.Series(["7.526", "98,22%", "1.234,5", "12.5", "0", "", "7,526.1", "abc"])
    values = cells._numbers(text)
    assert values.iloc[:5].tolist() == [7526, pytest.approx(0.9822), 1234.5, 12.5, 0]
    assert values.iloc[5:].isna().all()


@pytest.mark.parametrize("written", ["2025-03", "03/2025", "3/2025", "Tháng 3/2025", "T3/2025",
                                     "45731", "2025-03-01"])
def test_months_are_read_the_ways_people_write_them(written):
    assert cells._months(pd.Series([written])).dt.date.tolist() == [date(2025, 3, 1)]


def test_importing_the_same_file_again_changes_nothing_and_says_so(district, tmp_path):
    path = excel(tmp_path / "letters.xlsx", [
        ["Mã xã", "Tháng", "Đăng ký khai sinh", "Thư chúc mừng khai sinh", "Đăng ký kết hôn",
         "Thư chúc mừng kết hôn", "Đăng ký khai tử", "Thư chia buồn"],
        ["13501", "06/2025", 20, 20, 5, 5, 3, 3],
    ])
    first = ingest.commit(district, ingest.check(path, district.run("unit_history")))
    before = district.path.stat().st_ino
    again = ingest.commit(district, ingest.check(path, district.run("unit_history")))
    assert again.import_id is None and again.same_as == first.import_id
    assert again.text("letters.xlsx", "vi") == (
        f"letters.xlsx: không có gì thay đổi; tệp này đã được nhập (lần nhập #{first.import_id}).")
    assert district.path.stat().st_ino == before  # the file was not even rewritten
    assert len(district.run("import_history")) == 7


def test_a_file_replaces_exactly_the_rows_it_covers_and_undo_restores_them(district, tmp_path):
    before = db.checksums(district.path)
    path = excel(tmp_path / "su-kien.xlsx", [
        ["Mã xã", "Ngày", "Hình thức", "Người chủ trì", "Số người tham dự",
         "Số ý kiến, kiến nghị", "Số ý kiến đã giải quyết"],
        ["13501", "05/05/2025", "Bí thư tiếp công dân", "Bí thư", 12, 3, 3],
        ["13501", "19/05/2025", "bi thu tiep cong dan", None, 8, 2, 1],
    ])
    old_may = query(district, "SELECT count(*) FROM engagements WHERE unit_code = '13501' AND "
                    "date_trunc('month', held_on) = '2025-05-01'")[0][0]
    others = query(district, "SELECT count(*) FROM engagements WHERE NOT (unit_code = '13501' "
                   "AND date_trunc('month', held_on) = '2025-05-01')")[0][0]
    outcome = ingest.commit(district, ingest.check(path, district.run("unit_history")))
    assert (outcome.added, outcome.replaced) == (2, old_may)
    assert query(district, "SELECT held_on, kind, participants FROM engagements WHERE "
                 "unit_code = '13501' AND date_trunc('month', held_on) = '2025-05-01' "
                 "ORDER BY 1") == [(date(2025, 5, 5), "secretary_reception", 12),
                                  (date(2025, 5, 19), "secretary_reception", 8)]
    assert query(district, "SELECT count(*) FROM engagements WHERE NOT (unit_code = '13501' "
                 "AND date_trunc('month', held_on) = '2025-05-01')")[0][0] == others
    assert ingest.undo(district, outcome.import_id, "tester") == (2, old_may)
    after = db.checksums(district.path)
    logs = ("import_log", "audit_log", "settings")  # what was done, by whom: grows
    assert {t: after[t] for t in after if t not in logs} == {
        t: before[t] for t in before if t not in logs}
    log = district.run("import_history").iloc[0]
    assert log["undone_by"] == "tester" and pd.notna(log["undone_at"])


def test_undo_waits_for_the_later_import_that_replaced_its_rows(district, tmp_path):
    rows = [["Mã xã", "Tháng", "Số phiếu khảo sát", "Số phiếu hài lòng"]]
    stored = "SELECT satisfied, import_id FROM satisfaction WHERE unit_code = '13501' AND " \
        "month = '2025-06-01'"
    demo_figure = query(district, stored)
    units = district.run("unit_history")
    first = ingest.commit(district, ingest.check(
        excel(tmp_path / "a.xlsx", rows + [["13501", "06/2025", 10, 9]]), units))
    second = ingest.commit(district, ingest.check(
        excel(tmp_path / "b.xlsx", rows + [["13501", "06/2025", 10, 8]]), units))
    with pytest.raises(ingest.Refused) as refused:
        ingest.undo(district, first.import_id)
    assert refused.value.problem.sentence("vi").startswith(
        f"không hoàn tác được lần nhập #{first.import_id}: lần nhập sau #{second.import_id}")
    ingest.undo(district, second.import_id)
    assert query(district, "SELECT satisfied FROM satisfaction WHERE unit_code = '13501' AND "
                 "month = '2025-06-01'") == [(9,)]
    ingest.undo(district, first.import_id)
    assert query(district, stored) == demo_figure


RECORDS = ["Mã hồ sơ", "Mã xã", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày trả kết quả",
           "Hình thức nộp", "Có phí", "Thanh toán trực tuyến", "Đã số hóa"]


def test_dossier_records_roll_up_to_monthly_figures(district, tmp_path):
    """Six dossiers of Bồ Đề, counted by hand: in June, one returned before its appointment
    (early), one on it, one after (late); at the end of June one is open with time left and one
    is open past its appointment; one received in May was carried over and returned in June."""
    path = excel(tmp_path / "mot-cua.xlsx", [RECORDS] + [
        ["A1", "13531", "02/06/2025", "10/06/2025", "09/06/2025", "Trực tuyến toàn trình",
         "Có", "Có", "Có"],
        ["A2", "13531", "03/06/2025", "12/06/2025", "12/06/2025", "Trực tiếp", "Có", "Không",
         "x"],
        ["A3", "13531", "04/06/2025", "13/06/2025", "20/06/2025", "Trực tuyến một phần", "",
         "", ""],
        ["A4", "13531", "25/06/2025", "07/07/2025", None, "Trực tuyến toàn trình", "Không",
         "Không", "Có"],
        ["A5", "13531", "10/06/2025", "20/06/2025", None, "Trực tiếp", "không", "không", "có"],
        ["A6", "13531", "28/05/2025", "05/06/2025", "04/06/2025", "Trực tiếp", "Không",
         "Không", "Có"],
    ])
    checked = ingest.check(path, district.run("unit_history"))
    assert checked.ok, checked.messages("en")
    ingest.commit(district, checked)
    columns = ("carried_over, received, resolved_early, resolved_on_time, resolved_late, "
               "pending_in_time, pending_overdue, online_full, online_partial, with_fee, "
               "paid_online, digitised")
    months = query(district, f"SELECT month, {columns} FROM dossier_stats WHERE unit_code = "
                   "'13531' AND month >= '2025-05-01' ORDER BY month")
    assert months == [
        (date(2025, 5, 1), 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1),
        (date(2025, 6, 1), 1, 5, 2, 1, 1, 1, 1, 2, 1, 2, 1, 4),
    ]


def test_cli_dry_run_writes_nothing_and_a_usage_error_exits_2(district, tmp_path, capsys):
    before = db.checksums(district.path)
    path = excel(tmp_path / "ok.xlsx", [["Mã xã", "Tháng", "Số phiếu khảo sát",
                                         "Số phiếu hài lòng"], ["13501", "06/2025", 10, 9]])
    assert cli.main(["import", str(path), "--dry-run", "--db", str(district.path)]) == 0
    assert "ok.xlsx: hợp lệ, 1 dòng (chạy thử, chưa ghi)." in capsys.readouterr().out
    assert db.checksums(district.path) == before
    with pytest.raises(SystemExit) as usage:
        cli.main(["import", str(tmp_path / "missing.xlsx"), "--db", str(district.path)])
    assert usage.value.code == 2


def test_a_real_district_from_scratch(tmp_path, capsys):
    """init, then the communes, then their figures, as the README walks an IT officer."""
    path = tmp_path / "new" / "tien-lu.duckdb"
    assert cli.main(["init", "--parent", "Tiên Lữ", "--level", "district", "--province",
                     "Hưng Yên", "--db", str(path)]) == 0
    units = tmp_path / "units.xlsx"
    excel(units, [["Mã xã", "Tên xã", "Loại"], ["12301", "Vương", "thị trấn"],
                  ["12304", "Hưng Đạo", "xã"]])
    figures = excel(tmp_path / "dossiers.xlsx", [DOSSIER_HEADERS] + [
        [None, "TT Vương", "06/2025", 0, 10, 9, 1, 0, 0, 0, 8, 1, 4, 4, 10]])
    assert cli.main(["import", str(figures), str(units), "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.index("units.xlsx") < out.index("dossiers.xlsx")  # the communes first
    database = db.Database(path)
    assert database.settings()["parent_name"] == "Tiên Lữ"
    assert query(database, "SELECT unit_code, received FROM dossier_stats") == [("12301", 10)]
    assert cli.main(["history", "--db", str(path)]) == 0
    assert "dossiers.xlsx" in capsys.readouterr().out
    fresh = tmp_path / "created-by-import.duckdb"
    assert cli.main(["import", str(units), "--db", str(fresh)]) == 0
    assert query(db.Database(fresh), "SELECT count(*) FROM units") == [(2,)]


def test_a_file_without_some_measures_leaves_them_without_data_and_keeps_what_was_stored(
        district, tmp_path):
    """A monthly dossiers file without "Kỳ trước chuyển sang" and "Trực tuyến một phần": one
    warning names them and the indicators they feed; a new month has no data for those
    indicators (never 0), and a month stored before keeps its carried-over count."""
    stored = query(district, "SELECT carried_over, online_partial FROM dossier_stats "
                   "WHERE unit_code = '13531' AND month = '2025-03-01'")
    headers = [h for h in DOSSIER_HEADERS if h not in ("Kỳ trước  chuyển sang",
                                                       "Trực tuyến một phần")]
    path = excel(tmp_path / "thieu-cot.xlsx", [
        headers,
        ["13501", "Bình Mỹ", "07/2025", 100, 60, 30, 10, 0, 0, 40, 20, 15, 90],
        ["13531", "Bồ Đề", "03/2025", 300, 250, 50, 0, 5, 0, 200, 50, 40, 290],
    ])
    checked = ingest.check(path, district.run("unit_history"), today=date(2025, 8, 15))
    assert checked.ok and [p.warning for p in checked.problems] == [True]
    message = checked.messages("vi")[0]
    assert message.startswith("Tệp thieu-cot.xlsx, trang «Báo cáo», dòng 1: tệp không có cột Kỳ "
                              "trước chuyển sang, Trực tuyến một phần.")
    assert "Tỷ lệ hồ sơ quá hạn" in message and "Tỷ lệ hồ sơ giải quyết đúng hạn" not in message
    assert "indicators that need them are left without data, not counted as 0: Overdue " \
           "dossiers" in checked.messages("en")[0]
    ingest.commit(district, checked, "tester")
    assert query(district, "SELECT carried_over, online_partial, received FROM dossier_stats "
                 "WHERE unit_code = '13501' AND month = '2025-07-01'") == [(None, None, 100)]
    assert query(district, "SELECT carried_over, online_partial, received FROM dossier_stats "
                 "WHERE unit_code = '13531' AND month = '2025-03-01'") == [(*stored[0], 300)]
    july = figures.commune_values(district, periods.parse("2025-07")).set_index(
        ["indicator", "unit_code"])
    assert july.loc[("on_time_rate", "13501"), "value"] == pytest.approx(0.9)
    assert pd.isna(july.loc[("overdue_rate", "13501"), "value"])
    assert july.loc[("overdue_rate", "13501"), "status"] == "no_data"


ENGAGEMENT_HEADER = ["Tên xã", "Ngày", "Hình thức", "Số người tham dự", "Số ý kiến, kiến nghị",
                     "Số ý kiến đã giải quyết"]


def test_everyday_words_are_read_and_a_near_miss_is_named(district, tmp_path):
    """"Đối thoại", "TXCT" and "Tiếp dân định kỳ" are words offices use (grassroots/synonyms.csv);
    a commune or a kind misspelt is refused with the closest names suggested."""
    said = excel(tmp_path / "su-kien.xlsx", [
        ENGAGEMENT_HEADER,
        ["Bồ Đề", "05/05/2025", "Đối thoại", 80, 10, 8],
        ["Bồ Đề", "06/05/2025", "TXCT", 40, 6, 6],
        ["Bồ Đề", "07/05/2025", "Tiếp dân định kỳ", 5, 2, 2],
    ])
    checked = ingest.check(said, district.run("unit_history"))
    assert checked.ok, checked.messages("vi")
    assert checked.tables[0].frame["kind"].tolist() == ["dialogue", "voter_meeting",
                                                        "chair_reception"]
    misspelt = excel(tmp_path / "sai.xlsx", [
        ENGAGEMENT_HEADER,
        ["Bồ Đền", "05/05/2025", "Hội nghị đối thoại", 80, 10, 8],
        ["Bồ Đề", "06/05/2025", "Tiếp xúc cử tri.", 40, 6, 6],
        ["Bồ Đề", "07/05/2025", "Họp dân", 5, 2, 2],
    ])
    messages = ingest.check(misspelt, district.run("unit_history")).messages("vi")
    assert messages[0] == ("Tệp sai.xlsx, trang «Báo cáo», dòng 2, cột A (Tên xã): không có xã "
                           "nào tên «Bồ Đền». Có phải «Bồ Đề»?")
    assert messages[1].endswith("Có phải «Tiếp xúc cử tri»?")
    assert messages[2].endswith("Ngày thứ Bảy với dân, Tiếp xúc cử tri, Khác.")  # none near
    english = ingest.check(misspelt, district.run("unit_history")).messages("en")
    assert english[0].endswith("no commune is named 'Bồ Đền'. Did you mean 'Bồ Đề'?")
