"""What a choropleth needs: classes of values, label positions that do not pile up, and
boundaries light enough to send to a browser at any scale."""

import functools
import json
import math
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from grassroots import geo, i18n
from grassroots.catalog import Indicator
from grassroots.db import Database
from grassroots.i18n import N_

METHODS = ("status", "quantiles", "equal", "natural")  # status: met, close or missed the target
METHOD_NAMES = {"status": N_("Target"), "quantiles": N_("Quantiles"),
                "equal": N_("Equal intervals"), "natural": N_("Natural breaks")}
CLASSES = 5  # the classes a map starts with, of 3 to 7
SAMPLED = 300  # natural breaks of more values are found among this many quantiles of them
# ColorBrewer RdYlGn, from worst to best, for 3 to 7 classes.
PALETTES = {
    3: ["#fc8d59", "#ffffbf", "#91cf60"],
    4: ["#d7191c", "#fdae61", "#a6d96a", "#1a9641"],
    5: ["#d7191c", "#fdae61", "#ffffbf", "#a6d96a", "#1a9641"],
    6: ["#d73027", "#fc8d59", "#fee08b", "#d9ef8b", "#91cf60", "#1a9850"],
    7: ["#d73027", "#fc8d59", "#fee08b", "#ffffbf", "#d9ef8b", "#91cf60", "#1a9850"],
}
NO_DATA_COLOUR = "#d9d9d9"
# The map's drawing size in pixels: detail finer than a pixel is not sent to the browser.
MAP_WIDTH, MAP_HEIGHT = 900, 520
MAX_LABELS = 80
OUTLINE_SIMPLIFY = 8  # the outline is only a stroke: it takes coarser simplification


def methods(judged: bool) -> tuple[str, ...]:
    """The ways a map may colour an indicator, the first its default: by status when it is
    `judged` against a target, else by classes."""
    return METHODS if judged else METHODS[1:]


def breaks(values: pd.Series, method: str, classes: int) -> list[float]:
    """Upper bounds of `classes` classes (the last is the maximum), fewer when the values do
    not have that many distinct levels. Quantiles, equal intervals or natural breaks
    (Fisher–Jenks)."""
    data = values.dropna().to_numpy(dtype=float)
    levels = np.unique(data).size
    if levels <= 1:  # nothing to class, and EqualInterval refuses a single level
        return [float(data[0])] if levels else []
    classes = min(classes, levels)  # FisherJenks refuses more classes than levels
    # mapclassify loads scipy.stats and scikit-learn, 3 s at first use: imported here, only by
    # the maps that class values (importing mapclassify.classifiers alone loads them all too).
    import mapclassify

    if method == "quantiles":
        classifier = mapclassify.Quantiles(data, k=classes)  # ties may merge some classes
    elif method == "equal":
        classifier = mapclassify.EqualInterval(data, k=classes)
    else:  # Fisher–Jenks costs the square of the values (21 s for the 3,321 communes without
        # numba): above SAMPLED values, it runs on that many evenly spaced quantiles of them,
        # values of the data (the minimum and maximum among them) that keep its shape and give
        # the same breaks every time
        if data.size > SAMPLED:
            data = np.quantile(data, np.linspace(0, 1, SAMPLED), method="nearest")
        classifier = mapclassify.FisherJenks(data, k=classes)
    return sorted(set(float(b) for b in classifier.bins))


def legend(method: str, classes: int, target: float | None, indicator: Indicator,
           lang: str) -> str:
    """What a map's colours say: "So với chỉ tiêu 100,0%", "5 lớp theo phân vị"."""
    if method == "status":
        return i18n.t("Against the target of {target}",
                      lang, target=i18n.value(indicator, target, lang))
    return i18n.tn("{count} class by {method}", "{count} classes by {method}", classes, lang,
                   method=i18n.t(METHOD_NAMES[method], lang).lower())


def classify(values: pd.Series, bounds: list[float]) -> pd.Series:
    """The class index (0 = lowest) of each value; NaN stays NaN."""
    if not bounds:
        return pd.Series(np.nan, index=values.index)
    index = np.searchsorted(np.asarray(bounds), values.to_numpy(dtype=float), side="left")
    return pd.Series(np.where(values.isna(), np.nan, np.minimum(index, len(bounds) - 1)),
                     index=values.index)


def class_labels(values: pd.Series, bounds: list[float], indicator: Indicator,
                 lang: str) -> list[str]:
    """ "92,5% – 95,0%" for each class, from the lowest value in it to its upper bound."""
    lows = [values.min()] + bounds[:-1]
    return [f"{i18n.value(indicator, low, lang, unit=False)} – "
            f"{i18n.value(indicator, high, lang, unit=False)}"
            for low, high in zip(lows, bounds)]


def palette(classes: int, higher_is_better: bool) -> list[str]:
    """Red for the worse classes, green for the better ones, whatever the polarity."""
    colours = PALETTES[max(3, min(7, classes))][:classes] if classes >= 3 else \
        [PALETTES[3][0], PALETTES[3][-1]][:classes]
    return colours if higher_is_better else colours[::-1]


@dataclass(frozen=True)
class Layer:
    """The stored boundaries ready to draw."""

    features: list[dict]  # GeoJSON features sized for the map; properties: unit_code
    outline: dict | None  # the parent unit's outline, a GeoJSON feature
    places: pd.DataFrame  # where to write names: unit_code, name, x, y
    approximate: bool  # generated boundaries, not surveyed ones


@functools.lru_cache(maxsize=8)
def _layer(database: Database, version: int) -> Layer:
    shapes = geo.load(database)
    if shapes.empty:
        return Layer([], None, pd.DataFrame(columns=["unit_code", "name", "x", "y"]), False)
    west, south, east, north = shapes.total_bounds
    tolerance = max((east - west) / MAP_WIDTH, (north - south) / MAP_HEIGHT)
    digits = max(2, math.ceil(-math.log10(tolerance)))
    features = geo.features(shapes[["unit_code", "geometry"]], tolerance, digits)
    # The outline is a stroke: the union of the communes as drawn, snapped to their grid (real
    # layers are not always noded well enough for a coverage union), simplified further and
    # without the parts too small to see (islets a few pixels wide).
    drawn = shapely.from_geojson([json.dumps(f["geometry"]) for f in features])
    union = shapely.union_all(drawn, grid_size=10.0 ** -digits)
    parts = [p for p in getattr(union, "geoms", [union])
             if p.area >= (OUTLINE_SIMPLIFY * tolerance) ** 2]
    outline = shapely.simplify(shapely.MultiPolygon(parts), OUTLINE_SIMPLIFY * tolerance)
    outline = shapely.orient_polygons(shapely.set_precision(outline, 10.0 ** -digits),
                                      exterior_cw=True)
    return Layer(features, {"type": "Feature", "properties": {},
                            "geometry": shapely.geometry.mapping(outline)},
                 labels(shapes), bool(shapes["approximate"].any()))


def layer(database: Database) -> Layer:
    """The stored boundaries ready to draw, computed once per data version."""
    return _layer(database, database.data_version())


def labels(shapes: gpd.GeoDataFrame, most: int = MAX_LABELS) -> pd.DataFrame:
    """Where to write short commune names: inside each commune, for the largest ones only when
    there are many, so that names do not pile up. Returns: unit_code, name, x, y."""
    geometries = shapes.geometry.to_numpy()
    points = pd.Series(shapely.point_on_surface(geometries), index=shapes.index)
    area = pd.Series(shapely.area(geometries), index=shapes.index)  # in square degrees: enough
    total = shapes.geometry.total_bounds                             # to compare communes
    extent = (total[2] - total[0]) * (total[3] - total[1])
    big = area >= extent / (most * 4) if len(shapes) > most else area >= 0
    chosen = area[big].sort_values(ascending=False).index[:most]
    return pd.DataFrame({"unit_code": shapes.loc[chosen, "unit_code"],
                         "name": shapes.loc[chosen, "name"],
                         "x": shapely.get_x(points[chosen].to_numpy()).round(5),
                         "y": shapely.get_y(points[chosen].to_numpy()).round(5)})
