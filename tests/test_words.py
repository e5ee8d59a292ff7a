"""Periods and words: what the reader sees of dates, numbers and names."""

from datetime import date

import pytest

from grassroots import catalog, i18n, periods


@pytest.mark.parametrize("code, kind, start, end, vi, en", [
    ("2025-06", "month", date(2025, 6, 1), date(2025, 6, 1), "Tháng 6/2025", "Jun 2025"),
    ("2025-Q2", "quarter", date(2025, 4, 1), date(2025, 6, 1), "Quý II/2025", "Q2 2025"),
    ("2025-H2", "half", date(2025, 7, 1), date(2025, 12, 1), "6 tháng cuối năm 2025", "H2 2025"),
    ("2024", "year", date(2024, 1, 1), date(2024, 12, 1), "Năm 2024", "2024"),
    ("2024-03..2025-02", "range", date(2024, 3, 1), date(2025, 2, 1),
     "Từ tháng 3/2024 đến tháng 2/2025", "Mar 2024 – Feb 2025"),
])
def test_a_period_code_round_trips(code, kind, start, end, vi, en):
    period = periods.parse(code)
    assert (period.kind, period.start, period.end, period.code) == (kind, start, end, code)
    assert (period.label("vi"), period.label("en")) == (vi, en)


@pytest.mark.parametrize("code, previous, year_earlier", [
    ("2025-01", "2024-12", "2024-01"),
    ("2025-Q1", "2024-Q4", "2024-Q1"),
    ("2025-Q3", "2025-Q2", "2024-Q3"),
    ("2025-H1", "2024-H2", "2024-H1"),
    ("2025", "2024", "2024"),
    ("2024-11..2025-02", "2024-07..2024-10", "2023-11..2024-02"),
])
def test_the_previous_period_and_a_year_earlier(code, previous, year_earlier):
    period = periods.parse(code)
    assert (period.previous().code, period.year_earlier().code) == (previous, year_earlier)


@pytest.mark.parametrize("code, kind, seen_as", [
    ("2025-05", "quarter", "2025-Q2"), ("2025-Q2", "half", "2025-H1"), ("2025-Q2", "year", "2025"),
    ("2025-Q2", "range", "2025-04..2025-06"), ("2024-03..2025-02", "month", "2025-02"),
])
def test_switching_kind_keeps_the_last_month_in_view(code, kind, seen_as):
    assert periods.parse(code).as_kind(kind).code == seen_as


@pytest.mark.parametrize("code", ["", None, "2025-13", "2025-Q5", "2025-H3", "25", "2025-6", "x",
                                  "2025-03..2024-03", "2025-03..", "2025-00..2025-02"])
def test_anything_else_is_not_a_period(code):
    assert periods.parse(code) is None


def test_options_overlap_the_data_newest_first():
    found = periods.options("quarter", date(2024, 11, 1), date(2025, 4, 1))
    assert [p.code for p in found] == ["2025-Q2", "2025-Q1", "2024-Q4"]
    assert periods.parse("2025-Q2").months() == 3


@pytest.mark.parametrize("amount, decimals, vi, en", [
    (1234.5, 1, "1.234,5", "1,234.5"), (7526, 0, "7.526", "7,526"), (0.5, 2, "0,50", "0.50"),
    (None, 0, "–", "–"), (float("nan"), 1, "–", "–"),
])
def test_numbers_in_each_language(amount, decimals, vi, en):
    assert i18n.number(amount, "vi", decimals) == vi
    assert i18n.number(amount, "en", decimals) == en


def test_indicator_values_and_changes():
    on_time, receptions = catalog.BY_ID["on_time_rate"], catalog.BY_ID["secretary_receptions"]
    assert i18n.value(on_time, 0.9822, "vi") == "98,2%"
    assert i18n.value(receptions, 1.96, "vi") == "2,0 ngày/tháng"
    assert i18n.value(receptions, 1.96, "en", unit=False) == "2.0"
    assert i18n.delta(on_time, -0.012, "vi") == "-1,2 điểm %"
    assert i18n.delta(on_time, 0.003, "en") == "+0.3 pts"
    assert i18n.delta(on_time, None, "vi") is None
    assert i18n.delta(receptions, -0.01, "vi") == "0,0 ngày/tháng"


def test_the_parent_unit_wording_follows_its_level():
    assert i18n.parent_total("district", "vi") == "Toàn huyện"
    assert i18n.parent_total("province", "vi") == "Toàn tỉnh"
    assert i18n.parent_total("province", "en") == "Whole province"


def test_names_sort_in_vietnamese_order():
    names = ["Đồng Du", "Đồn Xá", "Bồ Đề", "An Lão", "Ân Thi", "Ăn Ba", "Bình Mỹ", "Dương", "Ea"]
    assert i18n.sorted_names(names) == [
        "An Lão", "Ăn Ba", "Ân Thi", "Bình Mỹ", "Bồ Đề", "Dương", "Đồn Xá", "Đồng Du", "Ea"]


def test_every_string_has_both_languages():
    assert all(len(pair) == 2 and all(pair) for pair in i18n.STRINGS.values())


def test_every_indicator_formula_is_in_the_users_words():
    assert catalog.BY_ID["on_time_rate"].formula == (
        "(Giải quyết trước hạn + Giải quyết đúng hạn) / "
        "(Giải quyết trước hạn + Giải quyết đúng hạn + Giải quyết quá hạn)")
    assert catalog.BY_ID["secretary_receptions"].formula == (
        "Số ngày Bí thư tiếp công dân / Số tháng")
    assert all("_" not in i.formula for i in catalog.INDICATORS)
