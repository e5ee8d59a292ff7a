"""The Data page: templates, upload → preview with problems marked → confirm → result, and the
import history with undo (AppTest for the history, Chromium for the upload)."""

from pathlib import Path

import pytest

from grassroots import contract, i18n, templates
from tests.browser import IDLE, chromium, serving
from tests.conftest import demo_copy
from tests.test_browser import SHOTS
from tests.test_ingest import excel

HEADERS = ["Mã xã", "Tên xã", "Tháng", "Số phiếu khảo sát", "Số phiếu hài lòng"]


def test_the_history_lists_imports_and_undoes_one(app):
    at = app().switch_page("app_pages/data.py").run()
    assert not at.exception
    assert any(c.value.startswith("Lần nhập gần nhất: #6 satisfaction.csv") for c in at.caption)
    undo = next(s for s in at.selectbox if s.label == "Lần nhập cần hoàn tác")
    assert undo.value == 6
    next(b for b in at.button if b.label == "Hoàn tác").click().run()
    assert [s.value for s in at.success] == [
        "Đã hoàn tác lần nhập #6: xóa 629 dòng, khôi phục 0 dòng cũ."]
    undo = next(s for s in at.selectbox if s.label == "Lần nhập cần hoàn tác")
    assert undo.options[0] == "#5"


@pytest.fixture
def page(demo_db, tmp_path):
    from playwright.sync_api import sync_playwright

    with serving(demo_copy(demo_db, tmp_path)) as (url, _), sync_playwright() as playwright:
        browser = chromium(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        page.goto(f"{url}/du-lieu")
        page.wait_for_selector(IDLE, timeout=60_000)
        yield page
        browser.close()


def _upload(page, path) -> str:
    page.get_by_role("region", name="Tệp số liệu").get_by_test_id(
        "stFileUploaderDropzoneInput").set_input_files(str(path))
    page.wait_for_function("name => document.body.innerText.includes(name + ':')",
                           arg=path.name, timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    return page.inner_text("body")


def test_a_bad_upload_is_refused_row_by_row_and_a_good_one_is_written(page, tmp_path):
    bad = excel(tmp_path / "hai-long-sai.xlsx", [
        ["BÁO CÁO MỨC ĐỘ HÀI LÒNG"], HEADERS,
        ["13501", "Bình Mỹ", "06/2025", 50, 60],
        ["13504", "Không Có", "06/2025", 40, 30],
    ], title="Tháng 6")
    body = _upload(page, bad)
    assert "hai-long-sai.xlsx: không nhập được — 2 lỗi." in body
    assert ("Tệp hai-long-sai.xlsx, trang «Tháng 6», dòng 3, cột E (Số phiếu hài lòng): Số "
            "phiếu hài lòng = 60 lớn hơn Số phiếu khảo sát = 50.") in body
    assert "dòng 4, cột B (Tên xã): mã 13504 là xã Bình Nghĩa, không phải «Không Có»." in body
    assert page.get_by_role("button", name="Ghi vào cơ sở dữ liệu").count() == 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "data-refused.png", full_page=True)

    good = excel(tmp_path / "hai-long.xlsx", [HEADERS, ["13501", "Bình Mỹ", "06/2025", 50, 45]])
    body = _upload(page, good)
    assert "hai-long.xlsx: hợp lệ — 1 dòng số liệu" in body
    page.get_by_role("button", name="Ghi vào cơ sở dữ liệu").click()
    page.get_by_text("hai-long.xlsx: đã nhập (lần nhập #7): ghi 1 dòng, thay 1 dòng cũ").wait_for(
        timeout=60_000)
    page.screenshot(path=SHOTS / "data-imported.png", full_page=True)


def test_every_template_downloads(page):
    page.get_by_text("Mẫu nhập liệu (Excel)").click()
    for kind in contract.KINDS:
        with page.expect_download() as download:
            page.get_by_text(i18n.t(contract.TITLES[kind], "vi"), exact=True).click()
        assert download.value.suggested_filename == f"{kind}.xlsx"
        assert Path(download.value.path()).read_bytes() == (
            templates.FOLDER / f"{kind}.xlsx").read_bytes()
