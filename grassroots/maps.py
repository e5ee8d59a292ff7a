"""What a choropleth needs: classes of values, label positions that do not pile up, and
boundaries light enough to send to a browser at any scale."""

import functools
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from grassroots import geo, i18n
from grassroots.catalog import Indicator
from grassroots.db import Database

METHODS = ("quantiles", "equal", "natural")
# ColorBrewer RdYlGn, from worst to best, for 3 to 7 classes.
PALETTES = {
    3: ["#fc8d59", "#ffffbf", "#91cf60"],
    4: ["#d7191c", "#fdae61", "#a6d96a", "#1a9641"],
    5: ["#d7191c", "#fdae61", "#ffffbf", "#a6d96a", "#1a9641"],
    6: ["#d73027", "#fc8d59", "#fee08b", "#d9ef8b", "#91cf60", "#1a9850"],
    7: ["#d73027", "#fc8d59", "#fee08b", "#ffffbf", "#d9ef8b", "#91cf60", "#1a9850"],
}
NO_DATA_COLOUR = "#d9d9d9"
MAP_PIXELS = 900  # about the widest a map is drawn: finer detail than a pixel is not sent
MAX_LABELS = 80


def breaks(values: pd.Series, method: str, classes: int) -> list[float]:
    """Upper bounds of `classes` classes (the last is the maximum), fewer when the values do
    not have that many distinct levels. Quantiles, equal intervals or natural breaks (Jenks)."""
    data = np.sort(values.dropna().to_numpy(dtype=float))
    if data.size == 0:
        return []
    distinct = np.unique(data)
    classes = min(classes, distinct.size)
    if method == "quantiles":
        bounds = np.quantile(data, np.arange(1, classes + 1) / classes)
    elif method == "equal":
        bounds = data[0] + (data[-1] - data[0]) * np.arange(1, classes + 1) / classes
    else:
        bounds = _jenks(data, classes)
    return sorted(set(float(b) for b in bounds))


def _jenks(data: np.ndarray, classes: int) -> list[float]:
    """Fisher–Jenks natural breaks: the classes with the least total within-class variance,
    by dynamic programming over the sorted values (vectorised per class and end point)."""
    n = data.size
    prefix = np.concatenate([[0.0], np.cumsum(data)])
    squares = np.concatenate([[0.0], np.cumsum(data * data)])

    def cost(first: np.ndarray, last: int) -> np.ndarray:  # variance of data[first..last]
        count = last - first + 1
        total = prefix[last + 1] - prefix[first]
        return squares[last + 1] - squares[first] - total * total / count

    best = squares[1:] - prefix[1:] ** 2 / np.arange(1, n + 1)  # one class: data[0..last]
    starts = [np.zeros(n, dtype=int)]
    for _ in range(1, classes):
        new_best = np.full(n, np.inf)
        new_start = np.zeros(n, dtype=int)
        for last in range(1, n):
            first = np.arange(1, last + 1)
            total = best[first - 1] + cost(first, last)
            choice = int(np.argmin(total))
            new_best[last], new_start[last] = total[choice], first[choice]
        best = new_best
        starts.append(new_start)
    bounds, last = [], n - 1
    for start in reversed(starts[1:]):
        bounds.append(data[last])
        last = start[last] - 1
    bounds.append(data[last])
    return sorted(bounds)


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


@functools.lru_cache(maxsize=8)
def _layer(database: Database, version: int) -> tuple[list[dict], dict, pd.DataFrame]:
    """The stored boundaries ready to draw — features sized for the map's extent, the parent
    unit's outline, and label positions — computed once per data version."""
    shapes = geo.load(database)
    if shapes.empty:
        return [], {}, pd.DataFrame(columns=["unit_code", "name", "x", "y"])
    west, south, east, north = shapes.total_bounds
    tolerance = max(east - west, north - south) / MAP_PIXELS
    digits = max(2, math.ceil(-math.log10(tolerance)))
    features = geo.features(shapes[["unit_code", "name", "approximate", "geometry"]],
                            tolerance, digits)
    outline = shapely.set_precision(shapely.coverage_union_all(
        shapely.make_valid(shapes.geometry.to_numpy())), 10.0 ** -digits)
    outline = {"type": "Feature", "properties": {},
               "geometry": shapely.geometry.mapping(
                   shapely.orient_polygons(outline, exterior_cw=True))}
    return features, outline, labels(shapes)


def layer(database: Database) -> tuple[list[dict], dict, pd.DataFrame]:
    features, outline, places = _layer(database, database.data_version())
    return [dict(f, properties=dict(f["properties"])) for f in features], outline, places


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
