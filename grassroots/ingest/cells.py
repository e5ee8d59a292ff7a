"""Cells as people write them: numbers the Vietnamese way, months and dates several ways,
choices in words, codes or synonyms (synonyms.csv)."""


import numpy as np
import pandas as pd

from grassroots import contract
from grassroots.contract import plain

EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def _text(cells: pd.Series) -> pd.Series:
    """Cells as stripped text ("" when empty); a date cell as yyyy-mm-dd."""
    if cells.dtype == "str":
        return cells.str.strip()

    def one(value) -> str:
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return ""
        if isinstance(value, pd.Timestamp):
            return value.strftime("%Y-%m-%d")
        return str(value)
    return cells.map(one).astype(str).str.strip()


_VI_THOUSANDS = r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?"


_VI_DECIMAL = r"-?\d+(?:,\d+)?"


_POINT_DECIMAL = r"-?\d+\.\d{1,2}|-?\d+\.\d{4,}"


def _plain(text: pd.Series) -> pd.Series:
    """`plain` of every cell, computed once per distinct value."""
    return text.map({value: plain(value) for value in text.unique()})


def _numbers(text: pd.Series) -> pd.Series:
    """Numbers written the Vietnamese way ("7.526", "98,22", "1.234,5") or plainly ("12.5");
    NaN where the text is no number. A "%" is allowed and divides by 100."""
    text = text.str.replace(r"[\s\u00a0]", "", regex=True)
    percent = text.str.endswith("%")
    text = text.str.removesuffix("%")
    plain_digits = text.str.fullmatch(r"\d+")
    values = pd.to_numeric(text.where(plain_digits), errors="coerce")
    rest = ~plain_digits & (text != "")
    if rest.any():
        other = text[rest]
        thousands = other.str.fullmatch(_VI_THOUSANDS)
        decimal = other.str.fullmatch(_VI_DECIMAL)
        point = other.str.fullmatch(_POINT_DECIMAL)
        normal = np.where(thousands, other.str.replace(".", "", regex=False).str.replace(",", "."),
                          np.where(decimal, other.str.replace(",", "."),
                                   np.where(point, other, None)))
        values[rest] = pd.to_numeric(pd.Series(normal, index=other.index), errors="coerce")
    return values.where(~percent, values / 100).astype(float)


def _from_excel_serial(text: pd.Series) -> pd.Series:
    """Excel's day numbers (a date cell exported as a plain number)."""
    serial = pd.to_numeric(text.where(text.str.fullmatch(r"\d{5}")), errors="coerce")
    serial = serial.where((serial > 20_000) & (serial < 80_000))
    return EXCEL_EPOCH + pd.to_timedelta(serial, unit="D")


def _dates(text: pd.Series) -> pd.Series:
    """dd/mm/yyyy (also with - or .), yyyy-mm-dd, or an Excel day number; NaT otherwise."""
    values = pd.to_datetime(text, format="%d/%m/%Y", errors="coerce")
    rest = values.isna() & (text != "")
    if rest.any():
        other = text[rest]
        dmy = other.str.extract(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
        ymd = other.str.extract(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?: 00:00:00)?$")
        day = dmy[0].fillna(ymd[2])
        month = dmy[1].fillna(ymd[1])
        year = dmy[2].fillna(ymd[0])
        built = pd.to_datetime(year + "-" + month + "-" + day, format="%Y-%m-%d",
                               errors="coerce")
        values[rest] = built.fillna(_from_excel_serial(other))
    return values


def _months(text: pd.Series) -> pd.Series:
    """2025-03, 03/2025, 3/2025, "tháng 3/2025", a date (its month) or an Excel day number."""
    words = _plain(text).str.replace(r"^(?:thang|t)\s*", "", regex=True)
    my = words.str.extract(r"^(\d{1,2})\s*[/.\-]\s*(\d{4})$")
    ym = words.str.extract(r"^(\d{4})-(\d{1,2})(?:-01)?(?: 00:00:00)?$")
    month = my[0].fillna(ym[1])
    year = my[1].fillna(ym[0])
    values = pd.to_datetime(year + "-" + month + "-1", format="%Y-%m-%d", errors="coerce")
    rest = values.isna() & (text != "")
    if rest.any():
        values[rest] = _dates(text[rest]).dt.to_period("M").dt.start_time
    return values


def _choices(header: str) -> dict[str, str]:
    """Every word accepted for a choice, plain, with the value it stores: the contract's
    words, the stored values themselves, and the synonyms kept as data."""
    words = contract.CHOICES[header]
    stored = {value: value for value in words.values()}
    return {plain(k): v for k, v in (
        stored | words | contract.CHOICE_SYNONYMS.get(header, {})).items()}
