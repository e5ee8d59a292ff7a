"""Who gets in and what they see: the sign-in form before anything else, roles, a viewer of
one commune reading only that commune through every query, lockout, idle sessions, passwords
never kept in clear, input that looks like SQL kept as data, the audit log, backup and
restore."""

import re
import shutil
from datetime import datetime, timedelta

import pytest

from grassroots import __main__ as cli
from grassroots import access, backup, db, ingest, periods, scores
from tests.test_db import QUERY_FILES, SAMPLE_PARAMS
from tests.test_ingest import excel

PASSWORD = "mat-khau-rat-dai"


@pytest.fixture
def guarded(demo_db, tmp_path, monkeypatch):
    """A copy of the demo with three accounts; AppTest starts on it."""
    path = tmp_path / "guarded.duckdb"
    shutil.copyfile(demo_db, path)
    database = db.Database(path)
    access.add(database, "admin", PASSWORD, "admin", "test")
    access.add(database, "xem", PASSWORD, "viewer", "test")
    access.add(database, "bo.de", PASSWORD, "viewer", "test", unit_code="13531")
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    yield database
    database.close()


def dashboard():
    """The dashboard in AppTest, on the database DASHBOARD_DB names."""
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(db.ROOT / "dashboard.py"), default_timeout=60).run()


def signed_in(name: str, password: str = PASSWORD):
    at = dashboard()
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    at.button[0].click()
    return at.run()


def test_without_signing_in_only_the_form_shows(guarded):
    at = dashboard()
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Tên đăng nhập", "Mật khẩu"]
    assert [t.value for t in at.title] == ["Chỉ số chính quyền cơ sở"]
    assert not at.sidebar.button and not at.get("vega_lite_chart") and not at.metric


def test_a_viewer_has_no_data_page_and_no_editing(guarded):
    at = signed_in("xem")
    assert not at.exception and at.title[0].value == "Tổng quan"
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/data.py")  # not among the viewer's pages
    at.switch_page("app_pages/score.py").run()
    assert all(n.disabled for n in at.number_input)
    assert next(b for b in at.button if b.label == "Lưu trọng số").disabled


def test_an_editor_has_the_data_page_and_no_open_banner(guarded):
    access.add(guarded, "bien.tap", PASSWORD, "editor", "test")
    at = signed_in("bien.tap").switch_page("app_pages/data.py").run()
    assert at.title[0].value == "Dữ liệu" and len(at.get("file_uploader")) == 2
    assert not any("Chưa bật đăng nhập" in w.value for w in at.warning)


def test_with_no_account_the_dashboard_runs_open_behind_a_banner(app):
    at = app()
    assert any(w.value.startswith("Chưa bật đăng nhập") for w in at.warning)


def test_a_commune_viewer_sees_their_commune_only(guarded):
    at = signed_in("bo.de")
    assert not at.exception and at.title[0].value == "Hồ sơ xã"
    assert next(s for s in at.selectbox if s.label == "Xã").options == ["xã Bồ Đề"]
    for page in ("overview", "dossiers", "compare", "data"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"app_pages/{page}.py")
    assert "Toàn huyện" not in at.dataframe[0].value.columns  # nothing to compare with


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_every_query_of_a_commune_viewer_returns_that_commune_only(history_db, path):
    """A viewer of Bình Giang (13531) sees it and the communes it was made from, An Ninh
    (13528), Bồ Đề (13531 until 30/06/2025) and Vũ Bản (13543): its history is its own."""
    scoped = db.Database(history_db, scope="13531")
    params = set(re.findall(r"\$(\w+)", path.read_text(encoding="utf-8")))
    frame = scoped.run(path.stem, **{name: SAMPLE_PARAMS[name] for name in params})
    scoped.close()
    for column in ("unit_code", "code", "made_from"):
        if column in frame:
            assert set(frame[column].dropna()) <= {"13531", "13528", "13543"}, path.stem
    if path.stem in ("units", "period_values", "completeness"):
        assert set(frame["unit_code" if "unit_code" in frame else "code"]) == {"13531"}
    if path.stem in ("users", "audit", "import_history"):
        assert frame.empty


def test_five_wrong_passwords_lock_the_account(guarded):
    now = datetime(2026, 1, 5, 9, 0)
    for _ in range(4):
        with pytest.raises(access.AccessError) as refused:
            access.sign_in(guarded, "xem", "sai-mat-khau", now)
        assert refused.value.key == "login_failed"
    with pytest.raises(access.AccessError) as refused:
        access.sign_in(guarded, "xem", "sai-mat-khau", now)
    assert (refused.value.key, refused.value.values) == ("login_locked", {"until": "09:15"})
    with pytest.raises(access.AccessError):
        access.sign_in(guarded, "xem", PASSWORD, now + timedelta(minutes=14))
    assert access.sign_in(guarded, "xem", PASSWORD, now + timedelta(minutes=16)).role == "viewer"
    assert guarded.run("audit")["action"].iloc[0] == "user_locked"


def test_a_wrong_name_and_a_wrong_password_read_the_same(guarded):
    for name in ("xem", "nobody"):
        with pytest.raises(access.AccessError) as refused:
            access.sign_in(guarded, name, "sai")
        assert refused.value.key == "login_failed"


def test_passwords_are_never_kept_in_clear(guarded, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("mot-mat-khau-moi\n"))
    assert cli.main(["users", "passwd", "xem", "--password-stdin", "--db",
                     str(guarded.path)]) == 0
    access.sign_in(guarded, "xem", "mot-mat-khau-moi")
    with pytest.raises(access.AccessError):
        access.sign_in(guarded, "xem", PASSWORD)
    with guarded.cursor() as cur:
        hashes = [h for h, in cur.execute("SELECT password_hash FROM users").fetchall()]
    assert all(h.startswith("$argon2id$") for h in hashes)
    stored = guarded.path.read_bytes()
    assert b"mot-mat-khau-moi" not in stored and PASSWORD.encode() not in stored
    out = capsys.readouterr()
    assert "mot-mat-khau-moi" not in out.out + out.err
    assert "mot-mat-khau-moi" not in guarded.run("audit").to_string()


def test_idle_sessions_sign_out(guarded, monkeypatch):
    at = signed_in("xem")
    monkeypatch.setattr(access, "IDLE", timedelta(seconds=-1))
    at.run()
    assert [t.label for t in at.text_input] == ["Tên đăng nhập", "Mật khẩu"]
    assert at.info[0].value == "Phiên làm việc đã hết hạn; hãy đăng nhập lại."


def test_text_that_looks_like_sql_is_data(guarded, tmp_path):
    with pytest.raises(access.AccessError) as refused:
        access.sign_in(guarded, "x' OR '1'='1", "' OR '1'='1")
    assert refused.value.key == "login_failed"
    with pytest.raises(access.AccessError) as refused:
        access.add(guarded, "x'; DROP TABLE users; --", PASSWORD, "viewer", "test")
    assert refused.value.key == "user_bad_name"
    path = excel(tmp_path / "xa.xlsx", [["Mã xã", "Tên xã", "Loại"],
                                        ["13531", "Bồ Đề'); DROP TABLE units; --", "xã"]])
    ingest.commit(guarded, ingest.check(path, guarded.run("unit_history")), "test")
    units = guarded.run("units").set_index("code")
    assert units.loc["13531", "name"] == "Bồ Đề'); DROP TABLE units; --" and len(units) == 15
    assert len(guarded.run("users")) == 3


def test_every_change_is_in_the_audit_log(guarded):
    scores.save_weights(guarded, {**scores.weights(guarded), "progress": 10}, "chanh.vp")
    undo = ingest.undo(guarded, 6, "chanh.vp")
    access.remove(guarded, "xem", "admin")
    log = guarded.run("audit")
    assert log[["actor", "action"]].values.tolist()[:3] == [
        ["admin", "user_remove"], ["chanh.vp", "undo"], ["chanh.vp", "weights"]]
    assert log["detail"].iloc[1] == f"#6: {undo[0]} removed, {undo[1]} put back"
    assert set(log["action"]) >= {"import", "user_add"}


def test_a_backup_made_while_in_use_restores_every_table(guarded, tmp_path, capsys):
    assert cli.main(["backup", str(tmp_path / "sao-luu"), "--db", str(guarded.path)]) == 0
    folder = next((tmp_path / "sao-luu").iterdir())
    before = db.checksums(guarded.path)
    scores.save_weights(guarded, {**scores.weights(guarded), "progress": 0}, "test")
    access.remove(guarded, "xem", "test")
    assert db.checksums(guarded.path) != before
    reader = db.Database(guarded.path)  # a dashboard reading along
    reader.run("units")
    assert cli.main(["restore", str(folder), "--db", str(guarded.path)]) == 0
    assert db.checksums(guarded.path) == before
    assert "bảng khớp tổng kiểm" in capsys.readouterr().out
    assert len(reader.run("users")) == 3  # the reader moved to the restored file
    assert (folder / "imports").exists() or not ingest.archive_folder(guarded).exists()


def test_a_damaged_backup_is_refused(guarded, tmp_path):
    folder = backup.backup(guarded, tmp_path)
    copy = folder / guarded.path.name
    with db.Database(copy).write() as con:
        con.execute("DELETE FROM users")
    before = db.checksums(guarded.path)
    with pytest.raises(backup.BackupError) as refused:
        backup.restore(guarded, folder)
    assert refused.value.key == "backup_damaged" and db.checksums(guarded.path) == before
    assert periods.parse("2025-Q2")  # the dashboard's own data untouched
