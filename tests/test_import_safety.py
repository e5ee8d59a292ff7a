"""Imports that lose nothing: an import process killed at any moment leaves the database with
all of the file or none of it, and an import run while the dashboard serves pages succeeds
while every reader sees the old data or the new, never an error or half an import."""

import random
import signal
import subprocess
import sys
import threading
import time

import pytest

from grassroots import db, demo
from tests.browser import IDLE, chromium, serving
from tests.conftest import demo_copy

RECORDS = 60_000
LOGS = ("import_log", "audit_log", "settings")  # when and by whom: differ between two imports


@pytest.fixture(scope="module")
def records_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("safety") / "mot-cua.csv"
    demo.dossier_records(RECORDS, seed=7).to_csv(path, index=False)
    return path


def _import(database, path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "grassroots", "import", str(path), "--db", str(database)],
        cwd=db.ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _stored(database) -> int:
    opened = db.Database(database)
    with opened.cursor() as cur:
        count = cur.execute("SELECT count(*) FROM dossier_records").fetchone()[0]
    opened.close()
    return count


def test_an_import_killed_at_any_moment_leaves_all_of_the_file_or_none(
        demo_db, records_file, tmp_path):
    database = demo_copy(demo_db, tmp_path)
    original = db.checksums(database)
    started = time.monotonic()
    assert _import(database, records_file).wait(timeout=300) == 0
    duration = time.monotonic() - started
    complete = db.checksums(database)
    assert _stored(database) == RECORDS

    outcomes = []
    for moment in random.Random(5).sample(range(1000), 10):
        demo_copy(demo_db, tmp_path)  # afresh, over the last
        process = _import(database, records_file)
        time.sleep(duration * moment / 1000)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        stored = _stored(database)  # the file opens, whatever the moment
        assert stored in (0, RECORDS)
        sums = db.checksums(database)
        if stored:
            assert {t: sums[t] for t in sums if t not in LOGS} == {
                t: complete[t] for t in complete if t not in LOGS}
        else:
            assert sums == original
        outcomes.append(stored)
    assert _import(database, records_file).wait(timeout=300) == 0  # nothing left in the way
    assert 0 in outcomes  # some kills did land before the import finished


def test_an_import_while_the_dashboard_serves_pages(demo_db, records_file, tmp_path):
    from playwright.sync_api import sync_playwright

    database = demo_copy(demo_db, tmp_path)
    seen, errors, stop = set(), [], threading.Event()

    def read() -> None:  # another reader process's view: old or new, never half
        reader = db.Database(database)
        while not stop.is_set():
            try:
                with reader.cursor() as cur:
                    seen.add(cur.execute(
                        "SELECT (SELECT count(*) FROM dossier_records), "
                        "(SELECT count(*) FROM import_log)").fetchone())
            except Exception as error:  # noqa: BLE001 - any error is the failure
                errors.append(error)
        reader.close()

    with serving(database) as (url, _), sync_playwright() as playwright:
        browser = chromium(playwright)
        page = browser.new_page()
        page.goto(f"{url}/dossiers?ky=2025-06")
        page.wait_for_selector(IDLE, timeout=60_000)
        reader = threading.Thread(target=read)
        reader.start()
        process = _import(database, records_file)
        reloads = 0
        while process.poll() is None:
            page.reload()
            page.wait_for_selector(IDLE, timeout=60_000)
            assert page.locator('[data-testid="stException"]').count() == 0
            reloads += 1
        stop.set()
        reader.join()
        assert process.returncode == 0, process.stderr.read().decode()
        page.goto(f"{url}/du-lieu")
        page.wait_for_selector(IDLE, timeout=60_000)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert "mot-cua.csv" in page.inner_text("body")
        browser.close()
    assert errors == []
    assert seen <= {(0, 6), (RECORDS, 7)} and (RECORDS, 7) in seen
    assert reloads >= 1
