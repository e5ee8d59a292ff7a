"""Page benchmark at three scales (bench/scale.py makes the databases).

For each page:
- **run 1st** and **warm**: its server-side script run under AppTest, first in a fresh process
  (after one run of the Overview, which registers the pages) and warm (median of the next
  three), with the process's peak memory and the largest chart spec sent to the browser;
- **served 1st** and **warm**: the page from a running dashboard (`streamlit run server.py`),
  from a request to its run's last message, as a browser waits for it. Each page has a process
  of its own that has first served every page once at another period (its modules loaded, its
  maps read) and prepared the first views of the data (grassroots/prepared.py), then shows the
  page at the meeting's quarter: its first view; then warm, the median of nine reruns;
- **2024-Q3 1st**: then the page's first view at a quarter nothing has made figures or charts
  for (not one of those prepared).

In the same run and the same harnesses: the naive baseline, bench/naive_page.py, the Overview as
a tutorial dashboard writes it (pandas reads the source tables and groups them on every rerun,
and Altair draws a chart per headline rate); and the floor, bench/empty_page.py, a page of the
dashboard with nothing on it. Then 50,000,000 raw dossier records aggregated by month from
Parquet, when bench/scale.py made them.

    .venv/bin/python bench/scale.py district /tmp/bench
    .venv/bin/python bench/scale.py province /tmp/bench
    .venv/bin/python bench/scale.py national /tmp/bench --records 50000000
    .venv/bin/python bench/pages.py /tmp/bench             # or: /tmp/bench province

Targets (issue 18): at province, every first view served (of any period) in ≤ 150 ms, ≥ 10×
faster than the naive baseline's, and within 2× of the empty page; nationally, ≤ 0.5 s.
"""

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import load  # noqa: E402
from grassroots import db  # noqa: E402
from tests.browser import serving  # noqa: E402

PAGES = {
    "overview": "app_pages/overview.py", "dossiers": "app_pages/dossiers.py",
    "letters": "app_pages/letters.py", "engagement": "app_pages/engagement.py",
    "cadres": "app_pages/cadres.py", "satisfaction": "app_pages/satisfaction.py",
    "profile": "app_pages/profile.py", "map": "app_pages/map.py",
    "compare": "app_pages/compare.py", "score": "app_pages/score.py",
    "briefing": "app_pages/briefing.py", "data": "app_pages/data.py",
}
URLS = dict(zip(PAGES, load.PAGES, strict=True))  # both in the sidebar's order
PERIOD = "2025-Q4"  # the meeting's quarter: its first views are prepared
OTHER = "2024-Q3"  # a quarter whose first views nothing makes before a reader asks
# One page in a fresh process: its first run, then three more; prints JSON. A page can only be
# switched to once the app has run (and registered its pages): the Overview runs first, and is
# itself timed from that first run, as is a script without pages (page "-"). A server compiles
# each script once; AppTest compiles them again on every run, unless given one cache.
CHILD = """
import json, re, statistics, sys, time
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, app_test, local_script_runner
cache = ScriptCache()
app_test.ScriptCache = local_script_runner.ScriptCache = lambda: cache
at = AppTest.from_file(sys.argv[1], default_timeout=300)
at.query_params["ky"] = sys.argv[3]
runs = []
started = time.perf_counter()
at.run()
if sys.argv[2] in ("-", "app_pages/overview.py"):
    runs.append(time.perf_counter() - started)
else:
    at.switch_page(sys.argv[2])
for _ in range(4 - len(runs)):
    started = time.perf_counter()
    at.run()
    runs.append(time.perf_counter() - started)
    assert not at.exception, at.exception
charts = at.get("vega_lite_chart")
spec = max((len(c.proto.spec) + sum(len(d.data.data) for d in c.proto.datasets)
            for c in charts), default=0)
peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1))
print(json.dumps({"first": runs[0], "warm": statistics.median(runs[1:]), "peak": peak,
                  "spec": spec}))
"""
AGGREGATE = """
SELECT unit_code, date_trunc('month', received_on) AS month, count(*) AS received,
       count(*) FILTER (returned_on < due_on) AS early,
       count(*) FILTER (returned_on = due_on) AS on_time,
       count(*) FILTER (returned_on > due_on) AS late,
       count(*) FILTER (returned_on IS NULL) AS pending,
       count(*) FILTER (channel = 'online_full') AS online_full,
       count(*) FILTER (paid_online) AS paid_online
FROM read_parquet(?) GROUP BY ALL
"""


def page(path: Path, name: str, script: Path = db.ROOT / "dashboard.py") -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(script), PAGES.get(name, "-"), PERIOD],
        env={**os.environ, "DASHBOARD_DB": str(path)}, cwd=db.ROOT, capture_output=True,
        text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


async def views(url: str, page: str, before: list[str], log=None,
                runs: int = 9) -> tuple[float, float, float | None]:
    """A page's first view and its warm time on a served dashboard, as a browser waits for them,
    from the request to the run's last message. First, one session opens each page of `before`
    at load.WARM_PERIOD, as a server that has been up a while has served (its modules loaded,
    its maps read); with the server's `log` (our dashboard), the server has also logged that
    it prepared the first views of the data (grassroots/prepared.py), as after the nightly
    import. Then a new session, as a reader following a link, opens the page at PERIOD, the
    meeting's quarter (a session reads the period from the URL on its first run only): the
    first view; then the median of `runs` reruns. With `log`, a last session opens the page at
    OTHER, a period nothing has made figures or charts for. Like a reader, it pauses between
    reruns: a client that asks again the moment a run ends makes Linux delay its
    acknowledgements, and then, as Streamlit leaves Nagle's algorithm on, each run's last
    messages wait up to 40 ms for them (every page took 48 ms).
    Returns: the first view, the warm time, the first view at OTHER (None without `log`)."""
    earlier = load.Session(url, 300)
    await earlier.open()
    for other in before:
        await earlier.run(other, urlencode({"ky": load.WARM_PERIOD}), {})
    await earlier.close()
    if log is not None:
        load.prepared_lines(log, 1)
    times = await runs_of(url, page, PERIOD, runs + 1)
    other = (await runs_of(url, page, OTHER, 1))[0] if log is not None else None
    return times[0], statistics.median(times[1:]), other


async def runs_of(url: str, page: str, period: str, count: int) -> list[float]:
    """The times of `count` runs of a page by a new session that opens it at `period`."""
    session = load.Session(url, 300)
    await session.open()
    query, times = urlencode({"ky": period}), []
    for _ in range(count):
        await asyncio.sleep(0.2)
        run = await session.run(page, query, {})
        if run.errors:
            raise RuntimeError(f"{run.page}: {run.errors} {run.messages}")
        query = session.query
        times.append(run.seconds)
    await session.close()
    return times


def served(path: Path, page: str, script: Path = db.ROOT / "server.py",
           before: tuple[str, ...] = tuple(URLS.values())) -> tuple[float, float, float | None]:
    """A page's first view, warm time and first view at OTHER (views) in a dashboard process
    of its own."""
    with tempfile.TemporaryFile() as log, serving(path, script=script, log=log) as (url, _):
        return asyncio.run(views(url, page, list(before),
                                 log if script.name == "server.py" else None))


def main() -> None:
    folder = Path(sys.argv[1])
    print(f"period {PERIOD}; {os.cpu_count()} cores; times in seconds, memory in MB")
    for scale in sys.argv[2:] or ("district", "province", "national"):
        path = folder / f"{scale}.duckdb"
        naive = Path(__file__).with_name("naive_page.py")
        empty = Path(__file__).with_name("empty_page.py")
        baseline = page(path, "naive", naive)
        naive_first, naive_warm, _ = served(path, "", naive, before=("",))
        floor_first, floor_warm, _ = served(path, "", empty, before=("",))
        print(f"\n{scale}: {path.stat().st_size / 1e6:.0f} MB")
        print(f"  {'page':13} {'run 1st':>7} {'warm':>7} {'served 1st':>10} {'warm':>7} "
              f"{OTHER + ' 1st':>12} {'peak MB':>8} {'spec KB':>8}")
        print(f"  {'naive':13} {baseline['first']:7.3f} {baseline['warm']:7.3f} "
              f"{naive_first:10.3f} {naive_warm:7.3f}")
        print(f"  {'empty page':13} {'':7} {'':7} {floor_first:10.3f} {floor_warm:7.3f}")
        firsts, others = {}, {}
        for name in PAGES:
            found = page(path, name)
            firsts[name], warm, others[name] = served(path, URLS[name])
            print(f"  {name:13} {found['first']:7.3f} {found['warm']:7.3f} "
                  f"{firsts[name]:10.3f} {warm:7.3f} {others[name]:12.3f} "
                  f"{found['peak'] / 1024:8.0f} {found['spec'] / 1000:8.0f}")
        for label, times in ((PERIOD, firsts), (OTHER, others)):
            print(f"  first views served at {label}: slowest {max(times.values()):.3f} s; "
                  f"naive / our Overview {naive_first / times['overview']:.1f}×; our slowest / "
                  f"the empty page's {max(times.values()) / floor_first:.1f}×")
    records = folder / "dossier_records.parquet"
    if records.exists():
        con = duckdb.connect()
        count = con.execute("SELECT count(*) FROM read_parquet(?)", [str(records)]).fetchone()[0]
        times = []
        for _ in range(3):
            started = time.perf_counter()
            rows = len(con.execute(AGGREGATE, [str(records)]).fetchall())
            times.append(time.perf_counter() - started)
        print(f"\n{count:,} dossier records (Parquet) aggregated to {rows:,} commune-months: "
              f"median {statistics.median(times):.2f} s of 3")


if __name__ == "__main__":
    main()
