"""Addresses, in one place (as datasette's url_builder): each page's script, path and icon, and
the query parameters that carry a view in a link, so that a copied link reopens the same view."""

from dataclasses import dataclass

from grassroots.i18n import N_

# Query parameters: what a link carries.
PERIOD = "ky"  # "2025-Q2", "2025-06", "2025-H1", "2025", "2025-01..2025-05"
LANG = "lang"  # "en"; Vietnamese needs nothing
AS_THEY_WERE = "dv"  # "1": a period before a reorganisation in the communes of its day
AREA = "khuvuc"  # a former district's code
PRESENT = "present"  # "1": presentation mode
COMMUNE = "xa"  # the profile's commune
INDICATOR = "chitieu"
COMPARED = "ss"  # the communes compared, comma-separated
SORT = "sapxep"  # the scorecard's sort column
RULE = "quydinh"  # the engagement rule shown


@dataclass(frozen=True)
class Page:
    script: str
    path: str | None  # the address under the app's; None: the script's name
    icon: str
    title: str  # its title, a message of the catalogues

    @property
    def url_path(self) -> str:
        return self.path or self.script.removeprefix("app_pages/").removesuffix(".py")


def _page(name: str, icon: str, title: str, path: str | None = None) -> Page:
    return Page(f"app_pages/{name}.py", path, f":material/{icon}:", title)


PAGES = {
    "welcome": _page("welcome", "waving_hand", N_("Getting started")),
    "overview": _page("overview", "dashboard", N_("Overview")),
    "dossiers": _page("dossiers", "folder_open", N_("Dossiers")),
    "letters": _page("letters", "mail", N_("Letters")),
    "engagement": _page("engagement", "groups", N_("Engagement")),
    "cadres": _page("cadres", "school", N_("Cadres")),
    "satisfaction": _page("satisfaction", "sentiment_satisfied", N_("Satisfaction")),
    "profile": _page("profile", "location_city", N_("Commune profile"), "ho-so-xa"),
    "map_page": _page("map", "map", N_("Map of communes"), "ban-do"),
    "compare": _page("compare", "compare_arrows", N_("Compare communes"), "so-sanh"),
    "composite": _page("score", "leaderboard", N_("Composite score"), "diem-tong-hop"),
    "briefing": _page("briefing", "slideshow", N_("Briefing pack"), "bao-cao-giao-ban"),
    "data": _page("data", "upload_file", N_("Data"), "du-lieu"),
}


def kept(lang: str, as_they_were: bool, area: str | None) -> dict[str, str]:
    """What a link keeps of the view besides the period: the language, the communes as they
    were, the area."""
    params = {LANG: "en"} if lang == "en" else {}
    if as_they_were:
        params[AS_THEY_WERE] = "1"
    if area is not None:
        params[AREA] = area
    return params
