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

st.subheader(current.t("import_data"))
with st.expander(current.t("templates")):
    st.caption(current.t("templates_help"))
    for kind in contract.KINDS:
        st.download_button(current.t(f"kind_{kind}"), (templates.FOLDER / f"{kind}.xlsx")
                           .read_bytes(), f"{kind}.xlsx", key=f"template-{kind}")
kinds = [None, *contract.KINDS]
kind = st.selectbox(current.t("import_kind"), kinds, format_func=lambda k: current.t(
    "import_kind_auto") if k is None else current.t(f"kind_{k}"))
upload = widgets.file_uploader(current.t("import_file"), ["xlsx", "xlsm", "xls", "ods", "csv"],
                          "import-file", lang)
if upload is not None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / upload.name
        path.write_bytes(upload.getvalue())
        bar = st.progress(0.0, current.t("checking_file"))
        checked = ingest.check(path, whole.run("unit_history"), kind, progress=bar.progress,
                               only=set(current.db.run("unit_history")["code"]) if reporter
                               else None)
        bar.empty()
        if checked.ok:
            st.success(current.t("file_good", file=checked.name, rows=i18n.number(
                checked.rows, lang), kinds=", ".join(current.t(f"kind_{t.kind}")
                                                     for t in checked.tables)))
            units = whole.run("unit_history")
            for line in import_views.understood(checked, dict(zip(units["code"], units["name"])),
                                          lang):
                st.info(line)
        else:
            st.error(current.t("file_refused", file=checked.name,
                               count=i18n.number(checked.error_count, lang)))
        for problem in checked.problems:
            (st.warning if problem.warning else st.error)(problem.text(checked.name, lang))
        shown = import_views.preview(checked, lang)
        if not shown.empty:
            marked = current.t("problems")
            st.dataframe(shown.style.apply(lambda row: [
                "background-color: #fde2e1" if row[marked] else ""] * len(row), axis=1),
                hide_index=True)
        if checked.ok and st.button(current.t("confirm_import"), type="primary"):
            outcome = ingest.commit(whole, checked, actor)
            st.success(outcome.text(checked.name, lang))



def undo(import_id: int) -> None:
    """Run before the page reruns, so the history below already shows the undo."""
    try:
        removed, restored = ingest.undo(current.db, import_id, actor)
        st.session_state.undone = (st.success, current.t(
            "undone", id=import_id, removed=i18n.number(removed, lang),
            restored=i18n.number(restored, lang)))
    except ingest.Refused as refused:
        st.session_state.undone = (st.error, refused.problem.sentence(lang))


st.subheader(current.t("import_history"))
if "undone" in st.session_state:
    show, message = st.session_state.pop("undone")
    show(message)
log = import_views.history(whole, lang, by=actor if reporter else None)
if log.empty:
    st.info(current.t("no_imports"))
elif reporter:  # its own imports, to see what arrived; undoing is the district's
    st.dataframe(log, hide_index=True)
else:
    latest = log.iloc[0]
    st.caption(current.t("last_import", id=latest["#"], file=latest[current.t("h_file")],
                         at=latest[current.t("h_at")], by=latest[current.t("h_by")]))
    st.dataframe(log, hide_index=True)
    undoable = log.loc[log[current.t("h_undone")] == "", "#"].tolist()
    chosen = st.selectbox(current.t("undo_choose"), undoable, format_func=lambda i: f"#{i}")
    if chosen is not None:
        st.button(current.t("undo_button"), on_click=undo, args=(int(chosen),))

if reporter:
    st.stop()
st.subheader(current.t("boundaries"))
stored = current.db.run("boundaries")  # counted, not drawn: no geometry parsed
if stored.empty:
    st.info(current.t("no_boundaries"))
else:
    st.caption(current.t("boundaries_now", count=len(stored), source=stored["source"].iloc[0])
               + (" " + current.t("approximate_boundaries") if stored["approximate"].any() else ""))
upload = widgets.file_uploader(current.t("boundary_file"), ["geojson", "json", "zip", "gpkg"],
                          "boundary-file", lang)
code_field, crs = st.columns(2)
field = code_field.text_input(current.t("code_field"), help=current.t("code_field_help")) or None
crs_code = crs.text_input(current.t("crs"), help=current.t("crs_help")) or None
if upload is not None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / upload.name
        path.write_bytes(upload.getvalue())
        try:
            with st.spinner(current.t("reading_boundaries")):
                matched = geo.match(geo.read(path, crs_code), current.db.run("units"), field)
        except geo.GeoError as error:
            st.error(error.message(lang))
            st.stop()
        lines = geo.report(matched, lang)
        (st.success if len(lines) == 1 else st.warning)("\n\n".join(lines))
        if not matched.shapes.empty and st.button(current.t("save_boundaries"), type="primary"):
            geo.store(current.db, matched, path, actor)
            st.success(current.t("boundaries_saved", count=len(matched.shapes)))
