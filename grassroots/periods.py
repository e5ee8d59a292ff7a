"""Periods: a month, quarter, half-year, year or a custom range of months, written as a short
code that also lives in the URL ("2025-06", "2025-Q2", "2025-H1", "2025", "2024-03..2025-02").
A period is a range of whole months."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from grassroots import i18n
from grassroots.i18n import N_

KINDS = {"month": N_("Month"), "quarter": N_("Quarter"), "half": N_("Half"), "year": N_("Year"),
         "range": N_("Range")}  # each kind with its name
_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}
_CODE = re.compile(r"^(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12]))?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month(code: str) -> date | None:
    """The first day of a month written "2025-03", or None."""
    match = _MONTH.match(code)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    return date(int(match.group(1)), int(match.group(2)), 1)


@dataclass(frozen=True)
class Period:
    kind: str
    start: date  # first day of the first month
    end: date  # first day of the last month

    @classmethod
    def containing(cls, kind: str, day: date) -> "Period":
        """The month, quarter, half-year or year holding a day; a range of that one month."""
        if kind == "range":
            first = date(day.year, day.month, 1)
            return cls(kind, first, first)
        size = _MONTHS[kind]
        first = date(day.year, (day.month - 1) // size * size + 1, 1)
        return cls(kind, first, _add_months(first, size - 1))

    @property
    def last_day(self) -> date:
        return _add_months(self.end, 1) - timedelta(days=1)

    @property
    def code(self) -> str:
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "half":
            return f"{self.start.year}-H{(self.start.month - 1) // 6 + 1}"
        if self.kind == "range":
            return f"{self.start:%Y-%m}..{self.end:%Y-%m}"
        return str(self.start.year)

    def label(self, lang: str) -> str:
        """ "Tháng 6/2025", "Quý II/2025", "6 tháng đầu năm 2025", "Năm 2025", "Từ tháng 3/2024
        đến tháng 2/2025"; "Jun 2025", "Q2 2025", "H1 2025", "2025", "Mar 2024 – Feb 2025"."""
        year = self.start.year
        if self.kind == "month":
            return i18n.month(self.start, lang)
        if self.kind == "quarter":
            quarter = (self.start.month - 1) // 3 + 1
            # Translators: {roman} is the quarter in Roman numerals, {quarter} in digits.
            return i18n.t("Q{quarter} {year}", lang, quarter=quarter, year=year,
                          roman="I II III IV".split()[quarter - 1])
        if self.kind == "half":
            if self.start.month == 1:
                return i18n.t("H1 {year}", lang, year=year)
            return i18n.t("H2 {year}", lang, year=year)
        if self.kind == "range":
            # Translators: {start} and {end} are months as "MMM y" writes them; {start_month},
            # {start_year}, {end_month} and {end_year} their numbers.
            return i18n.t("{start} – {end}", lang, start=i18n.month(self.start, lang),
                          end=i18n.month(self.end, lang), start_month=self.start.month,
                          start_year=year, end_month=self.end.month, end_year=self.end.year)
        # Translators: a calendar year as a period ("Năm 2025").
        return i18n.t("{year}", lang, year=year)

    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def shift(self, months: int) -> "Period":
        return Period(self.kind, _add_months(self.start, months), _add_months(self.end, months))

    def previous(self) -> "Period":
        """The period of the same length just before: Q1 before Q2, Dec before Jan."""
        return self.shift(-self.months())

    def year_earlier(self) -> "Period":
        """The same months a year before."""
        return self.shift(-12)

    def as_kind(self, kind: str) -> "Period":
        """This period seen as another kind: the one holding its last month, or the same
        months as a range."""
        if kind == "range":
            return Period(kind, self.start, self.end)
        return Period.containing(kind, self.end)


def parse(code: str | None) -> Period | None:
    """The period a code names, or None for anything else."""
    code = code or ""
    if ".." in code:
        first, _, last = code.partition("..")
        start, end = month(first), month(last)
        if start is None or end is None or end < start:
            return None
        return Period("range", start, end)
    match = _CODE.match(code)
    if not match:
        return None
    year, month_number, quarter, half = match.groups()
    if month_number:
        start = month(code)
        return Period.containing("month", start) if start else None
    if quarter:
        return Period.containing("quarter", date(int(year), int(quarter) * 3, 1))
    if half:
        return Period.containing("half", date(int(year), int(half) * 6, 1))
    return Period.containing("year", date(int(year), 1, 1))


def options(kind: str, first: date, last: date) -> list[Period]:
    """Every period of a kind that overlaps the months from `first` to `last`, newest first;
    for ranges, every single month."""
    periods = []
    period = Period.containing(kind, last)
    while period.end >= first:
        periods.append(period)
        period = period.shift(-_MONTHS.get(kind, 1))
    return periods


def meeting_quarter(months: list[Period]) -> Period:
    """The quarter a meeting looks at, given the months with data (newest first): the newest
    with every month's figures in (one just begun has a month or two); the newest quarter
    when there is no earlier one."""
    quarter = months[0].as_kind("quarter")
    if quarter.end > months[0].start and quarter.start > months[-1].start:
        return quarter.previous()
    return quarter
