import streamlit as st

from grassroots import blocks, catalog, figures, panels, urls, view, widgets

current = view.header("compare")
lang, period = current.lang, current.period
units = figures.units(current.db).set_index("code")
codes = widgets.url_multiselect(current.t("Pick 2 to 6 communes"), figures.by_name(units),
                                urls.COMPARED,
                                lambda c: units.loc[c, "name"],
                                default=figures.first_compared(units), most=6)
if len(codes) < 2:
    st.info(current.t("Pick at least 2 communes."))
    st.stop()
names = tuple(units.loc[c, "name"] for c in codes)

blocks.chart(panels.compare_bars(current.db, period, names, lang), key="compare", stretch=False)

st.subheader(current.t("Trend over time"))
indicator = blocks.indicator_picker(current, catalog.SCORECARD, key="chitieu_compare")
blocks.trend_block(current, indicator, highlight=tuple(codes))

st.subheader(current.t("Scores against target"))
blocks.chart(panels.score_profile(current.db, period, names, lang), key="score-profile")
