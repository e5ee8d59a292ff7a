"""Dossier lists as the provincial one-stop systems export them: their own column names,
statuses and channels in words or as codes, units named "UBND xã …", and the owner's name and
address, which are stored nowhere: not in the database, not in the kept copy of the file."""

import csv
from datetime import date, datetime

import pytest
from python_calamine import CalamineWorkbook

from grassroots import figures, ingest, periods
from tests.test_ingest import district, excel, query, xls  # noqa: F401  (district: a fixture)

HEADER = ["STT", "Đơn vị tiếp nhận", "Người tiếp nhận", "Tên thủ tục hành chính", "Mã hồ sơ",
          "Trạng thái", "Kênh thực hiện", "Địa chỉ", "Chủ hồ sơ", "Ngày nộp hồ sơ",
          "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả"]
OWNERS = ("Nguyễn Văn An", "Thôn Đông, xã Bồ Đề")


def row(number, code, status, channel, received, due, done=None):
    return [number, "UBND xã Bồ Đề", "Trần Thị Cán Bộ", "Đăng ký khai sinh", code, status,
            channel, OWNERS[1], OWNERS[0], received, received, due, done]


# Bồ Đề in July 2025: one returned early (online, status as a code), one on time (at the desk,
# in words), one still open (by post, code 4); one refused at the desk and one registered online
# and never accepted, which the desk does not count.
ROWS = [HEADER,
        row(1, "H-0001", 10, 2, datetime(2025, 7, 1), datetime(2025, 7, 10),
            datetime(2025, 7, 8)),
        row(2, "H-0002", "Đã trả kết quả", "Trực tiếp", "02/07/2025", "05/07/2025",
            "05/07/2025"),
        row(3, "H-0003", 4, 3, datetime(2025, 7, 20), datetime(2025, 8, 5)),
        row(4, "H-0004", 3, 1, datetime(2025, 7, 3), datetime(2025, 7, 10)),
        row(5, "H-0005", "Mới đăng ký", "Trực tuyến", datetime(2025, 7, 4),
            datetime(2025, 7, 11))]


def text(path, rows):
    """The rows as a CSV file, dates written dd/mm/yyyy."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([[f"{c:%d/%m/%Y}" if isinstance(c, datetime) else c
                                    for c in r] for r in rows])
    return path


def cells(kept) -> list[str]:
    if kept.suffix == ".csv":
        return [c for r in csv.reader(kept.open(encoding="utf-8-sig")) for c in r]
    book = CalamineWorkbook.from_path(str(kept))
    return [str(c) for name in book.sheet_names
            for r in book.get_sheet_by_name(name).to_python() for c in r]


@pytest.mark.parametrize(("write", "suffix"), [(excel, "xlsx"), (xls, "xls"), (text, "csv")])
def test_an_export_reads_into_records_and_months_without_personal_data(
        district, tmp_path, write, suffix):  # noqa: F811
    path = write(tmp_path / f"danh-sach-ho-so.{suffix}", ROWS)
    sheet = "" if suffix == "csv" else ", trang «Báo cáo»"
    checked = ingest.check(path, district.run("unit_history"), today=date(2025, 8, 20))
    assert checked.ok, checked.messages("vi")
    assert checked.messages("vi")[0] == (
        f"Tệp {path.name}{sheet}, dòng 1: đã bỏ các cột dữ liệu cá nhân Địa chỉ, Chủ "
        "hồ sơ: không đọc, không lưu vào cơ sở dữ liệu, và bản lưu của tệp không có các cột "
        "này (Nghị định 13/2023/NĐ-CP).")
    [table] = checked.tables
    assert table.kind == "dossier_records"
    records = table.frame.set_index("dossier_id")
    assert records["channel"].tolist() == ["online", "counter", "counter", "counter", "online"]
    assert records["status"].tolist() == ["returned", "returned", "processing", "refused",
                                          "registered"]
    assert set(records["unit_code"]) == {"13531"}

    ingest.commit(district, checked, "tester")
    assert query(district, "SELECT received, resolved_early, resolved_on_time, pending_in_time, "
                 "online_full, with_fee, digitised FROM dossier_stats "
                 "WHERE unit_code = '13531' AND month = '2025-07-01'") == [
        (3, 1, 1, 1, None, None, None)]
    july = figures.commune_values(district, periods.parse("2025-07")).set_index(
        ["indicator", "unit_code"])
    assert july.loc[("on_time_rate", "13531"), "value"] == 1.0
    assert july.loc[("online_rate", "13531"), "status"] == "no_data"

    for stored in district.path.parent.glob("*.duckdb*"):
        data = stored.read_bytes()
        assert not any(o.encode() in data for o in OWNERS), stored
    log = district.run("import_history").iloc[0]
    kept = ingest.archive_folder(district) / log["archive"]
    assert kept.suffix == (".csv" if suffix == "csv" else ".xlsx")
    assert log["checksum"] == ingest.checksum(path)
    kept_cells = cells(kept)
    assert "Đăng ký khai sinh" in kept_cells and "H-0003" in kept_cells
    assert not any(o in c for o in OWNERS for c in kept_cells)


def test_a_dry_run_says_how_the_file_was_understood(district, tmp_path, capsys):  # noqa: F811
    from grassroots import __main__ as cli

    path = excel(tmp_path / "danh-sach.xlsx", ROWS)
    assert cli.main(["import", str(path), "--dry-run", "--db", str(district.path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == (
        "Báo cáo: đọc là Hồ sơ thủ tục hành chính — danh sách từng hồ sơ. Cột: E «Mã hồ sơ» → "
        "Mã hồ sơ; B «Đơn vị "
        "tiếp nhận» → Tên xã; K «Ngày tiếp nhận» → Ngày tiếp nhận; L «Ngày hẹn trả» → Ngày hẹn "
        "trả; M «Ngày có kết quả» → Ngày trả kết quả; G «Kênh thực hiện» → Hình thức nộp; F "
        "«Trạng thái» → Trạng thái. Thời gian: 01/07/2025–20/07/2025. Xã (1): Bồ Đề. Bỏ qua: "
        "«STT», «Người tiếp nhận», «Tên thủ tục hành chính», «Địa chỉ», «Chủ hồ sơ», «Ngày nộp "
        "hồ sơ».")
