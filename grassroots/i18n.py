"""User-visible words, numbers and dates: Vietnamese by default, English on request.

Every word a reader sees is a message of the gettext catalogues in locale/ (`vi`, and `en` for
plurals), written in English where the code says it: `t` says a message, `tn` one whose words
follow a count, `N_` marks a message declared in one place and said in another. babel.cfg tells
Babel where to find them; `make messages` brings the catalogues up to date with the code, and a
translator works on the .po files (in Poedit, say) without reading Python. The catalogues are
compiled when a process first says something, so an edited .po is never hidden behind a stale
.mo. Numbers and dates are written by Babel in each language's way.
"""

import functools
import gettext
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

from babel import numbers
from babel.dates import format_date
from babel.messages import pofile

LANGS = ("vi", "en")
LOCALE = Path(__file__).resolve().parent.parent / "locale"


def N_(message: str) -> str:
    """Marks a message for the catalogues where it is declared; `t` says it later."""
    return message


# The words of the units indicators are counted in, and of the levels a parent unit may be.
UNITS = {"days_per_month": N_("days/month"), "per_month": N_("per month"),
         "per_year": N_("per year"), "score": N_("points")}
LEVELS = {"district": N_("district"), "province": N_("province")}
# How a figure stands against its target (the judge macro), and a legal minimum's month.
STATUSES = {"met": N_("Met"), "close": N_("Close"), "missed": N_("Missed"),
            "no_target": N_("No target"), "no_data": N_("No data"), "pending": N_("Not yet due")}
# How a commune of today was made from one before a reorganisation (the crosswalk's links).
LINKS = {"merged": N_("merged"), "split": N_("split, in part"), "renamed": N_("renamed"),
         "unchanged": N_("unchanged")}


@functools.cache
def catalogue(lang: str) -> tuple[dict, Callable[[int], int]]:
    """The messages of a language, each English message to its words (a tuple of forms for a
    message with plurals), and the function telling which form a count takes."""
    with open(LOCALE / lang / "LC_MESSAGES" / "messages.po", "rb") as file:
        read = pofile.read_po(file, locale=lang)
    words = {}
    for message in read:
        if not message.id:
            continue  # the header
        if message.pluralizable:  # English has no msgstr: its forms are the message's own
            words[message.id[0]] = message.string if all(message.string) else message.id
        else:
            words[message.id] = message.string or message.id
    return words, gettext.c2py(read.plural_expr)


def t(message: str, lang: str, **values) -> str:
    """A message in the reader's language, its {fields} filled in from `values`. A message
    missing from the catalogues is an error (KeyError), never shown as it is written."""
    text = catalogue(lang)[0][message]
    return text.format(**values) if values else text


def tn(singular: str, plural: str, count: int, lang: str, **values) -> str:
    """A message whose words follow `count` ("1 commune", "3 communes"; Vietnamese has one form),
    with {count} written as a number."""
    words, form = catalogue(lang)
    return words[singular][form(count)].format(count=number(count, lang), **values)


class LocalizedError(Exception):
    """Something a reader's input or action cannot be, with its message (marked by N_) and the
    values to fill it in; said in the reader's language by `text`."""

    def __init__(self, message: str, **values):
        super().__init__(message.format(**values))
        self.message, self.values = message, values

    def text(self, lang: str) -> str:
        return t(self.message, lang, **self.values)


def vega_locale(lang: str) -> dict:
    """The d3-format locale of Vega charts (vl_convert has no "vi-VN" built in)."""
    return {"decimal": numbers.get_decimal_symbol(lang),
            "thousands": numbers.get_group_symbol(lang),
            "grouping": [3], "currency": ["", " ₫"]}


def missing(value) -> bool:
    """None, NaN, or pandas' NA (whose comparisons are neither true nor false)."""
    try:
        return value is None or bool(value != value)
    except TypeError:
        return True


def number(value: float | None, lang: str, decimals: int = 0) -> str:
    """1234.5 -> "1.234,5" in Vietnamese, "1,234.5" in English; None, NaN or NA -> "–"."""
    if missing(value):
        return t("–", lang)
    return numbers.format_decimal(value, "#,##0" + "." * bool(decimals) + "0" * decimals,
                                  locale=lang)


def percent(fraction: float, lang: str) -> str:
    """0.9822 -> "98,2%" in Vietnamese, "98.2%" in English."""
    return numbers.format_percent(fraction, "#,##0.0%", locale=lang)


def day(when: date, lang: str) -> str:
    """A day as readers write it: "01/07/2025" in Vietnamese, "1 Jul 2025" in English."""
    # Translators: a day's date as a CLDR pattern (dd day, MM month, y year).
    return format_date(when, t("d MMM y", lang), locale=lang)


def month(when: date, lang: str) -> str:
    """A month: "Tháng 6/2025" in Vietnamese, "Jun 2025" in English."""
    # Translators: a month as a CLDR pattern (M month, y year; 'text' in single quotes).
    return format_date(when, t("MMM y", lang), locale=lang)


def value(indicator, amount: float | None, lang: str, unit: bool = True) -> str:
    """An indicator's value as a reader sees it: "98,2%", "1,9 ngày/tháng" ("1,9" without unit)."""
    if missing(amount):
        return t("–", lang)
    if indicator.unit == "percent":
        return percent(amount, lang)
    if not unit:
        return number(amount, lang, 1)
    return f"{number(amount, lang, 1)} {t(UNITS[indicator.unit], lang)}"


def delta(indicator, amount: float | None, lang: str) -> str | None:
    """A change between periods, signed: "+1,2 điểm %", "-0,3 ngày/tháng"; unsigned when it
    rounds to nothing: "0,0 điểm %"."""
    if missing(amount):
        return None
    percent = indicator.unit == "percent"
    size = number(abs(100 * amount if percent else amount), lang, 1)
    sign = "" if size == number(0, lang, 1) else "+" if amount > 0 else "-"
    unit = t("pts", lang) if percent else t(UNITS[indicator.unit], lang)
    return f"{sign}{size} {unit}"


def capital(text: str) -> str:
    """The first letter upper case, the rest as written ("xã Tiêu Động" → "Xã Tiêu Động")."""
    return text[:1].upper() + text[1:]


def area(district: str, lang: str) -> str:
    """A former district's area in words, from its name: "Huyện Bình Lục" → "khu vực huyện
    Bình Lục cũ" (the unit word in lower case inside a sentence, in either language)."""
    return t("the area of the former {name}", lang, name=district[:1].lower() + district[1:])


def level(name: str, lang: str) -> str:
    """The word of a parent unit's level: "huyện", "tỉnh"."""
    return t(LEVELS[name], lang)


def parent_total(name: str, lang: str) -> str:
    """ "Toàn huyện" / "Toàn tỉnh", following the configured parent unit."""
    return t("Whole {level}", lang, level=level(name, lang))


_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng


@functools.cache  # a province's names recur in every indicator's rows
def sort_key(name: str) -> tuple:
    """Vietnamese alphabetical order: Đ after D, Ă and Â after A; tones only break ties."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFD", name.lower()):
        if char in _TONES:
            tones.append(char)
        else:
            letters.append(char)
    base = unicodedata.normalize("NFC", "".join(letters))
    order = tuple(0 if c == " " else _ALPHABET.index(c) + 1 if c in _ALPHABET else ord(c) + 100
                  for c in base)  # a word ends before any letter: "Đồn Xá" < "Đồng Du"
    return order, tuple(tones)


def sorted_names(names) -> list[str]:
    return sorted(set(names), key=sort_key)
