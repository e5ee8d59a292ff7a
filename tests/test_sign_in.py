"""Signed in like any web application, in Chromium against a real server (server.py under a
base path, as deployed): a session survives reloads, links and new tabs, ends on sign-out
everywhere it was, and a wrong password never touches the indicator database. Forms that did
not come from our pages, and a single sign-on header nobody configured, do nothing."""

import base64
import http.server
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from bench import load
from grassroots import access
from tests.browser import IDLE, serving
from tests.conftest import PASSWORD, demo_copy

# Every page of an editor's navigation, by its path, and whether it draws charts on opening
# (the briefing page makes its deck on request).
PAGES = {"": True, "dossiers": True, "letters": True, "engagement": True, "cadres": True,
         "satisfaction": True, "ho-so-xa": True, "ban-do": True, "so-sanh": True,
         "diem-tong-hop": True, "bao-cao-giao-ban": False, "du-lieu": False}
CHART = '[data-testid="stVegaLiteChart"]'
NAV = '[data-testid="stSidebarNav"]'


@pytest.fixture(scope="module")
def guarded(demo_db, tmp_path_factory):
    """The demo with an editor and a viewer."""
    return demo_copy(demo_db, tmp_path_factory.mktemp("signin"),
                     accounts=[("bien.tap", "editor"), ("xem", "viewer")])


@pytest.fixture(scope="module")
def server(guarded):
    with serving(guarded, base="chiso") as (url, _):
        yield url


def sign_in(page, url: str, name: str, password: str = PASSWORD) -> None:
    """Open `url`, land on the sign-in page, sign in, and wait for the page asked for."""
    page.goto(url)
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def drawn(page) -> None:
    page.wait_for_selector(NAV, timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)


def test_signed_in_stays_through_reloads_links_and_new_tabs(server, browser):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    sign_in(page, f"{server}/ho-so-xa?ky=2025-Q2&xa=13531", "bien.tap")
    drawn(page)
    assert page.url.startswith(f"{server}/ho-so-xa?ky=2025-Q2")  # the page asked for
    assert page.locator("h1").first.inner_text() == "Hồ sơ xã"
    page.reload()
    drawn(page)
    assert page.locator("h1").first.inner_text() == "Hồ sơ xã"
    for path, charts in PAGES.items():
        tab = context.new_page()
        tab.goto(f"{server}/{path}?ky=2025-Q2")
        drawn(tab)
        if charts:
            tab.wait_for_selector(CHART, timeout=60_000)
        assert tab.locator("input[type=password]").count() == 0, path
        assert tab.locator('[data-testid="stException"]').count() == 0, path
        tab.close()
    context.close()


def test_a_signed_out_cookie_opens_nothing(server, browser):
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, f"{server}/dossiers", "xem")
    drawn(page)
    [cookie] = [c for c in context.cookies() if c["name"] == access.COOKIE]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/chiso/"
    page.get_by_role("button", name="Đăng xuất (xem)").click()
    page.wait_for_selector("input[type=password]")
    replay = browser.new_context()
    replay.add_cookies([cookie])
    again = replay.new_page()
    again.goto(f"{server}/dossiers")
    again.wait_for_selector("input[type=password]")
    assert again.url.startswith(f"{server}/dang-nhap?next=")
    context.close()
    replay.close()


def test_signing_out_everywhere_ends_the_other_browsers_too(server, browser):
    office, home = browser.new_context(), browser.new_context()
    pages = [context.new_page() for context in (office, home)]
    for page in pages:
        sign_in(page, f"{server}/", "xem")
        drawn(page)
    pages[0].get_by_role("button", name="Đăng xuất trên mọi máy").click()
    pages[0].wait_for_selector("input[type=password]")
    pages[1].reload()
    pages[1].wait_for_selector("input[type=password]")
    office.close()
    home.close()


def test_five_wrong_passwords_lock_and_leave_the_database_file_alone(demo_db, tmp_path,
                                                                     browser):
    """On a server of its own: this computer is made to wait after the fourth."""
    path = demo_copy(demo_db, tmp_path, accounts=[("khoa", "viewer")])
    before = path.stat()
    with serving(path, base="chiso") as (server, _):
        messages = wrong_passwords(browser, server)
    assert messages[:4] == ["Sai tên đăng nhập hoặc mật khẩu."] * 4
    assert messages[4].startswith("Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần; thử lại "
                                  "sau ")
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (
        before.st_ino, before.st_mtime_ns, before.st_size)


def wrong_passwords(browser, server: str) -> list[str]:
    context = browser.new_context()
    page = context.new_page()
    messages = []
    for attempt in range(5):
        if attempt == 4:  # the fourth made this computer wait 2 s
            page.wait_for_timeout(2100)
        sign_in(page, f"{server}/", "khoa", "sai-mat-khau")
        messages.append(page.get_by_role("alert").inner_text())
    context.close()
    return messages


def post(url: str, fields: dict, headers: dict) -> tuple[int, str]:
    """POST a form without following redirects: the status and any Set-Cookie."""
    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    request = urllib.request.Request(url, urllib.parse.urlencode(fields).encode(), headers)
    try:
        with urllib.request.build_opener(Stay).open(request) as response:
            return response.status, response.headers.get("set-cookie", "")
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers.get("set-cookie", "")


def test_forms_from_elsewhere_are_refused(server):
    """The right password posted from another site, or without the form's token, opens no
    session; a sign-out without its token ends none."""
    with urllib.request.urlopen(f"{server}/dang-nhap") as page:
        token_cookie = page.headers["set-cookie"].split(";")[0]
        token = token_cookie.split("=", 1)[1]
    origin = server.rsplit("/chiso", 1)[0]
    good = {"name": "xem", "password": PASSWORD, "token": token, "next": "/chiso/"}
    status, cookie = post(f"{server}/dang-nhap", good,
                          {"Origin": "http://evil.example", "Cookie": token_cookie})
    assert status == 403 and access.COOKIE + "=" not in cookie
    status, cookie = post(f"{server}/dang-nhap", {**good, "token": "doan-bua"},
                          {"Origin": origin, "Cookie": token_cookie})
    assert status == 403 and access.COOKIE + "=" not in cookie
    status, cookie = post(f"{server}/dang-nhap", good, {"Origin": origin, "Cookie": token_cookie})
    assert status == 303 and cookie.startswith(access.COOKIE + "=")
    session = cookie.split(";")[0]
    assert post(f"{server}/dang-xuat", {"token": "x"}, {"Origin": origin, "Cookie": session}
                )[0] == 403
    with urllib.request.urlopen(urllib.request.Request(f"{server}/", headers={
            "Cookie": session})) as still:
        assert b"http-equiv" not in still.read()  # the page itself, not the way to sign in


def test_a_forged_single_sign_on_header_does_nothing_unless_configured(guarded, browser):
    context = browser.new_context(extra_http_headers={"X-Remote-User": "bien.tap"})
    with serving(guarded) as (url, _):
        page = context.new_page()
        page.goto(f"{url}/dossiers")
        page.wait_for_selector("input[type=password]")
    context.close()


class Directory(http.server.BaseHTTPRequestHandler):
    """A stand-in for nginx-ldap-auth, which asks LDAP: the directory knows xem, who has an
    account here, and moi, who has none."""

    def do_GET(self):
        accepted = {"Basic " + base64.b64encode(f"{name}:mat-khau-thu-muc".encode()).decode()
                    for name in ("xem", "moi")}
        self.send_response(200 if self.headers.get("Authorization") in accepted else 401)
        self.send_header("WWW-Authenticate", 'Basic realm="Chi so"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_single_sign_on_behind_the_documented_nginx(guarded, tmp_path, browser):
    """docs/nginx-sso.conf in front of a dashboard told to trust X-Remote-User: the directory's
    user is signed in without a form, as that user even if the browser forges another name; a
    directory user without an account here is told so; without the directory's password
    nothing is served."""
    directory = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Directory)
    threading.Thread(target=directory.serve_forever, daemon=True).start()
    with serving(guarded, base="chiso", env={access.SSO_SETTING: "X-Remote-User"}) as (url, _), \
            load.behind_nginx(tmp_path, [url], f"127.0.0.1:{directory.server_port}") as front:
        context = browser.new_context(
            ignore_https_errors=True, http_credentials={"username": "xem",
                                                        "password": "mat-khau-thu-muc"},
            extra_http_headers={"X-Remote-User": "bien.tap"})
        page = context.new_page()
        page.goto(f"{front}/?ky=2025-Q2")
        drawn(page)
        assert page.locator("h1").first.inner_text() == "Tổng quan"
        nav = page.locator(NAV).inner_text()
        assert "Dữ liệu" not in nav  # a viewer's pages, not the editor's the browser named
        assert page.locator("form.sign-out").count() == 0  # the directory signs people out
        context.close()
        newcomer = browser.new_context(ignore_https_errors=True, http_credentials={
            "username": "moi", "password": "mat-khau-thu-muc"})
        page = newcomer.new_page()
        page.goto(f"{front}/")
        page.wait_for_selector(IDLE, timeout=60_000)
        assert page.get_by_text("Thư mục của cơ quan đã xác nhận «moi», nhưng tài khoản này chưa "
                                "được cấp quyền").count() == 1
        assert page.locator(CHART).count() == 0
        newcomer.close()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(f"{front}/", headers={
                "X-Remote-User": "bien.tap"}), context=load.UNVERIFIED)
        assert refused.value.code == 401
    directory.shutdown()
