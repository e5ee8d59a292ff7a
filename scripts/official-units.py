"""Rebuild data/units/ from its sources: the official commune lists before and after the 2025
reorganisation and the crosswalk between them, from the data files of the PyPI package
`vietnamadminunits` (MIT), and the commune boundaries and areas of ../shared/geo (MIT).

    python3 -m venv build/units-venv
    build/units-venv/bin/pip install vietnamadminunits==1.0.4 pandas pyarrow geopandas
    build/units-venv/bin/python scripts/official-units.py [GEO_FOLDER]

It reads the package's SQLite list and conversion JSON directly (its Python API is not run)
and checks what the product relies on: one default successor per old unit, every unit of both
lists in the crosswalk, 10,040 units before and 3,321 after. data/units/README.md says what
each file holds.
"""

import gzip
import json
import sqlite3
import sys
from importlib.util import find_spec
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "units"
REFORM = "2025-07-01"  # the first day of the 34 provinces and 3,321 communes
LAST_DAY = "2025-06-30"
PRECISION = {"vietnam": 1e-4, "ninh-binh": 1e-5}  # degrees: 11 m for the simplified layer


def package_data() -> Path:
    spec = find_spec("vietnamadminunits")  # the package is located, not imported
    return Path(spec.submodule_search_locations[0]) / "data"


def lists(data: Path) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    con = sqlite3.connect(f"file:{data / 'dataset.db'}?mode=ro", uri=True)
    old = pd.read_sql("SELECT * FROM admin_units_legacy", con)
    new = pd.read_sql("SELECT * FROM admin_units", con)
    conversion = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    return old, new, conversion


def units(old: pd.DataFrame, new: pd.DataFrame, areas: pd.Series) -> pd.DataFrame:
    """Both lists as units through time. The five island districts without communes (Bạch
    Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) stand as units of their own, under their
    3-digit district code, so that the đặc khu made of them have a predecessor."""
    island = old["wardCode"].isna()
    before = pd.DataFrame({
        "code": old["wardCode"].where(~island, old["districtCode"]),
        "valid_from": None,  # not in the list: in force before any figure here
        "valid_to": LAST_DAY,
        "name": old["wardShort"].where(~island, old["districtShort"]),
        "kind": old["wardType"].where(~island, old["districtType"]).str.lower(),
        "district_code": old["districtCode"],
        "district_name": old["district"],
        "province_code": old["provinceCode"],
        "province_name": old["provinceShort"],
        "area_km2": None,
    })
    after = pd.DataFrame({
        "code": new["wardCode"], "valid_from": REFORM, "valid_to": None,
        "name": new["wardShort"], "kind": new["wardType"].str.lower(),
        "district_code": None, "district_name": None,
        "province_code": new["provinceCode"], "province_name": new["provinceShort"],
        "area_km2": new["wardCode"].map(areas),
    })
    return pd.concat([before, after]).sort_values(["province_code", "valid_to", "code"],
                                                  na_position="last").reset_index(drop=True)


def crosswalk(old: pd.DataFrame, new: pd.DataFrame, conversion: dict) -> pd.DataFrame:
    """Old code → new code, with the kind of link and the default successor of a split unit.
    The conversion names units by keys of their names; they are joined back to codes here."""
    old_code = dict(zip(old["provinceKey"] + "_" + old["districtKey"] + "_"
                        + old["wardKey"].fillna(""),
                        old["wardCode"].fillna(old["districtCode"])))
    new_code = dict(zip(new["provinceKey"] + "_" + new["wardKey"], new["wardCode"]))
    rows = [(old_code[o], new_code[f"{province}_{ward}"], False, True)
            for province, wards in conversion["DICT_PROVINCE_WARD_NO_DIVIDED"].items()
            for ward, olds in wards.items() for o in olds]
    rows += [(old_code[o], new_code[f"{province}_{s['newWardKey']}"], True,
              bool(s["isDefaultNewWard"]))
             for province, olds in conversion["DICT_PROVINCE_WARD_DIVIDED"].items()
             for o, successors in olds.items() for s in successors]
    links = pd.DataFrame(rows, columns=["old_code", "new_code", "split", "is_default"])
    parts = links.groupby("new_code")["old_code"].nunique()
    old_name = dict(zip(old["wardCode"], old["wardShort"]))
    new_name = dict(zip(new["wardCode"], new["wardShort"]))
    links["link"] = [
        "split" if split else "merged" if parts[n] > 1
        else "unchanged" if o == n and old_name.get(o) == new_name.get(n) else "renamed"
        for o, n, split in zip(links["old_code"], links["new_code"], links["split"])]
    return (links.assign(effective_on=REFORM)[
        ["old_code", "new_code", "effective_on", "link", "is_default"]]
        .sort_values(["old_code", "new_code"]).reset_index(drop=True))


def check(table: pd.DataFrame, links: pd.DataFrame) -> None:
    before, after = table[table["valid_to"].notna()], table[table["valid_to"].isna()]
    assert len(before) == 10_040 and len(after) == 3_321, (len(before), len(after))
    assert links.groupby("old_code")["is_default"].sum().eq(1).all()
    assert set(links["old_code"]) == set(before["code"])
    assert set(links["new_code"]) == set(after["code"])


def boundaries(geo: Path) -> pd.Series:
    """Write the boundaries the product ships, compact (GeoParquet, coordinates rounded):
    every commune simplified, and the demo province at full detail. Returns every commune's
    area (km²) by code."""
    areas = None
    for name, source in (("vietnam", "vietnam_communes_simplified"),
                         ("ninh-binh", "ninh_binh_communes")):
        shapes = gpd.read_file(geo / f"{source}.geojson")
        areas = shapes.set_index("code")["area_km2"] if areas is None else areas
        shapes["geometry"] = shapely.set_precision(shapes.geometry.values, PRECISION[name])
        shapes[["code", "geometry"]].to_parquet(OUT / f"boundaries-{name}.parquet",
                                                compression="zstd", compression_level=19)
    return areas


def write(frame: pd.DataFrame, name: str) -> None:
    (OUT / f"{name}.csv.gz").write_bytes(
        gzip.compress(frame.to_csv(index=False).encode("utf-8"), 9, mtime=0))


def main() -> None:
    geo = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "geo"
    old, new, conversion = lists(package_data())
    table, links = units(old, new, boundaries(geo)), crosswalk(old, new, conversion)
    check(table, links)
    write(table, "units")
    write(links, "crosswalk")
    print(f"{len(table)} units, {len(links)} links written to {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
