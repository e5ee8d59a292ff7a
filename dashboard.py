"""Entry point: page setup, sign-in and the shared sidebar, and the pages the user may open."""

import streamlit as st

from grassroots import i18n, urls, view

# The browser tab's title, set before the reader's language is known.
st.set_page_config(page_title=i18n.t("Grassroots government indicators", "vi"), page_icon="📊",
                   layout="wide")

current = view.sidebar()
user = current.user


def page(name: str, default: bool = False) -> st.Page:
    address = urls.PAGES[name]
    return st.Page(address.script, title=current.t(address.title), icon=address.icon,
                   url_path=address.path, default=default)


if current.period is None:  # no figures yet: what the dashboard is, and how to begin
    pages = [page("welcome", default=True)]
elif user.unit_code:  # a viewer of one commune: that commune's profile, nothing to compare with
    pages = [page("profile", default=True)]
else:
    pages = [page("overview", default=True)] + [page(name) for name in (
        "dossiers", "letters", "engagement", "cadres", "satisfaction", "profile", "map_page",
        "compare", "composite", "briefing")]
if user.may("import"):
    pages.append(page("data"))
st.sidebar.caption(i18n.t("Grassroots government indicators", current.lang))
st.navigation(pages + view.unknown_page(pages, current)).run()
