"""Commune boundaries: read the files land offices have (GeoJSON, zipped Shapefile, GeoPackage)
in any CRS, VN-2000 included; match features to communes; repair, orient and simplify them
keeping shared borders shared; store them; and shape them for maps.
"""

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from grassroots import db, i18n
from grassroots.contract import plain, plain_name
from grassroots.i18n import N_

WGS84 = "EPSG:4326"
# Field names that usually hold the official commune code, compared without case or accents.
CODE_FIELDS = ("code", "ma", "maxa", "ma_xa", "madvhc", "ma_dvhc", "mahc", "ma_hc", "madv",
               "commune_code", "xa_code", "id_xa", "maxaphuong")
NAME_FIELDS = ("name", "ten", "tenxa", "ten_xa", "ten_dvhc", "tendvhc", "full_name", "commune")
# Simplify for display by about this much (degrees; ~30 m), unless asked otherwise.
DISPLAY_TOLERANCE = 0.0003


class GeoError(i18n.LocalizedError, ValueError):
    """A boundary file we cannot use as it is."""


@dataclass
class Matched:
    """Features matched to communes, and what did not match on either side."""

    shapes: gpd.GeoDataFrame  # unit_code, name, geometry (WGS84, repaired, oriented)
    unmatched_features: list[str] = field(default_factory=list)
    communes_without_shape: list[str] = field(default_factory=list)


def read(path: Path, crs: str | None = None) -> gpd.GeoDataFrame:
    """Any vector file geopandas reads (a .zip holding a Shapefile included), in WGS84. A file
    that does not say its CRS needs `crs` (for example "EPSG:5897"); one that does can be
    overridden by it."""
    source = f"zip://{path}" if path.suffix.lower() == ".zip" else str(path)
    try:
        frame = gpd.read_file(source)
    except Exception as error:  # pyogrio raises several kinds; all mean "cannot read"
        raise GeoError(N_("Cannot read the boundary file {file}: {error}"), file=path.name,
                       error=error) from error
    if crs:
        try:
            frame = frame.set_crs(CRS.from_user_input(crs), allow_override=True)
        except CRSError as error:
            raise GeoError(N_("{crs} is not a coordinate reference system."), crs=crs) from error
    if frame.crs is None:
        raise GeoError(N_("{file} does not say its coordinate reference system (no .prj file?). "
                          "Give it, for example --crs EPSG:5897 (VN-2000 TM-3 105°30') or "
                          "--crs EPSG:4326 (WGS84)."), file=path.name)
    return frame.to_crs(WGS84)


def code_field(frame: gpd.GeoDataFrame, requested: str | None = None) -> str | None:
    """The field holding commune codes: `requested`, or the first usual name found."""
    fields = {plain(c).replace(" ", "_"): c for c in frame.columns if c != "geometry"}
    if requested:
        if requested not in frame.columns:
            listed = ", ".join(fields.values())
            raise GeoError(N_("The file has no field {field}. Fields: {fields}."),
                           field=requested, fields=listed)
        return requested
    return next((fields[f] for f in CODE_FIELDS if f in fields), None)


def name_field(frame: gpd.GeoDataFrame) -> str | None:
    fields = {plain(c).replace(" ", "_"): c for c in frame.columns if c != "geometry"}
    return next((fields[f] for f in NAME_FIELDS if f in fields), None)


def _code(value) -> str | None:
    """Official codes are five digits; files often drop the leading zeros or store numbers."""
    if value is None or pd.isna(value):
        return None
    text = str(value).strip()
    if text.endswith(".0"):
        text = text[:-2]
    return text.zfill(5) if text.isdigit() else text


def match(frame: gpd.GeoDataFrame, units: pd.DataFrame, requested_field: str | None = None
          ) -> Matched:
    """Match features to communes (units: code, name) by code, else by name; several features
    of one commune are merged. Unmatched features and communes without a shape are listed."""
    by_code = code_field(frame, requested_field)
    by_name = name_field(frame)
    if by_code is None and by_name is None:
        raise GeoError(N_("No commune code or name field found; name one with --code-field."))
    plain_names = units["name"].map(plain_name)
    by_plain_name = dict(zip(plain_names, units["code"]))
    ambiguous = set(plain_names[plain_names.duplicated()])
    known = set(units["code"])
    codes, unmatched = [], []
    for row in frame.drop(columns="geometry").to_dict("records"):
        code = _code(row[by_code]) if by_code else None
        if code not in known:
            name = plain_name(row[by_name]) if by_name else None
            code = by_plain_name.get(name) if name not in ambiguous else None
        codes.append(code)
        if code is None:
            label = row[by_name] if by_name else row[by_code]
            unmatched.append(f"{label} ({by_code}={row[by_code]})" if by_code else str(label))
    found = frame.assign(unit_code=codes).dropna(subset=["unit_code"])
    shapes = found.dissolve(by="unit_code", as_index=False)[["unit_code", "geometry"]]
    shapes["geometry"] = repair(shapes.geometry.to_numpy())
    shapes = shapes.merge(units[["code", "name"]].rename(columns={"code": "unit_code"}),
                          on="unit_code")
    missing = units[~units["code"].isin(shapes["unit_code"])]
    return Matched(gpd.GeoDataFrame(shapes, geometry="geometry", crs=WGS84), unmatched,
                   [f"{n} ({c})" for c, n in zip(missing["code"], missing["name"])])


def report(matched: Matched, lang: str, listed: int = 20) -> list[str]:
    """What a boundary load found, in the reader's language (the first `listed` of each)."""
    def some(items: list[str]) -> str:
        more = len(items) - listed
        tail = [i18n.tn("and {count} other", "and {count} others", more, lang)] if more > 0 else []
        return "; ".join(items[:listed] + tail)

    total = len(matched.shapes) + len(matched.communes_without_shape)
    lines = [i18n.tn("Boundaries matched for {matched} of {count} commune.",
                     "Boundaries matched for {matched} of {count} communes.", total, lang,
                     matched=i18n.number(len(matched.shapes), lang))]
    if features := matched.unmatched_features:
        lines.append(i18n.t("Features matching no commune ({count}): {items}", lang,
                            count=i18n.number(len(features), lang), items=some(features)))
    if communes := matched.communes_without_shape:
        lines.append(i18n.t("Communes without a shape ({count}): {items}", lang,
                            count=i18n.number(len(communes), lang), items=some(communes)))
    return lines


def repair(geometries):
    """Valid polygons only, outer rings clockwise: Vega fills a counter-clockwise outer ring
    as the whole world."""
    valid = shapely.make_valid(geometries)
    polygonal = [_polygons(g) for g in valid]
    return shapely.orient_polygons(polygonal, exterior_cw=True)


def _polygons(geometry):
    """The polygonal part of what make_valid returns (it may add stray lines or points)."""
    if isinstance(geometry, shapely.Polygon | shapely.MultiPolygon):
        return geometry
    parts = [g for g in getattr(geometry, "geoms", []) if isinstance(g, shapely.Polygon)]
    parts += [p for g in getattr(geometry, "geoms", []) if isinstance(g, shapely.MultiPolygon)
              for p in g.geoms]
    return shapely.MultiPolygon(parts)


def simplify(geometries, tolerance: float = DISPLAY_TOLERANCE):
    """Simplify a coverage for display: shared borders stay shared (no gaps, no slivers)."""
    simplified = shapely.coverage_simplify(geometries, tolerance)
    return shapely.orient_polygons(simplified, exterior_cw=True)


def store(database: db.Database, matched: Matched, source: Path, actor: str) -> Path:
    """Replace every boundary with the matched shapes; keep the source file in boundaries/
    beside the database. Returns where the source was kept."""
    folder = archive_folder(database)
    folder.mkdir(parents=True, exist_ok=True)
    kept = folder / source.name
    if source.resolve() != kept.resolve():
        shutil.copyfile(source, kept)
    rows = [[code, shapely.to_geojson(geometry), False, source.name]
            for code, geometry in zip(matched.shapes["unit_code"], matched.shapes.geometry)]
    with database.write() as con:
        con.execute("DELETE FROM boundaries")
        con.executemany("INSERT INTO boundaries VALUES (?, ?, ?, ?)", rows)
        db.audit(con, actor, "boundaries", f"{len(rows)} communes from {source.name}")
    return kept


def archive_folder(database: db.Database) -> Path:
    """Where the boundary files loaded are kept: boundaries/ beside the database."""
    return database.path.parent / "boundaries"


def load(database: db.Database) -> gpd.GeoDataFrame:
    """The stored boundaries: unit_code, name, approximate, geometry (WGS84)."""
    frame = database.run("boundaries")
    geometry = shapely.from_geojson(frame["geometry"].to_numpy())
    return gpd.GeoDataFrame(frame.drop(columns="geometry"), geometry=geometry, crs=WGS84)


def features(shapes: gpd.GeoDataFrame, tolerance: float, digits: int) -> list[dict]:
    """GeoJSON features for a map, simplified and with coordinates rounded to `digits`
    decimals (5 ≈ 1 m, 4 ≈ 11 m, 3 ≈ 110 m), the properties the shapes' other columns. A
    commune too small to keep any area at that precision is left out: it would not show.
    Inline values, not a GeoDataFrame: Streamlit flattens a GeoDataFrame through Arrow and
    the map draws blank."""
    geometries = simplify(shapes.geometry.to_numpy(), tolerance) if tolerance else \
        shapes.geometry.to_numpy()
    geometries = shapely.set_precision(geometries, 10.0 ** -digits)
    geometries = shapely.orient_polygons(geometries, exterior_cw=True)
    properties = shapes.drop(columns="geometry").to_dict("records")
    return [{"type": "Feature", "properties": p, "geometry": json.loads(shapely.to_geojson(g))}
            for p, g in zip(properties, geometries) if not shapely.is_empty(g)]
