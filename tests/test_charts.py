"""Chart builders, read back from their Vega-Lite specs: what the reader will see."""

import pandas as pd
import pytest

from grassroots import catalog, charts, figures, i18n, maps, periods, scores
from grassroots.db import Database

ON_TIME = catalog.BY_ID["on_time_rate"]


def rows(spec: dict) -> list[dict]:
    return [row for dataset in spec["datasets"].values() for row in dataset]


def test_a_ranking_of_close_rates_draws_dots_on_an_axis_zoomed_to_them(district):
    """On-time rates of 94,3–100%: from zero, 99,2% and 99,9% would look the same."""
    period = periods.parse("2025-06")
    frame = figures.ranking(district, ON_TIME, period)
    spec = charts.ranking(frame, ON_TIME, 0.992, "Toàn huyện", 1.0, "Đúng hạn — Tháng 6/2025",
                          ["Huyện Bình Lục · DỮ LIỆU MẪU", "Nguồn: x"], "vi")
    assert spec["title"]["text"] == "Đúng hạn — Tháng 6/2025"
    assert "DỮ LIỆU MẪU" in spec["title"]["subtitle"][0]
    assert spec["title"]["subtitle"][2:] == ["Trục hoành bắt đầu từ 94,0%, không từ 0",
                                             "Không có số liệu: An Lão"]
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    dots = spec["layer"][0]
    assert dots["mark"]["type"] == "circle"
    assert dots["encoding"]["x"]["scale"]["domain"] == [pytest.approx(0.94), 1.0]
    scale = dots["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"]))["Chưa đạt"] == "#d73027"
    data = rows(spec)
    tieu_dong = next(r for r in data if r.get("name") == "Tiêu Động")
    assert tieu_dong["status_label"] == "Chưa đạt" and tieu_dong["value_label"] == "94,3%"
    assert "An Lão" not in {r.get("name") for r in data}  # no mark, no place
    labels = {r["label"] for r in data if "label" in r}
    assert labels == {"Toàn huyện: 99,2%", "Chỉ tiêu: 100,0%"}
    assert dots["encoding"]["y"]["sort"] == list(frame["name"])[:-1]
    values = spec["layer"][1]  # written at the right edge, clear of the rules
    assert values["encoding"]["x"] == {"value": "width"}


def test_a_ranking_of_spread_values_draws_bars_from_zero(district):
    receptions = catalog.BY_ID["chair_receptions"]
    frame = figures.ranking(district, receptions, periods.parse("2025-06"))
    spec = charts.ranking(frame, receptions, 3.0, "Toàn huyện", 4.0, "t", ["s"], "vi")
    assert spec["layer"][0]["mark"]["type"] == "bar"
    assert "scale" not in spec["layer"][0]["encoding"]["x"]
    assert not any("Trục hoành" in line for line in spec["title"]["subtitle"])


@pytest.mark.parametrize("values, axis", [
    ([0.948, 1.0, 0.992], [0.94, 1.0]),
    ([0.70, 0.80, 0.975], [0.6, 1.0]),  # below, not at: no dot sits on the axis
    ([0.2, 0.9], None),  # spread: from zero
])
def test_the_zoomed_axis_starts_at_a_round_figure_below_the_lowest(values, axis):
    zoomed = charts.zoomed_axis(values, ON_TIME)
    assert zoomed == (None if axis is None else [pytest.approx(axis[0]), axis[1]])


def test_ranking_without_target_has_only_the_parent_rule(district):
    early = catalog.BY_ID["early_rate"]
    frame = figures.ranking(district, early, periods.parse("2024"))
    spec = charts.ranking(frame, early, 0.7, "Whole district", None, "t", ["s"], "en")
    assert {r["label"] for r in rows(spec) if "label" in r} == {"Whole district: 70.0%"}
    assert {r["status_label"] for r in rows(spec) if "status_label" in r} == {"No target"}


def test_trend_draws_the_parent_over_the_communes(district):
    period = periods.parse("2025-Q2")
    frame = figures.trend(district, ON_TIME, period)
    spec = charts.trend(frame, ON_TIME, "quarter", "Toàn huyện", 1.0, "t", ["s"], "vi")
    series = pd.DataFrame([r for r in rows(spec) if "series" in r])
    assert set(series["series"]) == {"Toàn huyện", "Các xã"}
    assert series[series["series"] == "Toàn huyện"]["bucket"].nunique() == 14  # 2022-Q1..2025-Q2
    assert spec["layer"][0]["encoding"]["x"]["axis"]["format"] == "Q%q/%Y"


def test_scorecard_has_a_cell_per_commune_and_indicator(district):
    frame = figures.commune_values(district, periods.parse("2025-06"))
    indicators = [catalog.BY_ID[i] for i in catalog.SCORECARD]
    order = i18n.sorted_names(frame["name"])
    spec = charts.scorecard(frame, indicators, order, "t", ["s"], "vi")
    cells = [r for r in rows(spec) if "indicator_label" in r]
    assert len(cells) == 15 * len(indicators)
    an_lao = next(r for r in cells if r["name"] == "An Lão" and r["indicator"] == "on_time_rate")
    assert (an_lao["value_label"], an_lao["status_label"]) == ("–", "Không có số liệu")
    assert spec["layer"][0]["encoding"]["y"]["sort"][-3:] == ["Tràng An", "Trung Lương", "Vũ Bản"]


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    from bench import scale

    database = Database(scale.make("province", tmp_path_factory.mktemp("province")))
    yield database
    database.close()


def test_a_province_ranking_shows_its_ends_and_says_so(province):
    period = periods.parse("2025-Q4")
    frame = figures.ranking(province, ON_TIME, period)
    spec = charts.ranking(frame, ON_TIME, 0.99, "Toàn tỉnh", 1.0, "t", ["s"], "vi")
    bars = [r for r in rows(spec) if "status_label" in r]
    assert len(frame) == 129 and len(bars) == 40
    assert [r["name"] for r in bars][:20] == frame["name"].head(20).tolist()
    assert [r["name"] for r in bars][20:] == frame["name"].tail(20).tolist()
    assert spec["title"]["subtitle"][1] == ("20 xã đứng đầu và 20 xã cuối trong 129 xã; đủ danh "
                                            "sách ở bảng số liệu dưới biểu đồ.")


def test_a_province_trend_draws_the_communes_as_a_band(province):
    period = periods.parse("2025-Q4")
    frame = figures.trend(province, ON_TIME, period)
    spec = charts.trend(frame, ON_TIME, "quarter", "Toàn tỉnh", 1.0, "t", ["s"], "vi")
    assert spec["layer"][0]["mark"]["type"] == "area"
    quarters = frame["bucket"].nunique()
    assert len(rows(spec)) <= 3 * quarters + 1  # a band and the parent line, not 129 lines
    band = next(rows for rows in spec["datasets"].values() if "low" in rows[0])
    assert all(r["low"] <= r["high"] for r in band)


def test_a_map_against_the_target_uses_the_scorecards_colours_and_says_so(district):
    """A commune within a point of target is "close", not red as the lowest quantile was."""
    period = periods.parse("2025-06")
    frame = figures.ranking(district, ON_TIME, period)
    legend = maps.legend("status", 0, 1.0, ON_TIME, "vi")
    spec = charts.choropleth(maps.layer(district), frame, ON_TIME, None, legend, "t", ["s"], "vi")
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["title"] == "So với chỉ tiêu 100,0%"
    assert dict(zip(colour["scale"]["domain"], colour["scale"]["range"])) == {
        "Đạt": "#1a9850", "Gần đạt": "#f4a41c", "Chưa đạt": "#d73027",
        "Không có số liệu": "#d9d9d9"}
    drawn = {r["name"]: r["class_label"] for r in spec["datasets"][charts.MAP_VALUES]}
    assert drawn["Tràng An"] == "Gần đạt"  # 99,5%
    assert drawn["Tiêu Động"] == "Chưa đạt" and drawn["Bồ Đề"] == "Đạt"
    assert drawn["An Lão"] == "Không có số liệu"


def test_a_map_by_classes_names_its_method_and_count(district):
    frame = figures.ranking(district, ON_TIME, periods.parse("2025-06"))
    bounds = maps.breaks(frame["value"], "quantiles", 4)
    legend = maps.legend("quantiles", len(bounds), None, ON_TIME, "en")
    spec = charts.choropleth(maps.layer(district), frame, ON_TIME, bounds, legend, "t", ["s"],
                             "en")
    assert spec["layer"][0]["encoding"]["color"]["title"] == f"{len(bounds)} classes by quantiles"


def test_the_profile_chart_puts_the_commune_beside_the_parent_and_the_best(district):
    period = periods.parse("2025-Q2")
    frame = scores.profile_scores(figures.profile(district, "13558", period))
    spec = charts.profile(frame, "Xã Tiêu Động", "Toàn huyện", "t", ["s"], "vi")
    data = pd.DataFrame(rows(spec))
    on_time = data[data["indicator"] == "Đúng hạn"].set_index("series")
    assert set(on_time.index) == {"Xã Tiêu Động", "Toàn huyện", "Xã tốt nhất"}
    mine = frame.set_index("indicator").loc["on_time_rate"]
    assert on_time.loc["Xã Tiêu Động", "score"] == pytest.approx(100 * mine["value"])
    assert on_time.loc["Xã Tiêu Động", "value_label"] == i18n.value(ON_TIME, mine["value"], "vi")
    best = figures.ranking(district, ON_TIME, period).iloc[0]
    assert on_time.loc["Xã tốt nhất", "detail"] == best["name"]
    assert spec["layer"][-1]["encoding"]["x"] == {"value": "width"}  # values at the right
    assert spec["title"]["subtitle"][-1] == "Chưa có chỉ tiêu: Thứ Bảy với dân"
    assert spec["layer"][2]["encoding"]["x"]["scale"]["domain"] == [0, 100]
    dialogues = data[(data["indicator"] == "Đối thoại") & (data["series"] == "Xã Tiêu Động")]
    assert dialogues["score"].tolist() == [0]  # none held against one a year: 0, not missing


def test_a_commune_viewers_profile_chart_has_no_one_to_compare_with(district):
    frame = scores.profile_scores(figures.profile(district, "13558", periods.parse("2025-Q2")))
    spec = charts.profile(frame, "Xã Tiêu Động", "Toàn huyện", "t", ["s"], "vi",
                          compared=False)
    assert {r["series"] for r in rows(spec) if "series" in r} == {"Xã Tiêu Động"}
