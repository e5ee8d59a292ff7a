"""Tables under the charts and their files: the numbers on screen are the numbers downloaded."""

import io

import openpyxl
import pandas as pd
import pytest

from grassroots import catalog, export, figures, periods
from grassroots.db import Database

ON_TIME = catalog.BY_ID["on_time_rate"]


@pytest.fixture(scope="module")
def ranking_table(demo_db):
    database = Database(demo_db)
    frame = figures.ranking(database, ON_TIME, periods.parse("2025-06"))
    database.close()
    return export.ranking_table(frame, ON_TIME, "Đúng hạn — Tháng 6/2025",
                                ["Huyện Bình Lục · DỮ LIỆU MẪU", "Nguồn: báo cáo của các xã"],
                                "vi"), frame


def test_the_csv_is_the_table_on_screen(ranking_table):
    table, frame = ranking_table
    data = export.to_csv(table, "vi")
    assert data.startswith("\ufeff".encode())  # Excel reads the diacritics right
    shown = pd.read_csv(io.BytesIO(data), dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert list(shown.columns) == ["Hạng", "Xã", "Tử số", "Mẫu số", "Giá trị", "Chỉ tiêu",
                                   "Đánh giá"]
    pd.testing.assert_frame_equal(shown, export.formatted(table, "vi"))
    first = frame.iloc[0]
    assert shown.iloc[0]["Giá trị"] == f"{100 * first['value']:.1f}%".replace(".", ",")
    an_lao = shown.set_index("Xã").loc["An Lão"]
    assert (an_lao["Hạng"], an_lao["Giá trị"], an_lao["Đánh giá"]) == ("–", "–",
                                                                       "Không có số liệu")


def test_the_excel_file_keeps_numbers_as_numbers(ranking_table):
    table, frame = ranking_table
    sheet = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(table))).active
    assert sheet["A1"].value == "Đúng hạn — Tháng 6/2025"
    assert "DỮ LIỆU MẪU" in sheet["A2"].value and sheet["A3"].value.startswith("Nguồn: ")
    assert [c.value for c in sheet[5]] == list(table.frame.columns)
    value = sheet.cell(row=6, column=5)
    assert value.value == pytest.approx(frame.iloc[0]["value"])
    assert value.number_format == "0.0%"
    assert sheet.max_row == 5 + 15


def test_the_trend_table_has_the_parent_first_and_a_column_per_period(demo_db):
    database = Database(demo_db)
    period = periods.parse("2025-Q2")
    trend = figures.trend(database, ON_TIME, period)
    database.close()
    table = export.trend_table(trend, ON_TIME, "quarter", "Toàn huyện", "t", ["s"], "vi")
    assert list(table.frame.iloc[:, 0])[:3] == ["Toàn huyện", "An Đổ", "An Lão"]
    assert list(table.frame.columns)[1] == "Quý I/2022"
    assert list(table.frame.columns)[-1] == "Quý II/2025" and len(table.frame.columns) == 15
