"""Periods: a month, quarter or year, written as a short code that also lives in the URL
("2025-06", "2025-Q2", "2025"). A period is a range of whole months."""

import re
from dataclasses import dataclass
from datetime import date

KINDS = ("month", "quarter", "year")
_MONTHS = {"month": 1, "quarter": 3, "year": 12}
_CODE = re.compile(r"^(\d{4})(?:-(\d{2})|-Q([1-4]))?$")


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    kind: str
    start: date  # first day of the first month
    end: date  # first day of the last month

    @classmethod
    def containing(cls, kind: str, month: date) -> "Period":
        size = _MONTHS[kind]
        first = date(month.year, (month.month - 1) // size * size + 1, 1)
        return cls(kind, first, _add_months(first, size - 1))

    @property
    def code(self) -> str:
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    def label(self, lang: str) -> str:
        year = self.start.year
        if self.kind == "month":
            return f"Tháng {self.start.month}/{year}" if lang == "vi" else f"{self.start:%b %Y}"
        if self.kind == "quarter":
            quarter = (self.start.month - 1) // 3 + 1
            roman = "I II III IV".split()[quarter - 1]
            return f"Quý {roman}/{year}" if lang == "vi" else f"Q{quarter} {year}"
        return f"Năm {year}" if lang == "vi" else str(year)

    def previous(self) -> "Period":
        return Period.containing(self.kind, _add_months(self.start, -_MONTHS[self.kind]))

    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


def parse(code: str | None) -> Period | None:
    """The period a code names, or None for anything else."""
    match = _CODE.match(code or "")
    if not match:
        return None
    year, month, quarter = match.groups()
    if month:
        if not 1 <= int(month) <= 12:
            return None
        return Period.containing("month", date(int(year), int(month), 1))
    if quarter:
        return Period.containing("quarter", date(int(year), int(quarter) * 3, 1))
    return Period.containing("year", date(int(year), 1, 1))


def options(kind: str, first: date, last: date) -> list[Period]:
    """Every period of a kind that overlaps the months from `first` to `last`, newest first."""
    periods = []
    period = Period.containing(kind, last)
    while period.end >= first:
        periods.append(period)
        period = period.previous()
    return periods
