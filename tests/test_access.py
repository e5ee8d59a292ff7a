"""Who gets in and what they see: a link to the sign-in page before anything else, roles, a
viewer of one commune reading only that commune through every query, a reporter sending only
its commune's files, lockout and slowdown, sessions that end, passwords never kept in clear,
input that looks like SQL kept as data, the audit logs, backup and restore of both stores, and
accounts moved out of an older database file."""

import sqlite3
from datetime import datetime, timedelta

import duckdb
import pytest

from grassroots import __main__ as cli
from grassroots import access, backup, db, import_views, ingest, scores
from tests.conftest import PASSWORD, add_account, audit_log, dashboard, demo_copy, insert
from tests.test_db import QUERY_FILES, SAMPLE_PARAMS, header
from tests.test_ingest import excel

NOW = datetime(2026, 1, 5, 9, 0)


@pytest.fixture
def guarded(demo_db, tmp_path, monkeypatch):
    """A copy of the demo with three accounts; AppTest starts on it."""
    path = demo_copy(demo_db, tmp_path, accounts=[("admin", "admin"), ("xem", "viewer"),
                                                  ("bo.de", "viewer", "13531")])
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    database = db.Database(path)
    yield database
    database.close()


@pytest.fixture
def accounts(guarded) -> access.Accounts:
    return access.of(guarded.path)


def test_without_a_session_only_the_way_to_the_sign_in_page_shows(guarded):
    at = dashboard()
    assert not at.exception
    assert [t.value for t in at.title] == ["Chỉ số chính quyền cơ sở"]
    assert at.info[0].value == "Hãy đăng nhập để xem bảng chỉ số."
    [link] = at.get("link_button")
    assert link.proto.label == "Đăng nhập" and link.proto.url.startswith("/dang-nhap?next=")
    assert not at.sidebar.button and not at.get("vega_lite_chart") and not at.metric


def test_a_viewer_has_no_data_page_and_no_editing(guarded, sign_in_as):
    sign_in_as("xem")
    at = dashboard()
    assert not at.exception and at.title[0].value == "Tổng quan"
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/data.py")  # not among the viewer's pages
    at.switch_page("app_pages/score.py").run()
    assert all(n.disabled for n in at.number_input)
    assert next(b for b in at.button if b.label == "Lưu trọng số").disabled
    assert "Đăng xuất (xem)" in at.sidebar.get("html")[0].proto.body


def test_an_editor_has_the_data_page_and_no_open_banner(guarded, sign_in_as):
    add_account(guarded.path, "bien.tap", "editor")
    sign_in_as("bien.tap")
    at = dashboard().switch_page("app_pages/data.py").run()
    assert at.title[0].value == "Dữ liệu" and len(at.get("file_uploader")) == 2
    assert not any("Chưa bật đăng nhập" in w.value for w in at.warning)


def test_with_no_account_the_dashboard_runs_open_behind_a_banner(app):
    at = app()
    assert any(w.value.startswith("Chưa bật đăng nhập") for w in at.warning)


def test_a_commune_viewer_sees_their_commune_only(guarded, sign_in_as):
    sign_in_as("bo.de")
    at = dashboard()
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
    frame = scoped.run(path.stem, **{name: SAMPLE_PARAMS[name]
                                     for name in header(path).parameters})
    scoped.close()
    for column in ("unit_code", "code", "made_from"):
        if column in frame:
            assert set(frame[column].dropna()) <= {"13531", "13528", "13543"}, path.stem
    if path.stem in ("units", "figures", "completeness"):
        assert set(frame["unit_code" if "unit_code" in frame else "code"]) == {"13531"}
    if path.stem == "import_history":
        assert frame.empty


def test_five_wrong_passwords_lock_the_account_and_write_nothing_to_the_figures(
        guarded, accounts):
    before = guarded.path.stat()
    for minute in range(4):  # a minute apart: the address is not yet made to wait
        with pytest.raises(access.AccessError) as refused:
            accounts.sign_in("xem", "sai-mat-khau", "10.0.0.1", NOW + timedelta(minutes=minute))
        assert refused.value.message == "Wrong user name or password."
    with pytest.raises(access.AccessError) as refused:
        accounts.sign_in("xem", "sai-mat-khau", "10.0.0.2", NOW + timedelta(minutes=4))
    assert (refused.value.message, refused.value.values) == ("The account is locked after repeated "
                                                             "wrong passwords; try again after "
                                                             "{until}.",
                                                             {"until": "09:19"})
    with pytest.raises(access.AccessError):
        accounts.sign_in("xem", PASSWORD, "10.0.0.3", NOW + timedelta(minutes=18))
    assert accounts.sign_in("xem", PASSWORD, "10.0.0.3", NOW + timedelta(minutes=20))
    assert accounts.audit()[0][1:] == ("xem", "user_locked", "5 wrong passwords")
    after = guarded.path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_name_without_an_account_reads_and_locks_like_one_with(accounts):
    for name in ("xem", "nobody"):
        refusals = []
        for minute in range(5):
            with pytest.raises(access.AccessError) as refused:
                accounts.sign_in(name, "sai", f"10.1.0.{minute}", NOW + timedelta(minutes=minute))
            refusals.append(refused.value.message)
        assert refusals == ["Wrong user name or password."] * 4 + ["The account is locked after "
                                                                   "repeated wrong passwords; try "
                                                                   "again after {until}."]


def test_an_address_that_keeps_failing_is_made_to_wait(accounts):
    """Three wrong passwords are free; the fourth makes the address wait 2 s, the fifth 4 s;
    the right password waits too, and another address does not."""
    names = iter(f"ten{i}" for i in range(10))
    for second in (0, 1, 2, 3):
        with pytest.raises(access.AccessError) as refused:
            accounts.sign_in(next(names), "sai", "10.2.0.1", NOW + timedelta(seconds=second))
        assert refused.value.message == "Wrong user name or password."
    with pytest.raises(access.AccessError) as refused:
        accounts.sign_in("xem", PASSWORD, "10.2.0.1", NOW + timedelta(seconds=4))
    assert (refused.value.message, refused.value.values) == ("Too many wrong passwords from this "
                                                             "computer; try again in {seconds} "
                                                             "seconds.",
                                                             {"seconds": 1})
    assert accounts.sign_in("xem", PASSWORD, "10.2.0.9", NOW + timedelta(seconds=4))
    assert accounts.sign_in("xem", PASSWORD, "10.2.0.1", NOW + timedelta(seconds=5))


def test_sessions_end_when_idle_on_sign_out_and_everywhere(accounts):
    first = accounts.sign_in("xem", PASSWORD, "10.3.0.1", NOW)
    second = accounts.sign_in("xem", PASSWORD, "10.3.0.2", NOW)
    assert accounts.user(first, NOW + timedelta(hours=1)) == access.User("xem", "viewer")
    with pytest.raises(access.AccessError, match="Your session expired"):
        accounts.user(first, NOW + timedelta(hours=3, minutes=1))  # 2 h after its last use
    assert accounts.user(first, NOW + timedelta(hours=3, minutes=2)) is None
    accounts.sign_out(second)
    assert accounts.user(second, NOW) is None
    third, fourth = (accounts.sign_in("xem", PASSWORD, "10.3.0.3", NOW) for _ in range(2))
    assert accounts.sign_out_everywhere("xem", "xem") == 2
    assert accounts.user(third, NOW) is None and accounts.user(fourth, NOW) is None


def test_a_cookie_that_is_not_ours_names_no_session(accounts):
    cookie = accounts.sign_in("admin", PASSWORD, "10.4.0.1", NOW)
    token, _, signature = cookie.partition(".")
    assert accounts.user(cookie, NOW).role == "admin"
    assert accounts.user(f"{token}.{'0' * len(signature)}", NOW) is None
    assert accounts.user(token, NOW) is None and accounts.user(None, NOW) is None


def test_a_new_password_ends_the_account_s_sessions(accounts):
    cookie = accounts.sign_in("xem", PASSWORD, "10.5.0.1", NOW)
    accounts.set_password("xem", "mot-mat-khau-moi", "admin")
    assert accounts.user(cookie, NOW) is None


def test_passwords_are_never_kept_in_clear(guarded, accounts, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("mot-mat-khau-moi\n"))
    assert cli.main(["users", "passwd", "xem", "--password-stdin", "--db",
                     str(guarded.path)]) == 0
    accounts.sign_in("xem", "mot-mat-khau-moi", "10.6.0.1")
    with pytest.raises(access.AccessError):
        accounts.sign_in("xem", PASSWORD, "10.6.0.1")
    store = access.store_path(guarded.path)
    hashes = [row[1] for row in _rows(store, "accounts")]
    assert len(hashes) == 3 and all(h.startswith("$argon2id$") for h in hashes)
    for path in (store, store.with_name(store.name + "-wal"), guarded.path):
        stored = path.read_bytes() if path.exists() else b""
        assert b"mot-mat-khau-moi" not in stored and PASSWORD.encode() not in stored
    out = capsys.readouterr()
    assert "mot-mat-khau-moi" not in out.out + out.err
    assert "mot-mat-khau-moi" not in repr(accounts.audit())


def _rows(store, table: str) -> list[tuple]:
    with sqlite3.connect(store) as con:
        return con.execute(f"SELECT * FROM {table}").fetchall()


def test_an_idle_session_is_sent_to_sign_in_again(guarded, sign_in_as, monkeypatch):
    sign_in_as("xem")
    at = dashboard()
    assert at.title[0].value == "Tổng quan"
    monkeypatch.setattr(access, "IDLE", timedelta(seconds=-1))
    at.run()
    assert at.info[0].value == "Phiên làm việc đã hết hạn; hãy đăng nhập lại."
    assert not at.get("vega_lite_chart")


def test_text_that_looks_like_sql_is_data(guarded, accounts, tmp_path):
    with pytest.raises(access.AccessError) as refused:
        accounts.sign_in("x' OR '1'='1", "' OR '1'='1", "10.7.0.1")
    assert refused.value.message == "Wrong user name or password."
    with pytest.raises(access.AccessError) as refused:
        accounts.add("x'; DROP TABLE accounts; --", PASSWORD, "viewer", "test", set())
    assert refused.value.message == (
        "'{name}' is not a valid user name: letters, digits and . @ - _ only.")
    path = excel(tmp_path / "xa.xlsx", [["Mã xã", "Tên xã", "Loại"],
                                        ["13531", "Bồ Đề'); DROP TABLE units; --", "xã"]])
    ingest.commit(guarded, ingest.check(path, guarded.run("unit_history")), "test")
    units = guarded.run("units").set_index("code")
    assert units.loc["13531", "name"] == "Bồ Đề'); DROP TABLE units; --" and len(units) == 15
    assert len(accounts.accounts()) == 3


def test_every_change_is_in_an_audit_log(guarded, accounts):
    """Changes to the figures in the database's log; changes to accounts in the store's."""
    scores.save_weights(guarded, {**scores.weights(guarded), "progress": 10}, "chanh.vp")
    undo = ingest.undo(guarded, 6, "chanh.vp")
    accounts.remove("xem", "admin")
    log = audit_log(guarded)
    assert log[["actor", "action"]].values.tolist()[:2] == [
        ["chanh.vp", "undo"], ["chanh.vp", "weights"]]
    assert log["detail"].iloc[0] == f"#6: {undo[0]} removed, {undo[1]} put back"
    assert [row[1:3] for row in accounts.audit()] == [
        ("admin", "user_remove"), ("test", "user_add"), ("test", "user_add"),
        ("test", "user_add")]


def test_a_reporter_sends_its_own_commune_only(guarded, accounts, tmp_path):
    """Bồ Đề's reporter: a letters file with a row of An Ninh is refused, named, and writes
    nothing; its own rows go in, and the import log says who sent them."""
    accounts.add("bao.cao", PASSWORD, "reporter", "test", {"13531"}, "13531")
    header = ["Mã xã", "Tên xã", "Tháng", "Đăng ký khai sinh", "Thư chúc mừng khai sinh",
              "Đăng ký kết hôn", "Thư chúc mừng kết hôn", "Đăng ký khai tử", "Thư chia buồn"]
    own = ["13531", "Bồ Đề", "07/2024", 20, 20, 4, 4, 3, 3]
    file = excel(tmp_path / "thu.xlsx", [header, own, ["13528", "An Ninh", "07/2024",
                                                        10, 9, 2, 2, 1, 1]])
    mine = set(db.Database(guarded.path, scope="13531").run("unit_history")["code"])
    checked = ingest.check(file, guarded.run("unit_history"), only=mine)
    assert not checked.ok
    assert checked.messages("vi") == [
        "Tệp thu.xlsx, trang «Báo cáo», dòng 3: có 1 dòng của xã An Ninh (mã 13528), từ dòng "
        "này; tài khoản báo "
        "cáo chỉ gửi được số liệu của xã mình. Không có dòng nào được ghi."]
    excel(file, [header, own])
    outcome = ingest.commit(guarded, ingest.check(file, guarded.run("unit_history"),
                                                  only=mine), "bao.cao")
    assert outcome.added == 1
    assert import_views.history(guarded, "vi", by="bao.cao")["Người nhập"].tolist() == ["bao.cao"]


def test_a_reporter_must_name_its_commune(accounts):
    with pytest.raises(access.AccessError) as refused:
        accounts.add("bao.cao", PASSWORD, "reporter", "test", {"13531"})
    assert refused.value.message == (
        "Only a viewer or a reporter can be limited to a commune; a reporter must be (--commune), "
        "and the code '{code}' must be a commune's.")


def test_a_backup_made_while_in_use_restores_both_stores(guarded, accounts, tmp_path, capsys):
    assert cli.main(["backup", str(tmp_path / "sao-luu"), "--db", str(guarded.path)]) == 0
    folder = next((tmp_path / "sao-luu").iterdir())
    before = db.checksums(guarded.path)
    scores.save_weights(guarded, {**scores.weights(guarded), "progress": 0}, "test")
    accounts.remove("xem", "test")
    assert db.checksums(guarded.path) != before
    reader = db.Database(guarded.path)  # a dashboard reading along
    reader.run("units")
    assert cli.main(["restore", str(folder), "--db", str(guarded.path)]) == 0
    assert db.checksums(guarded.path) == before
    assert "bảng khớp tổng kiểm" in capsys.readouterr().out
    assert [a[0] for a in accounts.accounts()] == ["admin", "bo.de", "xem"]
    assert accounts.sign_in("xem", PASSWORD, "10.8.0.1")
    assert (folder / "imports").exists() or not ingest.archive_folder(guarded).exists()


def test_a_damaged_backup_is_refused(guarded, accounts, tmp_path):
    folder = backup.backup(guarded, tmp_path)
    copy = access.Accounts(folder / access.store_path(guarded.path).name)
    copy.remove("xem", "someone")
    with pytest.raises(backup.BackupError) as refused:
        backup.restore(guarded, folder)
    assert refused.value.message == (
        "The backup in {folder} does not match its checksums: the file is damaged or changed; "
        "nothing was restored.")
    assert len(accounts.accounts()) == 3


def test_an_older_file_hands_its_accounts_to_the_store(tmp_path):
    """A database from before migration 009 kept its accounts in a users table: opening it
    moves them, with their password hashes, to the store, and drops the table."""
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    db.migrate(con, upto=8)
    insert(con, "users", [{"username": "cu", "password_hash": access.HASHER.hash(PASSWORD),
                           "role": "editor", "unit_code": None}])
    con.close()
    database = db.Database(path)
    with database.cursor() as cur:
        assert not cur.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'users'").fetchone()[0]
    database.close()
    moved = access.Accounts(access.store_path(path))
    assert [a[:3] for a in moved.accounts()] == [("cu", "editor", None)]
    assert moved.user(moved.sign_in("cu", PASSWORD, "10.9.0.1")).role == "editor"
