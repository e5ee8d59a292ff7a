"""The figures pages show, from the queries: commune values with rank, target and status, the
parent unit's value (recomputed from the communes' summed parts), and trends."""

import math

import pandas as pd

from grassroots import catalog, i18n, periods
from grassroots.catalog import Indicator
from grassroots.db import Database, per_version


def status(indicator: Indicator, value: float | None, target: float | None) -> str:
    """Met, close (within the indicator's margin) or missed, judged by its polarity."""
    if value is None or math.isnan(value):
        return "no_data"
    if target is None or math.isnan(target):
        return "no_target"
    shortfall = target - value if indicator.higher_is_better else value - target
    if shortfall <= 1e-9:
        return "met"
    return "close" if shortfall <= indicator.close_margin + 1e-9 else "missed"


def statuses(frame: pd.DataFrame) -> list[str]:
    """The status of each row of a frame with indicator, value and target columns."""
    return [status(catalog.BY_ID[i], v, t) for i, v, t in zip(
        frame["indicator"].tolist(), frame["value"].tolist(), frame["target"].tolist())]


def ratio(num: pd.Series, den: pd.Series) -> float | None:
    """sum(num) / sum(den) over the rows that reported; None when none did."""
    total = den.sum(min_count=1)
    if pd.isna(total) or total == 0:
        return None
    return float(num.sum() / total)


def told_apart(frame: pd.DataFrame, code: str = "code") -> pd.DataFrame:
    """`frame` with a name two communes share told apart by the code: "Tân Tiến (13012)"."""
    shared = frame.groupby("name")[code].transform("nunique") > 1
    return frame.assign(name=frame["name"].where(~shared,
                                                 frame["name"] + " (" + frame[code] + ")"))


def units(db: Database) -> pd.DataFrame:
    """The communes in view: code, name, kind, population, households, area_km2, villages,
    area, area_name; names told apart."""
    return told_apart(db.run("units"))


def names(db: Database) -> pd.Series:
    """Commune names by code (open communes only)."""
    return units(db).set_index("code")["name"]


@per_version
def commune_values(db: Database, period: periods.Period) -> pd.DataFrame:
    """Every catalogue indicator × every commune for a period: code, name, indicator, num, den,
    value, target, status, rank (1 = best; ties share the better rank; no data, no rank)."""
    units_frame = units(db)
    grid = pd.MultiIndex.from_product(
        [[i.id for i in catalog.INDICATORS], units_frame["code"]],
        names=["indicator", "unit_code"])
    values = (
        db.run("period_values", start=period.start, end=period.end)
        .set_index(["indicator", "unit_code"]).reindex(grid).reset_index()
    )
    targets = db.run("targets", day=period.last_day)
    frame = (
        values.merge(targets, on=["indicator", "unit_code"], how="left")
        .merge(units_frame.rename(columns={"code": "unit_code"}), on="unit_code")
    )
    frame["status"] = statuses(frame)
    # Rank on values signed by polarity, so that 1 is always the best.
    polarity = frame["indicator"].map({i.id: 1 if i.higher_is_better else -1
                                       for i in catalog.INDICATORS})
    frame["rank"] = (frame["value"] * polarity).groupby(frame["indicator"]).rank(
        ascending=False, method="min")
    return frame


@per_version
def parent_values(db: Database, period: periods.Period) -> pd.DataFrame:
    """The parent unit's value of every indicator: sum of the communes' parts, over those that
    reported. Returns: indicator, num, den, value, target, status."""
    communes = commune_values(db, period)
    rows = [
        {"indicator": indicator, "num": group["num"].sum(min_count=1),
         "den": group["den"].sum(min_count=1), "value": ratio(group["num"], group["den"])}
        for indicator, group in communes.groupby("indicator")
    ]
    frame = pd.DataFrame(rows).merge(
        db.run("parent_targets", day=period.last_day), on="indicator", how="left")
    frame["status"] = statuses(frame)
    return frame.set_index("indicator")


def ranking(db: Database, indicator: Indicator, period: periods.Period) -> pd.DataFrame:
    """One indicator's commune values, best first, communes without data last."""
    frame = commune_values(db, period)
    return by_rank(frame[frame["indicator"] == indicator.id])


def by_rank(frame: pd.DataFrame) -> pd.DataFrame:
    """Best first, ties in Vietnamese name order, communes without data last."""
    ordered = frame.assign(order=frame["name"].map(i18n.sort_key))
    return (ordered.sort_values(["rank", "order"], na_position="last")
            .drop(columns="order").reset_index(drop=True))


_TREND_GRAIN = {"month": "month", "quarter": "quarter", "half": "quarter", "year": "year",
                "range": "month"}


def trend_grain(indicator: Indicator, period: periods.Period) -> str:
    """Snapshots and yearly minimums trend by year; the rest by the period's own kind (by
    quarter for half-years, by month for ranges)."""
    return "year" if indicator.stock or indicator.window else _TREND_GRAIN[period.kind]


def trend(db: Database, indicator: Indicator, period: periods.Period) -> pd.DataFrame:
    """The indicator per commune and for the parent unit, per bucket of the period's kind (years
    for snapshots and yearly minimums), from the first month of data up to the period's end.
    Returns: bucket, unit_code, name, value (the parent unit has unit_code None)."""
    grain = trend_grain(indicator, period)
    values = db.run("trend_values", indicator=indicator.id, grain=grain,
                    start=_history_start(db, grain), end=period.end)
    by_code = names(db)
    values = values[values["unit_code"].isin(by_code.index)]  # open communes, as everywhere
    communes = values.assign(name=values["unit_code"].map(by_code))
    parent = pd.DataFrame([
        {"bucket": bucket, "unit_code": None, "value": ratio(group["num"], group["den"])}
        for bucket, group in values.groupby("bucket")
    ], columns=["bucket", "unit_code", "value"])
    return pd.concat([communes[["bucket", "unit_code", "name", "value"]], parent],
                     ignore_index=True)


def _history_start(db: Database, grain: str):
    """Where trends begin: the first month of data, a year earlier for yearly snapshots."""
    first = db.run("data_range")["first"].iloc[0].date()
    return first.replace(year=first.year - 1) if grain == "year" else first


@per_version
def profile(db: Database, code: str, period: periods.Period, points: int = 8) -> pd.DataFrame:
    """One commune, every indicator, in catalogue order: value, rank and how many communes
    were ranked, the parent unit's value, target, status, change since the previous period,
    its last `points` values (a sparkline), its standing: how far it sits from the parent
    value in units of the communes' spread, positive when better, and the best commune's value
    and name (best_value, best_name)."""
    now = commune_values(db, period)
    communes = now.groupby("indicator")["value"]
    best = by_rank(now[now["value"].notna()]).drop_duplicates("indicator").set_index("indicator")
    frame = now[now["unit_code"] == code].set_index("indicator").assign(
        ranked=communes.count(),
        parent=parent_values(db, period)["value"],
        best_value=best["value"], best_name=best["name"],
        previous=commune_values(db, period.previous()).query("unit_code == @code")
        .set_index("indicator")["value"],
    )
    frame["change"] = frame["value"] - frame["previous"]
    polarity = pd.Series({i.id: 1 if i.higher_is_better else -1 for i in catalog.INDICATORS})
    spread = communes.std().where(lambda s: s > 0)
    frame["standing"] = (frame["value"] - frame["parent"]) / spread * polarity
    history = {}
    for grain in {trend_grain(i, period) for i in catalog.INDICATORS}:
        values = db.run("trend_values", indicator=None, grain=grain,
                        start=_history_start(db, grain), end=period.end)
        for indicator, group in values[values["unit_code"] == code].groupby("indicator"):
            if trend_grain(catalog.BY_ID[indicator], period) == grain:
                history[indicator] = list(group["value"].tail(points))
    frame["trend"] = [history.get(i, []) for i in frame.index]
    return frame.reindex([i.id for i in catalog.INDICATORS]).reset_index()


def strongest(profile_frame: pd.DataFrame, count: int = 3) -> pd.DataFrame:
    return profile_frame.dropna(subset="standing").nlargest(count, "standing")


def weakest(profile_frame: pd.DataFrame, count: int = 3) -> pd.DataFrame:
    return profile_frame.dropna(subset="standing").nsmallest(count, "standing")


@per_version
def completeness(db: Database, period: periods.Period) -> pd.DataFrame:
    """Per commune and family, what was reported against what was expected for the period.
    Returns: unit_code, name, family, reported, expected (in Vietnamese name order)."""
    frame = db.run("completeness", start=period.start, end=period.end).merge(
        units(db)[["code", "name"]].rename(columns={"code": "unit_code"}), on="unit_code")
    return frame.sort_values("name", key=lambda names: names.map(i18n.sort_key),
                             kind="stable").reset_index(drop=True)


def period_choices(db: Database, kind: str) -> list[periods.Period]:
    """The periods of a kind that have data, newest first."""
    first, last = db.run("data_range").iloc[0]
    if pd.isna(last):
        return []
    return periods.options(kind, first.date(), last.date())


def parent_words(db: Database, settings: dict, lang: str) -> str:
    """The unit in view, in words: "tỉnh Ninh Bình", "tỉnh Ninh Bình, khu vực huyện Bình Lục
    cũ" when a reader looks at a former district's area."""
    level = settings.get("parent_level", "district")
    words = f"{i18n.t(level, lang)} {settings.get('parent_name', '')}".strip()
    if db.area is None:
        return words
    name = db.run("areas").set_index("area").loc[db.area, "area_name"]
    return f"{words}, {i18n.area(name, lang)}"


def rollup_note(db: Database, period: periods.Period, lang: str,
                code: str | None = None) -> str | None:
    """What a figure of the period sums across a reorganisation, for a footnote: the former
    communes in today's (`code`'s, or every commune's), and the split ones counted whole in
    one. None when no figure of the period does."""
    rolled = db.run("rollups", start=period.start, end=period.end)
    if code is not None:
        rolled = rolled[rolled["unit_code"] == code]
    if rolled.empty:
        return None
    day = f"{rolled['effective_on'].min():%d/%m/%Y}"
    if code is not None:
        note = i18n.t("rollup_one", lang, date=day, names=", ".join(rolled["made_from_name"]))
    else:
        note = i18n.t("rollup_many", lang, date=day, old=rolled["made_from"].nunique(),
                      new=rolled["unit_code"].nunique())
    split = rolled[rolled["link"] == "split"]
    if len(split):
        pairs = [f"{old} → {new}" for old, new in zip(split["made_from_name"], split["name"])]
        listed = ", ".join(pairs[:SPLITS_NAMED]) + (
            f" {i18n.t('and_more', lang, count=len(pairs) - SPLITS_NAMED)}"
            if len(pairs) > SPLITS_NAMED else "")
        note += "; " + i18n.t("rollup_split", lang, pairs=listed)
    return note


SPLITS_NAMED = 6


def chart_subtitle(database: Database, settings: dict, period: periods.Period,
                   lang: str, code: str | None = None) -> list[str]:
    """Under every chart's title: who and when ("DỮ LIỆU MẪU" while on the demo), then
    "Nguồn: …; cập nhật dd/mm/yyyy", the source and the date of the last import in force, then
    what its figures sum across a reorganisation (of commune `code`'s, or of every commune)."""
    parent = parent_words(database, settings, lang)
    who = [i18n.capital(parent), period.label(lang)]
    if settings.get("demo") == "true":
        who.append(i18n.t("demo_mark", lang))
    named = settings.get("source") or i18n.t("commune_reports", lang)
    source = f"{i18n.t('source', lang)}: {named}"
    updated = database.run("last_update")["updated_at"].iloc[0]
    if pd.notna(updated):
        source += f"; {i18n.t('updated', lang)} {updated:%d/%m/%Y}"
    rolled = rollup_note(database, period, lang, code)
    return [" · ".join(who), source, *([rolled] if rolled else [])]
