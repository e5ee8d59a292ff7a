"""The dashboard in a real browser: Debian's Chromium, driven by Playwright, against the real
server on the demo database. Every page draws its charts, shows no exception, and no request
leaves this machine. Screenshots are kept in build/screenshots/ for a person to look at."""

import re
from urllib.parse import urlparse

import pytest

from grassroots import db, urls
from tests.browser import IDLE, serving
from tests.conftest import demo_copy
from tests.test_ingest import excel

SHOTS = db.ROOT / "build" / "screenshots"
PAGES = {  # every page of the demo's navigation, by its script: its address, the charts it draws
    "overview": ("", 1),
    "dossiers": ("dossiers", 3),
    "letters": ("letters", 3),
    "engagement": ("engagement", 4),
    "cadres": ("cadres", 3),
    "satisfaction": ("satisfaction", 3),
    "score": ("diem-tong-hop", 2),
    "compare": ("so-sanh?ss=13501,13558,13555", 3),
    "map": ("ban-do", 1),
    "profile": ("ho-so-xa?xa=13558", 0),
    "briefing": ("bao-cao-giao-ban", 0),
    "data": ("du-lieu", 0),
}
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}

@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    # a copy: the server holds its file open for writing
    with serving(demo_copy(demo_db, tmp_path_factory.mktemp("browser"))) as (url, _):
        yield url


def _open(browser, url: str, charts: int, shot: str, requests: list[str]):
    page = browser.new_page(viewport={"width": 1400, "height": 2000}, locale="vi-VN")
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_function(
        "n => document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] svg, "
        "[data-testid=\"stVegaLiteChart\"] canvas').length >= n", arg=charts, timeout=60_000)
    page.wait_for_timeout(500)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{shot}.png", full_page=True)
    return page


@pytest.mark.parametrize("name", PAGES)
def test_every_page_draws_its_charts_offline(server, browser, name):
    path, charts = PAGES[name]
    requests: list[str] = []
    separator = "&" if "?" in path else "?"
    page = _open(browser, f"{server}/{path}{separator}ky=2025-Q2", charts, name, requests)

    assert page.locator('[data-testid="stException"]').count() == 0
    assert "DỮ LIỆU MẪU" in page.inner_text("body")
    marks = page.locator('[data-testid="stVegaLiteChart"] svg .mark-rect path, '
                         '[data-testid="stVegaLiteChart"] svg .mark-line path, '
                         '[data-testid="stVegaLiteChart"] svg .mark-shape path')
    assert marks.count() > 0 or not charts
    outside = {urlparse(u).hostname for u in requests} - LOCAL_HOSTS - {None}
    assert not outside, f"requests left the machine: {outside}"
    page.close()


def test_chromium_opens_every_page_the_navigation_lists():
    """dashboard.py makes its navigation of the pages in grassroots/urls.py: PAGES opens each of
    them, at its address or the default page's, but the welcome, which it lists only while
    there are no figures (test_first_run opens it on such a database)."""
    listed = {page.script: page.url_path for name, page in urls.PAGES.items()
              if name != "welcome"}
    opened = {f"app_pages/{name}.py": path.partition("?")[0] for name, (path, _) in PAGES.items()}
    assert opened.keys() == listed.keys()
    assert all(opened[script] in ("", listed[script]) for script in listed)


def test_a_copied_link_reopens_the_same_view(server, browser):
    page = _open(browser, f"{server}/dossiers?ky=2024&chitieu=online_rate&lang=en", 2,
                 "dossiers-link", [])
    body = page.inner_text("body")
    assert "Full-process online dossiers" in body
    assert "Full-process online dossiers — 2024" in page.locator(
        '[data-testid="stVegaLiteChart"]').first.text_content()
    assert "ky=2024" in page.url and "chitieu=online_rate" in page.url and "lang=en" in page.url
    page.close()


def test_the_period_survives_a_change_of_kind_and_of_page(server, browser):
    page = _open(browser, f"{server}/?ky=2025-Q1", 1, "overview-year", [])
    page.get_by_text("Năm", exact=True).click()
    page.wait_for_url(lambda url: "ky=2025&" in url or url.endswith("ky=2025"))
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Hồ sơ TTHC").click()
    page.wait_for_url("**/dossiers?**")
    page.wait_for_selector(IDLE)
    page.wait_for_function("document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] svg')"
                           ".length >= 2")
    assert "ky=2025" in page.url and "ky=2025-" not in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Tỷ lệ hồ sơ giải quyết đúng hạn — Năm 2025" in page.locator(
        '[data-testid="stVegaLiteChart"]').first.text_content()
    page.close()


def test_a_click_on_a_commune_opens_its_profile(server, browser):
    page = _open(browser, f"{server}/dossiers?ky=2025-Q2", 2, "dossiers-before-click", [])
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    dots = chart.locator(".mark-symbol.role-mark path")
    dots.last.click()  # the last commune drawn: Tiêu Động, the lowest on-time rate
    page.wait_for_url("**/ho-so-xa?**")
    page.wait_for_selector(IDLE)
    page.wait_for_selector("text=Yếu nhất so với toàn huyện")
    page.wait_for_timeout(500)
    page.screenshot(path=SHOTS / "profile.png", full_page=True)
    assert "xa=13558" in page.url and "ky=2025-Q2" in page.url
    body = page.inner_text("body")
    assert "Tỷ lệ hồ sơ giải quyết đúng hạn: 94,8% (toàn huyện 99,2%; hạng 15/15)" in body
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()


def test_the_map_draws_one_shape_per_commune_by_target_then_by_classes(server, browser):
    requests: list[str] = []
    page = _open(browser, f"{server}/ban-do?ky=2025-Q2&chitieu=on_time_rate", 1, "map", requests)
    chart = page.locator('[data-testid="stVegaLiteChart"]').first

    def fills() -> list[str]:
        shapes = chart.locator("svg .mark-shape").first.locator("path")
        return shapes.evaluate_all("paths => paths.map(p => p.getAttribute('fill'))")

    assert len(fills()) == 15
    met, close, missed, no_data = "#1a9850", "#f4a41c", "#d73027", "#d9d9d9"
    assert {met, close, missed} <= set(fills()) <= {met, close, missed, no_data}
    assert "So với chỉ tiêu 100,0%" in chart.text_content()
    assert "An Lão" in chart.text_content()
    page.get_by_text("Phân vị", exact=True).click()
    page.get_by_text(re.compile("lớp theo phân vị")).wait_for(timeout=60_000)
    page.screenshot(path=SHOTS / "map-classes.png", full_page=True)
    classes = int(re.search(r"(\d) lớp theo phân vị", chart.text_content()).group(1))
    assert classes >= 3 and len(set(fills()) - {no_data}) == classes
    outside = {urlparse(u).hostname for u in requests} - LOCAL_HOSTS - {None}
    assert not outside, f"requests left the machine: {outside}"
    page.close()


def test_a_boundary_file_uploaded_on_the_data_page_replaces_the_demo_shapes(server, browser):
    page = _open(browser, f"{server}/du-lieu", 0, "data", [])
    page.get_by_role("region", name="Tệp ranh giới").get_by_test_id(
        "stFileUploaderDropzoneInput").set_input_files(
        str(db.ROOT / "data" / "demo" / "boundaries.geojson"))
    page.wait_for_selector("text=Đã khớp ranh giới của 15/15 xã.", timeout=60_000)
    page.get_by_role("button", name="Lưu ranh giới này").click()
    page.wait_for_selector("text=Đã lưu ranh giới của 15 xã.", timeout=60_000)
    page.screenshot(path=SHOTS / "data.png", full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()


def test_presentation_mode_hides_the_sidebar_and_draws_16_9_charts(server, browser):
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
    page.goto(f"{server}/dossiers?ky=2025-Q2&present=1")
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_function("document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] "
                           "svg, [data-testid=\"stVegaLiteChart\"] canvas').length >= 3",
                           timeout=60_000)
    page.wait_for_timeout(500)
    page.screenshot(path=SHOTS / "present.png")
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert page.get_by_role("button", name="CSV").count() == 0
    box = page.locator('[data-testid="stVegaLiteChart"]').first.bounding_box()
    assert (box["width"], box["height"]) == (1280, 720)
    page.get_by_role("button", name="Thoát trình chiếu").click()
    page.wait_for_selector(IDLE)
    page.wait_for_selector('[data-testid="stSidebar"]', state="visible")
    assert "present=1" not in page.url
    page.close()


@pytest.fixture(scope="module")
def guarded_server(demo_db, tmp_path_factory):
    """The demo with accounts, one commune renamed to a piece of HTML that would run script."""
    folder = tmp_path_factory.mktemp("guarded")
    units = excel(folder / "xa.xlsx", [["Mã xã", "Tên xã", "Loại"], ["13531", HOSTILE, "xã"]])
    database = demo_copy(demo_db, folder, imports=[units], accounts=[("xem", "viewer")])
    with serving(database) as (url, _):
        yield url


HOSTILE = "<img src=x onerror=alert(1)>"


def test_a_session_without_login_sees_only_the_form(guarded_server, browser):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{guarded_server}/dossiers")
    page.wait_for_selector("input[type=password]", timeout=60_000)
    body = page.inner_text("body")
    assert "Tên đăng nhập" in body and "Mật khẩu" in body
    assert "Hồ sơ TTHC" not in body and "Tổng quan" not in body
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 0
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    outside = {urlparse(u).hostname for u in requests} - LOCAL_HOSTS - {None}
    assert not outside
    page.close()


def test_a_commune_named_like_html_shows_as_text_and_runs_nothing(guarded_server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1800})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{guarded_server}/ho-so-xa?xa=13531&ky=2025-Q2")
    page.wait_for_selector("input[type=password]", timeout=60_000)
    page.get_by_label("Tên đăng nhập").fill("xem")
    page.get_by_label("Mật khẩu").fill("mat-khau-rat-dai")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_selector('[data-testid="stSidebarNav"]', timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_timeout(800)
    assert HOSTILE in page.inner_text("body")  # the profile's commune, as text
    page.screenshot(path=SHOTS / "hostile-name.png", full_page=True)
    for title in ("Tổng quan", "Hồ sơ TTHC", "Bản đồ các xã"):
        page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True).click()
        page.wait_for_selector(IDLE, timeout=60_000)
        page.wait_for_timeout(800)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.locator('img[src="x"]').count() == 0
    assert dialogs == []
    page.close()
