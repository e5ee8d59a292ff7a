"""The indicator catalogue: every indicator of DOMAIN.md, defined once.

Each indicator is a ratio of two sums over one source relation: `numerator` and `denominator`
are SQL expressions over a row of `source`. The value over any period is
sum(numerator) / sum(denominator), never an average of monthly ratios. Flow indicators sum every
month of the period; stock indicators (cadre snapshots) take each commune's latest snapshot on or
before the period's end. `grassroots.db` turns this catalogue into the `indicator_parts` view.
"""

import re
from dataclasses import dataclass
from datetime import date

from grassroots import contract
from grassroots.i18n import N_

# The families of indicators, each with its name.
FAMILIES = {"dossiers": N_("Dossiers"), "letters": N_("Letters"), "engagement": N_("Engagement"),
            "cadres": N_("Cadres"), "satisfaction": N_("Satisfaction")}

# Source relations: the month column of each, and whether rows are snapshots.
SOURCES = {
    "dossier_stats": "month",
    "letters": "month",
    "engagement_months": "month",
    "cadre_snapshots": "date_trunc('month', taken_on)",
    "satisfaction": "month",
}
STOCK_SOURCES = {"cadre_snapshots"}


@dataclass(frozen=True)
class Indicator:
    id: str
    family: str
    vi: str
    en: str
    short_vi: str  # for scorecard columns, tiles and map labels
    short_en: str
    # "percent" (a fraction 0..1), or a count per period: "days_per_month", "per_month", "per_year"
    unit: str
    higher_is_better: bool
    source: str
    numerator: str
    denominator: str
    target: float | None
    # The legal basis by date: (first day, text) pairs, oldest first; the one in force on a day
    # is the last that began on or before it (reference_on).
    reference: tuple[tuple[date, str], ...]
    # Judge over the last `window` months up to the period's end whatever the period's length,
    # for minimums set per year (a quarter without a dialogue does not miss a yearly minimum).
    window: int | None = None

    @property
    def stock(self) -> bool:
        return self.source in STOCK_SOURCES

    def label(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en

    def short(self, lang: str) -> str:
        return self.short_vi if lang == "vi" else self.short_en

    @property
    def formula(self) -> str:
        """The formula in the words of the import files' headers."""
        def words(expression: str) -> str:
            text = re.sub(r"[a-z_]+", lambda m: COLUMN_WORDS[m.group()], expression)
            return f"({text})" if "+" in text else text
        return f"{words(self.numerator)} / {words(self.denominator)}"

    def reference_on(self, day: date) -> str:
        """The legal basis in force on `day`."""
        return [text for since, text in self.reference if since <= day][-1]

    @property
    def close_margin(self) -> float:
        """How far from target still counts as "close": 5 points on a percentage, else 10%."""
        if self.unit == "percent":
            return 0.05
        return 0.1 * (self.target or 0)


# Column names in the words users know: the import contract's headers, and the monthly counts
# derived from engagement events.
COLUMN_WORDS = {name: header for kind in contract.KINDS.values()
                for name, header in kind.headers.items()}
COLUMN_WORDS |= {
    "secretary_receptions": "Số ngày Bí thư tiếp công dân",
    "chair_receptions": "Số ngày Chủ tịch UBND tiếp công dân",
    "dialogues": "Số hội nghị đối thoại",
    "saturday_sessions": 'Số buổi "Ngày thứ Bảy với dân"',
    "months": "Số tháng",
    "years": "Số năm",
}
COLUMN_WORDS["total"] = "Tổng số cán bộ"

_RESOLVED = "resolved_early + resolved_on_time + resolved_late"
_LETTERS = "birth_letters + marriage_letters + condolence_letters"
REFORM = date(2025, 7, 1)  # two-level local government; Decree 33/2023's standards repealed


def always(text: str) -> tuple[tuple[date, str], ...]:
    return ((date.min, text),)


_ONE_STOP = ((date.min, "Nghị định 61/2018/NĐ-CP, 107/2021/NĐ-CP (cơ chế một cửa)"),
             (REFORM, "Nghị định 118/2025/NĐ-CP (cơ chế một cửa, một cửa liên thông)"))
_NQ76 = always("Nghị quyết 76/NQ-CP (2021) về Chương trình tổng thể cải cách hành chính")
_FRIENDLY = always('Mô hình "Chính quyền thân thiện, vì nhân dân phục vụ"')
_RECEPTION = ((date.min, "Luật Tiếp công dân 2013"),
              (date(2026, 7, 1), "Luật Tiếp công dân 2013, sửa đổi, bổ sung (hiệu lực "
                                 "01/07/2026)"))
# Decree 33/2023 set the standards of commune cadres and civil servants until 30/06/2025
# (repealed by Decree 170/2025, Art. 71); since then one civil-service regime (Law 80/2025/QH15),
# each civil servant meeting the standard of their job position.
_CADRES = ((date.min, "Nghị định 33/2023/NĐ-CP (tiêu chuẩn cán bộ, công chức cấp xã)"),
           (REFORM, "Luật Cán bộ, công chức 80/2025/QH15; Nghị định 170/2025/NĐ-CP: tiêu chuẩn "
                    "theo vị trí việc làm (Nghị định 33/2023/NĐ-CP hết hiệu lực từ 01/07/2025)"))

INDICATORS = (
    Indicator(
        "on_time_rate", "dossiers",
        "Tỷ lệ hồ sơ giải quyết đúng hạn", "Dossiers resolved on time",
        "Đúng hạn", "On time",
        "percent", True, "dossier_stats",
        "resolved_early + resolved_on_time", _RESOLVED,
        1.0, _ONE_STOP,
    ),
    Indicator(
        "early_rate", "dossiers",
        "Tỷ lệ hồ sơ giải quyết trước hạn", "Dossiers resolved early",
        "Trước hạn", "Early",
        "percent", True, "dossier_stats",
        "resolved_early", _RESOLVED,
        None, _ONE_STOP,
    ),
    Indicator(
        "overdue_rate", "dossiers",
        "Tỷ lệ hồ sơ quá hạn", "Overdue dossiers",
        "Quá hạn", "Overdue",
        "percent", False, "dossier_stats",
        "resolved_late + pending_overdue", "carried_over + received",
        None, _ONE_STOP,
    ),
    Indicator(
        "online_rate", "dossiers",
        "Tỷ lệ hồ sơ trực tuyến toàn trình", "Full-process online dossiers",
        "Trực tuyến toàn trình", "Online",
        "percent", True, "dossier_stats",
        "online_full", "received",
        0.8, _NQ76,
    ),
    Indicator(
        "online_payment_rate", "dossiers",
        "Tỷ lệ thanh toán trực tuyến", "Fees paid online",
        "Thanh toán trực tuyến", "Paid online",
        "percent", True, "dossier_stats",
        "paid_online", "with_fee",
        None, always("Quyết định 766/QĐ-TTg (2022), nhóm thanh toán trực tuyến"),
    ),
    Indicator(
        "digitisation_rate", "dossiers",
        "Tỷ lệ hồ sơ được số hóa", "Dossiers digitised",
        "Số hóa", "Digitised",
        "percent", True, "dossier_stats",
        "digitised", "received",
        None, always("Quyết định 766/QĐ-TTg (2022), nhóm số hóa"),
    ),
    Indicator(
        "letter_coverage", "letters",
        "Tỷ lệ gửi thư chúc mừng, chia buồn", "Letters sent per registration",
        "Gửi thư", "Letters",
        "percent", True, "letters",
        _LETTERS, "births + marriages + deaths",
        1.0, _FRIENDLY,
    ),
    Indicator(
        "birth_letter_coverage", "letters",
        "Tỷ lệ gửi thư chúc mừng khai sinh", "Birth letters per birth registered",
        "Thư khai sinh", "Birth letters",
        "percent", True, "letters",
        "birth_letters", "births",
        1.0, _FRIENDLY,
    ),
    Indicator(
        "marriage_letter_coverage", "letters",
        "Tỷ lệ gửi thư chúc mừng kết hôn", "Marriage letters per marriage registered",
        "Thư kết hôn", "Marriage letters",
        "percent", True, "letters",
        "marriage_letters", "marriages",
        1.0, _FRIENDLY,
    ),
    Indicator(
        "condolence_letter_coverage", "letters",
        "Tỷ lệ gửi thư chia buồn", "Condolence letters per death registered",
        "Thư chia buồn", "Condolences",
        "percent", True, "letters",
        "condolence_letters", "deaths",
        1.0, _FRIENDLY,
    ),
    Indicator(
        "secretary_receptions", "engagement",
        "Số ngày Bí thư tiếp công dân mỗi tháng", "Days of Party secretary receptions a month",
        "Bí thư tiếp dân", "Secretary receptions",
        "days_per_month", True, "engagement_months",
        "secretary_receptions", "months",
        2.0, always("Quy định 11-QĐi/TW (2019): ít nhất 2 ngày mỗi tháng"),
    ),
    Indicator(
        "chair_receptions", "engagement",
        "Số ngày Chủ tịch UBND tiếp công dân mỗi tháng", "Days of chair receptions a month",
        "Chủ tịch tiếp dân", "Chair receptions",
        "days_per_month", True, "engagement_months",
        "chair_receptions", "months",
        4.0, ((date.min, "Luật Tiếp công dân 2013, Điều 15: ít nhất 1 ngày mỗi tuần"),
              (date(2026, 7, 1), "Luật Tiếp công dân 2013 sửa đổi, bổ sung (hiệu lực "
                                 "01/07/2026), Điều 15")),
    ),
    Indicator(
        "dialogues", "engagement",
        "Số hội nghị đối thoại trong 12 tháng", "Dialogue conferences in 12 months",
        "Đối thoại", "Dialogues",
        "per_year", True, "engagement_months",
        "dialogues", "years",
        1.0, always("Luật Tổ chức chính quyền địa phương 2025: ít nhất 1 lần mỗi năm"),
        window=12,
    ),
    Indicator(
        "saturday_sessions", "engagement",
        'Số buổi "Ngày thứ Bảy với dân" mỗi tháng', '"Saturday with the people" per month',
        "Thứ Bảy với dân", "Saturdays",
        "per_month", True, "engagement_months",
        "saturday_sessions", "months",
        None, "Mô hình của Huyện ủy Bình Lục",
    ),
    Indicator(
        "petition_resolution_rate", "engagement",
        "Tỷ lệ ý kiến, kiến nghị đã giải quyết", "Petitions resolved",
        "Giải quyết kiến nghị", "Petitions resolved",
        "percent", True, "engagement_months",
        "petitions_resolved", "petitions_received",
        None, _RECEPTION,
    ),
    Indicator(
        "university_rate", "cadres",
        "Tỷ lệ cán bộ, công chức có trình độ đại học trở lên",
        "Cadres with a university degree or higher",
        "Đại học trở lên", "University+",
        "percent", True, "cadre_snapshots",
        "postgraduate + university", "total",
        1.0, _CADRES,
    ),
    Indicator(
        "theory_rate", "cadres",
        "Tỷ lệ cán bộ có trình độ LLCT trung cấp trở lên",
        "Cadres with intermediate political theory or higher",
        "LLCT trung cấp trở lên", "Political theory",
        "percent", True, "cadre_snapshots",
        "theory_advanced + theory_intermediate", "total",
        None, _CADRES,
    ),
    Indicator(
        "satisfaction_rate", "satisfaction",
        "Tỷ lệ người dân hài lòng", "People satisfied",
        "Hài lòng", "Satisfied",
        "percent", True, "satisfaction",
        "satisfied", "surveys",
        0.9, _NQ76,
    ),
)

BY_ID = {indicator.id: indicator for indicator in INDICATORS}

# The one indicator that stands for its family on the Overview tiles.
HEADLINE = {
    "dossiers": "on_time_rate",
    "letters": "letter_coverage",
    "engagement": "secretary_receptions",
    "cadres": "university_rate",
    "satisfaction": "satisfaction_rate",
}


def of_family(family: str) -> list[Indicator]:
    return [indicator for indicator in INDICATORS if indicator.family == family]


def parts_sql() -> str:
    """The body of the `indicator_parts` view: one row per indicator, commune and month, where
    the row has every part of the indicator (a file without a measure leaves it NULL: the
    indicators made from it have no data there, and its other parts do not count either)."""
    selects = [
        f"SELECT '{i.id}' AS indicator, unit_code, {SOURCES[i.source]} AS month, "
        f"{i.stock} AS stock, {i.window or 'NULL'} AS window_months, "
        f"CAST({i.numerator} AS DOUBLE) AS num, "
        f"CAST({i.denominator} AS DOUBLE) AS den FROM {i.source} "
        f"WHERE ({i.numerator}) IS NOT NULL AND ({i.denominator}) IS NOT NULL"
        for i in INDICATORS
    ]
    return "\nUNION ALL ".join(selects)


def facts_sql() -> str:
    """The body of the `indicator_facts` view: how each indicator is judged (figures.status),
    for the figures built in SQL: indicator, higher_is_better, close_margin."""
    rows = ", ".join(f"('{i.id}', {i.higher_is_better}, {i.close_margin})" for i in INDICATORS)
    return f"SELECT * FROM (VALUES {rows}) AS facts (indicator, higher_is_better, close_margin)"


def lacking(source: str, columns: set[str]) -> list[Indicator]:
    """The indicators of a source relation that use any of `columns`."""
    return [i for i in INDICATORS if i.source == source
            and columns & set(re.findall(r"[a-z_]+", f"{i.numerator} {i.denominator}"))]


# The columns of the Overview scorecard: what the committee reviews first.
SCORECARD = (
    "on_time_rate", "overdue_rate", "online_rate", "online_payment_rate", "digitisation_rate",
    "letter_coverage", "secretary_receptions", "chair_receptions", "dialogues",
    "university_rate", "satisfaction_rate",
)
