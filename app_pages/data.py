import tempfile
from pathlib import Path

import streamlit as st

from grassroots import geo, ui

current = ui.header(ui.view().t("data"))
lang = current.lang

st.subheader(current.t("boundaries"))
stored = geo.load(current.db)
if stored.empty:
    st.info(current.t("no_boundaries"))
else:
    st.caption(current.t("boundaries_now", count=len(stored), source=stored["source"].iloc[0])
               + (" " + current.t("approximate_boundaries") if stored["approximate"].any() else ""))
upload = st.file_uploader(current.t("boundary_file"), type=["geojson", "json", "zip", "gpkg"])
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
            geo.store(current.db, matched, path)
            st.success(current.t("boundaries_saved", count=len(matched.shapes)))
