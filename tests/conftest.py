"""Fixtures: the demo database built once per run, copies of it with what a test declares
added (`demo_copy`, as datasette's make_app_client, and its named variants below), and a small
database of hand-made figures whose indicator values the tests compute by hand. Rows go in by
column name (`insert`). The run writes nothing inside the checkout but under build/: the suite
fails if it did."""

import os
import shutil
import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from grassroots import __main__ as cli
from grassroots import access, db, demo, ingest
from tests.browser import chromium

UNWATCHED = {".git", ".venv", "build"}  # what a run may write to, besides the temporary folder
CHECKOUT = pytest.StashKey[dict]()  # the checkout's files when the run began


def checkout_files() -> dict[str, tuple[int, int]]:
    """Every file of the checkout, ignored ones included, with its size and modification time
    (but under UNWATCHED)."""
    found = {}
    for folder, subfolders, files in os.walk(db.ROOT):
        if folder == str(db.ROOT):
            subfolders[:] = [f for f in subfolders if f not in UNWATCHED]
        for name in files:
            path = Path(folder, name)
            stat = path.lstat()
            found[str(path.relative_to(db.ROOT))] = (stat.st_size, stat.st_mtime_ns)
    return found


def pytest_configure(config) -> None:
    """A dashboard started without a database named gets one in a temporary folder, never the
    default path. (Bytecode goes under build/: the Makefile sets that up in the environment.)"""
    os.environ["DASHBOARD_DB"] = str(Path(tempfile.mkdtemp(prefix="unnamed-")) / "db.duckdb")
    config.stash[CHECKOUT] = checkout_files()


def pytest_sessionfinish(session) -> None:
    """Fail the run when it wrote inside the checkout: a file new, changed or gone."""
    before, after = session.config.stash[CHECKOUT], checkout_files()
    touched = sorted(name for name in before.keys() | after.keys()
                     if before.get(name) != after.get(name))
    if touched:
        session.config.get_terminal_writer().line(
            "The run wrote inside the checkout (only build/ is allowed): " + ", ".join(touched),
            red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


PASSWORD = "mat-khau-rat-dai"


def add_account(path: Path, name: str, role: str, unit_code: str | None = None) -> None:
    """An account (password PASSWORD) in the store beside the database at `path`."""
    database = db.Database(path)
    access.of(path).add(name, PASSWORD, role, "test", set(database.run("units")["code"]),
                        unit_code)
    database.close()


def import_files(path: Path, files: Iterable[Path]) -> None:
    """Import `files` into the database at `path`, in order, as the user "test"; each must pass
    its checks."""
    database = db.Database(path)
    for file in files:
        checked = ingest.check(file, database.run("unit_history"))
        assert checked.ok, checked.messages("en")
        ingest.commit(database, checked, "test")
    database.close()


def demo_copy(source: Path, folder: Path, *, imports: Iterable[Path] = (),
              accounts: Iterable[tuple[str, ...]] = ()) -> Path:
    """A copy of a database built for the run (demo_db, province_db, history_db) in `folder`,
    under the same name, with the files of `imports` imported and then the `accounts` added:
    (name, role) or (name, role, commune), each with the password PASSWORD. Its path."""
    path = folder / source.name
    shutil.copyfile(source, path)
    import_files(path, imports)
    for account in accounts:
        add_account(path, *account)
    return path


def insert(con, table: str, rows: Iterable[dict]) -> None:
    """Rows into `table` by column name; a column a row leaves out takes its default."""
    for row in rows:
        con.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES "
                    f"({', '.join('?' * len(row))})", list(row.values()))


def dashboard(query: dict | None = None) -> AppTest:
    """The dashboard in Streamlit's AppTest on the database DASHBOARD_DB names, at the address
    `query`."""
    at = AppTest.from_file(str(db.ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update(query or {})
    return at.run()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """Bình Lục district's demo (init-demo --district), built once per run: copy it to write."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    demo.build(path)
    return path


@pytest.fixture(scope="module")
def district(demo_db) -> db.Database:
    """The demo district, to read."""
    database = db.Database(demo_db)
    yield database
    database.close()


@pytest.fixture
def app(demo_db, tmp_path, monkeypatch):
    """Start the dashboard in Streamlit's AppTest on a copy of the demo, with a query."""
    monkeypatch.setenv("DASHBOARD_DB", str(demo_copy(demo_db, tmp_path)))
    return dashboard


@pytest.fixture(scope="session")
def province_db(tmp_path_factory) -> Path:
    """The demo `make run` shows: Ninh Bình province today and its history (init-demo)."""
    path = tmp_path_factory.mktemp("province") / "ninh-binh.duckdb"
    demo.build_province(path)
    return path


@pytest.fixture(scope="session")
def history_db(tmp_path_factory) -> Path:
    """Bình Lục district as it was and what it became (init --former-district): the demo's
    figures of its 15 communes up to 06/2025, 5,000 one-stop dossiers, letters of today's Bình
    Giang in 08/2025: a row for every query."""
    folder = tmp_path_factory.mktemp("history")
    path = folder / "history.duckdb"
    assert cli.main(["init", "--former-district", "Bình Lục", "--province", "Hà Nam", "--db",
                     str(path)]) == 0
    demo.dossier_records(5000).to_csv(folder / "records.csv", index=False)
    (folder / "today.csv").write_text(
        "Mã xã,Tên xã,Tháng,Đăng ký khai sinh,Thư chúc mừng khai sinh,Đăng ký kết hôn,"
        "Thư chúc mừng kết hôn,Đăng ký khai tử,Thư chia buồn\n"
        "13531,Bình Giang,08/2025,30,27,6,6,4,4\n", encoding="utf-8")
    import_files(path, [*(demo.FOLDER / f"{name}.csv" for name in (
        "dossiers", "letters", "engagements", "cadres", "satisfaction")),
        folder / "records.csv", folder / "today.csv"])
    return path


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright, for a module's browser tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = chromium(playwright)
        yield browser
        browser.close()


def audit_log(database: db.Database) -> pd.DataFrame:
    """The database's audit log, newest first: id, done_at, actor, action, detail."""
    with database.cursor() as cur:
        return cur.execute("SELECT id, done_at, actor, action, detail FROM audit_log "
                           "ORDER BY id DESC").df()


@pytest.fixture
def sign_in_as(monkeypatch):
    """Sign in to the database DASHBOARD_DB names, for AppTest: it has no browser to carry the
    cookie, so st.context hands the script the cookie a real sign-in gave, as a browser's
    websocket would. Call it again for another account."""
    from streamlit.runtime.context import ContextProxy

    def signed(name: str) -> str:
        cookie = access.of(db.default_path()).sign_in(name, PASSWORD, "127.0.0.1")
        monkeypatch.setattr(ContextProxy, "cookies",
                            property(lambda self: {access.COOKIE: cookie}))
        return cookie
    return signed


def resolved(unit_code: str, month, early: int, on_time: int, late: int) -> dict:
    """A dossier_stats row: a month whose dossiers received were all resolved, early, on time
    or late; nothing carried over or pending, and none online, paid for or digitised (real
    zeros, not missing)."""
    zeros = ("carried_over", "pending_in_time", "pending_overdue", "online_full",
             "online_partial", "with_fee", "paid_online", "digitised")
    return {"unit_code": unit_code, "month": month, "received": early + on_time + late,
            "resolved_early": early, "resolved_on_time": on_time, "resolved_late": late,
            **dict.fromkeys(zeros, 0)}


def _months(*pairs):
    return [date(year, month, 1) for year, month in pairs]


@pytest.fixture
def small_db(tmp_path) -> db.Database:
    """Three communes, first half of 2025.

    Dossiers (early, on time, late): Một reports Jan (10, 5, 5), Feb (0, 0, 0), Mar (90, 0, 0),
    Apr (50, 50, 0); Hai reports Jan (20, 20, 0) and Feb (38, 0, 2) and not March; Ba never
    reports dossiers. Cadres: Một 8 of 10 with a degree at 31/12/2024, 9 of 10 at 30/06/2025.
    """
    database = db.Database(tmp_path / "small.duckdb")
    with database.write() as con:
        _small(con)
    yield database
    database.close()


def _small(con) -> None:
    insert(con, "units", [
        {"code": "10001", "name": "Một", "kind": "xã", "population": 5000, "households": 1200,
         "area_km2": 10.0, "villages": 5},
        {"code": "10002", "name": "Hai", "kind": "phường", "population": 8000,
         "households": 2000, "area_km2": 5.0, "villages": 8},
        {"code": "10003", "name": "Đồng Ba", "kind": "xã", "population": 3000, "households": 800,
         "area_km2": 12.0, "villages": 4}])
    insert(con, "dossier_stats", [
        resolved("10001", month, *counts) for month, counts in zip(
            _months((2025, 1), (2025, 2), (2025, 3), (2025, 4)),
            [(10, 5, 5), (0, 0, 0), (90, 0, 0), (50, 50, 0)])
    ] + [
        resolved("10002", month, *counts) for month, counts in zip(
            _months((2025, 1), (2025, 2)), [(20, 20, 0), (38, 0, 2)])
    ])
    insert(con, "cadre_snapshots", [
        {"unit_code": "10001", "taken_on": "2024-12-31", "total": 10, "postgraduate": 0,
         "university": 8, "college": 1, "intermediate": 1, "other_education": 0,
         "theory_advanced": 1, "theory_intermediate": 5, "theory_elementary": 4},
        {"unit_code": "10001", "taken_on": "2025-06-30", "total": 10, "postgraduate": 1,
         "university": 8, "college": 1, "intermediate": 0, "other_education": 0,
         "theory_advanced": 1, "theory_intermediate": 6, "theory_elementary": 3}])
