"""The official communes before and after 1 July 2025, the crosswalk between them and today's
boundaries (data/units/, whose README gives the sources and licences), and a database made
from them: a province of today, or a district as it was."""

import functools

import geopandas as gpd
import pandas as pd
import shapely

from grassroots import contract, db, geo, i18n
from grassroots.i18n import N_

FOLDER = db.ROOT / "data" / "units"
CODES = {"code": str, "district_code": str, "province_code": str, "old_code": str,
         "new_code": str}
DETAILED = {"Ninh Bình": "boundaries-ninh-binh.parquet"}  # else boundaries-vietnam.parquet


class Unknown(i18n.LocalizedError, LookupError):
    """A province or district the official lists do not have."""


@functools.cache
def units() -> pd.DataFrame:
    """Every unit through time: code, valid_from, valid_to, name, kind, district_code,
    district_name, province_code, province_name, area_km2."""
    frame = pd.read_csv(FOLDER / "units.csv.gz", dtype=CODES,
                        parse_dates=["valid_from", "valid_to"])
    return frame.assign(valid_from=frame["valid_from"].fillna(pd.Timestamp(db.SINCE_EVER)))


@functools.cache
def crosswalk() -> pd.DataFrame:
    """old_code, new_code, effective_on, link, is_default."""
    return pd.read_csv(FOLDER / "crosswalk.csv.gz", dtype=CODES, parse_dates=["effective_on"])


def _named(names: pd.Series, asked: str) -> pd.Series:
    return names.map(contract.plain_name) == contract.plain_name(asked)


def province(name: str) -> list[str]:
    """The codes of a province's communes of today."""
    table = units()
    today = table[table["valid_to"].isna() & _named(table["province_name"], name)]
    if today.empty:
        raise Unknown(N_("There is no province «{province}» among the 34 provinces since 1 July "
                         "2025."), province=name)
    return sorted(today["code"])


def former_district(name: str, province_name: str) -> list[str]:
    """The codes of the communes of today that a district of before 1/7/2025 went into: the
    default successors of its communes."""
    table = units()
    districts = table["district_name"].fillna("").str.replace(
        r"^(Huyện|Quận|Thị xã|Thành phố)\s+", "", regex=True)
    old = table[_named(districts, name) & _named(table["province_name"], province_name)]
    if old.empty:
        raise Unknown(N_("There was no district «{district}» in the province «{province}» before 1 "
                         "July 2025."), district=name, province=province_name)
    links = crosswalk()
    return sorted(links.loc[links["old_code"].isin(old["code"]) & links["is_default"],
                            "new_code"].unique())


def lineage(codes: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Today's communes `codes`, every unit they were made from, and the links between them."""
    table, links = units(), crosswalk()
    links = links[links["new_code"].isin(codes)]
    today = table[table["valid_to"].isna() & table["code"].isin(codes)]
    before = table[table["valid_to"].notna() & table["code"].isin(links["old_code"])]
    return pd.concat([before, today], ignore_index=True), links.reset_index(drop=True)


def shapes(codes: list[str], province_name: str) -> gpd.GeoDataFrame:
    """Today's boundaries of `codes`: at full detail for the provinces shipped so, else the
    simplified national layer."""
    frame = gpd.read_parquet(FOLDER / DETAILED.get(province_name, "boundaries-vietnam.parquet"))
    return frame[frame["code"].isin(codes)]


def build(database: db.Database, codes: list[str], settings: dict[str, str],
          source: str) -> None:
    """Fill an empty database with today's communes `codes`, their predecessors, the links
    between them, today's boundaries and the settings, in one write."""
    made, links = lineage(codes)
    province_name = made.loc[made["valid_to"].isna(), "province_name"].iloc[0]
    drawn = shapes(codes, province_name)
    rows = [[code, shapely.to_geojson(shape), False, source]
            for code, shape in zip(drawn["code"], geo.repair(drawn.geometry.to_numpy()))]
    with database.write() as con:
        con.register("made", made)
        con.execute("INSERT INTO units BY NAME SELECT * FROM made")
        con.register("links", links)
        con.execute("INSERT INTO crosswalk BY NAME SELECT * FROM links")
        con.executemany("INSERT INTO boundaries VALUES (?, ?, ?, ?)", rows)
        con.executemany("INSERT OR REPLACE INTO settings VALUES (?, ?)",
                        [[k, v] for k, v in settings.items()])
