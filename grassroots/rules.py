"""Legal minimums for citizen engagement (the engagement_rules table, editable by users, each
rule in force from its first day until the next of its kind) and each commune's compliance with
them, month by month."""

from datetime import date

import pandas as pd

from grassroots import contract, db, figures, i18n, periods, targets
from grassroots.i18n import N_

PERS = {"month": N_("month"), "week": N_("week"), "year": N_("year")}  # a rule's period
# Receptions are counted in days (the regulations say so), other events in times.
IN_DAYS = {"secretary_reception", "chair_reception"}
# The indicator each rule sets the target of, and how many of the rule's periods its own unit
# holds: a rule per week asks at least 4 days a month, as every month has four full weeks.
TARGETS = {"secretary_reception": ("secretary_receptions", 1),
           "chair_reception": ("chair_receptions", 4),
           "dialogue": ("dialogues", 1)}


def kind_label(kind: str, lang: str) -> str:
    return i18n.t(contract.ENGAGEMENT_NAMES[kind], lang)


def rule_text(rule, lang: str) -> str:
    """ "Bí thư tiếp công dân: ít nhất 2 ngày mỗi tháng (Quy định 11-QĐi/TW (2019))"."""
    values = {"kind": kind_label(rule.kind, lang), "per": i18n.t(PERS[rule.per], lang),
              "reference": rule.reference}
    if rule.kind in IN_DAYS:
        return i18n.tn("{kind}: at least {count} day a {per} ({reference})",
                       "{kind}: at least {count} days a {per} ({reference})",
                       int(rule.min_events), lang, **values)
    return i18n.tn("{kind}: at least {count} time a {per} ({reference})",
                   "{kind}: at least {count} times a {per} ({reference})",
                   int(rule.min_events), lang, **values)


def load(database: db.Database, day: date) -> pd.DataFrame:
    """The rules in force on `day`."""
    return database.run("engagement_rules", day=day)


def save(database: db.Database, minimums: dict[str, int], since: date, actor: str) -> None:
    """Write the minimums that differ from those in force on `since` as rules from that day,
    with the targets they set; refuse a negative one."""
    if any(m < 0 for m in minimums.values()):
        raise ValueError("a minimum cannot be negative")
    before = load(database, since).set_index("kind")
    changed = {kind: int(m) for kind, m in minimums.items() if m != before.at[kind, "min_events"]}
    if not changed:
        return
    with database.write() as con:
        con.executemany(
            "INSERT OR REPLACE INTO engagement_rules VALUES (?, ?, ?, ?, ?)",
            [[kind, since, m, before.at[kind, "per"], before.at[kind, "reference"]]
             for kind, m in changed.items()])
        targets.write(con, {TARGETS[kind][0]: m * TARGETS[kind][1]
                            for kind, m in changed.items() if kind in TARGETS}, since)
        db.audit(con, actor, "rules", f"{since:%d/%m/%Y}: " + ", ".join(
            f"{k} ≥ {m}" for k, m in changed.items()))


def compliance(database: db.Database, period: periods.Period) -> pd.DataFrame:
    """Per commune, month and rule: required, held and status (met, missed, pending), for the
    communes in force in each month (a legal minimum binds the commune that existed then).
    Returns: unit_code, name, month, kind, per, required, held, status, month_label ("04/2025")
    and cell ("held/required")."""
    frame = figures.told_apart(database.run("engagement_compliance", start=period.start,
                                            end=period.end), "unit_code")
    return frame.assign(month_label=[f"{m:%m/%Y}" for m in frame["month"]],
                        cell=[f"{h}/{r}" for h, r in zip(frame["held"], frame["required"])])
