"""The indicator catalogue: every indicator of DOMAIN.md, defined once, as named declarations.

Each indicator is a ratio of two sums over one source relation: its `numerator` and its
`denominator` each name the measures of a row of `source` that add up to them. The value over
any period is sum(numerator) / sum(denominator), never an average of monthly ratios. Flow
indicators sum every month of the period; stock indicators (cadre snapshots) take each commune's
latest snapshot on or before the period's end. The database reads the catalogue through
grassroots/derived/0_indicator_parts.sql, which grassroots/parts.py writes from it, and the
indicator_facts table, which db.migrate fills from it.
"""

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from grassroots import contract, i18n
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
T = TypeVar("T")


def in_force(dated: tuple[tuple[date, T], ...], day: date) -> T:
    """What a tuple of (first day, value) pairs, oldest first, says on `day`: the last value to
    begin on or before it."""
    return [value for since, value in dated if since <= day][-1]


@dataclass(frozen=True, kw_only=True)
class Indicator:
    id: str
    family: str
    name: str  # a message of the catalogues, as are all the words below
    short_name: str  # for scorecard columns, tiles and map labels
    # "percent" (a fraction 0..1), a count per period: "days_per_month", "per_month",
    # "per_year"; or "score" (0..100, the composite score)
    unit: str
    higher_is_better: bool
    # The legal basis by date: (first day, text) pairs, oldest first (reference_on).
    reference: tuple[tuple[date, str], ...]
    # The formula: the measures of a row of `source` that add up to each part. Only the
    # composite score, computed from the others' values (scores.py), has none.
    source: str | None = None
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    # The default target by date, for all communes: (first day, value) pairs, oldest first.
    # The targets table, which users edit from a day on, starts from them (db.migrate) and is
    # what periods are judged by.
    targets: tuple[tuple[date, float], ...] = ()
    # Judge over the last `window` months up to the period's end whatever the period's length,
    # for minimums set per year (a quarter without a dialogue does not miss a yearly minimum).
    window: int | None = None

    @property
    def stock(self) -> bool:
        return self.source in STOCK_SOURCES

    def label(self, lang: str) -> str:
        return i18n.t(self.name, lang)

    def short(self, lang: str) -> str:
        return i18n.t(self.short_name, lang)

    @property
    def formula(self) -> str:
        """The formula in the words of the import files' headers."""
        def words(measures: tuple[str, ...]) -> str:
            text = " + ".join(COLUMN_WORDS[m] for m in measures)
            return f"({text})" if len(measures) > 1 else text
        return f"{words(self.numerator)} / {words(self.denominator)}"

    def reference_on(self, day: date) -> str:
        """The legal basis in force on `day`."""
        return in_force(self.reference, day)

    @property
    def close_margin(self) -> float:
        """How far from target still counts as "close": 5 points on a percentage, else 10% of
        the latest default target."""
        if self.unit == "percent":
            return 0.05
        return 0.1 * (self.targets[-1][1] if self.targets else 0)


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

_RESOLVED = ("resolved_early", "resolved_on_time", "resolved_late")
_LETTERS = ("birth_letters", "marriage_letters", "condolence_letters")
REFORM = date(2025, 7, 1)  # two-level local government; Decree 33/2023's standards repealed


def always(value: T) -> tuple[tuple[date, T], ...]:
    """A value by date that was always in force."""
    return ((date.min, value),)


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
        id="on_time_rate", family="dossiers",
        name=N_("Dossiers resolved on time"), short_name=N_("On time"),
        unit="percent", higher_is_better=True,
        source="dossier_stats",
        numerator=("resolved_early", "resolved_on_time"),
        denominator=_RESOLVED,
        targets=always(1.0),
        reference=_ONE_STOP,
    ),
    Indicator(
        id="early_rate", family="dossiers",
        name=N_("Dossiers resolved early"), short_name=N_("Early"),
        unit="percent", higher_is_better=True,
        source="dossier_stats",
        numerator=("resolved_early",),
        denominator=_RESOLVED,
        reference=_ONE_STOP,
    ),
    Indicator(
        id="overdue_rate", family="dossiers",
        name=N_("Overdue dossiers"), short_name=N_("Overdue"),
        unit="percent", higher_is_better=False,
        source="dossier_stats",
        numerator=("resolved_late", "pending_overdue"),
        denominator=("carried_over", "received"),
        reference=_ONE_STOP,
    ),
    Indicator(
        id="online_rate", family="dossiers",
        name=N_("Full-process online dossiers"), short_name=N_("Online"),
        unit="percent", higher_is_better=True,
        source="dossier_stats",
        numerator=("online_full",),
        denominator=("received",),
        targets=always(0.8),
        reference=_NQ76,
    ),
    Indicator(
        id="online_payment_rate", family="dossiers",
        name=N_("Fees paid online"), short_name=N_("Paid online"),
        unit="percent", higher_is_better=True,
        source="dossier_stats",
        numerator=("paid_online",),
        denominator=("with_fee",),
        reference=always("Quyết định 766/QĐ-TTg (2022), nhóm thanh toán trực tuyến"),
    ),
    Indicator(
        id="digitisation_rate", family="dossiers",
        name=N_("Dossiers digitised"), short_name=N_("Digitised"),
        unit="percent", higher_is_better=True,
        source="dossier_stats",
        numerator=("digitised",),
        denominator=("received",),
        reference=always("Quyết định 766/QĐ-TTg (2022), nhóm số hóa"),
    ),
    Indicator(
        id="letter_coverage", family="letters",
        name=N_("Letters sent per registration"), short_name=N_("Letters sent"),
        unit="percent", higher_is_better=True,
        source="letters",
        numerator=_LETTERS,
        denominator=("births", "marriages", "deaths"),
        targets=always(1.0),
        reference=_FRIENDLY,
    ),
    Indicator(
        id="birth_letter_coverage", family="letters",
        name=N_("Birth letters per birth registered"), short_name=N_("Birth letters"),
        unit="percent", higher_is_better=True,
        source="letters",
        numerator=("birth_letters",),
        denominator=("births",),
        targets=always(1.0),
        reference=_FRIENDLY,
    ),
    Indicator(
        id="marriage_letter_coverage", family="letters",
        name=N_("Marriage letters per marriage registered"), short_name=N_("Marriage letters"),
        unit="percent", higher_is_better=True,
        source="letters",
        numerator=("marriage_letters",),
        denominator=("marriages",),
        targets=always(1.0),
        reference=_FRIENDLY,
    ),
    Indicator(
        id="condolence_letter_coverage", family="letters",
        name=N_("Condolence letters per death registered"), short_name=N_("Condolences"),
        unit="percent", higher_is_better=True,
        source="letters",
        numerator=("condolence_letters",),
        denominator=("deaths",),
        targets=always(1.0),
        reference=_FRIENDLY,
    ),
    Indicator(
        id="secretary_receptions", family="engagement",
        name=N_("Days of Party secretary receptions a month"),
        short_name=N_("Secretary receptions"),
        unit="days_per_month", higher_is_better=True,
        source="engagement_months",
        numerator=("secretary_receptions",),
        denominator=("months",),
        targets=always(2.0),
        reference=always("Quy định 11-QĐi/TW (2019): ít nhất 2 ngày mỗi tháng"),
    ),
    Indicator(
        id="chair_receptions", family="engagement",
        name=N_("Days of chair receptions a month"), short_name=N_("Chair receptions"),
        unit="days_per_month", higher_is_better=True,
        source="engagement_months",
        numerator=("chair_receptions",),
        denominator=("months",),
        targets=always(4.0),
        reference=(
            (date.min, "Luật Tiếp công dân 2013, Điều 15: ít nhất 1 ngày mỗi tuần"),
            (date(2026, 7, 1), "Luật Tiếp công dân 2013 sửa đổi, bổ sung (hiệu lực "
                               "01/07/2026), Điều 15"),
        ),
    ),
    Indicator(
        id="dialogues", family="engagement",
        name=N_("Dialogue conferences in 12 months"), short_name=N_("Dialogues"),
        unit="per_year", higher_is_better=True,
        source="engagement_months",
        numerator=("dialogues",),
        denominator=("years",),
        targets=always(1.0),
        reference=always(
            "Luật Tổ chức chính quyền địa phương 2025: ít nhất 1 lần mỗi năm"),
        window=12,
    ),
    Indicator(
        id="saturday_sessions", family="engagement",
        name=N_("\"Saturday with the people\" per month"), short_name=N_("Saturdays"),
        unit="per_month", higher_is_better=True,
        source="engagement_months",
        numerator=("saturday_sessions",),
        denominator=("months",),
        reference=always("Mô hình của Huyện ủy Bình Lục"),
    ),
    Indicator(
        id="petition_resolution_rate", family="engagement",
        name=N_("Share of petitions resolved"), short_name=N_("Petitions resolved"),
        unit="percent", higher_is_better=True,
        source="engagement_months",
        numerator=("petitions_resolved",),
        denominator=("petitions_received",),
        reference=_RECEPTION,
    ),
    Indicator(
        id="university_rate", family="cadres",
        name=N_("Cadres with a university degree or higher"), short_name=N_("University+"),
        unit="percent", higher_is_better=True,
        source="cadre_snapshots",
        numerator=("postgraduate", "university"),
        denominator=("total",),
        targets=always(1.0),
        reference=_CADRES,
    ),
    Indicator(
        id="theory_rate", family="cadres",
        name=N_("Cadres with intermediate political theory or higher"),
        short_name=N_("Political theory"),
        unit="percent", higher_is_better=True,
        source="cadre_snapshots",
        numerator=("theory_advanced", "theory_intermediate"),
        denominator=("total",),
        reference=_CADRES,
    ),
    Indicator(
        id="satisfaction_rate", family="satisfaction",
        name=N_("People satisfied"), short_name=N_("Satisfied"),
        unit="percent", higher_is_better=True,
        source="satisfaction",
        numerator=("satisfied",),
        denominator=("surveys",),
        targets=always(0.9),
        reference=_NQ76,
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


def lacking(source: str, columns: set[str]) -> list[Indicator]:
    """The indicators of a source relation that use any of `columns`."""
    return [i for i in INDICATORS
            if i.source == source and columns & {*i.numerator, *i.denominator}]


# The columns of the Overview scorecard: what the committee reviews first.
SCORECARD = (
    "on_time_rate", "overdue_rate", "online_rate", "online_payment_rate", "digitisation_rate",
    "letter_coverage", "secretary_receptions", "chair_receptions", "dialogues",
    "university_rate", "satisfaction_rate",
)
