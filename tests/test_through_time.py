"""Figures across the 2025 reorganisation, on the real Bình Lục case: rows are checked against
the communes in force in their month, and a commune of today's figures before 1/7/2025 are its
predecessors' summed numerators over summed denominators (computed here by hand), or the
communes as they were."""

import json
from datetime import date

import pandas as pd
import pytest

from grassroots import __main__ as cli
from grassroots import catalog, db, demo, figures, ingest, periods, rules
from tests.browser import IDLE, serving
from tests.conftest import dashboard, demo_copy
from tests.test_app import chart_rows
from tests.test_browser import SHOTS
from tests.test_ingest import excel

LETTERS = ["Mã xã", "Tên xã", "Tháng", "Đăng ký khai sinh", "Thư chúc mừng khai sinh",
           "Đăng ký kết hôn", "Thư chúc mừng kết hôn", "Đăng ký khai tử", "Thư chia buồn"]
COVERAGE = catalog.BY_ID["letter_coverage"]


@pytest.fixture
def binh_luc(tmp_path) -> db.Database:
    """Bình Lục district as it was (15 communes) and what it became (5), from `init`."""
    path = tmp_path / "binh-luc.duckdb"
    assert cli.main(["init", "--former-district", "Bình Lục", "--province", "Hà Nam", "--db",
                     str(path)]) == 0
    database = db.Database(path)
    yield database
    database.close()


def imported(database: db.Database, path) -> ingest.Checked:
    checked = ingest.check(path, database.run("unit_history"), today=date(2026, 11, 29))
    if checked.ok:
        ingest.commit(database, checked, "test")
    return checked


def test_a_row_of_a_commune_that_had_ended_is_refused_naming_what_it_became(binh_luc, tmp_path):
    checked = imported(binh_luc, excel(tmp_path / "thu.xlsx", [
        LETTERS, ["13528", "An Ninh", "09/2025", 10, 10, 2, 2, 3, 3]]))
    assert checked.messages("vi") == [
        "Tệp thu.xlsx, trang «Báo cáo», dòng 2, cột A (Mã xã): xã An Ninh (13528) chỉ tồn tại đến "
        "30/06/2025; từ đó là xã Bình Giang (13531)."]
    by_name = imported(binh_luc, excel(tmp_path / "ten.xlsx", [
        LETTERS[1:], ["Bồ Đề", "08/2025", 10, 10, 2, 2, 3, 3]]))
    assert by_name.messages("en")[0].endswith(
        "xã Bồ Đề (13531) existed until 30/06/2025; since then it is xã Bình Giang (13531).")
    assert not binh_luc.run("data_range")["last"].notna().any()  # nothing written


def test_a_code_reused_names_the_commune_of_the_rows_month(binh_luc, tmp_path):
    """13531 is Bồ Đề in 05/2025 and Bình Giang in 08/2025; each name only in its time."""
    good = imported(binh_luc, excel(tmp_path / "thu.xlsx", [
        LETTERS, ["13531", "Bồ Đề", "05/2025", 10, 9, 2, 2, 3, 3],
        ["", "Bình Giang", "08/2025", 20, 20, 4, 4, 5, 5]]))
    assert good.ok, good.messages("vi")
    wrong = imported(binh_luc, excel(tmp_path / "sai.xlsx", [
        LETTERS, ["13531", "Bình Giang", "05/2025", 10, 9, 2, 2, 3, 3]]))
    assert wrong.messages("vi")[0].endswith("mã 13531 là xã Bồ Đề, không phải «Bình Giang».")
    with binh_luc.cursor() as cur:
        assert cur.execute("SELECT unit_code, month FROM letters ORDER BY month").fetchall() == [
            ("13531", date(2025, 5, 1)), ("13531", date(2025, 8, 1))]


@pytest.fixture
def letters(binh_luc, tmp_path) -> db.Database:
    """Letters of Bình Giang's three predecessors in 05/2025 and of Bình Giang in 08/2025."""
    checked = imported(binh_luc, excel(tmp_path / "thu.xlsx", [
        LETTERS,
        ["13528", "An Ninh", "05/2025", 10, 10, 4, 2, 6, 6],      # 18 of 20
        ["13531", "Bồ Đề", "05/2025", 20, 15, 0, 0, 5, 5],        # 20 of 25
        ["13543", "Vũ Bản", "05/2025", 5, 5, 5, 5, 5, 0],         # 10 of 15
        ["13501", "Bình Mỹ", "05/2025", 8, 8, 0, 0, 2, 2],        # 10 of 10
        ["13531", "Bình Giang", "08/2025", 30, 27, 6, 6, 4, 4],   # 37 of 40
    ]))
    assert checked.ok, checked.messages("vi")
    return binh_luc


def coverage(database, period: str) -> dict[str, float]:
    frame = figures.commune_values(database, periods.parse(period))
    frame = frame[(frame["indicator"] == COVERAGE.id) & frame["value"].notna()]
    return dict(zip(frame["name"], frame["value"]))


def test_todays_commune_sums_its_predecessors_parts_before_the_reorganisation(letters):
    assert coverage(letters, "2025-05") == {
        "Bình Giang": pytest.approx((18 + 20 + 10) / (20 + 25 + 15)),  # not the mean of rates
        "Bình Mỹ": pytest.approx(1.0)}
    assert coverage(letters, "2025-08") == {"Bình Giang": pytest.approx(37 / 40)}
    trend = figures.trend(letters, COVERAGE, periods.parse("2025-08"))
    giang = trend[trend["name"] == "Bình Giang"].set_index("bucket")["value"]
    assert giang.to_dict() == {pd.Timestamp("2025-05-01"): pytest.approx(48 / 60),
                               pd.Timestamp("2025-08-01"): pytest.approx(37 / 40)}


def test_a_period_before_the_reorganisation_shows_the_communes_as_they_were(letters):
    as_was = letters.looking_at(date(2025, 5, 31))
    assert coverage(as_was, "2025-05") == {"An Ninh": pytest.approx(18 / 20),
                                           "Bồ Đề": pytest.approx(20 / 25),
                                           "Vũ Bản": pytest.approx(10 / 15),
                                           "Bình Mỹ": pytest.approx(1.0)}
    assert len(figures.units(as_was)) == 15
    parent = figures.parent_values(as_was, periods.parse("2025-05")).loc[COVERAGE.id, "value"]
    assert parent == pytest.approx((18 + 20 + 10 + 10) / (20 + 25 + 15 + 10))


def test_a_split_commune_goes_whole_to_its_default_successor(tmp_path):
    """Gia Tân (14503, Gia Viễn, Ninh Bình) was divided between Gia Vân (14488, its default)
    and Tây Hoa Lư (14533)."""
    path = tmp_path / "ninh-binh.duckdb"
    assert cli.main(["init", "--province", "Ninh Bình", "--db", str(path)]) == 0
    database = db.Database(path)
    checked = imported(database, excel(tmp_path / "thu.xlsx", [
        LETTERS, ["14503", "Gia Tân", "05/2025", 10, 7, 0, 0, 0, 0],
        ["14488", "Gia Vân", "08/2025", 10, 10, 0, 0, 0, 0]]))
    assert checked.ok, checked.messages("vi")
    values = coverage(database, "2025-05")
    assert values == {"Gia Vân": pytest.approx(0.7)}  # Tây Hoa Lư: no data, not a share
    database.close()


def ranked(at) -> tuple[list[str], list[str]]:
    ranking = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    return ranking["title"]["subtitle"], sorted({r["name"] for r in chart_rows(at, 0)
                                                 .dropna(subset=["name"]).to_dict("records")})


def test_a_period_before_the_reorganisation_opens_in_todays_communes_or_as_they_were(
        history_db, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_copy(history_db, tmp_path)))
    at = dashboard({"ky": "2025-Q2"})
    assert not at.exception
    switch = at.sidebar.toggle[-1]
    assert switch.label == "Xã như trước 01/07/2025" and not switch.value
    at.switch_page("app_pages/dossiers.py").run()
    subtitle, names = ranked(at)
    assert names == ["Bình An", "Bình Giang", "Bình Lục", "Bình Mỹ", "Bình Sơn"]
    assert "Trước 01/07/2025: số liệu của 15 xã cũ cộng vào 5 xã hiện nay" in subtitle
    at.sidebar.toggle[-1].set_value(True).run()
    assert at.query_params["dv"] == "1"  # kept in the link
    subtitle, names = ranked(at)
    assert len(names) == 15 and "Bồ Đề" in names and "Bình Giang" not in names
    assert not any(line.startswith("Trước 01/07/2025") for line in subtitle)


def test_the_profile_of_todays_commune_lists_what_it_was_made_from(history_db, tmp_path,
                                                                   monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_copy(history_db, tmp_path)))
    at = dashboard({"ky": "2025-Q2"})
    at.switch_page("app_pages/profile.py").run()
    at.selectbox(key="xa").set_value("13531").run()
    assert not at.exception
    links = [link.proto.label for link in at.get("page_link")]
    assert links == ["xã An Ninh (sáp nhập)", "xã Bồ Đề (sáp nhập)", "xã Vũ Bản (sáp nhập)"]
    assert at.get("page_link")[0].proto.query_string == "xa=13528&ky=2025-Q2&dv=1"
    chart = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert "Trước 01/07/2025: gồm số liệu của các xã cũ An Ninh, Bồ Đề, Vũ Bản" in \
        chart["title"]["subtitle"]


def test_the_values_command_prints_the_roll_up_computed_by_hand(history_db, capsys):
    """Bình Giang in 05/2025 is An Ninh + Bồ Đề + Vũ Bản of the demo's letters file."""
    letters = pd.read_csv(demo.FOLDER / "letters.csv", dtype={"Mã xã": str})
    may = letters[(letters["Tháng"] == "2025-05") & letters["Mã xã"].isin(
        ["13528", "13531", "13543"])]
    sent = may[["Thư chúc mừng khai sinh", "Thư chúc mừng kết hôn", "Thư chia buồn"]].sum().sum()
    registered = may[["Đăng ký khai sinh", "Đăng ký kết hôn", "Đăng ký khai tử"]].sum().sum()
    assert cli.main(["values", "--period", "2025-05", "--indicator", "letter_coverage",
                     "--format", "json", "--db", str(history_db)]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert sorted(rows) == ["Bình An", "Bình Giang", "Bình Lục", "Bình Mỹ", "Bình Sơn"]
    assert (rows["Bình Giang"]["numerator"], rows["Bình Giang"]["denominator"]) == (
        sent, registered)
    assert rows["Bình Giang"]["value"] == pytest.approx(sent / registered)
    assert cli.main(["values", "--period", "2025-05", "--indicator", "letter_coverage",
                     "--units", "as-was", "--db", str(history_db)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "indicator,code,name,value,numerator,denominator,status"
    assert len(printed) == 1 + 15 and any(",13528,An Ninh," in line for line in printed)


def test_the_legal_basis_is_the_one_in_force_in_the_period():
    """Decree 33/2023's standards for commune civil servants ended on 30/06/2025 (Decree
    170/2025); the Law on Citizen Reception is amended from 01/07/2026."""
    university = catalog.BY_ID["university_rate"]
    assert university.reference_on(date(2025, 6, 30)).startswith("Nghị định 33/2023/NĐ-CP")
    assert university.reference_on(date(2025, 7, 31)).startswith(
        "Luật Cán bộ, công chức 80/2025/QH15; Nghị định 170/2025/NĐ-CP")
    chair = catalog.BY_ID["chair_receptions"]
    assert chair.reference_on(date(2026, 6, 30)) == (
        "Luật Tiếp công dân 2013, Điều 15: ít nhất 1 ngày mỗi tuần")
    assert "hiệu lực 01/07/2026" in chair.reference_on(date(2026, 7, 31))


def test_a_family_page_cites_the_basis_of_its_period(app):
    at = app({"ky": "2025-Q2", "chitieu": "university_rate"})
    at.switch_page("app_pages/cadres.py").run()
    assert "**Căn cứ:** Nghị định 33/2023/NĐ-CP (tiêu chuẩn cán bộ, công chức cấp xã)" in \
        at.caption[0].value


def test_chromium_shows_the_province_demo_as_today_and_as_it_was(province_db, tmp_path,
                                                                 browser):
    """The demo opens on the former Bình Lục district's area; a period before 1/7/2025 shows
    its 5 communes of today with their predecessors' figures, or its 15 communes as they were;
    the whole province is one choice away."""
    with serving(demo_copy(province_db, tmp_path)) as (url, _):
        page = browser.new_page(viewport={"width": 1400, "height": 1600})

        def ranking(query: str, shot: str) -> str:
            page.goto(f"{url}/dossiers?{query}")
            page.wait_for_selector(IDLE, timeout=60_000)
            chart = page.locator('[data-testid="stVegaLiteChart"]').first
            chart.locator(".mark-symbol.role-mark path").first.wait_for(timeout=60_000)
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SHOTS / f"{shot}.png", full_page=True)
            assert page.locator('[data-testid="stException"]').count() == 0
            assert "DỮ LIỆU MẪU" in page.inner_text("body")
            return chart.text_content()

        today = ranking("ky=2025-Q2", "province-today")
        assert "Tỉnh Ninh Bình, khu vực huyện Bình Lục cũ" in today
        assert "Trước 01/07/2025: số liệu của 15 xã cũ cộng vào 5 xã hiện nay" in today
        assert "Bình Giang" in today and "Tiêu Động" not in today
        page.get_by_text("Xã như trước 01/07/2025").click()
        page.wait_for_url("**dv=1**", timeout=60_000)
        page.get_by_text("Tiêu Động").first.wait_for(timeout=60_000)
        as_was = page.locator('[data-testid="stVegaLiteChart"]').first.text_content()
        assert "Tiêu Động" in as_was and "Bình Giang" not in as_was
        province = ranking("ky=2026-Q3&khuvuc=", "province-whole")
        assert "Tỉnh Ninh Bình · Quý III/2026" in province
        assert "20 xã đứng đầu và 20 xã cuối trong 129 xã" in province
        page.close()


def test_legal_minimums_bind_the_commune_that_existed_in_each_month(history_db):
    """Before 1/7/2025 Bồ Đề's own receptions are judged; from then on Bình Giang's (none in
    this database), under the same code, and a yearly minimum counts only its own events."""
    database = db.Database(history_db)
    frame = rules.compliance(database, periods.parse("2025-05..2025-08"))
    chair = frame[(frame["unit_code"] == "13531") & (frame["kind"] == "chair_reception")]
    assert chair[["name", "month_label"]].values.tolist() == [
        ["Bồ Đề", "05/2025"], ["Bồ Đề", "06/2025"], ["Bình Giang", "07/2025"],
        ["Bình Giang", "08/2025"]]
    assert chair["held"].tolist()[2:] == [0, 0]
    dialogue = frame[(frame["name"] == "Bình Giang") & (frame["kind"] == "dialogue")]
    assert dialogue["held"].tolist() == [0, 0]  # Bồ Đề's dialogues of 2025 are not its own
    # 15 former communes and 5 of today; Bình Mỹ and Bình An kept their code and name: one row
    assert len(set(zip(frame["unit_code"], frame["name"]))) == 15 + 5 - 2
    database.close()


def test_the_demo_opens_on_its_last_full_quarter_in_the_former_district(province_db, tmp_path,
                                                                        monkeypatch):
    """Figures run to 10/2026: a meeting looks at Q3/2026, not a quarter one month old."""
    monkeypatch.setenv("DASHBOARD_DB", str(demo_copy(province_db, tmp_path)))
    at = dashboard()
    assert not at.exception
    assert at.sidebar.selectbox(key="ky").value == "2026-Q3"
    assert at.sidebar.selectbox(key="khuvuc").value == "352"
    assert "DỮ LIỆU MẪU" in at.warning[-1].value
    at.switch_page("app_pages/profile.py").run()  # compared with the area, and said so
    texts = [m.value for m in at.markdown]
    assert "**Mạnh nhất so với toàn khu vực**" in texts
    assert "(toàn khu vực " in next(t for t in texts if t.startswith("- "))
