"""Communes through time: the official lists before and after 1 July 2025 and the crosswalk
shipped in data/units/, checked on the real case of Bình Lục; a province of today and a district
as it was made by `init`; and a units file that changes only what it carries."""


import pytest

from grassroots import __main__ as cli
from grassroots import db, ingest, official
from tests.conftest import demo_copy
from tests.test_ingest import excel, query

BINH_LUC = {  # today's commune: the communes of Bình Lục district (Hà Nam) it was made from
    "13540": {"13519", "13540", "13546"},  # Bình An = Ngọc Lũ + Bình An + Trung Lương
    "13531": {"13528", "13531", "13543"},  # Bình Giang = An Ninh + Bồ Đề + Vũ Bản
    "13504": {"13504", "13510", "13516"},  # Bình Lục = Bình Nghĩa + Tràng An + Đồng Du
    "13501": {"13501", "13525", "13555"},  # Bình Mỹ = Bình Mỹ + Đồn Xá + La Sơn
    "13558": {"13552", "13558", "13561"},  # Bình Sơn = An Đổ + Tiêu Động + An Lão
}


def test_the_lists_hold_every_unit_before_and_after_the_reorganisation():
    units, links = official.units(), official.crosswalk()
    before, after = units[units["valid_to"].notna()], units[units["valid_to"].isna()]
    assert len(before) == 10_040 and len(after) == 3_321
    assert after["province_name"].nunique() == 34
    assert set(after["kind"]) == {"xã", "phường", "đặc khu"}
    assert (before["valid_to"] == "2025-06-30").all()
    assert (after["valid_from"] == "2025-07-01").all()
    assert links.groupby("old_code")["is_default"].sum().eq(1).all()  # one default each
    assert set(links["old_code"]) == set(before["code"])
    assert set(links["new_code"]) == set(after["code"])
    assert after.loc[after["area_km2"].isna(), "name"].tolist() == ["Ba Chẽ"]  # not in the source


def test_binh_luc_district_became_five_communes_of_ninh_binh():
    units, links = official.units(), official.crosswalk()
    old = units[units["district_name"] == "Huyện Bình Lục"]
    assert len(old) == 15 and set(old["province_name"]) == {"Hà Nam"}
    made = links[links["old_code"].isin(old["code"])]
    assert set(made["link"]) == {"merged"} and made["is_default"].all()
    assert {new: set(group["old_code"]) for new, group in made.groupby("new_code")} == BINH_LUC
    today = units[units["valid_to"].isna() & units["code"].isin(BINH_LUC)]
    assert dict(zip(today["code"], today["name"])) == {
        "13540": "Bình An", "13531": "Bình Giang", "13504": "Bình Lục", "13501": "Bình Mỹ",
        "13558": "Bình Sơn"}
    assert set(today["province_name"]) == {"Ninh Bình"}
    bo_de = units[units["code"] == "13531"].sort_values("valid_from")
    assert bo_de["name"].tolist() == ["Bồ Đề", "Bình Giang"]  # one code, two territories


def test_a_split_commune_has_one_default_successor():
    links = official.crosswalk()
    gia_tan = links[links["old_code"] == "14503"].set_index("new_code")
    assert set(gia_tan["link"]) == {"split"}
    assert gia_tan["is_default"].to_dict() == {"14488": True, "14533": False}


def test_init_makes_a_province_of_today_with_what_its_communes_were_made_from(tmp_path, capsys):
    path = tmp_path / "ninh-binh.duckdb"
    assert cli.main(["init", "--province", "Ninh Bình", "--db", str(path)]) == 0
    assert "129 xã hiện nay" in capsys.readouterr().out
    database = db.Database(path)
    assert query(database, "SELECT count(*) FROM units WHERE valid_to IS NULL") == [(129,)]
    assert query(database, "SELECT count(*) FROM boundaries") == [(129,)]
    predecessors = query(database, "SELECT list(old_code ORDER BY old_code) FROM crosswalk "
                                   "WHERE new_code = '13531'")[0][0]
    assert predecessors == ["13528", "13531", "13543"]
    assert query(database, "SELECT name, valid_to FROM units WHERE code = '13528'")[0][0] \
        == "An Ninh"
    assert query(database, "SELECT count(*) FROM units WHERE valid_to IS NOT NULL "
                           "AND code NOT IN (SELECT old_code FROM crosswalk)") == [(0,)]
    settings = dict(query(database, "SELECT key, value FROM settings"))
    assert (settings["parent_name"], settings["parent_level"]) == ("Ninh Bình", "province")
    assert query(database, "SELECT area_km2 FROM units WHERE code = '13531' "
                           "AND valid_to IS NULL") == [(24.15,)]
    database.close()


def test_init_makes_a_district_as_it_was_and_what_it_became(tmp_path):
    path = tmp_path / "binh-luc.duckdb"
    assert cli.main(["init", "--former-district", "Bình Lục", "--province", "Hà Nam", "--db",
                     str(path)]) == 0
    database = db.Database(path)
    before = query(database, "SELECT list(code ORDER BY code) FROM units WHERE valid_to "
                             "= DATE '2025-06-30'")[0][0]
    assert before == sorted(set().union(*BINH_LUC.values()))
    assert query(database, "SELECT list(code ORDER BY code) FROM units WHERE valid_to IS NULL"
                 )[0][0] == sorted(BINH_LUC)
    assert query(database, "SELECT value FROM settings WHERE key = 'parent_level'") \
        == [("district",)]
    database.close()


@pytest.mark.parametrize("args, said", [
    (["--province", "Hà Nam"], "Không có tỉnh, thành phố «Hà Nam» trong danh sách 34 tỉnh"),
    (["--former-district", "Bình Lục", "--province", "Ninh Bình"],
     "Không có huyện «Bình Lục» của tỉnh «Ninh Bình» trong danh sách trước 01/07/2025."),
])
def test_init_names_a_unit_the_lists_do_not_have(tmp_path, capsys, args, said):
    path = tmp_path / "x.duckdb"
    assert cli.main(["init", *args, "--db", str(path)]) == 1
    assert said in capsys.readouterr().err
    assert not path.exists()


def test_a_units_file_changes_only_the_columns_it_carries(demo_db, tmp_path):
    """A file of codes and names renames; it erases neither population nor area."""
    database = db.Database(demo_copy(demo_db, tmp_path))
    before = query(database, "SELECT population, area_km2 FROM units WHERE code = '13531'")
    file = excel(tmp_path / "xa.xlsx", [["Mã xã", "Tên xã", "Loại"], ["13531", "Bồ Đề Mới", "xã"]])
    checked = ingest.check(file, database.run("unit_history"))
    assert checked.ok, [p.text(file.name, "vi") for p in checked.problems]
    ingest.commit(database, checked, "test")
    assert query(database, "SELECT name, population, area_km2 FROM units WHERE code = '13531'") \
        == [("Bồ Đề Mới", *before[0])]
    database.close()


def test_a_units_file_of_today_changes_todays_commune_not_its_history(tmp_path):
    path = tmp_path / "ninh-binh.duckdb"
    assert cli.main(["init", "--province", "Ninh Bình", "--db", str(path)]) == 0
    database = db.Database(path)
    file = excel(tmp_path / "xa.xlsx", [["Mã xã", "Tên xã", "Loại", "Dân số"],
                                         ["13531", "Bình Giang", "xã", 31000]])
    ingest.commit(database, ingest.check(file, database.run("unit_history")), "test")
    assert query(database, "SELECT name, population FROM units WHERE code = '13531' "
                           "ORDER BY valid_from") == [("Bồ Đề", None), ("Bình Giang", 31000)]
    database.close()
