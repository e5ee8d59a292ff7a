"""The demos: the Bình Lục district as it was (`init-demo --district`), and that it tells a
plausible story; the Ninh Bình province of today (`init-demo`) and its history."""

import json
import math

import duckdb
import pytest

from grassroots import __main__ as cli
from grassroots import catalog, demo, figures, periods

CODES = ["13501", "13504", "13510", "13516", "13519", "13525", "13528", "13531", "13540",
         "13543", "13546", "13552", "13555", "13558", "13561"]


def test_init_demo_builds_the_district(tmp_path, capsys):
    path = tmp_path / "X.duckdb"
    assert cli.main(["init-demo", "--district", "--db", str(path)]) == 0
    con = duckdb.connect(str(path), read_only=True)
    assert [r[0] for r in con.execute("SELECT code FROM units ORDER BY code").fetchall()] == CODES
    for table in ("dossier_stats", "letters", "satisfaction"):
        months = con.execute(f"SELECT count(DISTINCT month), min(month), max(month) FROM {table}")
        assert [str(v) for v in months.fetchone()] == ["42", "2022-01-01", "2025-06-01"]
    events = con.execute("SELECT count(*), count(DISTINCT kind), min(held_on) FROM engagements")
    count, kinds, first = events.fetchone()
    assert count > 4000 and kinds == 5 and str(first).startswith("2022-01")
    snapshots = con.execute("SELECT count(DISTINCT taken_on), count(*) FROM cadre_snapshots")
    assert snapshots.fetchone() == (4, 60)
    assert con.execute("SELECT count(*) FROM boundaries WHERE approximate").fetchone() == (15,)
    settings = dict(con.execute("SELECT key, value FROM settings").fetchall())
    assert (settings["parent_name"], settings["parent_level"], settings["demo"]) == (
        "Bình Lục", "district", "true")
    con.close()


def test_init_demo_does_not_overwrite_without_force(tmp_path, capsys):
    path = tmp_path / "X.duckdb"
    path.write_text("mine")
    assert cli.main(["init-demo", "--db", str(path)]) == 1
    assert "đã tồn tại" in capsys.readouterr().err
    assert path.read_text() == "mine"


def test_the_committed_inputs_are_what_the_generator_makes(tmp_path):
    demo.generate(tmp_path)
    for committed in demo.FOLDER.iterdir():
        assert (tmp_path / committed.name).read_bytes() == committed.read_bytes(), committed.name


def test_boundaries_are_one_cell_per_commune_without_overlap():
    import shapely

    features = json.loads((demo.FOLDER / "boundaries.geojson").read_text())["features"]
    assert [f["properties"]["code"] for f in features] == CODES
    assert all(f["properties"]["approximate"] for f in features)
    cells = [shapely.geometry.shape(f["geometry"]) for f in features]
    assert all(cell.is_valid and cell.area > 0 for cell in cells)
    union = shapely.union_all(cells)
    assert sum(cell.area for cell in cells) == pytest.approx(union.area, rel=1e-3)


def parent(database, indicator, code):
    return figures.parent_values(database, periods.parse(code)).loc[indicator, "value"]


def test_on_time_is_in_the_high_90s_with_a_few_communes_behind(district):
    assert 0.97 <= parent(district, "on_time_rate", "2024") < 1.0
    year = figures.ranking(district, catalog.BY_ID["on_time_rate"], periods.parse("2024"))
    assert 2 <= (year["value"] < 0.98).sum() <= 4


def test_online_rate_rises_year_on_year(district):
    rates = [parent(district, "online_rate", str(year)) for year in (2022, 2023, 2024, 2025)]
    assert rates == sorted(rates) and rates[0] < 0.5 < 0.85 < rates[-1]


def test_some_communes_miss_letters_and_degrees_are_near_the_report(district):
    letters = figures.ranking(district, catalog.BY_ID["letter_coverage"], periods.parse("2024"))
    assert (letters["value"] < 0.95).sum() >= 1 and (letters["value"] == 1).sum() >= 8
    assert parent(district, "university_rate", "2023") == pytest.approx(0.846, abs=0.02)


def test_a_month_not_reported_shows_as_no_data(district):
    june = figures.ranking(district, catalog.BY_ID["on_time_rate"], periods.parse("2025-06"))
    an_lao = june[june["name"] == "An Lão"].iloc[0]
    assert math.isnan(an_lao["value"]) and an_lao["status"] == "no_data"
    assert june.iloc[-1]["name"] == "An Lão"



def test_the_demo_is_ninh_binh_today_with_its_history(province_db, demo_db):
    con = duckdb.connect(str(province_db), read_only=True)
    assert con.execute("SELECT count(*) FILTER (valid_to IS NULL), count(*) FILTER "
                       "(valid_to = DATE '2025-06-30') FROM units").fetchone() == (129, 398)
    spans = con.execute("""SELECT u.valid_to IS NULL, min(d.month), max(d.month),
        count(DISTINCT d.unit_code) FROM dossier_stats AS d JOIN units AS u ON u.code =
        d.unit_code AND d.month BETWEEN u.valid_from AND coalesce(u.valid_to, DATE '9999-12-31')
        GROUP BY ALL ORDER BY 1""").fetchall()
    assert [(today, str(first), str(last), communes) for today, first, last, communes in spans] \
        == [(False, "2022-01-01", "2025-06-01", 398), (True, "2025-07-01", "2026-10-01", 129)]
    assert con.execute("SELECT count(*) FROM boundaries WHERE NOT approximate").fetchone() == (
        129,)
    settings = dict(con.execute("SELECT key, value FROM settings").fetchall())
    assert (settings["parent_name"], settings["parent_level"], settings["default_area"],
            settings["demo"]) == ("Ninh Bình", "province", "352", "true")
    same = "SELECT unit_code, sum(received) FROM dossier_stats WHERE unit_code IN ('13528', " \
        "'13558') AND month < '2025-07-01' GROUP BY ALL ORDER BY 1"
    district = duckdb.connect(str(demo_db), read_only=True)
    assert con.execute(same).fetchall() == district.execute(same).fetchall()  # the same history
    district.close()
    con.close()
