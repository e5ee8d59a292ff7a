import streamlit as st

from grassroots import catalog, charts, export, figures, scores, ui

current = ui.header(ui.view().t("compare"))
lang, period = current.lang, current.period
units = figures.units(current.db).set_index("code")
codes = ui.url_multiselect(current.t("compare_pick"), ui.by_name(units), "ss",
                           lambda c: units.loc[c, "name"], default=list(units.index[:3]),
                           most=6)
if len(codes) < 2:
    st.info(current.t("compare_need_two"))
    st.stop()
names = [units.loc[c, "name"] for c in codes]
indicators = [catalog.BY_ID[i] for i in catalog.SCORECARD]


def compare_bars():
    communes = figures.commune_values(current.db, period)
    title = f"{current.t('compare_bars')} — {period.label(lang)}"
    return (charts.compare_bars(communes, indicators, names, title, current.subtitle(), lang),
            export.compare_table(communes, indicators, names, title, current.subtitle(), lang))


def score_profile():
    scaled = scores.scaled_frame(figures.commune_values(current.db, period))
    title = f"{current.t('score_profile')} — {period.label(lang)}"
    return (charts.score_profile(scaled, indicators, names, title, current.subtitle(), lang),
            export.score_profile_table(scaled, indicators, names, title, current.subtitle(),
                                       lang))


ui.chart_block(ui.shown(current, ("compare", period.code, *codes), compare_bars), key="compare",
               stretch=False)

st.subheader(current.t("trend"))
indicator = ui.indicator_picker(current, catalog.SCORECARD, key="chitieu_compare")
ui.trend_block(current, indicator, highlight=tuple(codes))

st.subheader(current.t("score_profile"))
ui.chart_block(ui.shown(current, ("score_profile", period.code, *codes), score_profile),
               key="score-profile")
