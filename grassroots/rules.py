"""Legal minimums for citizen engagement (the engagement_rules table, editable by users) and
each commune's compliance with them, month by month."""

import pandas as pd

from grassroots import db, i18n, periods

KIND_LABELS = {
    "secretary_reception": ("Bí thư tiếp công dân", "Party secretary receptions"),
    "chair_reception": ("Chủ tịch UBND tiếp công dân", "Chair receptions"),
    "dialogue": ("Hội nghị đối thoại", "Dialogue conferences"),
    "saturday_with_people": ("Ngày thứ Bảy với dân", "Saturday with the people"),
    "voter_meeting": ("Tiếp xúc cử tri", "Voter meetings"),
    "other": ("Khác", "Other"),
}
PER_LABELS = {"month": ("tháng", "month"), "week": ("tuần", "week"), "year": ("năm", "year")}
# Receptions are counted in days (the regulations say so), other events in times.
NOUNS = {"secretary_reception": ("ngày", "days"), "chair_reception": ("ngày", "days")}


def kind_label(kind: str, lang: str) -> str:
    return KIND_LABELS[kind][i18n.LANGS.index(lang)]


def rule_text(rule, lang: str) -> str:
    """ "Bí thư tiếp công dân: ít nhất 2 ngày mỗi tháng (Quy định 11-QĐi/TW (2019))"."""
    index = i18n.LANGS.index(lang)
    return i18n.t("rule_text", lang, kind=kind_label(rule.kind, lang), count=rule.min_events,
                  noun=NOUNS.get(rule.kind, ("lần", "times"))[index],
                  per=PER_LABELS[rule.per][index], reference=rule.reference)


def load(database: db.Database) -> pd.DataFrame:
    return database.run("engagement_rules")


def save(database: db.Database, minimums: dict[str, int]) -> None:
    """Write new minimums in one transaction; refuse a negative one."""
    if any(m < 0 for m in minimums.values()):
        raise ValueError("a minimum cannot be negative")
    with database.cursor() as cur:
        cur.begin()
        cur.executemany("UPDATE engagement_rules SET min_events = ? WHERE kind = ?",
                        [[int(m), kind] for kind, m in minimums.items()])
        db.bump_data_version(cur)
        cur.commit()


def compliance(database: db.Database, period: periods.Period) -> pd.DataFrame:
    """Per commune, month and rule: required, held and status (met, missed, pending).
    Returns: unit_code, name, month, kind, per, required, held, status."""
    frame = database.run("engagement_compliance", start=period.start, end=period.end)
    names = database.run("units").set_index("code")["name"]
    return frame.assign(name=frame["unit_code"].map(names))
