"""Boundaries from real files (../shared/geo/): reading, reprojection, matching, repair and
simplification, storage, and the CLI."""

import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from grassroots import __main__ as cli
from grassroots import catalog, contract, db, geo, maps
from tests.conftest import demo_copy

SHARED = db.ROOT.parent / "shared" / "geo"
PROVINCES = ["ninh_binh", "thanh_hoa", "hung_yen", "lam_dong"]


def province(name: str) -> Path:
    return SHARED / f"{name}_communes.geojson"


def units_of(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    return pd.DataFrame({"code": frame["code"], "name": frame["name"]})


@pytest.mark.parametrize("name", PROVINCES)
def test_every_commune_of_a_real_province_matches_by_code(name):
    frame = geo.read(province(name))
    matched = geo.match(frame, units_of(frame))
    assert len(matched.shapes) == len(frame)
    assert matched.unmatched_features == [] and matched.communes_without_shape == []
    geometries = matched.shapes.geometry.to_numpy()
    assert shapely.is_valid(geometries).all()
    exteriors = [p.exterior for g in geometries for p in getattr(g, "geoms", [g])]
    assert not any(shapely.is_ccw(ring) for ring in exteriors)  # clockwise for Vega


def test_names_match_without_codes_in_any_spelling():
    frame = geo.read(province("ninh_binh")).head(4)
    spelled = frame.drop(columns=["code", "name"]).assign(
        ten_xa=["XÃ " + frame["name"].iloc[0].upper(), "Phường " + frame["name"].iloc[1],
                contract.plain(frame["name"].iloc[2]).title(), "Nowhere"])
    matched = geo.match(spelled, units_of(frame))
    assert sorted(matched.shapes["unit_code"]) == sorted(frame["code"].iloc[:3])
    assert matched.unmatched_features == ["Nowhere"]
    assert matched.communes_without_shape == [f"{frame['name'].iloc[3]} ({frame['code'].iloc[3]})"]


def test_a_layer_in_vn2000_comes_back_within_a_metre(tmp_path):
    original = geo.read(province("ninh_binh")).head(20)
    path = tmp_path / "vn2000.gpkg"
    original.to_crs("EPSG:5897").to_file(path)
    back = geo.read(path)
    metric = "EPSG:3405"  # VN-2000 / UTM 48N, in metres
    distance = shapely.hausdorff_distance(original.to_crs(metric).geometry.to_numpy(),
                                          back.to_crs(metric).geometry.to_numpy())
    assert distance.max() < 1.0


def shapefile_zip(frame: gpd.GeoDataFrame, folder: Path, with_prj: bool = True) -> Path:
    frame.to_file(folder / "xa.shp", encoding="utf-8")
    archive = folder / "xa.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for part in folder.glob("xa.*"):
            if part.suffix != ".zip" and (with_prj or part.suffix != ".prj"):
                zipped.write(part, part.name)
    return archive


def test_a_zipped_shapefile_keeps_vietnamese_names(tmp_path):
    frame = geo.read(province("hung_yen")).head(10)[["code", "name", "geometry"]]
    back = geo.read(shapefile_zip(frame, tmp_path))
    assert list(back["name"]) == list(frame["name"])
    assert any("ư" in n or "ờ" in n or "Đ" in n for n in back["name"])


def test_a_file_without_crs_is_refused_until_told(tmp_path):
    frame = geo.read(province("hung_yen")).head(3)[["code", "name", "geometry"]]
    archive = shapefile_zip(frame.to_crs("EPSG:5897"), tmp_path, with_prj=False)
    with pytest.raises(geo.GeoError) as refused:
        geo.read(archive)
    assert "không ghi hệ tọa độ" in refused.value.text("vi")
    assert "--crs EPSG:5897" in refused.value.text("en")
    told = geo.read(archive, crs="EPSG:5897")
    assert told.crs.to_epsg() == 4326
    assert shapely.hausdorff_distance(told.geometry.iloc[0], frame.geometry.iloc[0]) < 1e-5


def test_simplifying_keeps_shared_borders_shared():
    frame = geo.read(province("ninh_binh"))
    shapes = geo.match(frame, units_of(frame)).shapes.geometry.to_numpy()
    simple = geo.simplify(shapes, 0.002)
    assert shapely.get_num_coordinates(simple).sum() < shapely.get_num_coordinates(shapes).sum() / 3
    union = shapely.union_all(simple)
    assert sum(shapely.area(simple)) == pytest.approx(union.area, rel=1e-6)  # no overlaps
    assert union.area == pytest.approx(shapely.union_all(shapes).area, rel=1e-3)  # no gaps


def test_the_cli_stores_boundaries_and_keeps_the_source(tmp_path, demo_db, capsys):
    database = demo_copy(demo_db, tmp_path)
    source = tmp_path / "binh_luc.geojson"
    demo_shapes = json.loads((db.ROOT / "data" / "demo" / "boundaries.geojson").read_text())
    for feature in demo_shapes["features"]:
        feature["properties"] = {"MaXa": int(feature["properties"]["code"]),
                                 "TenXa": "Xã " + feature["properties"]["name"]}
    source.write_text(json.dumps(demo_shapes), encoding="utf-8")
    assert cli.main(["boundaries", str(source), "--db", str(database)]) == 0
    assert "Đã khớp ranh giới của 15/15 xã." in capsys.readouterr().out
    stored = db.Database(database)
    shapes = geo.load(stored)
    assert len(shapes) == 15 and not shapes["approximate"].any()
    assert (tmp_path / "boundaries" / source.name).read_bytes() == source.read_bytes()
    layer = maps.layer(stored)
    assert len(layer.features) == 15 and not layer.approximate
    assert layer.outline["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert len(layer.places) == 15
    stored.close()


def test_the_cli_refuses_a_file_without_crs_with_the_message(tmp_path, demo_db, capsys):
    frame = geo.read(province("hung_yen")).head(3)[["code", "name", "geometry"]]
    archive = shapefile_zip(frame, tmp_path, with_prj=False)
    database = demo_copy(demo_db, tmp_path)
    assert cli.main(["boundaries", str(archive), "--db", str(database), "--lang", "en"]) == 1
    assert "does not say its coordinate reference system" in capsys.readouterr().err
    stored = db.Database(database)
    assert geo.load(stored)["approximate"].all()  # the demo's boundaries are still there
    stored.close()


def test_classes_by_quantiles_equal_intervals_and_natural_breaks():
    values = pd.Series([1, 2, 3, 10, 11, 12, 20, 21, 22, None], dtype=float)
    assert maps.breaks(values, "natural", 3) == [3, 12, 22]
    assert maps.breaks(values, "equal", 3) == [8, 15, 22]
    assert maps.breaks(values, "quantiles", 3) == pytest.approx([23 / 3, 44 / 3, 22])
    assert maps.breaks(pd.Series([0.5, 0.5, 0.5]), "quantiles", 5) == [0.5]  # one level
    assert maps.breaks(pd.Series([None], dtype=float), "natural", 5) == []
    # Uneven clusters: natural breaks find them where quantiles and equal intervals do not.
    uneven = pd.Series([1, 2, 3, 4, 5, 6, 50, 51, 100], dtype=float)
    assert maps.breaks(uneven, "natural", 3) == [6, 51, 100]
    assert maps.breaks(uneven, "equal", 3) == [34, 67, 100]
    assert maps.breaks(uneven, "quantiles", 3) == pytest.approx([11 / 3, 62 / 3, 100])
    two = pd.Series([0.9, 1.0, 0.9, 1.0, 0.9])  # two levels asked for five classes: two
    assert maps.breaks(two, "natural", 5) == maps.breaks(two, "quantiles", 5) == [0.9, 1.0]
    assert maps.breaks(two, "equal", 5) == pytest.approx([0.95, 1.0])
    # Ties that fill quantiles merge them: the 1/3 and 2/3 quantiles are both 1.
    assert maps.breaks(pd.Series([1, 1, 1, 1, 1, 2, 3], dtype=float), "quantiles", 3) == [1, 3]
    # A nation's communes: natural breaks among quantiles of them, the same every time, still
    # finding clusters, the last the maximum.
    nation = pd.Series([0.2 + i / 10_000 for i in range(1000)] + [0.6 + i / 10_000 for i in
                        range(1321)] + [0.95 + i / 100_000 for i in range(1000)])
    found = maps.breaks(nation, "natural", 3)
    assert found == maps.breaks(nation, "natural", 3) and found[-1] == nation.max()
    assert found[:2] == pytest.approx([0.2999, 0.732], abs=0.002)
    classes = maps.classify(values, [3, 12, 22])
    assert classes.iloc[:9].tolist() == [0, 0, 0, 1, 1, 1, 2, 2, 2] and pd.isna(classes.iloc[9])
    on_time = catalog.BY_ID["on_time_rate"]
    assert maps.class_labels(pd.Series([0.9, 0.95, 1.0]), [0.95, 1.0], on_time, "vi") == [
        "90,0% – 95,0%", "95,0% – 100,0%"]
    assert maps.palette(5, True)[0] == maps.palette(5, False)[-1] == "#d7191c"  # red is worse
