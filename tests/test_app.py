"""Every page in Streamlit's AppTest, on a copy of the demo database: no exception, and the
values on screen equal the figures computed here straight from the demo's CSV files."""

import json
from datetime import date

import pandas as pd
import pyarrow as pa
import pytest
from altair.vegalite.v6.schema.core import Root
from streamlit.testing.v1 import AppTest

from grassroots import demo

FAMILY_PAGES = {
    "dossiers": "Tỷ lệ hồ sơ giải quyết đúng hạn",
    "letters": "Tỷ lệ gửi thư chúc mừng, chia buồn",
    "engagement": "Số ngày Bí thư tiếp công dân mỗi tháng",
    "cadres": "Tỷ lệ cán bộ, công chức có trình độ đại học trở lên",
    "satisfaction": "Tỷ lệ người dân hài lòng",
}


def dossiers_csv() -> pd.DataFrame:
    frame = pd.read_csv(demo.FOLDER / "dossiers.csv", dtype={"Mã xã": str})
    return frame[frame["Tháng"].between("2025-04", "2025-06")]


def on_time(frame: pd.DataFrame) -> float:
    good = frame["Giải quyết trước hạn"] + frame["Giải quyết đúng hạn"]
    return good.sum() / (good + frame["Giải quyết quá hạn"]).sum()


def percent(value: float) -> str:
    return f"{100 * value:.1f}%".replace(".", ",")


def specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def chart_rows(at: AppTest, index: int) -> pd.DataFrame:
    """The rows a chart draws (Streamlit sends them beside the spec, as Arrow)."""
    chart = at.get("vega_lite_chart")[index]
    return pd.concat(pa.ipc.open_stream(d.data.data).read_all().to_pandas()
                     for d in chart.proto.datasets)


def test_overview_tiles_and_scorecard(app):
    at = app()
    assert not at.exception
    tiles = {m.label: (m.value, m.delta) for m in at.metric}
    assert list(tiles) == ["Đúng hạn", "Gửi thư", "Bí thư tiếp dân", "Đại học trở lên",
                           "Hài lòng"]
    assert tiles["Đúng hạn"][0] == percent(on_time(dossiers_csv()))
    assert tiles["Đại học trở lên"][1] == "0,0 điểm %"  # the same snapshot: no change
    assert tiles["Gửi thư"][1].startswith(("+", "-"))
    assert any("DỮ LIỆU MẪU" in w.value for w in at.warning)
    [scorecard] = specs(at)
    assert scorecard["title"]["text"] == "Bảng điểm các xã theo chỉ tiêu — Quý II/2025"
    cells = chart_rows(at, 0)
    assert cells["name"].nunique() == 15
    on_time_cells = cells[cells["indicator"] == "on_time_rate"].set_index("name")
    assert on_time_cells.loc["Tiêu Động", "status_label"] == "Chưa đạt"


@pytest.mark.parametrize("page", FAMILY_PAGES)
def test_every_family_page_ranks_trends_and_tabulates(app, page):
    at = app().switch_page(f"app_pages/{page}.py").run()
    assert not at.exception
    ranking, choropleth, trend, *_ = specs(at)
    assert ranking["title"]["text"] == f"{FAMILY_PAGES[page]} — Quý II/2025"
    assert ranking["layer"][0]["encoding"]["x"]["field"] == "value"
    assert trend["layer"][0]["encoding"]["x"]["field"] == "bucket"
    assert choropleth["layer"][0]["mark"]["type"] == "geoshape"
    assert len(json.loads(choropleth["layer"][0]["data"]["values"])) == 15
    table = at.dataframe[0].value
    assert len(table) == 15 and list(table.columns)[:2] == ["Hạng", "Xã"]
    assert at.query_params["ky"] == "2025-Q2"


@pytest.mark.parametrize("page", ["overview", *FAMILY_PAGES, "map", "compare", "score",
                                  "profile"])
def test_every_chart_is_valid_vega_lite(app, page):
    """Charts are built as Vega-Lite dicts (grassroots.charts): each chart a page draws is
    checked here against the Vega-Lite schema that Altair ships."""
    at = app({"ss": "13501,13558"}).switch_page(f"app_pages/{page}.py").run()
    assert not at.exception and specs(at)
    for spec in specs(at):
        Root.validate(spec)


def test_the_dossier_ranking_shows_the_csv_figures(app):
    at = app().switch_page("app_pages/dossiers.py").run()
    table = at.dataframe[0].value.set_index("Xã")
    communes = dossiers_csv().groupby("Tên xã")[
        ["Giải quyết trước hạn", "Giải quyết đúng hạn", "Giải quyết quá hạn"]].sum()
    expected = {name: percent(on_time(row.to_frame().T)) for name, row in communes.iterrows()}
    assert table["Giá trị"].to_dict() == expected
    assert table.loc["Tiêu Động", "Đánh giá"] == "Chưa đạt"
    assert table.index[0] != "Tiêu Động" and table.loc[table.index[0], "Hạng"] == "1"


def test_a_link_reopens_period_indicator_and_language(app):
    at = app({"ky": "2024", "chitieu": "online_rate", "lang": "en"})
    assert at.sidebar.selectbox(key="ky").value == "2024" and at.sidebar.toggle[0].value
    at = at.switch_page("app_pages/dossiers.py").run()
    assert not at.exception
    assert at.selectbox(key="chitieu_dossiers").value == "online_rate"
    ranking, *_ = specs(at)
    assert ranking["title"]["text"] == "Full-process online dossiers — 2024"
    assert at.dataframe[0].value.columns[0] == "Rank"


def test_switching_to_month_keeps_the_period_in_view(app):
    at = app({"ky": "2025-Q1"})
    at.sidebar.get("button_group")[0].set_value("year").run()
    assert at.sidebar.selectbox(key="ky").value == "2025"
    at.sidebar.selectbox(key="ky").set_value("2023").run()
    assert at.query_params["ky"] == "2023"
    assert at.metric[0].help.endswith("Năm 2022")


def test_a_period_kind_cleared_by_a_client_keeps_the_period(app):
    """A browser cannot clear the kind (it is required); another client's rerun can."""
    at = app({"ky": "2025-Q1"})
    at.sidebar.get("button_group")[0].set_value(None).run()
    assert not at.exception
    assert at.sidebar.selectbox(key="ky").value == "2025-Q1"
    assert at.metric[0].help.endswith("Quý IV/2024")


def test_a_month_not_reported_shows_no_data(app):
    at = app({"ky": "2025-06"}).switch_page("app_pages/dossiers.py").run()
    table = at.dataframe[0].value.set_index("Xã")
    assert (table.loc["An Lão", "Giá trị"], table.loc["An Lão", "Đánh giá"]) == (
        "–", "Không có số liệu")
    assert table.index[-1] == "An Lão"


def test_the_overview_lists_what_needs_attention_with_links(app):
    at = app({"ky": "2025-06"})
    links = {link.proto.label: (link.proto.page, link.proto.query_string)
             for link in at.get("page_link")}
    assert links["An Lão — Hồ sơ TTHC: mới báo cáo 0/1 tháng"] == (
        "ho-so-xa", "xa=13561&ky=2025-06")
    assert links["Ngọc Lũ — Mức độ hài lòng: mới báo cáo 0/1 tháng"][1].startswith("xa=13519")
    june = pd.read_csv(demo.FOLDER / "dossiers.csv", dtype={"Mã xã": str})
    june = june[(june["Tháng"] == "2025-06") & (june["Mã xã"] == "13558")]
    on_time_item = next(label for label in links
                        if label.startswith("Tỷ lệ hồ sơ giải quyết đúng hạn:"))
    assert f"Tiêu Động ({percent(on_time(june))})" in on_time_item
    assert links[on_time_item] == ("dossiers", "chitieu=on_time_rate&ky=2025-06")


def test_tiles_compare_with_the_same_period_a_year_earlier(app):
    at = app({"ky": "2025-Q2"})
    captions = [c.value for c in at.caption if c.value.startswith("Cùng kỳ (Quý II/2024)")]
    assert len(captions) == 5
    q2 = dossiers_csv()
    year_ago = pd.read_csv(demo.FOLDER / "dossiers.csv")
    year_ago = year_ago[year_ago["Tháng"].between("2024-04", "2024-06")]
    change = round(100 * (on_time(q2) - on_time(year_ago)), 1)
    colour, arrow = ("green", "▲") if change > 0 else ("red", "▼")
    assert f":{colour}[{arrow} {change:+.1f} điểm %]".replace(".", ",") in captions[0]


def test_a_custom_range_from_the_link(app):
    at = app({"ky": "2024-03..2025-02"})
    assert not at.exception
    assert at.sidebar.select_slider[0].value == ("2024-03", "2025-02")
    at = at.switch_page("app_pages/dossiers.py").run()
    ranking, *_ = specs(at)
    assert ranking["title"]["text"].endswith("— Từ tháng 3/2024 đến tháng 2/2025")


def test_half_years_are_offered(app):
    at = app({"ky": "2025-H1"})
    assert at.sidebar.selectbox(key="ky").value == "2025-H1"
    assert "6 tháng cuối năm 2024" in at.metric[0].help


def test_a_range_beyond_the_data_is_cut_to_it(app):
    at = app({"ky": "2020-01..2025-02"})
    assert at.sidebar.select_slider[0].value == ("2022-01", "2025-02")
    assert at.query_params["ky"] == "2022-01..2025-02"


def test_the_profile_of_a_commune_from_its_link(app):
    at = app({"xa": "13558", "ky": "2025-Q2"}).switch_page("app_pages/profile.py").run()
    assert not at.exception
    assert at.selectbox(key="xa").value == "13558"
    texts = " ".join(m.value for m in at.markdown)
    assert "Yếu nhất so với toàn huyện" in texts
    q2 = dossiers_csv()
    district = percent(on_time(q2))
    tieu_dong = percent(on_time(q2[q2["Mã xã"] == "13558"]))
    assert f"Tỷ lệ hồ sơ giải quyết đúng hạn: {tieu_dong} (toàn huyện {district}; hạng 15/15)" \
        in texts
    table = at.dataframe[0].value.set_index("Chỉ số")
    row = table.loc["Tỷ lệ hồ sơ giải quyết đúng hạn"]
    assert (row["Giá trị"], row["Hạng"], row["Toàn huyện"], row["Đánh giá"]) == (
        tieu_dong, "15/15", district, "Chưa đạt")
    assert len(row["Diễn biến"]) == 8


def test_the_composite_score_page_ranks_and_saves_weights(app):
    at = app({"ky": "2025-Q2"}).switch_page("app_pages/score.py").run()
    assert not at.exception
    ranking, bump = specs(at)
    assert ranking["title"]["text"] == "Điểm tổng hợp — Quý II/2025"
    table = at.dataframe[0].value
    assert list(table["Hạng"][:1]) == ["1"] and len(table) == 15
    ranks = at.dataframe[1].value
    assert list(ranks.columns)[-1] == "Quý II/2025" and len(ranks.columns) == 7
    before = table.set_index("Xã")["Điểm tổng hợp"].to_dict()
    for group in ("transparency", "digitisation", "online_service", "online_payment",
                  "satisfaction"):
        at.number_input(key=f"weight-{group}").set_value(0)
    at.button[0].click().run()
    assert at.success[0].value == "Đã lưu trọng số."
    after = at.dataframe[0].value.set_index("Xã")
    assert after["Điểm tổng hợp"].to_dict() == after["Tiến độ giải quyết"].to_dict() != before


def test_compare_shows_the_chosen_communes_side_by_side(app):
    at = app({"ss": "13501,13558,13555", "ky": "2025-Q2"}).switch_page("app_pages/compare.py")
    at = at.run()
    assert not at.exception
    assert at.multiselect(key="ss").value == ["13501", "13558", "13555"]
    bars, trend, profile = specs(at)
    assert bars["facet"]["row"]["field"] == "indicator_label"
    table = at.dataframe[0].value.set_index("Chỉ số")
    assert list(table.columns) == ["Bình Mỹ", "Tiêu Động", "La Sơn"]
    q2 = dossiers_csv()
    assert table.loc["Tỷ lệ hồ sơ giải quyết đúng hạn", "Tiêu Động"] == percent(
        on_time(q2[q2["Mã xã"] == "13558"]))
    colours = trend["layer"][0]["encoding"]["color"]["scale"]
    assert colours["domain"][:4] == ["Toàn huyện", "Bình Mỹ", "Tiêu Động", "La Sơn"]
    trend_rows = at.dataframe[1].value
    assert list(trend_rows["Xã"]) == ["Toàn huyện", "Bình Mỹ", "La Sơn", "Tiêu Động"]
    scores_table = at.dataframe[2].value.set_index("Chỉ số")
    assert scores_table.loc["Đúng hạn", "Tiêu Động"] == \
        f"{100 * on_time(q2[q2['Mã xã'] == '13558']):.1f}".replace(".", ",")


def test_compare_asks_for_two_communes(app):
    at = app({"ss": "13501"}).switch_page("app_pages/compare.py").run()
    assert at.info[0].value == "Chọn ít nhất 2 xã để so sánh."


def test_engagement_page_shows_compliance_per_commune_and_month(app):
    at = app({"ky": "2025-Q2"}).switch_page("app_pages/engagement.py").run()
    assert not at.exception
    assert at.selectbox(key="quydinh").value == "chair_reception"
    *_, compliance = specs(at)
    assert compliance["title"]["text"] == "Chủ tịch UBND tiếp công dân — Quý II/2025"
    table = at.dataframe[-1].value.set_index("Xã")
    assert list(table.columns) == ["04/2025", "05/2025", "06/2025", "Số tháng đạt"]
    assert all(cell.split("/")[1] in "45" for cell in table["05/2025"])
    at.selectbox(key="quydinh").set_value("secretary_reception").run()
    assert at.query_params["quydinh"] == "secretary_reception"
    assert set(at.dataframe[-1].value["04/2025"]) <= {"0/2", "1/2", "2/2", "3/2"}


def test_the_scorecard_sorts_by_any_column(app):
    at = app({"ky": "2025-Q2", "sapxep": "on_time_rate"})
    [scorecard] = specs(at)
    order = scorecard["layer"][0]["encoding"]["y"]["sort"]
    table = at.dataframe[-1].value
    assert list(table["Xã"]) == order
    assert order[-1] == "Tiêu Động"  # the lowest on-time rate
    at.selectbox(key="sapxep").set_value("composite_score").run()
    assert at.query_params["sapxep"] == "composite_score"
    scores_shown = [float(v.replace(",", ".")) for v in at.dataframe[-1].value["Điểm"]]
    assert scores_shown == sorted(scores_shown, reverse=True)


def _submit(at, form: str):
    [button] = [b for b in at.button if b.proto.form_id == form]
    return button.click().run()


def test_edited_minimums_judge_the_ranking_too(app):
    at = app({"ky": "2025-Q2"}).switch_page("app_pages/engagement.py").run()
    table = at.dataframe[0].value
    assert set(table["Chỉ tiêu"]) == {"2,0"}
    assert at.date_input(key="rule-since").value == date(2025, 4, 1)
    at.number_input(key="rule-secretary_reception@2025-Q2").set_value(3)
    _submit(at, "rule")
    assert not at.exception
    assert at.success[0].value == "Đã lưu, áp dụng từ ngày 01/04/2025."
    table = at.dataframe[0].value
    assert set(table["Chỉ tiêu"]) == {"3,0"}
    assert "Đạt" not in set(table["Đánh giá"])
    at.sidebar.selectbox(key="ky").set_value("2025-Q1").run()
    assert set(at.dataframe[0].value["Chỉ tiêu"]) == {"2,0"}  # before the change


def test_a_target_set_from_a_day_judges_the_periods_after_it(app):
    at = app({"ky": "2025-Q2"}).switch_page("app_pages/dossiers.py").run()
    target = at.number_input(key="target-on_time_rate@2025-Q2")
    assert (target.label, target.value) == ("Chỉ tiêu — Tỷ lệ hồ sơ giải quyết đúng hạn (%)", 100)
    target.set_value(90.0)
    _submit(at, "target")
    assert not at.exception
    assert at.success[0].value == "Đã lưu, áp dụng từ ngày 01/04/2025."
    assert set(at.dataframe[0].value["Chỉ tiêu"]) == {"90,0%"}
    at.sidebar.selectbox(key="ky").set_value("2025-Q1").run()
    assert set(at.dataframe[0].value["Chỉ tiêu"]) == {"100,0%"}


def test_a_year_seen_as_a_range_keeps_to_the_months_with_data(app):
    at = app({"ky": "2025"})
    at.sidebar.get("button_group")[0].set_value("range").run()
    assert not at.exception
    assert at.sidebar.select_slider[0].value == ("2025-01", "2025-06")
    assert at.query_params["ky"] == "2025-01..2025-06"


def test_the_data_page_says_which_boundaries_are_in_use(app):
    at = app().switch_page("app_pages/data.py").run()
    assert not at.exception
    assert any("Đang dùng ranh giới của 15 xã, từ tệp" in c.value and "gần đúng" in c.value
               for c in at.caption)
