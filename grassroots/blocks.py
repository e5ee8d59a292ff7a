"""How panels are drawn on a page: a chart with the table of its numbers and their files, the
links of the Overview's list, a commune's profile, and the page of an indicator family."""

import streamlit as st

from grassroots import catalog, charts, export, i18n, images, maps, panels, urls, widgets
from grassroots.view import View, current, header

PRESENT_BOX = (1280, 720)
CHANGE_COLOURS = {"green": charts.STATUS_COLOURS["met"], "red": charts.STATUS_COLOURS["missed"]}
STATUS_STYLE = {status: f"background-color: {colour}; color: white"
                for status, colour in charts.STATUS_COLOURS.items()}


def chart(shown: panels.Shown, key: str, select: bool = False, stretch: bool = True):
    """A chart, then the table of its numbers, the numbers as CSV and Excel and the chart as
    PNG. In presentation mode, the chart alone at a fixed 16:9 size in large type. A click on a
    commune, when `select`, opens its profile."""
    view = current()
    spec = images.fitted(shown.sent, PRESENT_BOX, 1.6) if view.present else shown.sent
    width = "content" if view.present or not stretch else "stretch"
    event = st.vega_lite_chart(spec, on_select="rerun" if select else "ignore", key=key,
                               width=width)
    if not view.present:
        table(shown.table, view.lang, shown.spec, display=shown.cells)
    if select:
        open_profile(event, view)


def table(numbers: export.Table, lang: str, spec=None, display=None, column_config=None,
          expanded: bool = False) -> None:
    """Under a chart: the table of exactly its numbers (or `display`, a styled form of them),
    the same as CSV and Excel, and the chart as PNG."""
    with st.expander(i18n.t("Numbers shown", lang), expanded=expanded):
        st.dataframe(export.formatted(numbers, lang) if display is None else display,
                     hide_index=True, height="content", column_config=column_config)
    files = st.container(horizontal=True)
    # The files are made when clicked, not on every run of the page.
    files.download_button("CSV", lambda: export.to_csv(numbers, lang), f"{numbers.name}.csv",
                          "text/csv", key=f"csv-{numbers.name}", icon=":material/download:",
                          on_click="ignore")
    files.download_button(
        "Excel", lambda: export.to_xlsx(numbers), f"{numbers.name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx-{numbers.name}", icon=":material/download:", on_click="ignore")
    if spec is not None:
        files.download_button("PNG", lambda: images.png(spec, lang), f"{numbers.name}.png",
                              "image/png", key=f"png-{numbers.name}", icon=":material/image:",
                              on_click="ignore")


def open_profile(event, view: View) -> None:
    """A click on a commune in a chart opens its profile, for the same period and language."""
    picked = event.selection.get(charts.COMMUNE_SELECTION) if event else None
    if picked:
        st.switch_page(urls.PAGES["profile"].script, query_params={
            urls.COMMUNE: picked[0]["unit_code"], urls.PERIOD: view.period.code, **view.kept()})


def attention(links: list[tuple], view: View) -> None:
    """The links of panels.attention, for the period and language in view."""
    if not links:
        st.success(view.t("Nothing missed, worsened or went unreported this period."))
    for page, text, params, icon, details in links:
        st.page_link(page, label=text, icon=icon, help=details,
                     query_params={**params, urls.PERIOD: view.period.code, **view.kept()})


def profile(shown: panels.Profile, view: View) -> None:
    """The profile's chart, then its table with status colours and a sparkline per indicator,
    and the files of both."""
    spec = images.fitted(shown.spec, PRESENT_BOX, 1.6) if view.present else shown.spec
    st.vega_lite_chart(spec, key="profile-chart",
                       width="content" if view.present else "stretch")
    frame, numbers = shown.frame, shown.table
    status, change = view.t("Status"), view.t("Change")
    colours = {view.t(i18n.STATUSES[s]): style for s, style in STATUS_STYLE.items()}
    changes = [panels.change_colour(catalog.BY_ID[i], text)
               for i, text in zip(frame["indicator"], numbers.frame[change])]
    display = numbers.frame.assign(**{view.t("Trend"): frame["trend"]})
    styled = display.style.map(lambda label: colours.get(label, ""), subset=[status]).apply(
        lambda _: [f"color: {CHANGE_COLOURS[c]}" if c else "" for c in changes], subset=[change])
    table(numbers, view.lang, shown.spec, display=styled, expanded=True, column_config={
        view.t("Group"): st.column_config.Column(width="small"),
        view.t("Indicator"): st.column_config.Column(width="large"),
        view.t("Trend"): st.column_config.LineChartColumn(view.t("Trend"))})


def indicator_picker(view: View, ids, key: str) -> catalog.Indicator:
    """Pick one of the indicators `ids`; the choice lives in the URL."""
    return widgets.indicator_picker(view.t("Indicator"), ids, urls.INDICATOR, key, view.lang)


def family_page(family: str) -> None:
    """A family's page: pick an indicator, rank the communes, follow the trend, see the numbers."""
    view = header(family)
    indicator = indicator_picker(view, [i.id for i in catalog.of_family(family)],
                                 key=f"chitieu_{family}")
    st.caption(view.t("**Formula:** {formula} · **Reference:** {reference}",
                      formula=indicator.formula,
                      reference=indicator.reference_on(view.period.last_day)))
    widgets.target_form(view, indicator)
    st.subheader(view.t("Commune ranking"))
    chart(panels.ranking(view.db, indicator, view.period, view.lang), key=f"ranking-{family}",
          select=True)
    st.caption(view.t("Click a commune to open its profile."))
    st.subheader(view.t("Map"))
    map_block(view, indicator, key=f"map-{family}")
    st.subheader(view.t("Trend over time"))
    trend_block(view, indicator)


def map_block(view: View, indicator: catalog.Indicator, key: str) -> None:
    """A choropleth of the indicator for the period, coloured by status against the target
    when it has one, or by classes (method and count chosen), and the table of its numbers. A
    click on a commune opens its profile."""
    if not maps.layer(view.db).features:
        st.info(view.t("No commune boundaries yet; load a boundary file on the Data page."))
        return
    judged = indicator.id in panels.targeted(view.db, view.period)
    methods = maps.methods(judged)
    method_column, count_column = st.columns([3, 2])
    method = method_column.segmented_control(
        view.t("Colour by"), methods, default=methods[0], required=True,
        format_func=lambda m: view.t(maps.METHOD_NAMES[m]),
        key=f"{key}-{'colours' if judged else 'classes'}")
    count = count_column.slider(view.t("Number of classes"), 3, 7, maps.CLASSES, key=f"{key}-count",
                                disabled=method == "status")
    chart(panels.choropleth(view.db, indicator, view.period, method, count, view.lang), key=key,
          select=True)


def trend_block(view: View, indicator: catalog.Indicator, highlight: tuple = ()) -> None:
    """An indicator's trend up to the period (the communes in `highlight` in colour)."""
    chart(panels.trend(view.db, indicator, view.period, view.lang, highlight),
          key=f"trend-{indicator.id}")
