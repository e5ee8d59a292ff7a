"""Streamlit glue shared by the pages: the database, the sidebar (language and period, kept in
the URL so a copied link reopens the same view), the demo banner and the family page layout."""

import html
import urllib.parse
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit import dataframe_util

from grassroots import (
    access,
    catalog,
    charts,
    db,
    demo,
    export,
    figures,
    i18n,
    images,
    maps,
    periods,
    rules,
    scores,
    targets,
    web,
)
from grassroots.memo import Memo


@st.cache_resource(show_spinner=False)
def _database(path: str, scope: str | None = None) -> db.Database:
    """The database, shared by every session; one per commune for commune-scoped viewers."""
    if not Path(path).exists():
        with st.spinner("Đang tạo cơ sở dữ liệu mẫu…"):
            demo.build_province(Path(path))
    return db.Database(path, scope)


def _signed_in(database: db.Database, lang: str) -> access.User:
    """The user of this run: OPEN while no account exists; else the account of the session
    cookie (or of the single sign-on header, when configured), checked on every run, so a
    session ended elsewhere ends here too. Anyone else is sent to the sign-in page."""
    accounts = access.of(database.path)
    if not accounts.logins_on():
        return access.OPEN
    try:
        user = access.visitor(accounts, st.context.cookies, st.context.headers)
    except access.AccessError as ended:
        user, message = None, i18n.t(ended.key, lang, **ended.values)
    else:
        message = i18n.t("sign_in_needed", lang)
    if user:
        return user
    st.title(i18n.t("app_title", lang))
    st.info(message)
    here = urllib.parse.urlsplit(st.context.url or "")
    st.link_button(i18n.t("sign_in", lang), web.sign_in_url(
        here.path + (f"?{here.query}" if here.query else ""), lang), type="primary")
    st.stop()


def _sign_out_form(user: access.User, lang: str) -> None:
    """Sign out, here or everywhere: a form posted to the sign-out route, with the token that
    shows it came from this page."""
    token = access.of(whole_database().path).form_token(st.context.cookies.get(access.COOKIE))
    st.sidebar.html(
        f'<form method="post" action="{web.base()}/{web.SIGN_OUT}" class="sign-out">'
        f'<input type="hidden" name="token" value="{token}">'
        f'<button type="submit">{html.escape(i18n.t("sign_out", lang, name=user.name))}'
        f'</button><button type="submit" name="everywhere" value="1" class="quiet">'
        f'{html.escape(i18n.t("sign_out_everywhere", lang))}</button></form>'
        "<style>form.sign-out{display:flex;flex-wrap:wrap;gap:.4rem}"
        "form.sign-out button{font:inherit;font-size:.9rem;padding:.3rem .7rem;cursor:pointer;"
        "border:1px solid rgba(49,51,63,.2);border-radius:.5rem;background:white}"
        "form.sign-out button.quiet{border:0;background:none;color:rgba(49,51,63,.6);"
        "text-decoration:underline}</style>")


@dataclass(frozen=True)
class View:
    """What every page shows from: the database, the reader's language and the period."""

    db: db.Lens  # the communes in view: of a day, and of an area
    lang: str
    period: periods.Period | None
    settings: dict
    present: bool = False  # presentation mode: no sidebar or toolbars, large type, 16:9 charts
    user: access.User = access.OPEN

    def t(self, key: str, **values) -> str:
        return i18n.t(key, self.lang, **values)

    @property
    def level(self) -> str:
        """The parent unit's level in words: "huyện", "tỉnh"."""
        return self.t(self.settings.get("parent_level", "district"))

    @property
    def parent(self) -> str:
        """The unit in view in words: "huyện Bình Lục", "tỉnh Ninh Bình, khu vực huyện Bình
        Lục cũ"."""
        return figures.parent_words(self.db, self.settings, self.lang)

    @property
    def parent_label(self) -> str:
        """The parent unit's value in charts: "Toàn huyện", "Toàn khu vực"."""
        if self.db.area is not None:
            return self.t("area_whole")
        return i18n.parent_total(self.settings.get("parent_level", "district"), self.lang)

    def subtitle(self, code: str | None = None) -> list[str]:
        """Under a chart's title (figures.chart_subtitle; of commune `code` alone)."""
        return figures.chart_subtitle(self.db, self.settings, self.period, self.lang, code)


def _lang() -> str:
    if "lang_en" not in st.session_state:
        st.session_state.lang_en = st.query_params.get("lang") == "en"
    st.sidebar.toggle("English", key="lang_en")
    lang = "en" if st.session_state.lang_en else "vi"
    if lang == "en":
        st.query_params["lang"] = "en"
    else:
        st.query_params.pop("lang", None)
    return lang


def _kind_changed() -> None:
    """Keep the period in view when switching kind: the quarter or year holding its last month,
    or its months as a range. (No kind, from a client that cleared it: the period stays.)"""
    if st.session_state.loai_ky:
        st.session_state.ky = periods.parse(st.session_state.ky).as_kind(
            st.session_state.loai_ky).code


def _latest_quarter(months: list[periods.Period]) -> periods.Period:
    """The newest quarter with every month's figures in, for a meeting (one just begun has a
    month or two); the newest quarter when there is no earlier one."""
    quarter = months[0].as_kind("quarter")
    if quarter.end > months[0].start and quarter.start > months[-1].start:
        return quarter.previous()
    return quarter


def _period(database: db.Database, lang: str) -> periods.Period | None:
    months = figures.period_choices(database, "month")  # newest first
    if not months:
        return None
    if "ky" not in st.session_state:
        requested = periods.parse(st.query_params.get("ky"))
        if not requested or requested.end < months[-1].start or requested.start > months[0].end:
            requested = _latest_quarter(months)
        st.session_state.ky, st.session_state.loai_ky = requested.code, requested.kind
    kind = st.sidebar.segmented_control(
        i18n.t("period_kind", lang), periods.KINDS, key="loai_ky", required=True,
        format_func=lambda kind: i18n.t(kind, lang), on_change=_kind_changed,
    ) or periods.parse(st.session_state.ky).kind
    if kind == "range":
        chosen = periods.parse(st.session_state.ky)  # kept within the months that have data
        start, end = max(chosen.start, months[-1].start), min(chosen.end, months[0].end)
        first, last = st.sidebar.select_slider(
            i18n.t("period", lang), [p.code for p in reversed(months)],
            value=(f"{start:%Y-%m}", f"{end:%Y-%m}"),
            format_func=lambda code: periods.parse(code).label(lang))
        st.session_state.ky = f"{first}..{last}"
    else:
        codes = [p.code for p in figures.period_choices(database, kind)]
        if st.session_state.ky not in codes:
            st.session_state.ky = codes[0]
        st.sidebar.selectbox(i18n.t("period", lang), codes, key="ky",
                             format_func=lambda code: periods.parse(code).label(lang))
    st.query_params["ky"] = st.session_state.ky
    return periods.parse(st.session_state.ky)


def _url_toggle(label: str, param: str, help: str) -> bool:
    """A sidebar switch kept in the URL as ?param=1: a link opens it, a change updates the
    link, and the URL wins over what the session remembers."""
    def remember() -> None:
        if st.session_state[param]:
            st.query_params[param] = "1"
        else:
            st.query_params.pop(param, None)

    st.session_state[param] = st.query_params.get(param) == "1"
    st.sidebar.toggle(label, key=param, help=help, on_change=remember)
    return st.session_state[param]


def _lens(database: db.Database, period: periods.Period, settings: dict, lang: str) -> db.Lens:
    """Whose figures the pages show, kept in the URL: today's communes, their predecessors'
    figures added into them, or, for a period before a
    reorganisation and the switch on (?dv=1), the communes as they were; every commune, or the
    area of one former district (?khuvuc=352; the database's default_area at first)."""
    today, last_day = database.today(), period.last_day
    as_of = today
    changes = [d for d in database.run("reorganisations")["effective_on"].dt.date
               if last_day < d <= today]
    if changes and _url_toggle(i18n.t("as_they_were", lang, date=f"{changes[0]:%d/%m/%Y}"),
                               "dv", i18n.t("as_they_were_help", lang)):
        as_of = last_day
    areas = database.run("areas", as_of=as_of)
    if len(areas) < 2:
        return database.looking_at(as_of)
    names = {code: i18n.capital(i18n.area(name, lang))
             for code, name in zip(areas["area"], areas["area_name"])}
    if "khuvuc" not in st.query_params and "khuvuc" not in st.session_state:
        st.session_state.khuvuc = settings.get("default_area", "")
    whole = i18n.t("area_all", lang, parent=figures.parent_words(database, settings, lang))
    with st.sidebar:
        area = url_selectbox(i18n.t("area_choice", lang), ["", *names], "khuvuc",
                             lambda code: names.get(code, whole))
    return database.looking_at(as_of, area or None)


def whole_database() -> db.Database:
    """The database with every commune: what a reporter's file is checked against and written
    to, though the reporter reads only its own commune (View.db)."""
    return _database(str(db.default_path()))


def sidebar() -> View:
    """Sign the user in, draw the shared sidebar and remember the view for the page about to
    run. A viewer or reporter of one commune reads through a database that holds only their
    commune."""
    database = whole_database()
    user = _signed_in(database, "en" if st.query_params.get("lang") == "en" else "vi")
    if user.unit_code:
        database = _database(str(db.default_path()), user.unit_code)
    lang = _lang()
    present = _url_toggle(i18n.t("present_mode", lang), "present", i18n.t("present_help", lang))
    if not user.open and not user.directory:
        _sign_out_form(user, lang)
    period, settings = _period(database, lang), database.settings()
    lens = _lens(database, period, settings, lang) if period else database.looking_at(
        database.today())
    st.session_state.view = View(lens, lang, period, settings, present, user)
    return st.session_state.view


def unknown_page(pages: list, current: View) -> list:
    """A hidden page of ours at the address asked for when it is none of `pages` (an old
    bookmark, a mistyped link), in place of Streamlit's English "Page not found" dialog; it
    links to the first of `pages`. Empty when the address is one of them."""
    path = urllib.parse.urlparse(st.context.url or "").path
    asked = path.removeprefix(web.base()).strip("/")
    if not asked or "/" in asked or asked in {page.url_path for page in pages}:
        return []

    def not_found() -> None:
        st.title(current.t("not_found_title"))
        st.warning(current.t("not_found", path=f"/{asked}"))
        st.page_link(pages[0], label=current.t("not_found_home", page=pages[0].title),
                     icon=":material/home:")

    return [st.Page(not_found, title=current.t("not_found_title"), url_path=asked,
                    visibility="hidden")]


def view() -> View:
    return st.session_state.view


def header(title: str, figures_needed: bool = True) -> View:
    """The page's title, the demo banner while on sample data, and the view. A page whose
    `figures_needed` stops here while there are none."""
    current = view()
    if current.present:
        st.html(PRESENT_CSS)
        st.button(current.t("present_exit"), icon=":material/close_fullscreen:",
                  on_click=lambda: st.query_params.pop("present", None))
    st.title(title)
    if current.user.open:
        st.warning(current.t("open_banner"), icon="🔓")
    if current.settings.get("demo") == "true":
        st.warning(current.t("demo_banner"), icon="⚠️")
    if current.period is None and figures_needed:
        st.info(current.t("no_data_period"))
        st.stop()
    return current


def change_markdown(indicator: catalog.Indicator, now: float | None, then: float | None,
                    lang: str) -> str:
    """The change from `then` to `now`, green when better and red when worse by the
    indicator's polarity: a rising overdue rate is bad news."""
    text = i18n.delta(indicator, None if now is None or then is None else now - then, lang)
    if text is None:
        return i18n.t("no_data_short", lang)
    colour = change_colour(indicator, text)
    return f":{colour}[{'▲' if text[0] == '+' else '▼'} {text}]" if colour else text


def change_colour(indicator: catalog.Indicator, text: str) -> str | None:
    """Green for a change for the better, red for the worse, None for no change."""
    if not text or text[0] not in "+-":
        return None
    return "green" if (text[0] == "+") == indicator.higher_is_better else "red"


def completeness_table(reports, lang: str):
    """Communes × families, each cell "reported/expected"."""
    cells = reports.assign(
        cell=[f"{r.reported}/{r.expected}" + (" ⚠" if r.reported < r.expected else "")
              for r in reports.itertuples()],
        family=[i18n.t(f, lang) for f in reports["family"]])
    table = cells.pivot(index="name", columns="family", values="cell")
    families = [i18n.t(f, lang) for f in catalog.FAMILIES if f in set(reports["family"])]
    table = table.reindex(index=i18n.sorted_names(table.index), columns=families)
    return table.rename_axis(index=i18n.t("commune", lang), columns=None).reset_index()


def url_selectbox(label: str, options: list[str], param: str, format_func,
                  key: str | None = None) -> str:
    """A selectbox whose choice lives in the URL under `param`: a link opens it, a change
    updates the link. The URL wins over what the session remembers."""
    key = key or param

    def remember() -> None:
        st.query_params[param] = st.session_state[key]

    requested = st.query_params.get(param)
    if requested in options:
        st.session_state[key] = requested
    elif st.session_state.get(key) not in options:
        st.session_state[key] = options[0]
    st.selectbox(label, options, key=key, format_func=format_func, on_change=remember)
    remember()
    return st.session_state[key]


def by_name(units) -> list[str]:
    """Commune codes in Vietnamese alphabetical order of their names."""
    return sorted(units.index, key=lambda code: i18n.sort_key(units.loc[code, "name"]))


def standing_text(row, current: View) -> str:
    indicator = catalog.BY_ID[row.indicator]
    return current.t(
        "standing_item", indicator=indicator.label(current.lang),
        value=i18n.value(indicator, row.value, current.lang),
        level=current.level,
        parent=i18n.value(indicator, row.parent, current.lang),
        rank=current.t("rank_of", rank=i18n.number(row.rank, current.lang),
                       count=row.ranked))


CHANGE_COLOURS = {"green": charts.STATUS_COLOURS["met"], "red": charts.STATUS_COLOURS["missed"]}
STATUS_STYLE = {status: f"background-color: {colour}; color: white"
                for status, colour in charts.STATUS_COLOURS.items()}


def profile_table(frame, title: str, current: View) -> export.Table:
    """A commune's profile as shown: every cell written the reader's way (units vary by row)."""
    lang = current.lang
    rows = []
    for row in frame.itertuples():
        indicator = catalog.BY_ID[row.indicator]
        cells = {
            current.t("family"): current.t(indicator.family),
            current.t("indicator"): indicator.label(lang),
            current.t("value"): i18n.value(indicator, row.value, lang),
            current.t("rank"): "" if pd.isna(row.rank) else current.t(
                "rank_of", rank=i18n.number(row.rank, lang), count=row.ranked),
            current.parent_label: i18n.value(indicator, row.parent, lang),
            current.t("target"): i18n.value(indicator, row.target, lang),
            current.t("status"): current.t(row.status),
            current.t("vs_previous_short"): i18n.delta(indicator, row.change, lang) or "",
        }
        if current.user.unit_code:  # one commune in sight: no rank, no parent to compare with
            del cells[current.t("rank")], cells[current.parent_label]
        rows.append(cells)
    return export.Table(pd.DataFrame(rows), {}, f"ho-so-xa-{frame['unit_code'].iloc[0]}",
                        title, current.subtitle())


def profile_chart(current: View, code: str, name: str, frame) -> dict:
    """The commune against the parent unit and the best commune on every indicator
    (charts.profile), as a spec made once per view."""
    def make() -> dict:
        title = f"{name} — {current.period.label(current.lang)}"
        return images.as_spec(charts.profile(
            scores.profile_scores(frame), name, current.parent_label, title,
            current.subtitle(code),
            current.lang, compared=not current.user.unit_code))

    return made(current, ("profile-chart", code, current.period.code), make)


def show_profile(table: export.Table, frame, chart: dict, current: View) -> None:
    """The profile's chart, then its table with status colours and a sparkline per indicator,
    and the files of both."""
    spec = images.fitted(chart, PRESENT_BOX, 1.6) if current.present else chart
    st.vega_lite_chart(spec, key="profile-chart",
                       width="content" if current.present else "stretch")
    status, change = current.t("status"), current.t("vs_previous_short")
    colours = {current.t(s): style for s, style in STATUS_STYLE.items()}
    changes = [change_colour(catalog.BY_ID[i], text)
               for i, text in zip(frame["indicator"], table.frame[change])]
    display = table.frame.assign(**{current.t("sparkline"): frame["trend"]})
    styled = display.style.map(lambda label: colours.get(label, ""), subset=[status]).apply(
        lambda _: [f"color: {CHANGE_COLOURS[c]}" if c else "" for c in changes], subset=[change])
    table_block(table, current.lang, chart, display=styled, expanded=True, column_config={
        current.t("family"): st.column_config.Column(width="small"),
        current.t("indicator"): st.column_config.Column(width="large"),
        current.t("sparkline"): st.column_config.LineChartColumn(current.t("sparkline"))})


def attention_links(items: dict, current: View, shown: int = 3) -> list[tuple]:
    """The Overview's list of what to look at first (scores.attention), each item a link to its
    page: the indicator's page for targets missed (the first `shown` communes named, all of them
    in the link's tooltip), the commune's profile for the rest.
    Returns: (page, text, query parameters, icon, tooltip) per link."""
    lang, period = current.lang, current.period
    links = []
    for indicator_id, group in items["missed"].groupby("indicator", sort=False):
        indicator = catalog.BY_ID[indicator_id]
        names = [f"{row.name} ({i18n.value(indicator, row.value, lang, unit=False)})"
                 for row in group.itertuples()]
        communes = ", ".join(names[:shown])
        if len(group) > shown:
            communes += " " + current.t("and_more", count=len(group) - shown)
        text = current.t("missed_item", indicator=indicator.label(lang), count=len(group),
                         target=i18n.value(indicator, group["target"].iloc[0], lang),
                         communes=communes)
        links.append((f"app_pages/{indicator.family}.py", text, {"chitieu": indicator_id},
                      ":material/flag:", ", ".join(names)))
    for row in items["worsened"].itertuples():
        indicator = catalog.BY_ID[row.indicator]
        change = i18n.delta(indicator, row.value - row.value_before, lang)
        text = current.t(
            "worsened_item", commune=row.name, indicator=indicator.label(lang),
            direction=current.t("rose" if change[0] == "+" else "fell"), change=change[1:],
            period=period.previous().label(lang), value=i18n.value(indicator, row.value, lang))
        links.append(("app_pages/profile.py", text, {"xa": row.unit_code},
                      ":material/trending_down:", None))
    for row in items["unreported"].itertuples():
        text = current.t("unreported_cadres" if row.family == "cadres" else "unreported_item",
                         commune=row.name, family=current.t(row.family),
                         reported=row.reported, expected=row.expected)
        links.append(("app_pages/profile.py", text, {"xa": row.unit_code}, ":material/report:",
                      None))
    return links


def kept(current: View) -> dict[str, str]:
    """What a link keeps of the view besides the period: the language (Vietnamese needs
    nothing), the communes as they were, the area."""
    params = {"lang": "en"} if current.lang == "en" else {}
    if current.db.as_of != current.db.today():
        params["dv"] = "1"
    if current.db.area is not None:
        params["khuvuc"] = current.db.area
    return params


def attention_list(links: list[tuple], current: View) -> None:
    """The links of attention_links, for the period and language in view."""
    if not links:
        st.success(current.t("attention_none"))
    for page, text, params, icon, details in links:
        st.page_link(page, label=text, icon=icon, help=details,
                     query_params={**params, "ky": current.period.code, **kept(current)})


def indicator_picker(current: View, ids, key: str) -> catalog.Indicator:
    """Pick one of the indicators `ids`; the choice lives in the URL as ?chitieu=."""
    chosen = url_selectbox(current.t("indicator"), list(ids), "chitieu",
                           lambda i: catalog.BY_ID[i].label(current.lang), key=key)
    return catalog.BY_ID[chosen]


def url_multiselect(label: str, options: list[str], param: str, format_func,
                    default: list[str], most: int) -> list[str]:
    """A multiselect whose choice lives in the URL under `param`, comma-separated."""

    def remember() -> None:
        st.query_params[param] = ",".join(st.session_state[param])

    requested = [o for o in st.query_params.get(param, "").split(",") if o in options]
    if requested:
        st.session_state[param] = requested[:most]
    elif param not in st.session_state:
        st.session_state[param] = default
    st.multiselect(label, options, key=param, format_func=format_func, max_selections=most,
                   on_change=remember)
    remember()
    return st.session_state[param]


@dataclass(frozen=True)
class Shown:
    """A chart as a page shows it: its Vega-Lite spec, the same as Streamlit sends it, the table
    of its numbers and that table as the reader sees it, as Streamlit sends it."""
    spec: dict
    sent: dict
    table: export.Table
    cells: pa.Table


def as_sent(spec: dict) -> dict:
    """The spec with its tabular datasets as the Arrow bytes Streamlit sends them in, converted
    once: given rows, st.vega_lite_chart converts them on every run. Geometry stays in the
    spec, as Streamlit leaves it."""
    if "datasets" not in spec:
        return spec
    return {**spec, "datasets": {
        name: dataframe_util.convert_anything_to_arrow_bytes(rows) if isinstance(rows, list)
        else rows for name, rows in spec["datasets"].items()}}


def arrow(frame: pd.DataFrame) -> pa.Table:
    """A table as the Arrow table st.dataframe sends, converted once: given a DataFrame,
    st.dataframe converts it on every run."""
    return dataframe_util.convert_pandas_df_to_arrow_table(frame)


_MADE = Memo(kept=64)  # a national map's spec is about 2 MB: at most this many are kept


def made(current: View, what: tuple, make):
    """What `make` makes for a view of the data, made once: every rerun and every session
    showing the same view reuses it. Keyed by the database and its data version, the communes
    in view (their day and area), the language and `what` is shown."""
    return _MADE.get((str(current.db.path), current.db.scope, current.db.data_version(),
                      current.db.as_of, current.db.area,
                      current.lang, *what), make)


def shown(current: View, what: tuple, build) -> Shown:
    """A chart and its table (`build` makes both, from the figures), made once for each view of
    the same data (computing the figures, building the chart in Altair and formatting the table
    are most of a page's time)."""
    def make() -> Shown:
        chart, table = build()
        spec = images.as_spec(chart)
        return Shown(spec, as_sent(spec), table, arrow(export.formatted(table, current.lang)))

    return made(current, ("chart", *what), make)


PRESENT_BOX = (1280, 720)
PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stElementToolbar"] {display: none !important;}
[data-testid="stMainBlockContainer"] {padding-top: 1.5rem; font-size: 1.35rem;}
h1 {font-size: 3rem !important;}
h2, h3 {font-size: 2rem !important;}
</style>"""


def chart_block(chart: Shown, key: str, select: bool = False, stretch: bool = True):
    """A chart, then the table of its numbers, the numbers as CSV and Excel and the chart as
    PNG. In presentation mode, the chart alone at a fixed 16:9 size in large type. Returns the
    click on a commune when `select`."""
    current = view()
    spec = images.fitted(chart.sent, PRESENT_BOX, 1.6) if current.present else chart.sent
    width = "content" if current.present or not stretch else "stretch"
    event = st.vega_lite_chart(spec, on_select="rerun" if select else "ignore", key=key,
                               width=width)
    if not current.present:
        table_block(chart.table, current.lang, chart.spec, display=chart.cells)
    return event


def table_block(table: export.Table, lang: str, chart=None, display=None, column_config=None,
                expanded: bool = False) -> None:
    """Under a chart: the table of exactly its numbers (or `display`, a styled form of them),
    the same as CSV and Excel, and the chart as PNG."""
    with st.expander(i18n.t("table", lang), expanded=expanded):
        st.dataframe(export.formatted(table, lang) if display is None else display,
                     hide_index=True, height="content", column_config=column_config)
    files = st.container(horizontal=True)
    # The files are made when clicked, not on every run of the page.
    files.download_button("CSV", lambda: export.to_csv(table, lang), f"{table.name}.csv",
                        "text/csv", key=f"csv-{table.name}", icon=":material/download:",
                        on_click="ignore")
    files.download_button(
        "Excel", lambda: export.to_xlsx(table), f"{table.name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx-{table.name}", icon=":material/download:", on_click="ignore")
    if chart is not None:
        files.download_button("PNG", lambda: images.png(chart, lang), f"{table.name}.png",
                            "image/png", key=f"png-{table.name}", icon=":material/image:",
                            on_click="ignore")


def file_uploader(label: str, types: list[str], key: str, lang: str):
    """st.file_uploader with our words over Streamlit's English ones ("Upload", "200MB per
    file"): Streamlit 1.67 takes no text for them, so a style writes ours in their place."""
    limit = i18n.t("upload_limit", lang, size=st.get_option("server.maxUploadSize"))
    words = {'button p': i18n.t("upload_button", lang),
             '[data-testid="stFileUploaderDropzoneInstructions"] span':
             f"{limit} • {', '.join(t.upper() for t in types)}"}
    st.html("<style>" + "".join(
        f'.st-key-{key} [data-testid="stFileUploaderDropzone"] {part} {{font-size: 0}}'
        f'.st-key-{key} [data-testid="stFileUploaderDropzone"] {part}::after '
        f'{{content: "{text}"; font-size: 14px}}' for part, text in words.items()) + "</style>")
    return st.file_uploader(label, type=types, key=key)


def open_profile(event, current: View) -> None:
    """A click on a commune in a chart opens its profile, for the same period and language."""
    picked = event.selection.get(charts.COMMUNE_SELECTION) if event else None
    if picked:
        st.switch_page("app_pages/profile.py", query_params={
            "xa": picked[0]["unit_code"], "ky": current.period.code, **kept(current)})


def family_page(family: str) -> None:
    """A family's page: pick an indicator, rank the communes, follow the trend, see the numbers."""
    current = header(i18n.t(family, st.session_state.view.lang))
    indicator = indicator_picker(current, [i.id for i in catalog.of_family(family)],
                                 key=f"chitieu_{family}")
    st.caption(f"**{current.t('formula')}:** {indicator.formula} · "
               f"**{current.t('legal_reference')}:** "
               f"{indicator.reference_on(current.period.last_day)}")
    target_form(current, indicator)
    lang, period = current.lang, current.period

    def ranking():
        ranked = figures.ranking(current.db, indicator, period)
        parent = figures.parent_values(current.db, period).loc[indicator.id]
        title = f"{indicator.label(lang)} — {period.label(lang)}"
        return (charts.ranking(ranked, indicator, parent["value"], current.parent_label,
                               parent["target"], title, current.subtitle(), lang),
                export.ranking_table(ranked, indicator, title, current.subtitle(), lang))

    st.subheader(current.t("ranking"))
    event = chart_block(shown(current, ("ranking", indicator.id, period.code), ranking),
                        key=f"ranking-{family}", select=True)
    st.caption(current.t("open_profile"))
    open_profile(event, current)

    st.subheader(current.t("map"))
    map_block(current, indicator, key=f"map-{family}")

    st.subheader(current.t("trend"))
    trend_block(current, indicator)


def dated_form(current: View, key: str, title: str, inputs: dict, save) -> None:
    """A form of numbers in force from a day on (targets, legal minimums), shown as they stand
    on the period's last day: `inputs` maps a name to (label, value, number_input options).
    The day defaults to the period's first, so the page shown judges by what is saved; readers
    see the form disabled. Saving calls save(values, day) and draws the page again."""
    editable = current.user.may("edit")
    with st.expander(title), st.form(key):
        since = st.date_input(current.t("in_force_from"), value=current.period.start,
                              format="DD/MM/YYYY", help=current.t("in_force_help"),
                              disabled=not editable, key=f"{key}-since")
        values = {name: st.number_input(label, value=value, disabled=not editable,
                                        key=f"{key}-{name}@{current.period.code}", **options)
                  for name, (label, value, options) in inputs.items()}
        if st.form_submit_button(current.t("save_from_day"), disabled=not editable):
            save(values, since)
            st.session_state[f"{key}-saved"] = since
            st.rerun()
    if (saved := st.session_state.pop(f"{key}-saved", None)) is not None:
        st.success(current.t("saved_from", day=f"{saved:%d/%m/%Y}"))


def target_form(current: View, indicator: catalog.Indicator) -> None:
    """The indicator's target for all communes, set from a day on; an engagement minimum's
    target follows its rule and is set with it."""
    if indicator.id in {target for target, _ in rules.TARGETS.values()}:
        return
    percent = indicator.unit == "percent"
    target = targets.in_force(current.db, current.period.last_day).get(indicator.id)
    shown_value = None if pd.isna(target) else float(100 * target if percent else target)
    options = {"min_value": 0.0, "step": 1.0 if percent else 0.5, "format": "%.1f"}
    if percent:
        options["max_value"] = 100.0
    unit = "%" if percent else current.t(indicator.unit)
    label = f"{current.t('target')} — {indicator.label(current.lang)} ({unit})"

    def save(values: dict, since: date) -> None:
        value = values[indicator.id]
        targets.save(current.db, {indicator.id: None if value is None else
                                  value / 100 if percent else value},
                     since, current.user.name or "dashboard")

    dated_form(current, "target", current.t("set_target"),
               {indicator.id: (label, shown_value, options)}, save)


def map_block(current: View, indicator: catalog.Indicator, key: str) -> None:
    """A choropleth of the indicator for the period, coloured by status against the target
    when it has one, or by classes (method and count chosen), and the table of its numbers. A
    click on a commune opens its profile."""
    layer = maps.layer(current.db)
    if not layer.features:
        st.info(current.t("no_boundaries"))
        return
    lang, period = current.lang, current.period
    target = figures.parent_values(current.db, period).loc[indicator.id, "target"]
    methods = maps.METHODS if pd.notna(target) else maps.METHODS[1:]
    method_column, count_column = st.columns([3, 2])
    method = method_column.segmented_control(
        current.t("classes_method"), methods, default=methods[0], required=True,
        format_func=lambda m: current.t("status_method" if m == "status" else m),
        key=f"{key}-{'colours' if pd.notna(target) else 'classes'}")
    count = count_column.slider(current.t("classes_count"), 3, 7, 5, key=f"{key}-count",
                                disabled=method == "status")

    def choropleth():
        frame = figures.ranking(current.db, indicator, period)
        bounds = None if method == "status" else maps.breaks(frame["value"], method, count)
        legend = maps.legend(method, len(bounds or []), target, indicator, lang)
        title = f"{indicator.label(lang)} — {period.label(lang)}"
        subtitle = current.subtitle()
        if layer.approximate:
            subtitle = [*subtitle, current.t("approximate_boundaries")]
        return (charts.choropleth(layer, frame, indicator, bounds, legend, title, subtitle, lang),
                export.map_table(frame, indicator, bounds, title, current.subtitle(), lang))

    event = chart_block(shown(current, ("map", indicator.id, period.code, method, count),
                              choropleth), key=key, select=True)
    open_profile(event, current)


def trend_block(current: View, indicator: catalog.Indicator, highlight: tuple = ()) -> None:
    """An indicator's trend up to the period (the communes in `highlight` in colour), and the
    table of its numbers: the parent unit, then the highlighted communes or all of them."""
    lang, period = current.lang, current.period

    def trend():
        frame = figures.trend(current.db, indicator, period)
        grain = figures.trend_grain(indicator, period)
        target = figures.parent_values(current.db, period).loc[indicator.id, "target"]
        tabled = frame[frame["unit_code"].isin(highlight) | frame["unit_code"].isna()] \
            if highlight else frame
        return (charts.trend(frame, indicator, grain, current.parent_label, target,
                             indicator.label(lang), current.subtitle(), lang,
                             highlight=highlight),
                export.trend_table(tabled, indicator, grain, current.parent_label,
                                   indicator.label(lang), current.subtitle(), lang))

    chart_block(shown(current, ("trend", indicator.id, period.code, highlight), trend),
                key=f"trend-{indicator.id}")
