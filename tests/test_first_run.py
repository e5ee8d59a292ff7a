"""What a new user meets first: a database without figures opens to a welcome that says what to
do next (in AppTest and in Chromium, in both languages), a link to no page opens our page
rather than Streamlit's English dialog, and the uploader speaks the user's language."""

import pytest
from streamlit.testing.v1 import AppTest

from grassroots import __main__ as cli
from grassroots import db
from tests.browser import IDLE, serving
from tests.conftest import add_account, dashboard, demo_copy, insert
from tests.test_browser import SHOTS


@pytest.fixture
def empty(tmp_path, monkeypatch):
    """A database made by `init`, without a commune or a figure; AppTest starts on it."""
    path = tmp_path / "moi.duckdb"
    assert cli.main(["init", "--parent", "Bình Lục", "--level", "district", "--db",
                     str(path)]) == 0
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    return path


def text(at: AppTest) -> str:
    return "\n".join(m.value for m in [*at.markdown, *at.info, *at.code, *at.warning])


def test_an_empty_database_opens_to_the_welcome_and_its_next_steps(empty):
    at = dashboard()
    assert not at.exception
    assert [t.value for t in at.title] == ["Chào mừng đến với bảng chỉ số chính quyền cơ sở"]
    said = text(at)
    assert "lãnh đạo huyện Bình Lục" in said
    assert "Cơ sở dữ liệu này chưa có số liệu nào" in said
    assert "**1. Danh sách xã.**" in said
    assert f"-m grassroots import danh-sach-xa.xlsx --db {empty}" in said
    assert "**2. Số liệu.**" in said
    assert "init-demo --db build/demo.duckdb" in said
    assert not at.get("vega_lite_chart") and not at.metric


def test_the_welcome_in_english_counts_the_communes_already_in(empty):
    database = db.Database(empty)
    with database.write() as con:
        insert(con, "units", [{"code": "13531", "name": "Bồ Đề", "kind": "xã"},
                              {"code": "13528", "name": "An Ninh", "kind": "xã"}])
    database.close()
    at = dashboard({"lang": "en"})
    assert not at.exception
    assert at.title[0].value == "Welcome to the grassroots government indicators"
    said = text(at)
    assert "**1. The communes:** 2 communes are in." in said
    assert "This database holds no figures yet" in said


def test_a_viewer_of_a_commune_without_figures_is_told_why_not_shown_nothing(empty,
                                                                            sign_in_as):
    database = db.Database(empty)
    with database.write() as con:
        insert(con, "units", [{"code": "13531", "name": "Bồ Đề", "kind": "xã"}])
    database.close()
    add_account(empty, "bo.de", "viewer", unit_code="13531")
    sign_in_as("bo.de")
    at = dashboard()
    assert not at.exception
    assert at.info[0].value.startswith("Chưa có số liệu nào của xã Bồ Đề.")
    assert "cán bộ phụ trách dữ liệu của huyện Bình Lục" in at.info[0].value


def opened(browser, url: str, shot: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_timeout(500)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{shot}.png", full_page=True)
    return page


@pytest.mark.parametrize("query, title, link", [
    ("", "Chào mừng đến với bảng chỉ số chính quyền cơ sở",
     "Mở trang Dữ liệu: mẫu nhập liệu và nhập tệp"),
    ("?lang=en", "Welcome to the grassroots government indicators",
     "Open the Data page: templates and imports"),
])
def test_chromium_opens_an_empty_database_on_the_welcome(empty, browser, query, title, link):
    with serving(empty) as (url, _):
        page = opened(browser, url + "/" + query, f"welcome{query.replace('?lang=', '-')}")
        assert page.locator("h1").first.inner_text() == title
        page.get_by_text(link).click()
        page.wait_for_url("**/du-lieu**", timeout=60_000)
        page.get_by_text("Nhập số liệu" if not query else "Import figures").wait_for()
        page.close()


@pytest.fixture(scope="module")
def demo_server(demo_db, tmp_path_factory):
    with serving(demo_copy(demo_db, tmp_path_factory.mktemp("first-run"))) as (url, _):
        yield url


def test_a_link_to_no_page_opens_our_page_not_streamlits_dialog(demo_server, browser):
    page = opened(browser, f"{demo_server}/trang-cu", "not-found")
    assert page.locator("h1").first.inner_text() == "Không tìm thấy trang"
    body = page.inner_text("body")
    assert "không có trang nào ở địa chỉ /trang-cu" in body
    assert "Page not found" not in body and "pages/ directory" not in body
    page.get_by_text("Mở trang Tổng quan").click()
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    page.close()


@pytest.mark.parametrize("query, button, limit", [
    ("", "Chọn tệp", "Tối đa 200 MB mỗi tệp • XLSX, XLSM, XLS, ODS, CSV"),
    ("?lang=en", "Choose a file", "Up to 200 MB per file • XLSX, XLSM, XLS, ODS, CSV"),
])
def test_the_uploader_speaks_the_readers_language(demo_server, browser, query, button, limit):
    page = opened(browser, f"{demo_server}/du-lieu{query}", f"uploader{query[6:]}")
    zone = page.locator('.st-key-import-file [data-testid="stFileUploaderDropzone"]')
    written = zone.evaluate("""zone => [zone.querySelector('button p'),
        zone.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span')]
        .map(e => getComputedStyle(e, '::after').content)""")
    assert written == [f'"{button}"', f'"{limit}"']
    assert zone.locator("button p").evaluate("e => getComputedStyle(e).fontSize") == "0px"
    page.close()
