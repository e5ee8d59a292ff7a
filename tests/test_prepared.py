"""The views a meeting opens first are made before anyone asks (grassroots/prepared.py): every
page opens on them without making a chart, and a running server makes them again as soon as
an import changes the data."""

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from bench import load
from bench.imports import small_file
from grassroots import charts, db, figures, panels, prepared, scores
from tests.browser import serving
from tests.conftest import dashboard, demo_copy
from tests.test_app import specs

MAKERS = [(charts, name) for name in ("ranking", "choropleth", "trend", "scorecard", "compliance",
                                      "profile", "compare_bars", "score_profile", "rank_changes")]
MAKERS += [(scores, "attention"), (figures, "completeness"), (panels, "change_markdown")]
PAGES = {  # each page's first chart's title, at the meeting's quarter
    "overview": "Bảng điểm các xã theo chỉ tiêu — Quý II/2025",
    "dossiers": "Tỷ lệ hồ sơ giải quyết đúng hạn — Quý II/2025",
    "letters": "Tỷ lệ gửi thư chúc mừng, chia buồn — Quý II/2025",
    "engagement": "Số ngày Bí thư tiếp công dân mỗi tháng — Quý II/2025",
    "cadres": "Tỷ lệ cán bộ, công chức có trình độ đại học trở lên — Quý II/2025",
    "satisfaction": "Tỷ lệ người dân hài lòng — Quý II/2025",
    "profile": "Xã An Đổ — Quý II/2025",
    "map": "Tỷ lệ hồ sơ giải quyết đúng hạn — Quý II/2025",
    "compare": "Các chỉ số của các xã được chọn — Quý II/2025",
    "score": "Điểm tổng hợp — Quý II/2025",
}


def test_a_meeting_opens_on_periods_most_likely_first(demo_db):
    codes = [p.code for p in prepared.first_periods(db.Database(demo_db))]
    assert codes == ["2025-Q2", "2025-Q1", "2025-06", "2025"]


@pytest.fixture(scope="module")
def prepared_demo(demo_db, tmp_path_factory) -> Path:
    """A copy of the demo whose first views were prepared, all of them."""
    copy = demo_copy(demo_db, tmp_path_factory.mktemp("prepared"))
    database = db.shared(copy)  # the dashboard's, as the server's thread has it
    assert prepared.prepare(database) == every_view(database)
    return copy


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_on_views_made_before_it_was_asked(prepared_demo, monkeypatch, page):
    def made_again(*args, **kwargs):
        raise AssertionError("a view the page opens on was not prepared")

    for module, name in MAKERS:
        monkeypatch.setattr(module, name, made_again)
    monkeypatch.setenv("DASHBOARD_DB", str(prepared_demo))
    at = dashboard()
    if page != "overview":
        at = at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    assert specs(at)[0]["title"]["text"] == PAGES[page]


def test_a_server_prepares_its_first_views_at_start_and_after_each_import(demo_db, tmp_path):
    copy = demo_copy(demo_db, tmp_path)
    expected = every_view(db.Database(copy))
    made = f"Prepared {expected} views of demo.duckdb in "
    with tempfile.TemporaryFile() as log, serving(copy, log=log):
        assert load.prepared_lines(log, 1, timeout=90)[0].startswith(made)
        imported = subprocess.run(
            [sys.executable, "-m", "grassroots", "import", str(small_file(tmp_path)), "--db",
             str(copy)], cwd=db.ROOT, capture_output=True, text=True)
        assert imported.returncode == 0, imported.stdout + imported.stderr
        assert load.prepared_lines(log, 2, timeout=90)[1].startswith(made)
        log.seek(0)
        assert b"Traceback" not in log.read()


def every_view(database: db.Database) -> int:
    """How many views prepared.prepare makes of the database within an unlimited budget."""
    lens = database.looking_at(database.today())
    return sum(len(list(prepared.views(lens, period, "vi")))
               for period in prepared.first_periods(database))


def test_preparing_stops_at_its_budget(demo_db, monkeypatch):
    monkeypatch.setattr(prepared, "BUDGET", 0)
    assert prepared.prepare(db.Database(demo_db)) == 1
