import streamlit as st

from grassroots import blocks, catalog, panels, urls, view, widgets

current = view.header("overview")
lang, period = current.lang, current.period

for column, (metric, caption) in zip(st.columns(len(catalog.HEADLINE)),
                                     panels.tiles(current.db, period, lang)):
    column.metric(**metric, border=True)
    column.caption(caption)

st.subheader(current.t("attention"))
blocks.attention(panels.attention(current.db, period, lang), current)
with st.expander(current.t("completeness")):
    st.dataframe(panels.completeness(current.db, period, lang), hide_index=True,
                 height="content")

st.subheader(current.t("scorecard"))
st.caption(current.t("scorecard_help"))
sort_by = widgets.url_selectbox(current.t("sort_by"), [i.id for i in panels.SCORECARD],
                                urls.SORT, {i.id: i.label(lang) for i in panels.SCORECARD}.get)
blocks.chart(panels.scorecard(current.db, period, sort_by, lang), key="scorecard", select=True,
             stretch=False)
st.caption(current.t("open_profile"))
