"""Briefing benchmark: one chart as PNG (the ranking of the demo district, 1920×1080) and the
full briefing pack (every section with maps: 11 charts, PowerPoint and PDF), on the demo
database. The baseline, in the same run, is vl-convert drawing a one-bar chart: the fixed cost
of any PNG.

Run from the project root: .venv/bin/python bench/briefing.py
Targets (issue 6): one chart PNG ≤ 1.5 s, the full pack ≤ 20 s.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

import vl_convert

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grassroots import briefing, db, demo, figures, images, periods  # noqa: E402
from tests.test_briefing import ranking_chart  # noqa: E402

ONE_BAR = {"data": {"values": [{"a": 1}]}, "mark": "bar", "encoding": {"x": {"field": "a"}}}


def timed(work, runs: int = 5) -> tuple[float, float]:
    """The first run (cold) and the median of the others (warm), in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times[0], statistics.median(times[1:])


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.duckdb"
        demo.build(path)
        database = db.Database(path)
        period = periods.parse("2025-Q2")
        chart = ranking_chart(database)
        figures.commune_values(database, period)  # the figures, cached as on a live server
        rows = [
            ("baseline: vl-convert, one bar", timed(lambda: vl_convert.vegalite_to_png(ONE_BAR))),
            ("one chart PNG (ranking, 1920×1080)", timed(lambda: images.png(chart, "vi"))),
        ]

        def pack() -> None:
            deck = briefing.build(database, period)
            briefing.to_pptx(deck)
            briefing.to_pdf(deck)

        rows.append(("full pack: 13 slides, PPTX + PDF", timed(pack, runs=3)))
        for name, (cold, warm) in rows:
            print(f"{name:38s} cold {cold:5.2f} s   warm {warm:5.2f} s")
        baseline, png, whole = (warm for _, (_, warm) in rows)
        print(f"PNG / baseline: {png / baseline:.1f}×")
        print(f"targets: PNG ≤ 1.5 s {'met' if png <= 1.5 else 'MISSED'}, "
              f"pack ≤ 20 s {'met' if whole <= 20 else 'MISSED'}")


if __name__ == "__main__":
    main()
