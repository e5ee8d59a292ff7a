"""Who is reading, on every run: the session cookie (or the single sign-on header) checked
against the accounts store, and the sidebar's sign-out form. The sign-in page itself is a route
of its own (grassroots.web)."""

import html
import urllib.parse

import streamlit as st

from grassroots import access, db, i18n, web


def signed_in(database: db.Database, lang: str) -> access.User:
    """The user of this run: OPEN while no account exists; else the account of the session
    cookie (or of the single sign-on header, when configured), checked on every run, so a
    session ended elsewhere ends here too. Anyone else is sent to the sign-in page."""
    accounts = access.of(database.path)
    if not accounts.logins_on():
        return access.OPEN
    try:
        user = access.visitor(accounts, st.context.cookies, st.context.headers)
    except access.AccessError as ended:
        user, message = None, ended.text(lang)
    else:
        message = i18n.t("Sign in to see the dashboard.", lang)
    if user:
        return user
    st.title(i18n.t("Grassroots government indicators", lang))
    st.info(message)
    here = urllib.parse.urlsplit(st.context.url or "")
    st.link_button(i18n.t("Sign in", lang), web.sign_in_url(
        here.path + (f"?{here.query}" if here.query else ""), lang), type="primary")
    st.stop()


def sign_out_form(database: db.Database, user: access.User, lang: str) -> None:
    """Sign out, here or everywhere: a form posted to the sign-out route, with the token that
    shows it came from this page."""
    token = access.of(database.path).form_token(st.context.cookies.get(access.COOKIE))
    here = html.escape(i18n.t("Sign out ({name})", lang, name=user.name))
    everywhere = html.escape(i18n.t("Sign out everywhere", lang))
    st.sidebar.html(
        f'<form method="post" action="{web.base()}/{web.SIGN_OUT}" class="sign-out">'
        f'<input type="hidden" name="token" value="{token}">'
        f'<button type="submit">{here}</button>'
        f'<button type="submit" name="everywhere" value="1" class="quiet">{everywhere}'
        '</button></form>'
        "<style>form.sign-out{display:flex;flex-wrap:wrap;gap:.4rem}"
        "form.sign-out button{font:inherit;font-size:.9rem;padding:.3rem .7rem;cursor:pointer;"
        "border:1px solid rgba(49,51,63,.2);border-radius:.5rem;background:white}"
        "form.sign-out button.quiet{border:0;background:none;color:rgba(49,51,63,.6);"
        "text-decoration:underline}</style>")
