"""Periods and words: what the reader sees of dates, numbers and names."""

from datetime import date

import pytest
from babel.messages import extract, frontend, pofile

from grassroots import catalog, db, i18n, periods

ROOT = db.ROOT


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


def said_in_the_code() -> set[str]:
    """Every message the code says or marks, as Babel finds it through babel.cfg (what
    `make messages` extracts)."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as file:
        method_map, options_map = frontend.parse_mapping_cfg(file)
    return {message if isinstance(message, str) else message[0] for _, _, message, _, _ in
            extract.extract_from_dir(ROOT, method_map, options_map)}


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_message_said_is_in_each_catalogue_and_none_is_left_over(lang):
    with open(i18n.LOCALE / lang / "LC_MESSAGES" / "messages.po", "rb") as file:
        catalogue = {m.id if isinstance(m.id, str) else m.id[0] for m in pofile.read_po(file)
                     if m.id}
    said = said_in_the_code()
    assert sorted(said - catalogue) == [], "said in the code, missing from the catalogue"
    assert sorted(catalogue - said) == [], "in the catalogue, said nowhere"


def test_every_vietnamese_message_is_translated_and_checked():
    with open(i18n.LOCALE / "vi" / "LC_MESSAGES" / "messages.po", "rb") as file:
        catalogue = pofile.read_po(file)
    untranslated = [m.id for m in catalogue if m.id and not all(
        [m.string] if isinstance(m.string, str) else m.string)]
    assert untranslated == [] and [m.id for m in catalogue if m.fuzzy and m.id] == []
    assert catalogue.num_plurals == 1  # Vietnamese nouns do not change with a count


def test_words_follow_a_count_in_english_only():
    saved = ("Saved boundaries of {count} commune.", "Saved boundaries of {count} communes.")
    assert i18n.tn(*saved, 1, "en") == "Saved boundaries of 1 commune."
    assert i18n.tn(*saved, 1234, "en") == "Saved boundaries of 1,234 communes."
    assert i18n.tn(*saved, 1234, "vi") == "Đã lưu ranh giới của 1.234 xã."


def test_a_message_missing_from_the_catalogues_is_an_error_not_shown_as_written():
    with pytest.raises(KeyError):
        i18n.t("A sentence nobody translated", "vi")


def test_dates_in_each_language():
    assert i18n.day(date(2025, 7, 1), "vi") == "01/07/2025"
    assert i18n.day(date(2025, 7, 1), "en") == "1 Jul 2025"


def test_every_indicator_formula_is_in_the_users_words():
    assert catalog.BY_ID["on_time_rate"].formula == (
        "(Giải quyết trước hạn + Giải quyết đúng hạn) / "
        "(Giải quyết trước hạn + Giải quyết đúng hạn + Giải quyết quá hạn)")
    assert catalog.BY_ID["secretary_receptions"].formula == (
        "Số ngày Bí thư tiếp công dân / Số tháng")
    assert all("_" not in i.formula for i in catalog.INDICATORS)
