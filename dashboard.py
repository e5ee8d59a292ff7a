"""Entry point: page setup, sign-in and the shared sidebar, and the pages the user may open."""

import streamlit as st

from grassroots import i18n, ui

st.set_page_config(page_title="Chỉ số chính quyền cơ sở", page_icon="📊", layout="wide")

current = ui.sidebar()
user = current.user
profile = st.Page("app_pages/profile.py", title=current.t("profile"),
                  icon=":material/location_city:", url_path="ho-so-xa",
                  default=bool(user.unit_code))
if current.period is None:  # no figures yet: what the dashboard is, and how to begin
    pages = [st.Page("app_pages/welcome.py", title=current.t("welcome"),
                     icon=":material/waving_hand:", default=True)]
elif user.unit_code:  # a viewer of one commune: that commune's profile, nothing to compare with
    pages = [profile]
else:
    pages = [st.Page("app_pages/overview.py", title=current.t("overview"),
                     icon=":material/dashboard:", default=True)] + [
        st.Page(f"app_pages/{family}.py", title=current.t(family), icon=f":material/{icon}:")
        for family, icon in (("dossiers", "folder_open"), ("letters", "mail"),
                             ("engagement", "groups"), ("cadres", "school"),
                             ("satisfaction", "sentiment_satisfied"))
    ] + [
        profile,
        st.Page("app_pages/map.py", title=current.t("map_page"), icon=":material/map:",
                url_path="ban-do"),
        st.Page("app_pages/compare.py", title=current.t("compare"),
                icon=":material/compare_arrows:", url_path="so-sanh"),
        st.Page("app_pages/score.py", title=current.t("composite"),
                icon=":material/leaderboard:", url_path="diem-tong-hop"),
        st.Page("app_pages/briefing.py", title=current.t("briefing"),
                icon=":material/slideshow:", url_path="bao-cao-giao-ban"),
    ]
if user.may("import"):
    pages.append(st.Page("app_pages/data.py", title=current.t("data"),
                         icon=":material/upload_file:", url_path="du-lieu"))
st.sidebar.caption(i18n.t("app_title", current.lang))
st.navigation(pages + ui.unknown_page(pages, current)).run()
