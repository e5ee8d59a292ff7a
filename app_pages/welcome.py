"""What a database without figures opens to: what the dashboard shows, and how to begin."""

import streamlit as st

from grassroots import figures, urls, view

CLI = ".venv/bin/python -m grassroots"  # from the project's folder on the server
current = view.current()
st.title(current.t("welcome_title"))
units = figures.units(current.db)
if current.user.unit_code:  # a viewer of one commune: their reports are awaited, nothing to do
    commune = units.iloc[0] if len(units) else None
    st.info(current.t("welcome_commune", parent=current.parent, commune=current.user.unit_code
                      if commune is None else f"{commune['kind']} {commune['name']}"))
    st.stop()

st.markdown(current.t("welcome_what", parent=current.parent))
st.info(current.t("welcome_empty"))
if len(units):
    st.markdown(current.t("welcome_units_done", count=len(units)))
else:
    st.markdown(current.t("welcome_units"))
    st.code(f"{CLI} import danh-sach-xa.xlsx --db {current.db.path}", language="bash")
if current.user.may("import"):
    st.markdown(current.t("welcome_figures"))
    st.page_link(urls.PAGES["data"].script, label=current.t("welcome_open_data"),
                 icon=":material/upload_file:")
else:
    st.markdown(current.t("welcome_figures_ask"))
st.markdown(current.t("welcome_demo"))
st.code(f"{CLI} init-demo --db build/demo.duckdb\nDASHBOARD_DB=build/demo.duckdb make run",
        language="bash")
