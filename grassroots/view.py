"""The view every page shows from: who reads (signed in on every run), in which language, which
period and which communes, chosen in the sidebar and kept in the URL so that a copied link
reopens the same view; and the top of every page (title, banners)."""

import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from grassroots import access, db, demo, figures, i18n, periods, signin, urls, web, widgets


@st.cache_resource(show_spinner=False)
def _database(path: str, scope: str | None = None) -> db.Database:
    """The database, shared by every session; one per commune for commune-scoped viewers."""
    if not Path(path).exists():
        with st.spinner(i18n.t("Making the demo database…", "vi")):  # before any language
            demo.build_province(Path(path))
    return db.shared(path, scope)


def whole_database() -> db.Database:
    """The database with every commune: what a reporter's file is checked against and written
    to, though the reporter reads only its own commune (View.db)."""
    return _database(str(db.default_path()))


@dataclass(frozen=True)
class View:
    """What every page shows from: the database, the reader's language and the period."""

    db: db.Lens  # the communes in view: of a day, and of an area
    lang: str
    period: periods.Period | None
    settings: dict
    present: bool = False  # presentation mode: no sidebar or toolbars, large type, 16:9 charts
    user: access.User = access.OPEN

    def t(self, message: str, **values) -> str:
        return i18n.t(message, self.lang, **values)

    def tn(self, singular: str, plural: str, count: int, **values) -> str:
        return i18n.tn(singular, plural, count, self.lang, **values)

    @property
    def level(self) -> str:
        """The parent unit's level in words: "huyện", "tỉnh"; "khu vực" for a former
        district's area, whose figures the profile then compares against."""
        if self.db.area is not None:
            return self.t("area")
        return i18n.level(self.settings.get("parent_level", "district"), self.lang)

    @property
    def parent(self) -> str:
        """The unit in view in words: "huyện Bình Lục", "tỉnh Ninh Bình, khu vực huyện Bình
        Lục cũ"."""
        return figures.parent_words(self.db, self.settings, self.lang)

    def kept(self) -> dict[str, str]:
        """What a link keeps of the view besides the period (urls.kept)."""
        return urls.kept(self.lang, self.db.as_of != self.db.today(), self.db.area)


def _lang() -> str:
    if "lang_en" not in st.session_state:
        st.session_state.lang_en = st.query_params.get(urls.LANG) == "en"
    st.sidebar.toggle("English", key="lang_en")
    lang = "en" if st.session_state.lang_en else "vi"
    if lang == "en":
        st.query_params[urls.LANG] = "en"
    else:
        st.query_params.pop(urls.LANG, None)
    return lang


def _kind_changed() -> None:
    """Keep the period in view when switching kind: the quarter or year holding its last month,
    or its months as a range. (No kind, from a client that cleared it: the period stays.)"""
    if st.session_state.loai_ky:
        st.session_state.ky = periods.parse(st.session_state.ky).as_kind(
            st.session_state.loai_ky).code


def _period(database: db.Database, lang: str) -> periods.Period | None:
    months = figures.period_choices(database, "month")  # newest first
    if not months:
        return None
    if "ky" not in st.session_state:
        requested = periods.parse(st.query_params.get(urls.PERIOD))
        if not requested or requested.end < months[-1].start or requested.start > months[0].end:
            requested = periods.meeting_quarter(months)
        st.session_state.ky, st.session_state.loai_ky = requested.code, requested.kind
    kind = st.sidebar.segmented_control(
        i18n.t("Period", lang), list(periods.KINDS), key="loai_ky", required=True,
        format_func=lambda kind: i18n.t(periods.KINDS[kind], lang), on_change=_kind_changed,
    ) or periods.parse(st.session_state.ky).kind
    if kind == "range":
        chosen = periods.parse(st.session_state.ky)  # kept within the months that have data
        start, end = max(chosen.start, months[-1].start), min(chosen.end, months[0].end)
        first, last = st.sidebar.select_slider(
            i18n.t("Choose period", lang), [p.code for p in reversed(months)],
            value=(f"{start:%Y-%m}", f"{end:%Y-%m}"),
            format_func=lambda code: periods.parse(code).label(lang))
        st.session_state.ky = f"{first}..{last}"
    else:
        codes = [p.code for p in figures.period_choices(database, kind)]
        if st.session_state.ky not in codes:
            st.session_state.ky = codes[0]
        st.sidebar.selectbox(i18n.t("Choose period", lang), codes, key="ky",
                             format_func=lambda code: periods.parse(code).label(lang))
    st.query_params[urls.PERIOD] = st.session_state.ky
    return periods.parse(st.session_state.ky)


def _lens(database: db.Database, period: periods.Period, settings: dict, lang: str) -> db.Lens:
    """Whose figures the pages show, kept in the URL: today's communes, their predecessors'
    figures added into them, or, for a period before a reorganisation and the switch on
    (?dv=1), the communes as they were; every commune, or the area of one former district
    (?khuvuc=352; the database's default_area at first)."""
    today, last_day = database.today(), period.last_day
    as_of = today
    changes = [d for d in database.run("reorganisations")["effective_on"].dt.date
               if last_day < d <= today]
    if changes and widgets.url_toggle(
            i18n.t("Communes as before {date}",
                   lang, date=i18n.day(changes[0], lang)), urls.AS_THEY_WERE,
            i18n.t("On: the communes as they were before the reorganisation, each with its own "
                   "figures. Off: the former communes' figures added into the communes of today.",
                   lang)):
        as_of = last_day
    areas = database.run("areas", as_of=as_of)
    if len(areas) < 2:
        return database.looking_at(as_of)
    names = {code: i18n.capital(i18n.area(name, lang))
             for code, name in zip(areas["area"], areas["area_name"])}
    if urls.AREA not in st.query_params and urls.AREA not in st.session_state:
        st.session_state[urls.AREA] = settings.get("default_area", "")
    whole = i18n.t("All of {parent}", lang, parent=figures.parent_words(database, settings, lang))
    with st.sidebar:
        area = widgets.url_selectbox(i18n.t("Area", lang), ["", *names], urls.AREA,
                                     lambda code: names.get(code, whole))
    return database.looking_at(as_of, area or None)


def sidebar() -> View:
    """Sign the user in, draw the shared sidebar and remember the view for the page about to
    run. A viewer or reporter of one commune reads through a database that holds only their
    commune."""
    database = whole_database()
    user = signin.signed_in(database, "en" if st.query_params.get(urls.LANG) == "en" else "vi")
    whole = database
    if user.unit_code:
        database = _database(str(db.default_path()), user.unit_code)
    lang = _lang()
    present = widgets.url_toggle(i18n.t("Presentation mode", lang), urls.PRESENT,
                                 i18n.t("Hide the sidebar and toolbars, large type, 16:9 charts: a "
                                        "screenshot is a slide.", lang))
    if not user.open and not user.directory:
        signin.sign_out_form(whole, user, lang)
    period, settings = _period(database, lang), database.settings()
    lens = _lens(database, period, settings, lang) if period else database.looking_at(
        database.today())
    st.session_state.view = View(lens, lang, period, settings, present, user)
    return st.session_state.view


def current() -> View:
    """The view of this run (sidebar)."""
    return st.session_state.view


def unknown_page(pages: list, shown: View) -> list:
    """A hidden page of ours at the address asked for when it is none of `pages` (an old
    bookmark, a mistyped link), in place of Streamlit's English "Page not found" dialog; it
    links to the first of `pages`. Empty when the address is one of them."""
    path = urllib.parse.urlparse(st.context.url or "").path
    asked = path.removeprefix(web.base()).strip("/")
    if not asked or "/" in asked or asked in {page.url_path for page in pages}:
        return []

    def not_found() -> None:
        st.title(shown.t("Page not found"))
        st.warning(shown.t("The dashboard has no page at {path}: the link may be old or mistyped.",
                           path="/" + asked))
        st.page_link(pages[0], label=shown.t("Open {page}", page=pages[0].title),
                     icon=":material/home:")

    return [st.Page(not_found, title=shown.t("Page not found"), url_path=asked,
                    visibility="hidden")]


PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stElementToolbar"] {display: none !important;}
[data-testid="stMainBlockContainer"] {padding-top: 1.5rem; font-size: 1.35rem;}
h1 {font-size: 3rem !important;}
h2, h3 {font-size: 2rem !important;}
</style>"""


def header(page: str, figures_needed: bool = True) -> View:
    """The page's title (of urls.PAGES[page]), the demo banner while on sample data, and the
    view. A page whose `figures_needed` stops here while there are none."""
    shown = current()
    if shown.present:
        st.html(PRESENT_CSS)
        st.button(shown.t("Leave presentation mode"), icon=":material/close_fullscreen:",
                  on_click=lambda: st.query_params.pop(urls.PRESENT, None))
    st.title(shown.t(urls.PAGES[page].title))
    if shown.user.open:
        st.warning(shown.t("Logins are off: anyone who reaches this server can see and change the "
                           "figures. The IT officer turns them on with «python -m grassroots users "
                           "add»."), icon="🔓")
    if shown.settings.get("demo") == "true":
        st.warning(shown.t("DỮ LIỆU MẪU (sample data) — synthetic figures for illustration, not "
                           "real data."), icon="⚠️")
    if shown.period is None and figures_needed:
        st.info(shown.t("There are no figures for this period yet."))
        st.stop()
    return shown

