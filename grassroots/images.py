"""Charts drawn as images on the server, for meeting decks: vl-convert renders the same spec the
app shows (same colours, same number format), in the bundled Noto Sans, registered explicitly:
a font vl-convert cannot find makes all text vanish, and Debian's Liberation lacks letters
such as ư and ờ. A chart that fills the page's width is drawn in a 16:9 box."""

import functools
from pathlib import Path

import vl_convert

from grassroots import i18n

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "Noto Sans"
REGULAR, BOLD = FONTS / "NotoSans-Regular.ttf", FONTS / "NotoSans-Bold.ttf"
BOX = (960, 540)  # px at scale 1: a 16:9 slide's chart area
SCALE = 2


@functools.cache
def _registered() -> None:
    vl_convert.register_font_directory(str(FONTS))


def fitted(chart: dict, box: tuple[int, int], type_scale: float = 1.0) -> dict:
    """The chart's spec; one as wide as the page is fitted into `box` (px), and its type made
    `type_scale` times larger."""
    spec = dict(chart)
    if spec.get("width") == "container":
        spec["width"], spec["height"] = box
        spec["autosize"] = {"type": "fit", "contains": "padding"}
    if type_scale != 1.0:
        title = dict(spec.get("title") or {})
        for key, size in (("fontSize", 15), ("subtitleFontSize", 11)):
            title[key] = round(title.get(key, size) * type_scale)
        spec["title"] = title
        sizes = {part: {"labelFontSize": round(11 * type_scale),
                        "titleFontSize": round(12 * type_scale)} for part in ("axis", "legend")}
        config = dict(spec.get("config", {}))
        for part, size in sizes.items():
            config[part] = {**config.get(part, {}), **size}
        spec["config"] = config
    return spec


def spec_for_image(chart: dict, box: tuple[int, int] = BOX) -> dict:
    """The chart's spec as drawn for a deck: fitted into `box`, in the bundled font, on white."""
    spec = fitted(chart, box)
    spec["config"] = {**spec.get("config", {}), "font": FONT}
    spec["background"] = "white"
    return spec


def png(chart: dict, lang: str, box: tuple[int, int] = BOX) -> bytes:
    """The chart as a PNG at twice its size, numbers written the reader's way."""
    _registered()
    return vl_convert.vegalite_to_png(spec_for_image(chart, box), scale=SCALE,
                                      format_locale=i18n.vega_locale(lang))
