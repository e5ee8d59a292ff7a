"""Chart builders: ranking, trend, map, scorecard and the rest. Each takes the figures' frames
and returns a Vega-Lite spec (a dict; its rows in named datasets) whose text (title, subtitle
with period and source, tooltips, legend) is already in the reader's language. Built as dicts,
not through Altair, which validated and copied every part of every chart; the tests check each
spec against the Vega-Lite schema with Altair."""

import json
import math

import pandas as pd

from grassroots import catalog, i18n, maps, periods
from grassroots.catalog import Indicator
from grassroots.i18n import N_

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"  # what Streamlit 1.67 draws
STATUS_COLOURS = {
    "met": "#1a9850",
    "close": "#f4a41c",
    "missed": "#d73027",
    "no_target": "#4c78a8",
    "no_data": "#d9d9d9",
}
PARENT_COLOUR = "#08306b"
COMPARE_COLOURS = ["#e45756", "#f58518", "#54a24b", "#b279a2", "#72b7b2", "#9d755d"]
TARGET_COLOUR = "#d73027"
COMMUNE_LINE_COLOUR = "#bdbdbd"
MAP_VALUES = "map_values"  # the dataset of a choropleth's values, joined to its shapes by code
COMMUNE_SELECTION = "xa"  # the selection a click on a commune makes, by its code
NAME_WIDTH = 260  # px kept for commune names (Vega cuts labels at 180 px by default)
MANY = 60  # more communes than this (a province, the country): charts show the ends only
SHOWN = 20  # the first and the last this many; the table under the chart has them all


def _field(name: str, kind: str = "nominal", **more) -> dict:
    """An encoding channel on a field, as Vega-Lite writes it."""
    return {"field": name, "type": kind, **more}


def _rows(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    """The rows a chart draws, as JSON values: only its columns, no data as null."""
    values = frame[columns]
    return values.astype(object).where(values.notna(), None).to_dict("records")


def _spec(layers: list[dict], datasets: dict[str, list], title: str, subtitle: list[str],
          lang: str, **properties) -> dict:
    """A layered chart's Vega-Lite spec, its rows in named datasets (which Streamlit sends as
    Arrow), with our title and number format."""
    return {"$schema": SCHEMA, "config": {
        "locale": {"number": i18n.vega_locale(lang)}, "axis": {"labelLimit": NAME_WIDTH}},
        "title": {"text": title, "subtitle": subtitle, "anchor": "start", "fontSize": 15,
                  "subtitleFontSize": 11, "subtitleColor": "#555555"},
        "layer": layers, "datasets": datasets, **properties}


def _status_colours(lang: str) -> dict:
    return {"domain": [i18n.t(i18n.STATUSES[s], lang) for s in STATUS_COLOURS],
            "range": list(STATUS_COLOURS.values())}


def _clickable(name: str) -> dict:
    """The selection a click on a commune of layer `name` makes (COMMUNE_SELECTION)."""
    return {"name": COMMUNE_SELECTION, "select": {"type": "point", "fields": ["unit_code"]},
            "views": [name]}


def _ends(names: list[str]) -> list[str]:
    """All of `names` (in order), or only the first and the last SHOWN when there are more than
    MANY: a bar or a row per commune of a province or the country reads as nothing."""
    return names if len(names) <= MANY else [*names[:SHOWN], *names[-SHOWN:]]


def _ends_note(count: int, lang: str) -> list[str]:
    return [i18n.t("The first and last {shown} of {count} communes; all of them in the table under "
                   "the chart.", lang, shown=SHOWN, count=count)] if count > MANY else []


def _named(names: list[str], lang: str) -> str:
    """Names in a subtitle: at most SHOWN, then how many more."""
    listed = ", ".join(names[:SHOWN])
    more = len(names) - SHOWN
    return listed if more <= 0 else f"{listed} " + i18n.t("and {count} more", lang, count=more)


def _axis_format(indicator: Indicator) -> str:
    return ".0%" if indicator.unit == "percent" else ",.1f"


def _labelled(frame: pd.DataFrame, indicator: Indicator, lang: str) -> pd.DataFrame:
    """Add the columns tooltips and marks show, formatted the reader's way."""
    return frame.assign(
        value_label=[i18n.value(indicator, v, lang) for v in frame["value"]],
        status_label=[i18n.t(i18n.STATUSES[s], lang) for s in frame["status"]],
    )


def zoomed_axis(values: list[float], indicator: Indicator) -> list[float] | None:
    """The value axis [start, end] of a ranking whose rates sit close together (the lowest
    above half the highest), started at the round figure below them: drawn from zero, 99,2%
    and 99,9% look the same. None when the axis should start at zero."""
    known = [v for v in values if v is not None and not pd.isna(v)]
    if indicator.unit != "percent" or not known or min(known) <= max(known) / 2:
        return None
    low, high = min(known), max(known)
    step = 10 ** math.floor(math.log10(high - low)) if high > low else 0.01
    return [(math.ceil(low / step - 1e-9) - 1) * step, max(high, 1.0 if high <= 1 else high)]


def ranking(frame: pd.DataFrame, indicator: Indicator, parent_value: float | None,
            parent_label: str, target: float | None, title: str, subtitle: list[str],
            lang: str) -> dict:
    """The communes best on top, coloured by status, with the parent unit's value and the
    target as vertical rules and each value written at the right edge, clear of the rules.
    Bars from zero; rates that sit close together are dots on an axis zoomed to them, whose
    start the subtitle states. Communes without data get no mark and no place: they are named
    under the title instead, so that no data never reads as last."""
    reported = frame[frame["value"].notna()]
    reported = reported[reported["name"].isin(_ends(list(reported["name"])))]
    data = _labelled(reported, indicator, lang).assign(
        rank_label=[i18n.number(r, lang) for r in reported["rank"]])
    axis = zoomed_axis([*reported["value"], parent_value, target], indicator)
    subtitle = [*subtitle, *_ends_note(int(frame["value"].notna().sum()), lang)]
    if axis:
        subtitle.append(i18n.t("The axis starts at {start}, not 0",
                               lang, start=i18n.value(indicator, axis[0], lang)))
    missing = i18n.sorted_names(frame.loc[frame["value"].isna(), "name"])
    if missing:
        subtitle = [*subtitle, i18n.t("No data: {names}", lang, names=_named(missing, lang))]
    y = _field("name", sort=list(data["name"]), title=None)
    x = _field("value", "quantitative", title=indicator.label(lang),
               axis={"format": ".1~%", "tickCount": 6} if axis
               else {"format": _axis_format(indicator)})
    if axis:
        x["scale"] = {"domain": axis, "nice": False, "zero": False}
    judged = frame["status"].isin(["met", "close", "missed"]).any()
    colour = _field("status_label", scale=_status_colours(lang), legend={
        "title": i18n.t("Status", lang), "orient": "bottom"} if judged else None)
    tooltip = [_field("name", title=i18n.t("Commune", lang)),
               _field("value_label", title=i18n.t("Value", lang)),
               _field("rank_label", title=i18n.t("Rank", lang)),
               _field("status_label", title=i18n.t("Status", lang))]
    communes = {"name": "communes"}
    layers = [
        {"name": "communes", "data": communes,
         "mark": {"type": "circle", "size": 120, "opacity": 1} if axis else {"type": "bar"},
         "encoding": {"x": x, "y": y, "color": colour, "tooltip": tooltip}},
        {"data": communes, "mark": {"type": "text", "align": "left", "dx": 8, "fontSize": 11},
         "encoding": {"x": {"value": "width"}, "y": y, "text": _field("value_label")}},
    ]
    datasets = {"communes": _rows(data, ["unit_code", "name", "value", "value_label",
                                         "rank_label", "status_label"])}
    # Labels point away from each other: the larger value's to the right of its rule.
    larger_parent = target is None or pd.isna(target) or (parent_value or 0) > target
    rules = [("parent", parent_value, parent_label, PARENT_COLOUR, [6, 3], larger_parent),
             ("target", target, i18n.t("Target", lang), TARGET_COLOUR, [], not larger_parent)]
    for name, value, label, colour, dash, to_the_right in rules:
        if value is None or pd.isna(value):
            continue
        datasets[name] = [{"value": float(value),
                           "label": f"{label}: {i18n.value(indicator, value, lang)}"}]
        at = _field("value", "quantitative")
        layers += [
            {"data": {"name": name},
             "mark": {"type": "rule", "color": colour, "strokeDash": dash, "size": 2},
             "encoding": {"x": at, "tooltip": _field("label", title=" ")}},
            {"data": {"name": name},
             "mark": {"type": "text", "color": colour, "align": "left" if to_the_right
                      else "right", "dx": 3 if to_the_right else -3, "dy": -4,
                      "baseline": "bottom", "fontWeight": "bold"},
             "encoding": {"x": at, "y": {"value": 0}, "text": _field("label")}},
        ]
    return _spec(layers, datasets, title, subtitle, lang, params=[_clickable("communes")],
                 height={"step": 22}, width="container")


# How a trend's axis writes its months and quarters, as d3 time formats (%b the month's short
# name, %m its number, %q the quarter, %Y the year): in the catalogues, with the other words.
TIME_FORMATS = {"month": N_("%b %Y"), "quarter": N_("Q%q %Y"), "year": N_("%Y")}


def trend(frame: pd.DataFrame, indicator: Indicator, grain: str, parent_label: str,
          target: float | None, title: str, subtitle: list[str], lang: str,
          highlight: tuple[str, ...] = ()) -> dict:
    """The parent unit's line in bold over the communes' lines in grey, with the target; the
    communes in `highlight` (codes) in colour."""
    many = frame["unit_code"].nunique() > MANY
    others = i18n.t(N_("The middle 80% of communes") if many else N_("Communes"), lang)
    datasets = {}
    if many:  # the communes as a band: their values, not a line (nor a label) each
        spread = frame[frame["unit_code"].notna()].groupby("bucket")["value"]
        band = pd.DataFrame({"low": spread.quantile(0.1), "high": spread.quantile(0.9),
                             "series": others}).reset_index()
        datasets["band"] = _rows(band.assign(bucket=band["bucket"].dt.strftime("%Y-%m-%d")),
                                 ["bucket", "low", "high", "series"])
        frame = frame[frame["unit_code"].isna() | frame["unit_code"].isin(highlight)]
    names = frame["name"].where(frame["unit_code"].notna(), parent_label)
    data = frame.assign(
        name=names,
        bucket=frame["bucket"].dt.strftime("%Y-%m-%d"),
        value_label=[i18n.value(indicator, v, lang) for v in frame["value"]],
        series=[name if code in highlight or pd.isna(code) else others
                for code, name in zip(frame["unit_code"], names)],
    )
    names_by_code = dict(zip(data["unit_code"], data["name"]))
    shown = [names_by_code[code] for code in highlight if code in names_by_code]
    time_format = i18n.t(TIME_FORMATS[grain], lang)
    ticks = {"interval": "year", "step": 1} if grain == "year" else {"interval": "month", "step": 3}
    x = _field("bucket", "temporal", title=None,
               axis={"format": time_format, "tickCount": ticks})
    # No axis title: the chart's title names the indicator, and a long rotated axis title taller
    # than the plot pushes the chart's own title out of Streamlit's frame.
    axis, scale = {"format": _axis_format(indicator)}, {"zero": False}
    y = _field("value", "quantitative", title=None, axis=axis, scale=scale)
    colour = _field("series", title=None, legend={"orient": "bottom"}, scale={
        "domain": [parent_label, *shown, others],
        "range": [PARENT_COLOUR, *COMPARE_COLOURS[:len(shown)], COMMUNE_LINE_COLOUR]})
    tooltip = [_field("name", title=i18n.t("Commune", lang)),
               _field("bucket", "temporal", title=i18n.t("Choose period",
                                                         lang), format=time_format),
               _field("value_label", title=i18n.t("Value", lang))]
    columns = ["bucket", "unit_code", "name", "value", "value_label", "series"]
    chosen = data["unit_code"].isin(highlight)
    datasets |= {"chosen": _rows(data[chosen], columns),
                 "parent": _rows(data[data["unit_code"].isna()], columns)}
    if many:
        communes = {"data": {"name": "band"}, "mark": {"type": "area", "opacity": 0.5},
                    "encoding": {"x": x, "y": _field("low", "quantitative", title=None,
                                                     axis=axis, scale=scale),
                                 "y2": {"field": "high"}, "color": colour}}
    else:
        datasets["communes"] = _rows(data[data["series"] == others], columns)
        communes = {"data": {"name": "communes"},
                    "mark": {"type": "line", "strokeWidth": 1, "point": {"size": 12}},
                    "encoding": {"x": x, "y": y, "detail": _field("unit_code"),
                                 "color": colour, "tooltip": tooltip}}
    line = {"x": x, "y": y, "color": colour, "tooltip": tooltip}
    layers = [
        communes,
        {"data": {"name": "chosen"}, "mark": {"type": "line", "strokeWidth": 2.5, "point": True},
         "encoding": line},
        {"data": {"name": "parent"}, "mark": {"type": "line", "strokeWidth": 3, "point": True,
                                              "strokeDash": [6, 3] if highlight else [1, 0]},
         "encoding": line},
    ]
    if target is not None and pd.notna(target):
        datasets["target"] = [{"value": float(target), "label": i18n.t(
            "Target: {value}", lang, value=i18n.value(indicator, target, lang))}]
        layers.append({"data": {"name": "target"},
                       "mark": {"type": "rule", "color": TARGET_COLOUR, "strokeDash": [4, 4]},
                       "encoding": {"y": _field("value", "quantitative"),
                                    "tooltip": _field("label", title=" ")}})
    return _spec(layers, datasets, title, subtitle, lang, height=320, width="container")


def scorecard(frame: pd.DataFrame, indicators: list[Indicator], order: list[str], title: str,
              subtitle: list[str], lang: str) -> dict:
    """Communes (rows, in `order`) × indicators (columns), each cell its value, coloured by
    status. A click on a row opens that commune's profile."""
    described = {i.id: i for i in indicators}
    columns = {i.id: i.short(lang) for i in indicators}
    subtitle = [*subtitle, *_ends_note(len(order), lang)]
    order = _ends(order)
    data = frame[frame["indicator"].isin(columns) & frame["name"].isin(order)].copy()
    data["indicator_label"] = data["indicator"].map(columns)
    data["indicator_name"] = [described[i].label(lang) for i in data["indicator"]]
    data["value_label"] = [i18n.value(described[i], v, lang, unit=False)
                           for i, v in zip(data["indicator"], data["value"])]
    data["status_label"] = [i18n.t(i18n.STATUSES[s], lang) for s in data["status"]]
    x = _field("indicator_label", sort=list(columns.values()), title=None, axis={
        "orient": "top", "labelAngle": 0, "labelLimit": 90,
        "labelExpr": "split(datum.label, ' ')"})
    y = _field("name", title=None, sort=order)
    tooltip = [_field("name", title=i18n.t("Commune", lang)),
               _field("indicator_name", title=i18n.t("Indicator", lang)),
               _field("value_label", title=i18n.t("Value", lang)),
               _field("status_label", title=i18n.t("Status", lang))]
    cells = {"name": "cells"}
    layers = [
        {"name": "cells", "data": cells,
         "mark": {"type": "rect", "stroke": "white", "strokeWidth": 1},
         "encoding": {"x": x, "y": y, "tooltip": tooltip, "color": _field(
             "status_label", scale=_status_colours(lang),
             legend={"title": i18n.t("Status", lang), "orient": "bottom"})}},
        {"data": cells, "mark": {"type": "text", "fontSize": 10},
         "encoding": {"x": x, "y": y, "text": _field("value_label"), "color": {
             "condition": {"test": "indexof(['close', 'no_data'], datum.status) >= 0",
                           "value": "black"}, "value": "white"}}},
    ]
    rows = _rows(data, ["unit_code", "name", "indicator", "status", "indicator_label",
                        "indicator_name", "value_label", "status_label"])
    return _spec(layers, {"cells": rows}, title, subtitle, lang,
                 params=[_clickable("cells")], height={"step": 24}, width={"step": 78})


def rank_changes(history: pd.DataFrame, title: str, subtitle: list[str], lang: str) -> dict:
    """A bump chart: each commune's rank per period, first place on top, named at the end."""
    labels = {code: periods.parse(code).label(lang) for code in history["period"].unique()}
    data = history.assign(
        period_label=history["period"].map(labels),
        score_label=[i18n.number(s, lang, 1) for s in history["score"]],
    ).dropna(subset=["rank"])
    x = _field("period_label", sort=list(labels.values()), title=None, axis={"labelAngle": 0})
    places = list(range(1, int(data["rank"].max()) + 1)) if len(data) else [1]
    last = data[data["period"] == data["period"].iloc[-1]] if len(data) else data
    y = _field("rank", "quantitative", title=i18n.t("Rank", lang),
               scale={"reverse": True, "domain": [1, places[-1]], "nice": False},
               axis={"values": places, "format": "d"})
    colour = _field("name", legend=None, scale={"scheme": "tableau20"})
    tooltip = [_field("name", title=i18n.t("Commune", lang)),
               _field("period_label", title=i18n.t("Choose period", lang)),
               _field("rank", "quantitative", title=i18n.t("Rank", lang)),
               _field("score_label", title=i18n.t("Composite score", lang))]
    columns = ["unit_code", "name", "period", "period_label", "rank", "score_label"]
    layers = [
        {"data": {"name": "ranks"}, "mark": {"type": "line", "point": True},
         "encoding": {"x": x, "y": y, "color": colour, "tooltip": tooltip}},
        {"data": {"name": "last"}, "mark": {"type": "text", "align": "left", "dx": 8,
                                            "fontSize": 11},
         "encoding": {"x": x, "y": y, "color": colour, "text": _field("name")}},
    ]
    return _spec(layers, {"ranks": _rows(data, columns), "last": _rows(last, columns)}, title,
                 subtitle, lang, height={"step": 24}, width="container")


def compare_bars(frame: pd.DataFrame, indicators: list[Indicator], names: list[str], title: str,
                 subtitle: list[str], lang: str) -> dict:
    """One small bar chart per indicator, the chosen communes side by side, each labelled with
    its value (units differ between indicators, so each has its own scale)."""
    described = {i.id: i for i in indicators}
    labels = {i.id: i.label(lang) for i in indicators}
    data = frame[frame["indicator"].isin(labels) & frame["name"].isin(names)].assign(
        indicator_label=lambda f: f["indicator"].map(labels),
        value_label=lambda f: [i18n.value(described[i], v, lang)
                               for i, v in zip(f["indicator"], f["value"])],
    )
    y = _field("name", sort=names, title=None, axis={"labelOverlap": False})
    colour = _field("name", sort=names, legend=None,
                    scale={"domain": names, "range": COMPARE_COLOURS[:len(names)]})
    bars = {"mark": {"type": "bar"}, "encoding": {
        "x": _field("value", "quantitative", title=None, axis=None), "y": y, "color": colour,
        "tooltip": [_field("name", title=i18n.t("Commune", lang)),
                    _field("value_label", title=i18n.t("Value", lang))]}}
    text = {"mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 11}, "encoding": {
        "x": _field("value", "quantitative"), "y": y, "text": _field("value_label")}}
    spec = _spec([bars, text], {"bars": _rows(data, [
        "unit_code", "name", "indicator_label", "value", "value_label"])}, title, subtitle, lang,
        data={"name": "bars"}, spacing=6, resolve={"scale": {"x": "independent"}},
        facet={"row": _field("indicator_label", sort=list(labels.values()), title=None, header={
            "labelAngle": 0, "labelAlign": "left", "labelFontWeight": "bold",
            "labelOrient": "top", "labelFontSize": 12})})
    spec["spec"] = {"layer": spec.pop("layer"), "width": 420, "height": {"step": 18}}
    return spec


def score_profile(frame: pd.DataFrame, indicators: list[Indicator], names: list[str],
                  title: str, subtitle: list[str], lang: str) -> dict:
    """The chosen communes' scaled scores (0–100 against target) across indicators."""
    labels = {i.id: i.short(lang) for i in indicators}
    data = frame[frame["indicator"].isin(labels) & frame["name"].isin(names)].assign(
        indicator_label=lambda f: f["indicator"].map(labels),
        score_label=lambda f: [i18n.number(s, lang, 1) for s in f["score"]],
    ).dropna(subset=["score"])
    line = {"data": {"name": "scores"}, "mark": {"type": "line", "point": {"size": 50}},
            "encoding": {
                "x": _field("indicator_label", sort=list(labels.values()), title=None, axis={
                    "labelAngle": 0, "labelExpr": "split(datum.label, ' ')"}),
                "y": _field("score", "quantitative", title=i18n.t("Score against target (0–100)",
                                                                  lang),
                            scale={"domain": [0, 100]}),
                "color": _field("name", sort=names, title=None, legend={"orient": "bottom"},
                                scale={"domain": names, "range": COMPARE_COLOURS[:len(names)]}),
                "tooltip": [_field("name", title=i18n.t("Commune", lang)),
                            _field("indicator_label", title=i18n.t("Indicator", lang)),
                            _field("score_label", title=i18n.t("Score against target (0–100)",
                                                               lang))]}}
    return _spec([line], {"scores": _rows(data, [
        "unit_code", "name", "indicator_label", "score", "score_label"])}, title, subtitle, lang,
        height=320, width="container")


COMMUNE_COLOUR = "#b2418a"  # apart from the status colours: the dot's place says the status
BEST_COLOUR = "#737373"


def profile(frame: pd.DataFrame, commune: str, parent_label: str, title: str,
            subtitle: list[str], lang: str, compared: bool = True) -> dict:
    """One commune on every indicator, scaled 0–100 against the target (100 = met or beaten;
    scores.profile_scores), in catalogue order: the commune a dot coloured by its status, the
    parent unit a tick and the best commune a ring (unless not `compared`), its value written at
    the right. One scale for every row, so that "how far from target" reads the same across
    units; indicators that cannot be scaled (a count without a target) are named under the
    title. Dots against a target, rather than a radar: a radar's area grows with the square of
    the values and changes with the order of its spokes, and 17 spokes cannot be labelled."""
    best_label = i18n.t("Best commune", lang)
    rows, scalable = [], []
    for row in frame.itertuples():
        indicator = catalog.BY_ID[row.indicator]
        short = indicator.short(lang)
        if all(pd.isna(s) for s in (row.score, row.parent_score, row.best_score)):
            scalable.append(short)
            continue
        marks = [(commune, row.score, row.value, i18n.t(i18n.STATUSES[row.status], lang))]
        if compared:
            marks += [(parent_label, row.parent_score, row.parent, ""),
                      (best_label, row.best_score, row.best_value,
                       "" if pd.isna(row.best_value) else row.best_name)]
        rows += [{"indicator": short, "series": series, "score": score,
                  "value_label": i18n.value(indicator, value, lang), "detail": detail,
                  "status": row.status if series == commune else ""}
                 for series, score, value, detail in marks if not pd.isna(score)]
        if pd.isna(row.score):
            rows.append({"indicator": short, "series": commune, "score": None,
                         "value_label": i18n.t("No data", lang), "detail": "", "status": ""})
    data = pd.DataFrame(rows)
    order = list(dict.fromkeys(data["indicator"]))
    subtitle = [*subtitle, i18n.t("Each indicator scaled 0–100 against its target (100 = met or "
                                  "beaten; rates without a target against 100%)", lang)]
    if scalable:
        subtitle.append(i18n.t("No target: {names}", lang, names=", ".join(scalable)))
    series = [commune, parent_label, best_label] if compared else [commune]
    y = _field("indicator", sort=order, title=None)
    x = _field("score", "quantitative", title=i18n.t("Score against target (0–100)", lang),
               scale={"domain": [0, 100], "nice": False},
               axis={"values": [0, 25, 50, 75, 100]})
    colour = _field("series", title=None, legend={"orient": "bottom"}, scale={
        "domain": series, "range": [COMMUNE_COLOUR, PARENT_COLOUR, BEST_COLOUR][:len(series)]})
    tooltip = [_field("series", title=i18n.t("Commune", lang)),
               _field("indicator", title=i18n.t("Indicator", lang)),
               _field("value_label", title=i18n.t("Value", lang)),
               _field("detail", title=" "),
               _field("score", "quantitative", title=i18n.t("Score against target (0–100)", lang),
                      format=".0f")]
    marks = {"x": x, "y": y, "color": colour, "tooltip": tooltip}
    at = _field("score", "quantitative")
    layers = [
        {"data": {"name": "target"}, "mark": {"type": "rule", "color": TARGET_COLOUR, "size": 2},
         "encoding": {"x": at}},
        {"data": {"name": "target"},
         "mark": {"type": "text", "color": TARGET_COLOUR, "align": "right", "dx": -3, "dy": -4,
                  "baseline": "bottom", "fontWeight": "bold"},
         "encoding": {"x": at, "y": {"value": 0}, "text": _field("label")}},
        {"data": {"name": "best"},
         "mark": {"type": "point", "filled": False, "size": 260, "strokeWidth": 2},
         "encoding": marks},
        {"data": {"name": "parent"}, "mark": {"type": "tick", "thickness": 3, "size": 18},
         "encoding": marks},
        {"data": {"name": "own"}, "mark": {"type": "circle", "size": 130, "opacity": 1},
         "encoding": marks},
        {"data": {"name": "own"}, "mark": {"type": "text", "align": "left", "dx": 14,
                                           "fontSize": 11},
         "encoding": {"x": {"value": "width"}, "y": y, "text": _field("value_label")}},
    ]
    columns = ["indicator", "series", "score", "value_label", "detail", "status"]
    datasets = {"target": [{"score": 100, "label": i18n.t("Target", lang)}],
                "best": _rows(data[data["series"] == best_label], columns),
                "parent": _rows(data[data["series"] == parent_label], columns),
                "own": _rows(data[data["series"] == commune], columns)}
    return _spec(layers, datasets, title, subtitle, lang, height={"step": 26},
                 width="container")


COMPLIANCE_COLOURS = {"met": STATUS_COLOURS["met"], "missed": STATUS_COLOURS["missed"],
                      "pending": "#bdbdbd"}


def compliance(frame: pd.DataFrame, title: str, subtitle: list[str], lang: str) -> dict:
    """Communes × months for one rule: held against required, coloured met / missed / pending.
    A click on a row opens that commune's profile."""
    data = frame.assign(status_label=[i18n.t(i18n.STATUSES[s], lang) for s in frame["status"]])
    x = _field("month_label", sort=list(dict.fromkeys(data["month_label"])), title=None,
               axis={"orient": "top", "labelAngle": 0})
    y = _field("name", title=None, sort=i18n.sorted_names(data["name"]))
    cells = {"name": "cells"}
    layers = [
        {"name": "cells", "data": cells,
         "mark": {"type": "rect", "stroke": "white", "strokeWidth": 1},
         "encoding": {"x": x, "y": y, "color": _field(
             "status_label", legend={"title": i18n.t("Status", lang), "orient": "bottom"},
             scale={"domain": [i18n.t(i18n.STATUSES[s], lang) for s in COMPLIANCE_COLOURS],
                    "range": list(COMPLIANCE_COLOURS.values())}),
             "tooltip": [_field("name", title=i18n.t("Commune", lang)),
                         _field("month_label", title=i18n.t("Month", lang)),
                         _field("cell", title=i18n.t("Value", lang)),
                         _field("status_label", title=i18n.t("Status", lang))]}},
        {"data": cells, "mark": {"type": "text", "fontSize": 10, "color": "white"},
         "encoding": {"x": x, "y": y, "text": _field("cell")}},
    ]
    rows = _rows(data, ["unit_code", "name", "month_label", "cell", "status", "status_label"])
    return _spec(layers, {"cells": rows}, title, subtitle, lang, params=[_clickable("cells")],
                 height={"step": 22}, width={"step": 56})


def choropleth(layer, frame: pd.DataFrame, indicator: Indicator, bounds: list[float] | None,
               legend: str, title: str, subtitle, lang: str) -> dict:
    """Communes coloured by status against the target (`bounds` None: the scorecard's colours)
    or by class of value (red worse, green better), "no data" in grey, under the `legend` title
    that says which; the parent unit's outline, short names where they fit; a tooltip with
    name, value, rank and status; a click opens the commune's profile. No tiles: nothing is
    fetched.

    The shapes go inline as one JSON string that Vega parses (a GeoDataFrame through Streamlit
    draws blank); the values, joined to them by code, go in a named dataset that Streamlit
    sends as Arrow."""
    no_data = i18n.t("No data", lang)
    known = frame["value"].notna()
    count = int(known.sum())
    status_labels = [i18n.t(i18n.STATUSES[s], lang) for s in frame["status"]]
    if bounds is None:
        shown = [s for s in STATUS_COLOURS if s != "no_data" and s in set(frame["status"])]
        labels = [i18n.t(i18n.STATUSES[s], lang) for s in shown]
        colours = [STATUS_COLOURS[s] for s in shown]
        classes = status_labels
    else:
        labels = maps.class_labels(frame["value"], bounds, indicator, lang)
        colours = maps.palette(len(labels), indicator.higher_is_better)
        classes = [labels[int(c)] if k else no_data
                   for c, k in zip(maps.classify(frame["value"], bounds), known)]
    values = pd.DataFrame({
        "unit_code": frame["unit_code"],
        "name": frame["name"],
        "value_label": [i18n.value(indicator, v, lang) if k else no_data
                        for v, k in zip(frame["value"], known)],
        "class_label": classes,
        "rank_label": [i18n.t("{rank} of {count}", lang, rank=i18n.number(r, lang), count=count)
                       if k else "" for r, k in zip(frame["rank"], known)],
        "status_label": status_labels,
    })
    colour = _field("class_label", title=legend,
                    scale={"domain": [*labels, no_data],
                           "range": [*colours, maps.NO_DATA_COLOUR]},
                    legend={"orient": "right", "labelLimit": 220, "titleLimit": 220})
    # One JSON string, parsed by Vega: compact, and cheap for Streamlit to copy and send.
    layers = [{
        "name": "communes",
        "data": {"values": json.dumps(layer.features, separators=(",", ":")),
                 "format": {"type": "json"}},
        "mark": {"type": "geoshape", "stroke": "white", "strokeWidth": 0.6},
        "transform": [
            {"lookup": "properties.unit_code", "from": {
                "data": {"name": MAP_VALUES}, "key": "unit_code",
                "fields": ["name", "value_label", "class_label", "rank_label", "status_label"]}},
            {"calculate": "datum.properties.unit_code", "as": "unit_code"}],
        "encoding": {"color": colour, "tooltip": [
            _field("name", title=i18n.t("Commune", lang)),
            _field("value_label", title=i18n.t("Value", lang)),
            _field("rank_label", title=i18n.t("Rank", lang)),
            _field("status_label", title=i18n.t("Status", lang))]},
    }]
    if layer.outline:
        layers.append({"data": {"values": [layer.outline]},
                       "mark": {"type": "geoshape", "filled": False, "stroke": PARENT_COLOUR,
                                "strokeWidth": 1.5}})
    datasets = {MAP_VALUES: values.to_dict("records")}
    if len(layer.places):
        datasets["places"] = _rows(layer.places, ["x", "y", "name"])
        layers.append({"data": {"name": "places"},
                       "mark": {"type": "text", "fontSize": 10, "color": "#222222"},
                       "encoding": {"longitude": _field("x", "quantitative"),
                                    "latitude": _field("y", "quantitative"),
                                    "text": _field("name")}})
    return _spec(layers, datasets, title, subtitle, lang, params=[_clickable("communes")],
                 width="container", height=maps.MAP_HEIGHT, projection={"type": "mercator"})
