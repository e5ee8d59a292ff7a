"""The figures pages show, from the queries: commune values with rank, target and status, the
parent unit's value (recomputed from the communes' summed parts), and trends."""

from datetime import date

import pandas as pd

from grassroots import catalog, i18n, periods
from grassroots.catalog import Indicator
from grassroots.db import STORED_KINDS, Database, per_version


def told_apart(frame: pd.DataFrame, code: str = "code") -> pd.DataFrame:
    """`frame` with a name two communes share told apart by the code: "Tân Tiến (13012)"."""
    shared = frame.groupby("name")[code].transform("nunique") > 1
    return frame.assign(name=frame["name"].where(~shared,
                                                 frame["name"] + " (" + frame[code] + ")"))


@per_version
def units(db: Database) -> pd.DataFrame:
    """The communes in view: code, name, kind, population, households, area_km2, villages,
    area, area_name; names told apart."""
    return told_apart(db.run("units"))


def by_name(units_frame: pd.DataFrame) -> list[str]:
    """Commune codes (the index of `units_frame`) in Vietnamese alphabetical order of names."""
    return sorted(units_frame.index, key=lambda code: i18n.sort_key(units_frame.loc[code, "name"]))


def first_compared(units_frame: pd.DataFrame) -> list[str]:
    """The communes the compare page opens on: the first three of `units_frame` (by code)."""
    return list(units_frame.index[:3])


def names(db: Database) -> pd.Series:
    """Commune names by code (open communes only)."""
    return units(db).set_index("code")["name"]


def _stored(db: Database, kind: str) -> bool:
    """Whether the figures table holds periods of `kind` for the communes in view: it holds
    the communes of the day of the last write, which are those of any day with no
    reorganisation in between, for every reader who sees every commune."""
    if db.scope or kind not in STORED_KINDS:
        return False
    built = date.fromisoformat(db.settings()["figures_as_of"])
    low, high = sorted((built, db.as_of))
    return not any(low < day <= high
                   for day in db.run("reorganisations")["effective_on"].dt.date)


def _figures(db: Database, periods_wanted: list[periods.Period], indicator: str | None = None,
             unit: str | None = None) -> pd.DataFrame:
    """The figures (the rows of queries/period_figures.sql) of periods of one kind, of every
    indicator and commune, or of `indicator`, or of commune `unit`, for the communes in view
    and their parent (unit_code None): read from the figures table, or computed when it does
    not hold them. Returns: period, indicator, unit_code, num, den, value, target, status."""
    kind = periods_wanted[0].kind
    if not _stored(db, kind):
        rows = db.run("period_figures", as_of=db.as_of, periods=[
            {"kind": p.kind, "start": p.start, "end": p.end} for p in periods_wanted])
        rows = rows[(rows["indicator"] == indicator) if indicator else
                    (rows["unit_code"] == unit) if unit else rows["indicator"].notna()]
    else:
        starts = [pd.Timestamp(p.start) for p in periods_wanted]
        rows = db.run("figure_series", kind=kind, indicator=indicator, unit=unit) \
            if indicator or unit else db.run("figures", kind=kind, first=min(starts).date(),
                                             last=max(starts).date())
        rows = rows[rows["period"].isin(starts)]
    area = db.area
    in_view = (rows["unit_code"].notna() & (area is None or rows["area"] == area)
               | rows["unit_code"].isna() & (rows["area"].isna() if area is None
                                             else rows["area"] == area))
    return rows[in_view].drop(columns="area")


@per_version
def commune_values(db: Database, period: periods.Period) -> pd.DataFrame:
    """Every catalogue indicator × every commune for a period: code, name, indicator, num, den,
    value, target, status, rank (1 = best; ties share the better rank; no data, no rank).
    A commune without data has the target set for all communes."""
    rows = _figures(db, [period])
    communes = rows[rows["unit_code"].notna()]
    every = parent_values(db, period)["target"]
    units_frame = units(db).rename(columns={"code": "unit_code"})
    grid = pd.MultiIndex.from_product([[i.id for i in catalog.INDICATORS],
                                       units_frame["unit_code"]], names=["indicator", "unit_code"])
    frame = (communes.drop(columns="period").set_index(["indicator", "unit_code"])
             .reindex(grid).reset_index().merge(units_frame, on="unit_code"))
    frame["target"] = frame["target"].fillna(frame["indicator"].map(every))
    frame["status"] = frame["status"].fillna("no_data")
    # Rank on values signed by polarity, so that 1 is always the best.
    polarity = frame["indicator"].map({i.id: 1 if i.higher_is_better else -1
                                       for i in catalog.INDICATORS})
    frame["rank"] = (frame["value"] * polarity).groupby(frame["indicator"]).rank(
        ascending=False, method="min")
    return frame


def scored_rows(db: Database, periods_wanted: list[periods.Period],
                indicators: set[str]) -> pd.DataFrame:
    """The communes' figures of `indicators` in periods of one kind, the communes that reported
    only. Returns: period, indicator, unit_code, num, den, value, target, status."""
    rows = _figures(db, periods_wanted)
    return rows[rows["unit_code"].notna() & rows["indicator"].isin(indicators)]


@per_version
def parent_values(db: Database, period: periods.Period) -> pd.DataFrame:
    """The parent unit's value of every indicator: sum of the communes' parts, over those that
    reported. Returns: indicator, num, den, value, target, status."""
    rows = _figures(db, [period])
    parent = rows[rows["unit_code"].isna()].set_index("indicator")[
        ["num", "den", "value", "target", "status"]]
    frame = parent.reindex([i.id for i in catalog.INDICATORS]).rename_axis("indicator")
    targets = db.run("parent_targets", day=period.last_day).set_index("indicator")["target"]
    frame["target"] = frame["target"].fillna(targets)
    frame["status"] = frame["status"].fillna("no_data")
    return frame


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
    """The indicator per commune and for the parent unit, per period of the trend's grain (years
    for snapshots and yearly minimums), from the first month of data up to the period: each
    point the figure of that period. When the period ends inside a year of a yearly trend, its
    last point is the period's own figure. Returns: bucket, unit_code, name, value (the parent
    unit has unit_code None)."""
    rows = _series(db, indicator, period, trend_grain(indicator, period))
    by_code = names(db)
    return rows.assign(bucket=rows["period"], name=rows["unit_code"].map(by_code))[
        ["bucket", "unit_code", "name", "value"]].reset_index(drop=True)


def _series(db: Database, indicator: Indicator | None, period: periods.Period, grain: str,
            unit: str | None = None) -> pd.DataFrame:
    """The figures of `indicator` (None: every one) and commune `unit` (None: every one and the
    parent) for every period of `grain` up to `period` (the last one, when `period` ends inside
    it, is `period` itself), from the first month of data (a year earlier for yearly
    snapshots). Returns: period, indicator, unit_code, value."""
    first = db.run("data_range")["first"].iloc[0]
    if pd.isna(first):
        return pd.DataFrame(columns=["period", "indicator", "unit_code", "value"])
    since = first.date().replace(year=first.year - 1) if grain == "year" else first.date()
    done = [p for p in periods.options(grain, since, period.end) if p.end <= period.end]
    parts = [_figures(db, done[::-1], indicator and indicator.id, unit)] if done else []
    last = periods.Period.containing(grain, period.end)
    if last.end != period.end:
        now = _figures(db, [period], indicator and indicator.id, unit)
        parts.append(now.assign(period=pd.Timestamp(last.start)))
    return pd.concat(parts, ignore_index=True)[["period", "indicator", "unit_code", "value"]]


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
        values = _series(db, None, period, grain, code)
        for indicator, group in values.groupby("indicator"):
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
    level = i18n.level(settings.get("parent_level", "district"), lang)
    words = f"{level} {settings.get('parent_name', '')}".strip()
    if db.area is None:
        return words
    name = db.run("areas").set_index("area").loc[db.area, "area_name"]
    return f"{words}, {i18n.area(name, lang)}"


def parent_label(db: Database, lang: str) -> str:
    """The parent unit's value in charts: "Toàn huyện", "Toàn tỉnh", "Toàn khu vực"."""
    if db.area is not None:
        return i18n.t("Whole area", lang)
    return i18n.parent_total(db.settings().get("parent_level", "district"), lang)


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
    day = i18n.day(rolled["effective_on"].min(), lang)
    if code is not None:
        note = i18n.t("Before {date}: includes the figures of the former communes {names}",
                      lang, date=day, names=", ".join(rolled["made_from_name"]))
    else:
        note = i18n.t("Before {date}: the figures of {old} former communes added into the {new} "
                      "communes of today", lang, date=day, old=rolled["made_from"].nunique(),
                      new=rolled["unit_code"].nunique())
    split = rolled[rolled["link"] == "split"]
    if len(split):
        pairs = [f"{old} → {new}" for old, new in zip(split["made_from_name"], split["name"])]
        listed = ", ".join(pairs[:SPLITS_NAMED])
        if len(pairs) > SPLITS_NAMED:
            listed += " " + i18n.t("and {count} more", lang, count=len(pairs) - SPLITS_NAMED)
        note += "; " + i18n.t("split communes counted whole in one: {pairs}", lang, pairs=listed)
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
        who.append(i18n.t("DỮ LIỆU MẪU (sample data)", lang))
    named = settings.get("source") or i18n.t("the communes' reports", lang)
    updated = database.run("last_update")["updated_at"].iloc[0]
    source = i18n.t("Source: {source}", lang, source=named) if pd.isna(updated) else i18n.t(
        "Source: {source}; updated {day}", lang, source=named, day=i18n.day(updated, lang))
    rolled = rollup_note(database, period, lang, code)
    return [" · ".join(who), source, *([rolled] if rolled else [])]
