"""What the pages show, each made once per view of the data: a chart with the table of its
numbers, the Overview's tiles and lists, a commune's profile. Each panel is a function of the
communes in view (a Lens), its own arguments and the reader's language, remembered by those
arguments until the data changes: every rerun and every session showing the same view reuses
it. Pages call panels by name; they hold no keys."""

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
from streamlit import dataframe_util

from grassroots import catalog, charts, export, figures, i18n, maps, rules, scores, urls
from grassroots.catalog import Indicator
from grassroots.db import Lens, per_version
from grassroots.i18n import N_
from grassroots.periods import Period


@dataclass(frozen=True)
class Shown:
    """A chart as a page shows it: its Vega-Lite spec, the same as Streamlit sends it, the table
    of its numbers and that table as the reader sees it, as Streamlit sends it."""
    spec: dict
    sent: dict
    table: export.Table
    cells: pa.Table


def _shown(spec: dict, table: export.Table, lang: str) -> Shown:
    return Shown(spec, as_sent(spec), table, arrow(export.formatted(table, lang)))


def as_sent(spec: dict) -> dict:
    """The spec with its tabular datasets as the Arrow bytes Streamlit sends them in, converted
    once: given rows, st.vega_lite_chart converts them on every run. Geometry stays in the
    spec, as Streamlit leaves it."""
    if "datasets" not in spec:
        return spec
    return {**spec, "datasets": {
        name: dataframe_util.convert_anything_to_arrow_bytes(rows) if isinstance(rows, list)
        else rows for name, rows in spec["datasets"].items()}}


def arrow(frame: pd.DataFrame) -> pa.Table:
    """A table as the Arrow table st.dataframe sends, converted once: given a DataFrame,
    st.dataframe converts it on every run."""
    return dataframe_util.convert_pandas_df_to_arrow_table(frame)


panel = per_version(copied=False)


def _subtitle(lens: Lens, period: Period, lang: str, code: str | None = None) -> list[str]:
    return figures.chart_subtitle(lens, lens.settings(), period, lang, code)


def _titled(words: str, period: Period, lang: str) -> str:
    """A chart's title: what it shows, then the period."""
    return f"{words} — {period.label(lang)}"


@panel
def ranking(lens: Lens, indicator: Indicator, period: Period, lang: str) -> Shown:
    """The communes ranked on one indicator, against the parent unit and the target."""
    ranked = figures.ranking(lens, indicator, period)
    parent = figures.parent_values(lens, period).loc[indicator.id]
    title, subtitle = _titled(indicator.label(lang), period, lang), _subtitle(lens, period, lang)
    return _shown(charts.ranking(ranked, indicator, parent["value"],
                                 figures.parent_label(lens, lang), parent["target"], title,
                                 subtitle, lang),
                  export.ranking_table(ranked, indicator, title, subtitle, lang), lang)


@panel
def choropleth(lens: Lens, indicator: Indicator, period: Period, method: str, count: int,
               lang: str) -> Shown:
    """The communes on a map, coloured by status (`method` "status") or by `count` classes."""
    layer = maps.layer(lens)
    frame = figures.ranking(lens, indicator, period)
    target = figures.parent_values(lens, period).loc[indicator.id, "target"]
    bounds = None if method == "status" else maps.breaks(frame["value"], method, count)
    legend = maps.legend(method, len(bounds or []), target, indicator, lang)
    title, subtitle = _titled(indicator.label(lang), period, lang), _subtitle(lens, period, lang)
    noted = [*subtitle, i18n.t("Commune boundaries are generated and approximate.",
                               lang)] if layer.approximate else subtitle
    return _shown(charts.choropleth(layer, frame, indicator, bounds, legend, title, noted, lang),
                  export.map_table(frame, indicator, bounds, title, subtitle, lang), lang)


@panel
def trend(lens: Lens, indicator: Indicator, period: Period, lang: str,
          highlight: tuple[str, ...] = ()) -> Shown:
    """An indicator's trend up to the period (the communes in `highlight` in colour); the table
    has the parent unit, then the highlighted communes or all of them."""
    frame = figures.trend(lens, indicator, period)
    grain = figures.trend_grain(indicator, period)
    target = figures.parent_values(lens, period).loc[indicator.id, "target"]
    tabled = frame[frame["unit_code"].isin(highlight) | frame["unit_code"].isna()] \
        if highlight else frame
    parent, subtitle = figures.parent_label(lens, lang), _subtitle(lens, period, lang)
    return _shown(charts.trend(frame, indicator, grain, parent, target, indicator.label(lang),
                               subtitle, lang, highlight=highlight),
                  export.trend_table(tabled, indicator, grain, parent, indicator.label(lang),
                                     subtitle, lang), lang)


COMPARED = [catalog.BY_ID[i] for i in catalog.SCORECARD]  # the indicators communes compare on
SCORECARD = (scores.COMPOSITE, *COMPARED)


@panel
def scorecard(lens: Lens, period: Period, sort_by: str, lang: str) -> Shown:
    """Communes × the composite score and the scorecard's indicators, sorted by `sort_by`."""
    cells = pd.concat([scores.as_cells(scores.composite(lens, period)),
                       figures.commune_values(lens, period)])
    order = figures.by_rank(cells[cells["indicator"] == sort_by])["name"].tolist()
    title = _titled(i18n.t("Commune scorecard", lang), period, lang)
    subtitle, columns = _subtitle(lens, period, lang), list(SCORECARD)
    return _shown(charts.scorecard(cells, columns, order, title, subtitle, lang),
                  export.scorecard_table(cells, columns, order, title, subtitle, lang), lang)


@panel
def tiles(lens: Lens, period: Period, lang: str) -> list[tuple[dict, str]]:
    """Each headline indicator for the parent unit: its value and change since the previous
    period (st.metric's arguments), and its change since a year earlier (a caption)."""
    now, before, year_ago = (figures.parent_values(lens, p)
                             for p in (period, period.previous(), period.year_earlier()))
    made = []
    for indicator_id in catalog.HEADLINE.values():
        indicator = catalog.BY_ID[indicator_id]
        value, previous = now.loc[indicator_id, "value"], before.loc[indicator_id, "value"]
        change = None if pd.isna(value) or pd.isna(previous) else value - previous
        delta = i18n.delta(indicator, change, lang)
        made.append(({
            "label": indicator.short(lang),
            "value": i18n.value(indicator, value, lang, unit=False),
            "delta": delta,
            "delta_color": "off" if delta and delta[0] not in "+-"
            else "normal" if indicator.higher_is_better else "inverse",
            "help": f"{indicator.label(lang)}; "
                    + i18n.t("vs {period}", lang, period=period.previous().label(lang)),
        }, i18n.t("Year earlier ({period})", lang, period=period.year_earlier().label(lang)) + ": "
            + change_markdown(indicator, value, year_ago.loc[indicator_id, "value"], lang)))
    return made


def change_markdown(indicator: Indicator, now: float | None, then: float | None,
                    lang: str) -> str:
    """The change from `then` to `now`, green when better and red when worse by the
    indicator's polarity: a rising overdue rate is bad news."""
    text = i18n.delta(indicator, None if pd.isna(now) or pd.isna(then) else now - then, lang)
    if text is None:
        return i18n.t("–", lang)
    colour = change_colour(indicator, text)
    return f":{colour}[{'▲' if text[0] == '+' else '▼'} {text}]" if colour else text


def change_colour(indicator: Indicator, text: str) -> str | None:
    """Green for a change for the better, red for the worse, None for no change."""
    if not text or text[0] not in "+-":
        return None
    return "green" if (text[0] == "+") == indicator.higher_is_better else "red"


def standing_text(row, level: str, lang: str) -> str:
    """A line of a profile's strongest or weakest: value, the parent's and the rank."""
    indicator = catalog.BY_ID[row.indicator]
    return i18n.t(
        "{indicator}: {value} ({level} {parent}; rank {rank})",
        lang, indicator=indicator.label(lang),
        value=i18n.value(indicator, row.value, lang), level=level,
        parent=i18n.value(indicator, row.parent, lang),
        rank=i18n.t("{rank} of {count}", lang, rank=i18n.number(row.rank, lang), count=row.ranked))


@panel
def attention(lens: Lens, period: Period, lang: str, shown: int = 3) -> list[tuple]:
    """The Overview's list of what to look at first (scores.attention), each item a link to its
    page: the indicator's page for targets missed (the first `shown` communes named, all of them
    in the link's tooltip), the commune's profile for the rest.
    Returns: (page, text, query parameters, icon, tooltip) per link."""
    items = scores.attention(lens, period)
    profile = urls.PAGES["profile"].script
    links = []
    for indicator_id, group in items["missed"].groupby("indicator", sort=False):
        indicator = catalog.BY_ID[indicator_id]
        names = [f"{row.name} ({i18n.value(indicator, row.value, lang, unit=False)})"
                 for row in group.itertuples()]
        communes = ", ".join(names[:shown])
        if len(group) > shown:
            communes += " " + i18n.t("and {count} more", lang, count=len(group) - shown)
        text = i18n.tn("{indicator}: {count} commune below the {target} target — {communes}",
                       "{indicator}: {count} communes below the {target} target — {communes}",
                       len(group), lang, indicator=indicator.label(lang),
                      target=i18n.value(indicator, group["target"].iloc[0], lang),
                      communes=communes)
        links.append((urls.PAGES[indicator.family].script, text,
                      {urls.INDICATOR: indicator_id}, ":material/flag:", ", ".join(names)))
    for row in items["worsened"].itertuples():
        indicator = catalog.BY_ID[row.indicator]
        change = i18n.delta(indicator, row.value - row.value_before, lang)
        text = i18n.t(
            "{commune} — {indicator}: {direction} {change} since {period} (now {value})",
            lang, commune=row.name, indicator=indicator.label(lang),
            direction=i18n.t(N_("up") if change[0] == "+" else N_("down"), lang), change=change[1:],
            period=period.previous().label(lang), value=i18n.value(indicator, row.value, lang))
        links.append((profile, text, {urls.COMMUNE: row.unit_code},
                      ":material/trending_down:", None))
    for row in items["unreported"].itertuples():
        message = N_("{commune} — {family}: no report in the last 12 months") \
            if row.family == "cadres" else N_("{commune} — {family}: reported {reported} of "
                                              "{expected} months")
        text = i18n.t(message, lang, commune=row.name,
                      family=i18n.t(catalog.FAMILIES[row.family], lang),
                      reported=row.reported, expected=row.expected)
        links.append((profile, text, {urls.COMMUNE: row.unit_code}, ":material/report:", None))
    return links


@panel
def completeness(lens: Lens, period: Period, lang: str) -> pa.Table:
    """Communes × families, each cell "reported/expected"."""
    reports = figures.completeness(lens, period)
    cells = reports.assign(
        cell=[f"{r.reported}/{r.expected}" + (" ⚠" if r.reported < r.expected else "")
              for r in reports.itertuples()],
        family=[i18n.t(catalog.FAMILIES[f], lang) for f in reports["family"]])
    table = cells.pivot(index="name", columns="family", values="cell")
    families = [i18n.t(catalog.FAMILIES[f], lang) for f in catalog.FAMILIES
                if f in set(reports["family"])]
    table = table.reindex(index=i18n.sorted_names(table.index), columns=families)
    return arrow(table.rename_axis(index=i18n.t("Commune", lang), columns=None).reset_index())


@panel
def compare_bars(lens: Lens, period: Period, names: tuple[str, ...], lang: str) -> Shown:
    """The communes `names` side by side on each scorecard indicator."""
    communes = figures.commune_values(lens, period)
    title = _titled(i18n.t("Indicators of the chosen communes", lang), period, lang)
    subtitle = _subtitle(lens, period, lang)
    return _shown(charts.compare_bars(communes, COMPARED, list(names), title, subtitle, lang),
                  export.compare_table(communes, COMPARED, list(names), title, subtitle,
                                       lang), lang)


@panel
def score_profile(lens: Lens, period: Period, names: tuple[str, ...], lang: str) -> Shown:
    """The communes `names`' scores (0–100 against target) across the scorecard."""
    scaled = scores.scaled_frame(figures.commune_values(lens, period))
    title = _titled(i18n.t("Scores against target", lang), period, lang)
    subtitle = _subtitle(lens, period, lang)
    return _shown(charts.score_profile(scaled, COMPARED, list(names), title, subtitle, lang),
                  export.score_profile_table(scaled, COMPARED, list(names), title, subtitle,
                                             lang), lang)


@panel
def composite(lens: Lens, period: Period, lang: str) -> Shown:
    """The communes ranked on the composite score, against the average."""
    ranked = figures.by_rank(scores.as_cells(scores.composite(lens, period)))
    title = _titled(i18n.t("Composite score", lang), period, lang)
    subtitle = _subtitle(lens, period, lang)
    return _shown(charts.ranking(ranked, scores.COMPOSITE, ranked["value"].mean(),
                                 i18n.t("Communes' average", lang), None, title, subtitle, lang),
                  export.score_table(ranked, title, subtitle, lang), lang)


@panel
def rank_changes(lens: Lens, period: Period, lang: str) -> Shown:
    """Each commune's place on the composite score, period by period."""
    history = scores.rank_history(lens, period)
    title, subtitle = i18n.t("Rank changes across periods", lang), _subtitle(lens, period, lang)
    return _shown(charts.rank_changes(history, title, subtitle, lang),
                  export.rank_table(history, title, subtitle, lang), lang)


@panel
def compliance(lens: Lens, period: Period, kind: str, lang: str) -> Shown:
    """Communes × months against one engagement rule."""
    frame = rules.compliance(lens, period)
    frame = frame[frame["kind"] == kind]
    title = _titled(rules.kind_label(kind, lang), period, lang)
    subtitle = _subtitle(lens, period, lang)
    return _shown(charts.compliance(frame, title, subtitle, lang),
                  export.compliance_table(frame, title, subtitle, lang), lang)


@dataclass(frozen=True)
class Profile:
    """A commune's profile as shown: its figures (figures.profile), the table as the reader
    sees it and the chart against the parent unit and the best commune."""
    frame: pd.DataFrame
    table: export.Table
    spec: dict


@panel
def profile(lens: Lens, code: str, period: Period, lang: str, compared: bool) -> Profile:
    """Commune `code` on every indicator; without rank or parent unless `compared` (a reader
    of one commune has nothing to compare it with)."""
    frame = figures.profile(lens, code, period)
    unit = figures.units(lens).set_index("code").loc[code]
    parent = figures.parent_label(lens, lang)
    subtitle = _subtitle(lens, period, lang, code)
    rows = []
    for row in frame.itertuples():
        indicator = catalog.BY_ID[row.indicator]
        cells = {
            i18n.t("Group", lang): i18n.t(catalog.FAMILIES[indicator.family], lang),
            i18n.t("Indicator", lang): indicator.label(lang),
            i18n.t("Value", lang): i18n.value(indicator, row.value, lang),
            i18n.t("Rank", lang): "" if pd.isna(row.rank) else i18n.t(
                "{rank} of {count}", lang, rank=i18n.number(row.rank, lang), count=row.ranked),
            parent: i18n.value(indicator, row.parent, lang),
            i18n.t("Target", lang): i18n.value(indicator, row.target, lang),
            i18n.t("Status", lang): i18n.t(i18n.STATUSES[row.status], lang),
            i18n.t("Change", lang): i18n.delta(indicator, row.change, lang) or "",
        }
        if not compared:
            del cells[i18n.t("Rank", lang)], cells[parent]
        rows.append(cells)
    table = export.Table(pd.DataFrame(rows), {}, f"ho-so-xa-{code}",
                         _titled(unit["name"], period, lang), subtitle)
    name = i18n.capital(f"{unit['kind']} {unit['name']}")
    spec = charts.profile(scores.profile_scores(frame), name, parent,
                          _titled(name, period, lang), subtitle, lang, compared=compared)
    return Profile(frame, table, spec)


def targeted(lens: Lens, period: Period) -> set[str]:
    """The indicators with a target for the parent unit in the period."""
    target = figures.parent_values(lens, period)["target"]
    return set(target[target.notna()].index)
