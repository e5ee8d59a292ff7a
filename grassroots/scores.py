"""The composite score: 0–100 per commune, in the spirit of Decision 766/QĐ-TTg.

Each indicator is scaled to 0–100 against its target; a group scores the mean of its indicators
that have data; the composite is the weighted mean of the groups that have data (a commune is
never scored 0 for what it did not report). Groups and their indicators are in SCORE_GROUPS;
their weights are in the database, editable.
"""

import numpy as np
import pandas as pd

from grassroots import catalog, db, figures, i18n, periods
from grassroots.catalog import Indicator
from grassroots.i18n import N_

# group id, name, indicators
SCORE_GROUPS = (
    ("transparency", N_("Transparency and engagement"),
     ("letter_coverage", "secretary_receptions", "chair_receptions", "dialogues")),
    ("progress", N_("Progress"), ("on_time_rate", "overdue_rate")),
    ("digitisation", N_("Digitisation"), ("digitisation_rate",)),
    ("online_service", N_("Online service"), ("online_rate",)),
    ("online_payment", N_("Online payment"), ("online_payment_rate",)),
    ("satisfaction", N_("Satisfaction"), ("satisfaction_rate",)),
)
GROUP_OF = {indicator: group for group, _, members in SCORE_GROUPS for indicator in members}

# The composite score, described like an indicator so that charts and tables show it alike.
COMPOSITE = Indicator(
    id="composite_score", family="score",
    name=N_("Composite score"), short_name=N_("Score"),
    unit="score", higher_is_better=True,
    reference=catalog.always("Quyết định 766/QĐ-TTg (2022), tinh thần chấm điểm"),
)


def group_label(group_id: str, lang: str) -> str:
    return i18n.t(next(name for group, name, _ in SCORE_GROUPS if group == group_id), lang)


HIGHER_IS_BETTER = {i.id: i.higher_is_better for i in catalog.INDICATORS}
PERCENT = {i.id: i.unit == "percent" for i in catalog.INDICATORS}


def scaled(indicators, values, targets) -> np.ndarray:
    """Each value 0–100 against its target (100 = target met or beaten), for the indicators
    (ids) of the same rows. Percentages without a target are scaled against 100% (higher is
    better) or 0% (lower is better); counts need a target; no value, no score (NaN)."""
    ids = pd.Series(indicators, dtype=object)
    higher = ids.map(HIGHER_IS_BETTER).fillna(True).to_numpy(dtype=bool)
    percent = ids.map(PERCENT).fillna(False).to_numpy(dtype=bool)
    value = np.asarray(values, dtype=float)
    target = np.asarray(targets, dtype=float)
    target = np.where(np.isnan(target) & percent, np.where(higher, 1.0, 0.0), target)
    with np.errstate(divide="ignore", invalid="ignore"):
        up = np.where(target > 0, value / target, 1.0)
        down = np.where(target < 1, 1.0 - (value - target) / (1.0 - target), 1.0)
    share = np.clip(np.where(higher, up, down), 0.0, 1.0)
    return np.where(np.isnan(value) | np.isnan(target), np.nan, 100 * share)


def weights(database: db.Database) -> dict[str, float]:
    return dict(database.run("score_weights").itertuples(index=False))


def save_weights(database: db.Database, new: dict[str, float], actor: str) -> None:
    """Write the weights; refuse negative ones or a zero total."""
    if any(w < 0 for w in new.values()) or sum(new.values()) <= 0:
        raise ValueError("weights must be non-negative with a positive total")
    with database.write() as con:
        con.executemany("UPDATE score_weights SET weight = ? WHERE group_id = ?",
                        [[w, g] for g, w in new.items()])
        db.audit(con, actor, "weights", ", ".join(f"{g} = {w:g}" for g, w in new.items()))


def scaled_frame(values: pd.DataFrame) -> pd.DataFrame:
    """figures.commune_values plus `score`: each value scaled 0–100 against its target."""
    return values.assign(score=scaled(values["indicator"].tolist(), values["value"],
                                      values["target"]))


def profile_scores(profile: pd.DataFrame) -> pd.DataFrame:
    """figures.profile with the commune's, the parent unit's and the best commune's values
    scaled 0–100 against the target: score, parent_score, best_score."""
    def scale(column: str) -> np.ndarray:
        return scaled(profile["indicator"].tolist(), profile[column], profile["target"])

    return profile.assign(score=scale("value"), parent_score=scale("parent"),
                          best_score=scale("best_value"))


@db.per_version
def composite(database: db.Database, period: periods.Period) -> pd.DataFrame:
    """Per commune: the score of each group, the composite score and its rank.
    Returns: unit_code, name, one column per group id, score, groups_scored, rank."""
    return composites(database, [period]).drop(columns="period")


def composites(database: db.Database, wanted: list[periods.Period]) -> pd.DataFrame:
    """composite() of each period of `wanted` (of one kind), in its order, with its period's
    code in `period`."""
    rows = figures.scored_rows(database, wanted, set(GROUP_OF))
    rows = rows.assign(score=scaled(rows["indicator"].tolist(), rows["value"], rows["target"]),
                       group_id=rows["indicator"].map(GROUP_OF))
    group_ids = [g[0] for g in SCORE_GROUPS]
    codes = {pd.Timestamp(p.start): p.code for p in wanted}  # a row's period -> its code
    units = figures.units(database)[["code", "name"]].rename(columns={"code": "unit_code"})
    every = pd.MultiIndex.from_product([list(codes), units["unit_code"]],
                                       names=["period", "unit_code"])
    groups = rows.pivot_table(index=["period", "unit_code"], columns="group_id",
                              values="score", aggfunc="mean")
    groups = groups.reindex(index=every, columns=group_ids)
    weight = pd.Series(weights(database)).reindex(group_ids).fillna(0)
    present = groups.notna().mul(weight, axis=1).sum(axis=1)
    frame = groups.assign(
        score=groups.mul(weight, axis=1).sum(axis=1, min_count=1)
        / present.where(present > 0),
        groups_scored=groups.notna().sum(axis=1),
    ).reset_index()
    frame = frame.merge(units, on="unit_code")[
        ["unit_code", "name", *group_ids, "score", "groups_scored", "period"]]
    return frame.assign(
        rank=frame.groupby("period")["score"].rank(ascending=False, method="min"),
        period=frame["period"].map(codes))


def rank_history(database: db.Database, period: periods.Period, count: int = 6) -> pd.DataFrame:
    """The composite rank of every commune over the last `count` periods of the period's kind,
    oldest first; periods with no score at all are left out.
    Returns: unit_code, name, group scores, score, groups_scored, rank, period (its code)."""
    history = composites(database, [period.shift(-step * period.months())
                                    for step in range(count - 1, -1, -1)])
    return history[history.groupby("period", sort=False)["score"].transform("count") > 0]


def as_cells(board: pd.DataFrame) -> pd.DataFrame:
    """The composite score in the shape of figures.commune_values, to sit beside indicators."""
    return board.assign(indicator=COMPOSITE.id, value=board["score"], target=None,
                        status=np.where(board["score"].isna(), "no_data", "no_target"))


@db.per_version
def attention(database: db.Database, period: periods.Period, count: int = 5) -> dict:
    """What a leader should look at first, among the scorecard's indicators:
    - "missed": communes below target, one frame row each, the indicators missed by most
      communes first and within them the farthest from target (in points of the 0–100 score),
      then by name;
    - "worsened": the `count` commune × indicator pairs that moved most the wrong way since
      the previous period — in percentage points, or for counts in percent of their target,
      at least 1 — among those not meeting a target (close to it, or without one): those
      that missed are listed above, those that met it are fine;
    - "unreported": commune × family with months not reported."""
    now = figures.commune_values(database, period)
    now = scaled_frame(now[now["indicator"].isin(catalog.SCORECARD)])
    missed = now[now["status"] == "missed"].assign(gap=lambda f: 100 - f["score"])
    missed = missed.assign(communes=missed.groupby("indicator")["unit_code"].transform("count"),
                           order=missed["name"].map(i18n.sort_key))
    before = scaled_frame(figures.commune_values(database, period.previous()))
    change = now[now["status"].isin(["close", "no_target"])].merge(
        before[["indicator", "unit_code", "value", "score"]], on=["indicator", "unit_code"],
        suffixes=("", "_before"))
    polarity = change["indicator"].map(lambda i: 1 if catalog.BY_ID[i].higher_is_better else -1)
    scale = [1.0 if catalog.BY_ID[i].unit == "percent" else t
             for i, t in zip(change["indicator"], change["target"])]
    worsened = change.assign(
        drop=100 * polarity * (change["value_before"] - change["value"]) / scale)
    reports = figures.completeness(database, period)
    return {
        "missed": missed.sort_values(["communes", "indicator", "gap", "order"],
                                     ascending=[False, True, False, True]),
        "worsened": worsened[worsened["drop"] >= 1].nlargest(count, "drop"),
        "unreported": reports[reports["reported"] < reports["expected"]],
    }
