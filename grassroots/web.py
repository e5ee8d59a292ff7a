"""The web server around the dashboard (server.py, Streamlit's st.App): the sign-in page and
sign-out as routes of their own, which set and clear the session cookie, and a middleware that
sends a browser without a session to the sign-in page. Streamlit's script only reads the cookie
(access.visitor through st.context), on every run.

The session cookie is HttpOnly, SameSite=Strict, and Secure behind TLS. A form posted here
must come from a page of this server (its Origin) and carry a token a cross-site page cannot
know: on the sign-in form, one it was given in a cookie of its own; on the sign-out form, one
made from the session cookie (Accounts.form_token).
"""

import contextlib
import html
import secrets
import urllib.parse

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from grassroots import access, db, i18n, prepared, urls

SIGN_IN, SIGN_OUT = "dang-nhap", "dang-xuat"
FORM_COOKIE = "phien_bieumau"  # the sign-in form's token, posted back with it
# Paths under the base that are Streamlit's own files and endpoints, not pages.
NOT_PAGES = ("_stcore", "static", "media", "component", "app", SIGN_IN, SIGN_OUT)


def base() -> str:
    """The path the dashboard is served under ("/chiso"), or ""."""
    path = st.get_option("server.baseUrlPath").strip("/")
    return f"/{path}" if path else ""


def _accounts() -> access.Accounts:
    return access.of(db.default_path().resolve())  # the same store as the script's


def _lang(request: Request) -> str:
    return "en" if request.query_params.get(urls.LANG) == "en" else "vi"


def _set_cookie(request: Request, response: Response, name: str, value: str) -> None:
    response.set_cookie(name, value, path=f"{base()}/", httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")


def _same_origin(request: Request) -> bool:
    """A form posted from a page of this server: its Origin (or, lacking one, its Referer) is
    this server's."""
    sent = request.headers.get("origin") or request.headers.get("referer") or ""
    parts = urllib.parse.urlsplit(sent)
    return f"{parts.scheme}://{parts.netloc}" == f"{request.url.scheme}://{request.url.netloc}"


def _next(values) -> str:
    """Where to go after signing in: a page of this server, never another site."""
    asked = values.get("next") or ""
    if asked.startswith(f"{base()}/") and not asked.startswith("//") and "\\" not in asked:
        return asked
    return f"{base()}/"


def sign_in_url(next_path: str, lang: str) -> str:
    query = {"next": next_path} | ({urls.LANG: "en"} if lang == "en" else {})
    return f"{base()}/{SIGN_IN}?{urllib.parse.urlencode(query)}"


PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: "Source Sans Pro", "Noto Sans", sans-serif; background: #f7f7f5;
       color: #262730; margin: 0; display: flex; justify-content: center; }}
main {{ margin-top: 12vh; width: 22rem; background: white; padding: 2rem 2.2rem;
       border: 1px solid #e4e4e0; border-radius: .6rem; }}
h1 {{ font-size: 1.45rem; margin: 0 0 1.2rem; }}
label {{ display: block; margin: .9rem 0 .3rem; font-size: .95rem; }}
input {{ width: 100%; box-sizing: border-box; padding: .55rem .6rem; font-size: 1rem;
        border: 1px solid #d0d0cc; border-radius: .4rem; }}
button {{ margin-top: 1.3rem; width: 100%; padding: .6rem; font-size: 1rem; color: white;
         background: #b0262c; border: 0; border-radius: .4rem; cursor: pointer; }}
p.message {{ background: #fdecea; color: #8a1c1c; padding: .6rem .8rem; border-radius: .4rem; }}
p.lang {{ text-align: right; font-size: .9rem; margin: 1.2rem 0 0; }}
</style></head>
<body><main>
<h1>{title}</h1>
{message}
<form method="post">
<input type="hidden" name="token" value="{token}">
<input type="hidden" name="next" value="{next}">
<label for="name">{name_label}</label>
<input id="name" name="name" autocomplete="username" value="{name}" required autofocus>
<label for="password">{password_label}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">{button}</button>
</form>
<p class="lang"><a href="{other_lang_url}">{other_lang}</a></p>
</main></body></html>
"""


def _form(request: Request, next_path: str, message: str = "", name: str = "",
          status: int = 200) -> Response:
    """The sign-in page, with a fresh form token in the page and in its cookie."""
    lang = _lang(request)
    token = secrets.token_urlsafe(24)
    other = "vi" if lang == "en" else "en"
    # Translators: the name of the other language, in that language (the link to it).
    other_name = i18n.t("Tiếng Việt", lang)
    page = PAGE.format(
        lang=lang, title=html.escape(i18n.t("Grassroots government indicators", lang)), token=token,
        next=html.escape(next_path), name=html.escape(name),
        message=f'<p class="message" role="alert">{html.escape(message)}</p>' if message else "",
        name_label=i18n.t("User name", lang), password_label=i18n.t("Password", lang),
        button=i18n.t("Sign in", lang), other_lang=other_name,
        other_lang_url=html.escape(sign_in_url(next_path, other)))
    response = HTMLResponse(page, status_code=status)
    _set_cookie(request, response, FORM_COOKIE, token)
    return response


async def sign_in(request: Request) -> Response:
    """GET: the form (or, with a session already, the page asked for). POST: check the form
    came from it, then the password; a right one opens a session and goes to the page asked
    for."""
    store, lang = _accounts(), _lang(request)
    if request.method == "GET":
        next_path = _next(request.query_params)
        if await run_in_threadpool(_visitor, store, request):
            return RedirectResponse(next_path, status_code=303)
        return _form(request, next_path)
    values = await request.form()
    next_path, name = _next(values), str(values.get("name", "")).strip()
    sent, given = str(values.get("token", "")), request.cookies.get(FORM_COOKIE, "")
    if not (_same_origin(request) and given and secrets.compare_digest(sent, given)):
        return _form(request, next_path, i18n.t("The form did not come from this dashboard's "
                                                "sign-in page, or it is too old; reload the page "
                                                "and sign in.", lang), name, status=403)
    try:
        cookie = await run_in_threadpool(store.sign_in, name, str(values.get("password", "")),
                                         request.client.host if request.client else "")
    except access.AccessError as refused:
        return _form(request, next_path, refused.text(lang), name,
                     status=429 if refused.message == access.SLOW else 401)
    response = RedirectResponse(next_path, status_code=303)
    _set_cookie(request, response, access.COOKIE, cookie)
    response.delete_cookie(FORM_COOKIE, path=f"{base()}/")
    return response


async def sign_out(request: Request) -> Response:
    """End this session, or with `everywhere` every session of its account; then the sign-in
    page. A form that did not come from our page ends nothing."""
    store, cookie = _accounts(), request.cookies.get(access.COOKIE)
    values = await request.form()
    if not (cookie and _same_origin(request) and secrets.compare_digest(
            str(values.get("token", "")), store.form_token(cookie))):
        return Response(i18n.t("The form did not come from this dashboard's sign-in page, or it is "
                               "too old; reload the page and sign in.",
                               _lang(request)), status_code=403)
    user = await run_in_threadpool(_visitor, store, request)
    if isinstance(user, access.User) and values.get("everywhere"):
        await run_in_threadpool(store.sign_out_everywhere, user.name, user.name)
    else:
        await run_in_threadpool(store.sign_out, cookie)
    response = RedirectResponse(sign_in_url(f"{base()}/", _lang(request)), status_code=303)
    response.delete_cookie(access.COOKIE, path=f"{base()}/")
    return response


def _visitor(store: access.Accounts, request: Request) -> access.User | bool | None:
    """The request's user; True for a directory's user without an account here, whom the
    script tells so; None for anyone else."""
    try:
        return access.visitor(store, request.cookies, request.headers)
    except access.AccessError as refused:
        return refused.message == access.NO_ACCOUNT_HERE or None


class SignedInOnly:
    """Send a browser that asks for a page without a session to the sign-in page, which
    comes back to the page asked for. It answers with a page that moves on by itself rather
    than a redirect: a link followed from another site carries no SameSite=Strict cookie, and
    the request this page makes is ours, so it does, and a signed-in reader goes straight on.
    The script checks the session again on every run: this only spares a blank page."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "GET" and self._page(scope["path"]):
            request = Request(scope)
            store = _accounts()
            if await run_in_threadpool(store.logins_on) and \
                    not await run_in_threadpool(_visitor, store, request):
                asked = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                url = html.escape(sign_in_url(asked, _lang(request)))
                words = i18n.t("Sign in", _lang(request))
                page = (f'<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" '
                        f'content="0;url={url}"><a href="{url}">{words}</a>')
                await HTMLResponse(page, headers={"Cache-Control": "no-store"})(
                    scope, receive, send)
                return
        await self.app(scope, receive, send)

    @staticmethod
    def _page(path: str) -> bool:
        """A page of the dashboard ("/chiso/", "/chiso/ho-so-xa"), not a file or endpoint."""
        inside = path.removeprefix(base()).strip("/")
        first, _, rest = inside.partition("/")
        return not rest and "." not in first and first not in NOT_PAGES


def routes() -> list[Route]:
    return [Route(f"{base()}/{SIGN_IN}", sign_in, methods=["GET", "POST"]),
            Route(f"{base()}/{SIGN_OUT}", sign_out, methods=["POST"])]


def middleware() -> list[Middleware]:
    return [Middleware(SignedInOnly)]


@contextlib.asynccontextmanager
async def lifespan(_app):
    """While the server runs, the first views of its database are prepared (prepared.py)."""
    prepared.watch(db.default_path().resolve())
    yield
