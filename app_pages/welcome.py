"""What a database without figures opens to: what the dashboard shows, and how to begin."""

import streamlit as st

from grassroots import figures, urls, view

CLI = ".venv/bin/python -m grassroots"  # from the project's folder on the server
current = view.current()
st.title(current.t("Welcome to the grassroots government indicators"))
units = figures.units(current.db)
if current.user.unit_code:  # a viewer of one commune: their reports are awaited, nothing to do
    commune = units.iloc[0] if len(units) else None
    st.info(current.t("There are no figures for {commune} yet. They appear here once the commune's "
                      "monthly reports are imported: send them to the data officer of {parent}.",
                      parent=current.parent, commune=current.user.unit_code
                      if commune is None else " ".join([commune["kind"], commune["name"]])))
    st.stop()

st.markdown(current.t("The dashboard lets the leadership of {parent} see each commune's indicators "
                      "and compare the communes, by month, quarter or year: "
                      "administrative-procedure dossiers (on time, online, paid online, "
                      "digitised), congratulation and condolence letters to families, citizen "
                      "receptions and dialogues, cadre qualifications and people's satisfaction. "
                      "Each indicator has a ranking, a map and a trend against its target; the "
                      "Briefing pack page makes the slides for a meeting.", parent=current.parent))
st.info(current.t("This database holds no figures yet. Next steps:"))
if len(units):
    st.markdown(current.tn("**1. The communes:** {count} commune is in.",
                           "**1. The communes:** {count} communes are in.", len(units)))
else:
    st.markdown(current.t("**1. The communes.** Import a file made from the «Communes» template "
                          "(code, name, kind, population, area…), on the Data page or with:"))
    st.code(f"{CLI} import danh-sach-xa.xlsx --db {current.db.path}", language="bash")
if current.user.may("import"):
    st.markdown(current.t("**2. The figures.** Download the Excel templates, fill in the communes' "
                          "monthly figures and import them on the Data page. A file with a problem "
                          "is refused whole, with every problem listed by row and column; nothing "
                          "is written."))
    st.page_link(urls.PAGES["data"].script, label=current.t("Open the Data page: templates and "
                                                            "imports"),
                 icon=":material/upload_file:")
else:
    st.markdown(current.t("**2. The figures.** Your account may only read: ask a colleague who may "
                          "import to import the communes' monthly reports."))
st.markdown(current.t("**Or try the demo** (a district with synthetic figures, marked DỮ LIỆU MẪU "
                      "on every page), on the server:"))
st.code(f"{CLI} init-demo --db build/demo.duckdb\nDASHBOARD_DB=build/demo.duckdb make run",
        language="bash")
