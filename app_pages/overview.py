import streamlit as st

from grassroots import blocks, catalog, panels, urls, view, widgets

current = view.header("overview")
lang, period = current.lang, current.period

for column, (metric, caption) in zip(st.columns(len(catalog.HEADLINE)),
                                     panels.tiles(current.db, period, lang)):
    column.metric(**metric, border=True)
    column.caption(caption)

st.subheader(current.t("Needs attention"))
blocks.attention(panels.attention(current.db, period, lang), current)
with st.expander(current.t("Reports received from the communes")):
    st.dataframe(panels.completeness(current.db, period, lang), hide_index=True,
                 height="content")

st.subheader(current.t("Commune scorecard"))
st.caption(current.t("Colour by target: green = met, amber = close (within 5 points, or 10% of a "
                     "count target), red = missed, blue = no target, grey = no data."))
sort_by = widgets.url_selectbox(current.t("Sort by"), [i.id for i in panels.SCORECARD],
                                urls.SORT, {i.id: i.label(lang) for i in panels.SCORECARD}.get)
blocks.chart(panels.scorecard(current.db, period, sort_by, lang), key="scorecard", select=True,
             stretch=False)
st.caption(current.t("Click a commune to open its profile."))
