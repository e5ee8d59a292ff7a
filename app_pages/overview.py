import pandas as pd
import streamlit as st

from grassroots import catalog, charts, export, figures, i18n, scores, ui

current = ui.header(ui.view().t("overview"))
lang, period = current.lang, current.period


def tiles() -> list[tuple[dict, str]]:
    """Each headline indicator for the whole district (or province): its value and change since
    the previous period (the metric), and its change since a year earlier (the caption)."""
    now, before, year_ago = (figures.parent_values(current.db, p)
                             for p in (period, period.previous(), period.year_earlier()))
    made = []
    for indicator_id in catalog.HEADLINE.values():
        indicator = catalog.BY_ID[indicator_id]
        value, previous = now.loc[indicator_id, "value"], before.loc[indicator_id, "value"]
        change = None if value is None or previous is None else value - previous
        delta = i18n.delta(indicator, change, lang)
        made.append(({
            "label": indicator.short(lang),
            "value": i18n.value(indicator, value, lang, unit=False),
            "delta": delta,
            "delta_color": "off" if delta and delta[0] not in "+-"
            else "normal" if indicator.higher_is_better else "inverse",
            "help": f"{indicator.label(lang)}; "
                    + current.t("vs_previous", period=period.previous().label(lang)),
        }, current.t("vs_year_earlier", period=period.year_earlier().label(lang)) + ": "
            + ui.change_markdown(indicator, value, year_ago.loc[indicator_id, "value"], lang)))
    return made


for column, (metric, caption) in zip(st.columns(len(catalog.HEADLINE)),
                                     ui.made(current, ("tiles", period.code), tiles)):
    column.metric(**metric, border=True)
    column.caption(caption)

st.subheader(current.t("attention"))
ui.attention_list(ui.made(current, ("attention", period.code), lambda: ui.attention_links(
    scores.attention(current.db, period), current)), current)
with st.expander(current.t("completeness")):
    st.dataframe(ui.made(current, ("completeness", period.code), lambda: ui.arrow(
        ui.completeness_table(figures.completeness(current.db, period), lang))),
        hide_index=True, height="content")

st.subheader(current.t("scorecard"))
st.caption(current.t("scorecard_help"))
columns = [scores.COMPOSITE] + [catalog.BY_ID[i] for i in catalog.SCORECARD]
sort_by = ui.url_selectbox(current.t("sort_by"), [i.id for i in columns], "sapxep",
                           {i.id: i.label(lang) for i in columns}.get)


def scorecard():
    cells = pd.concat([scores.as_cells(scores.composite(current.db, period)),
                       figures.commune_values(current.db, period)])
    order = figures.by_rank(cells[cells["indicator"] == sort_by])["name"].tolist()
    title = f"{current.t('scorecard')} — {period.label(lang)}"
    return (charts.scorecard(cells, columns, order, title, current.subtitle(), lang),
            export.scorecard_table(cells, columns, order, title, current.subtitle(), lang))


event = ui.chart_block(ui.shown(current, ("scorecard", period.code, sort_by), scorecard),
                       key="scorecard", select=True, stretch=False)
st.caption(current.t("open_profile"))
ui.open_profile(event, current)
