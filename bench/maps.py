"""Map benchmark: the map spec Streamlit sends to the browser and the time Chromium takes to
draw it, for every commune of Vietnam (3,321, simplified layer) and one province at full detail
(Ninh Bình, 129), with the 15-commune demo district measured in the same run as the baseline.

Run from the project root: .venv/bin/python bench/maps.py
Needs ../shared/geo/ and Debian's Chromium (make test installs it).
"""

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grassroots import db, demo, geo, maps  # noqa: E402
from tests.browser import IDLE, chromium, serving  # noqa: E402

SHARED = db.ROOT.parent / "shared" / "geo"
URL = "ban-do?ky=2025-06&chitieu=satisfaction_rate"


def layer_database(folder: Path, source: Path, parent: str) -> Path:
    """A database of a real layer's communes, with a month of satisfaction figures."""
    path = folder / f"{source.stem}.duckdb"
    database = db.Database(path)
    frame = geo.read(source)
    communes = pd.DataFrame({"code": frame["code"], "name": frame["name"],
                             "kind": frame["full_name"].str.split().str[0].str.lower()})
    rng = np.random.default_rng(1)
    surveys = rng.integers(20, 60, len(communes))
    satisfied = rng.binomial(surveys, rng.uniform(0.75, 0.99, len(communes)))
    with database.write() as con:
        con.execute("INSERT INTO units (code, name, kind) SELECT * FROM communes")
        con.executemany("INSERT INTO satisfaction (unit_code, month, surveys, satisfied) "
                        "VALUES (?, ?, ?, ?)", [
                            [code, date(2025, 6, 1), int(s), int(k)]
                            for code, s, k in zip(communes["code"], surveys, satisfied)])
        con.executemany("INSERT INTO settings VALUES (?, ?)",
                        [["parent_name", parent], ["parent_level", "province"]])
    geo.store(database, geo.match(frame, communes), source, "bench")
    database.close()
    return path


def spec_bytes(path: Path) -> tuple[int, float]:
    """What the map page sends for its map (spec plus Arrow datasets), and the script's run
    time on the server (second run, caches warm)."""
    from streamlit.testing.v1 import AppTest

    os.environ["DASHBOARD_DB"] = str(path)
    app = AppTest.from_file(str(db.ROOT / "dashboard.py"), default_timeout=300)
    app.query_params.update({"ky": "2025-06", "chitieu": "satisfaction_rate"})
    app.run()
    app.switch_page("app_pages/map.py").run()
    started = time.perf_counter()
    app.run()
    run = time.perf_counter() - started
    chart = app.get("vega_lite_chart")[0]
    return len(chart.proto.spec) + sum(len(d.data.data) for d in chart.proto.datasets), run


def draw_seconds(path: Path) -> float:
    """From opening the map page to every commune's shape in Chromium's SVG (median of 3)."""
    database = db.Database(path)
    shapes = len(maps.layer(database).features)  # communes too small to show are left out
    database.close()
    from playwright.sync_api import sync_playwright

    served = path.with_name(f"served-{path.name}")  # this process holds `path` open
    served.write_bytes(path.read_bytes())
    times = []
    with serving(served) as (url, _), sync_playwright() as playwright:
        browser = chromium(playwright)
        for _ in range(3):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            started = time.perf_counter()
            page.goto(f"{url}/{URL}")
            page.wait_for_function(
                "n => document.querySelectorAll("
                "'[data-testid=\"stVegaLiteChart\"] .mark-shape path').length >= n",
                arg=shapes, timeout=120_000, polling=20)
            times.append(time.perf_counter() - started)
            page.wait_for_selector(IDLE)
            page.close()
        browser.close()
    return float(np.median(times))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        district = folder / "district.duckdb"
        demo.build(district)
        layers = {
            "district (demo, 15)": district,
            "province (Ninh Bình, 129)": layer_database(
                folder, SHARED / "ninh_binh_communes.geojson", "Ninh Bình"),
            "national (3,321)": layer_database(
                folder, SHARED / "vietnam_communes_simplified.geojson", "Việt Nam"),
        }
        print(f"{'layer':28} {'spec KB':>8} {'script s':>9} {'drawn s':>8} {'ratio':>6}")
        baseline = None
        for name, path in layers.items():
            size, run = spec_bytes(path)
            drawn = draw_seconds(path)
            baseline = baseline or drawn
            print(f"{name:28} {size / 1000:8.0f} {run:9.2f} {drawn:8.2f} {drawn / baseline:5.1f}x")
        print("targets: national spec <= 2000 KB, drawn <= 3 s; province spec <= 600 KB")
        print("spec: the map's Vega-Lite spec and its Arrow datasets as Streamlit sends them;")
        print("script: the map page's run on the server, caches warm;")
        print("drawn: from opening the page to every shape in Chromium's SVG (median of 3),")
        print("page load and script run included; ratio: to the district map in this run.")


if __name__ == "__main__":
    main()
