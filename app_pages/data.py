import tempfile
from pathlib import Path

import streamlit as st

from grassroots import contract, geo, i18n, import_views, ingest, templates, view, widgets

current = view.header("data", figures_needed=False)  # where the first figures come in
lang = current.lang
if not current.user.may("import"):  # the page is not offered to others; nor does it run
    st.stop()
actor = current.user.name or "dashboard"
# A reporter sends its own commune's files (and those of the communes it was made from): the
# file is checked against every commune, so that a row of another is refused by its name.
reporter = current.user.role == "reporter"
whole = view.whole_database()

st.subheader(current.t("Import figures"))
with st.expander(current.t("Templates (Excel)")):
    st.caption(current.t("One template per kind of figures; the note on each header says what goes "
                         "there."))
    for kind in contract.KINDS:
        st.download_button(current.t(contract.TITLES[kind]), (templates.FOLDER / f"{kind}.xlsx")
                           .read_bytes(), f"{kind}.xlsx", key=f"template-{kind}")
kinds = [None, *contract.KINDS]
kind = st.selectbox(current.t("Kind of figures"), kinds, format_func=lambda k: current.t(
    "Tell from the headers") if k is None else current.t(contract.TITLES[k]))
upload = widgets.file_uploader(current.t("File of figures (Excel .xlsx, .xls; OpenDocument .ods; "
                                         "CSV; forms 06, 06a; dossier lists from the one-stop "
                                         "system)"), ["xlsx", "xlsm", "xls", "ods", "csv"],
                          "import-file", lang)
if upload is not None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / upload.name
        path.write_bytes(upload.getvalue())
        bar = st.progress(0.0, current.t("Reading and checking the file…"))
        checked = ingest.check(path, whole.run("unit_history"), kind, progress=bar.progress,
                               only=set(current.db.run("unit_history")["code"]) if reporter
                               else None)
        bar.empty()
        if checked.ok:
            st.success(current.t("{file}: good — {rows} rows, kind {kinds}.",
                                 file=checked.name, rows=i18n.number(
                checked.rows, lang), kinds=", ".join(current.t(contract.TITLES[t.kind])
                                                     for t in checked.tables)))
            units = whole.run("unit_history")
            for line in import_views.understood(checked, dict(zip(units["code"], units["name"])),
                                          lang):
                st.info(line)
        else:
            st.error(current.t("{file}: cannot be imported — problems: {count}. Correct the file "
                               "and upload it again; nothing was written.", file=checked.name,
                               count=i18n.number(checked.error_count, lang)))
        for problem in checked.problems:
            (st.warning if problem.warning else st.error)(problem.text(checked.name, lang))
        shown = import_views.preview(checked, lang)
        if not shown.empty:
            marked = current.t("Problems")
            st.dataframe(shown.style.apply(lambda row: [
                "background-color: #fde2e1" if row[marked] else ""] * len(row), axis=1),
                hide_index=True)
        if checked.ok and st.button(current.t("Write to the database"), type="primary"):
            outcome = ingest.commit(whole, checked, actor)
            st.success(outcome.text(checked.name, lang))



def undo(import_id: int) -> None:
    """Run before the page reruns, so the history below already shows the undo."""
    try:
        removed, restored = ingest.undo(current.db, import_id, actor)
        st.session_state.undone = (st.success, current.t(
            "Import #{id} undone: {removed} rows removed, {restored} old rows put back.",
            id=import_id, removed=i18n.number(removed, lang),
            restored=i18n.number(restored, lang)))
    except ingest.Refused as refused:
        st.session_state.undone = (st.error, refused.problem.sentence(lang))


st.subheader(current.t("Import history"))
if "undone" in st.session_state:
    show, message = st.session_state.pop("undone")
    show(message)
log = import_views.history(whole, lang, by=actor if reporter else None)
if log.empty:
    st.info(current.t("No imports yet."))
elif reporter:  # its own imports, to see what arrived; undoing is the district's
    st.dataframe(log, hide_index=True)
else:
    latest = log.iloc[0]
    st.caption(current.t("Latest import: #{id} {file}, at {at}, by {by}.",
                         id=latest["#"], file=latest[current.t("File")],
                         at=latest[current.t("At")], by=latest[current.t("By")]))
    st.dataframe(log, hide_index=True)
    undoable = log.loc[log[current.t("Undone at")] == "", "#"].tolist()
    chosen = st.selectbox(current.t("Import to undo"), undoable, format_func=lambda i: f"#{i}")
    if chosen is not None:
        st.button(current.t("Undo"), on_click=undo, args=(int(chosen),))

if reporter:
    st.stop()
st.subheader(current.t("Commune boundaries"))
stored = current.db.run("boundaries")  # counted, not drawn: no geometry parsed
if stored.empty:
    st.info(current.t("No commune boundaries yet; load a boundary file on the Data page."))
else:
    st.caption(current.tn("In use: boundaries of {count} commune, from {source}.",
                          "In use: boundaries of {count} communes, from {source}.", len(stored),
                          source=stored["source"].iloc[0])
               + (" " + current.t("Commune boundaries are generated and approximate.")
                  if stored["approximate"].any() else ""))
upload = widgets.file_uploader(current.t("Boundary file (GeoJSON, zipped Shapefile with .prj and "
                                         ".cpg, GeoPackage)"), ["geojson", "json", "zip", "gpkg"],
                          "boundary-file", lang)
code_field, crs = st.columns(2)
field = code_field.text_input(
    current.t("Commune code field (if not found)"),
    help=current.t("The field holding the 5-digit official code.")) or None
crs_code = crs.text_input(current.t("Coordinate system (if the file does not say)"), help=current.t(
    "For example EPSG:5897 (VN-2000 TM-3 105°30'), EPSG:4326 (WGS84).")) or None
if upload is not None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / upload.name
        path.write_bytes(upload.getvalue())
        try:
            with st.spinner(current.t("Reading and matching boundaries…")):
                matched = geo.match(geo.read(path, crs_code), current.db.run("units"), field)
        except geo.GeoError as error:
            st.error(error.text(lang))
            st.stop()
        lines = geo.report(matched, lang)
        (st.success if len(lines) == 1 else st.warning)("\n\n".join(lines))
        if not matched.shapes.empty and st.button(current.t("Use these boundaries"),
                                                  type="primary"):
            geo.store(current.db, matched, path, actor)
            st.success(current.tn("Saved boundaries of {count} commune.",
                                  "Saved boundaries of {count} communes.", len(matched.shapes)))
