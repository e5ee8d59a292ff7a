"""Load test (issue 8): N concurrent sessions speaking Streamlit's own websocket protocol to a real
`streamlit run dashboard.py`, each opening pages and changing filters for a while.

    .venv/bin/python bench/load.py --start /tmp/scale/province.duckdb --sessions 30 --duration 60
    .venv/bin/python bench/load.py --url ws://127.0.0.1:8501 --pid 1234      # a running server
    .venv/bin/python bench/load.py --start /tmp/load/demo.duckdb --check     # one of each page

The protocol, as the browser speaks it (streamlit/web/server/starlette/starlette_websocket.py,
runtime/app_session.py): a websocket to /_stcore/stream with the subprotocol "streamlit" (the
header's 2nd and 3rd entries would carry an XSRF token and a session id to resume; the XSRF
token only guards the auth cookie, so none is sent). Binary frames only: the client sends
`BackMsg` protobufs, the server answers with `ForwardMsg`s. Nothing runs until the client sends
a `BackMsg.rerun_script`, a `ClientState` with the URL's `query_string`, the `page_name` (the
st.navigation url path: "" is the default page, "dossiers", "ho-so-xa", …) and
`widget_states`. The run then streams `new_session` (its run id), `delta`s (the elements: sidebar
then page), `page_info_changed` (the query string the page wrote back, which the session
keeps, like the browser's address bar) and ends with `script_finished` FINISHED_SUCCESSFULLY
(FINISHED_EARLY_FOR_RERUN only ends a run that st.rerun/st.switch_page replaced: keep waiting).
No cached-message hashes are sent, so every element arrives in full.

Each session, after a staggered start, loops until the duration is over: 70 % of its actions
open a random page with ?ky=<its period>&chitieu=<random indicator> (the period is read from the
URL only on a session's first run: each session starts on a random one), 30 % change the
period in the sidebar, a `WidgetState` with the `ky` selectbox's id (learnt from its delta)
and one of its option labels as `string_value`. Between actions it waits uniform(0, 2 × think).

Measured: script-run latency, from sending the rerun_script to the final script_finished (one
run at a time per session, so the two pair up); runs completed; errors by kind: `exception`
(a delta with an exception element: an error shown in the app), `compile_error`,
`page_not_found`, `timeout` (no script_finished within --timeout: the session reconnects) and
`websocket` (connection refused, closed, …: it reconnects); the server's RSS (VmRSS of
/proc/<pid>/status, sampled every second): before, peak while the sessions run, and --after
seconds after the last one closed. A disconnected session is kept for reconnection for
server.disconnectedSessionTTL (120 s by default), so memory 10 s and 30 s after may still hold
them. The client shares the machine with the server: its parsing takes CPU from the runs.
--check runs one session over every page and a period change, prints each page's title, delta
count and latency, and fails unless all pages ran cleanly with distinct titles.
"""

import argparse
import asyncio
import collections
import contextlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect
from websockets.exceptions import WebSocketException

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import free_port  # noqa: E402

PAGES = ["", "dossiers", "letters", "engagement", "cadres", "satisfaction", "ho-so-xa", "ban-do",
         "so-sanh", "diem-tong-hop", "bao-cao-giao-ban", "du-lieu"]
PERIODS = ["2025-Q4", "2025-Q3", "2025-Q2", "2025"]
INDICATORS = ["on_time_rate", "online_rate", "digitisation_rate"]
FINAL = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}


@dataclass
class Run:
    page: str
    seconds: float = 0.0
    deltas: int = 0
    title: str | None = None
    errors: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


class Session:
    """One browser tab: a websocket, the URL's query string and the period selectbox."""

    def __init__(self, url: str, timeout: float):
        self.url, self.timeout, self.ws = url, timeout, None

    async def open(self) -> None:
        self.ws = await connect(f"{self.url}/_stcore/stream", subprotocols=["streamlit"],
                                max_size=None, open_timeout=self.timeout)
        self.page, self.query, self.period = "", "", None  # period: (widget id, option labels)

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()
        self.ws = None

    def next_action(self) -> tuple[str, str, list[WidgetState]]:
        if self.period and random.random() < 0.3:  # change the period in the sidebar
            return self.page, self.query, [WidgetState(id=self.period[0],
                                                       string_value=random.choice(self.period[1]))]
        period = parse_qs(self.query).get("ky", [random.choice(PERIODS)])[0]
        return (random.choice(PAGES),
                urlencode({"ky": period, "chitieu": random.choice(INDICATORS)}), [])

    async def run(self, page: str, query: str, widgets=()) -> Run:
        msg = BackMsg()
        msg.rerun_script.page_name, msg.rerun_script.query_string = page, query
        msg.rerun_script.widget_states.widgets.extend(widgets)
        run, started = Run(page or "overview"), time.perf_counter()
        self.page = page
        await self.ws.send(msg.SerializeToString())
        async with asyncio.timeout(self.timeout):
            while True:
                forward = ForwardMsg.FromString(await self.ws.recv())
                kind = forward.WhichOneof("type")
                if kind == "new_session":  # a new run (the first, or after st.rerun)
                    run.deltas, run.title = 0, None
                elif kind == "delta":
                    self._delta(forward.delta, run)
                elif kind == "page_info_changed":
                    self.query = forward.page_info_changed.query_string
                elif kind == "page_not_found":
                    run.errors.append("page_not_found")
                elif kind == "session_event" and forward.session_event.HasField(
                        "script_compilation_exception"):
                    run.messages.append(forward.session_event.script_compilation_exception.message)
                elif kind == "script_finished" and forward.script_finished in FINAL:
                    if forward.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        run.errors.append("compile_error")
                    run.seconds = time.perf_counter() - started
                    return run

    def _delta(self, delta, run: Run) -> None:
        run.deltas += 1
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            run.errors.append("exception")
            run.messages.append(f"{element.exception.type}: {element.exception.message}")
        elif kind == "heading" and run.title is None:
            run.title = element.heading.body
        elif kind == "selectbox" and element.selectbox.id.endswith("-ky"):
            self.period = element.selectbox.id, list(element.selectbox.options)


@dataclass
class Stats:
    runs: list[Run] = field(default_factory=list)
    errors: collections.Counter = field(default_factory=collections.Counter)
    messages: collections.Counter = field(default_factory=collections.Counter)

    def add(self, run: Run) -> None:
        self.runs.append(run)
        self.errors.update(run.errors)
        self.messages.update(run.messages)


async def worker(index: int, url: str, deadline: float, args, stats: Stats) -> None:
    await asyncio.sleep(index * 0.1)
    session = Session(url, args.timeout)
    while time.monotonic() < deadline:
        try:
            if session.ws is None:
                await session.open()
            stats.add(await session.run(*session.next_action()))
        except TimeoutError:  # before OSError, its base class
            stats.errors["timeout"] += 1
            await session.close()
        except (OSError, WebSocketException) as error:
            stats.errors["websocket"] += 1
            stats.messages[f"websocket: {error!r}"] += 1
            await session.close()
            await asyncio.sleep(1)
        await asyncio.sleep(random.uniform(0, 2 * args.think))
    await session.close()


def rss(pid: int) -> float:
    """The process's resident memory in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise ValueError(f"no VmRSS for {pid}")


async def sample(pid: int, samples: list) -> None:
    while True:
        samples.append((time.monotonic(), rss(pid)))
        await asyncio.sleep(1)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


async def load(url: str, pid: int | None, args) -> None:
    samples: list[tuple[float, float]] = []
    sampler = asyncio.create_task(sample(pid, samples)) if pid else None
    await asyncio.sleep(1.5)
    stats, start = Stats(), time.monotonic()
    await asyncio.gather(*(worker(i, url, start + args.duration, args, stats)
                           for i in range(args.sessions)))
    closed = time.monotonic()
    memory = ["-"] * (2 + len(args.after))
    if sampler:
        await asyncio.sleep(max(args.after, default=0) + 1.2)
        sampler.cancel()
        memory = [f"{samples[0][1]:.0f}",
                  f"{max(r for t, r in samples if start <= t <= closed):.0f}"] + [
            f"{next(r for t, r in samples if t >= closed + after):.0f}" for after in args.after]
    seconds = sorted(run.seconds for run in stats.runs) or [0.0]
    p95 = seconds[min(len(seconds) - 1, int(0.95 * len(seconds)))]
    errors = ", ".join(f"{k} {n}" for k, n in stats.errors.most_common()) or "0"
    header = ["sessions", "duration s", "runs", "runs/s", "p50 ms", "p95 ms", "max ms",
              "RSS MiB before", "peak"] + [f"+{a:g} s" for a in args.after] + ["errors"]
    row = [args.sessions, f"{closed - start:.0f}", len(stats.runs),
           f"{len(stats.runs) / (closed - start):.1f}", ms(statistics.median(seconds)), ms(p95),
           ms(seconds[-1]), *memory, errors]
    print("  ".join(header))
    print("  ".join(str(value).rjust(len(name)) for value, name in zip(row, header, strict=True)))
    pages = collections.defaultdict(list)
    for run in stats.runs:
        pages[run.page].append(run.seconds)
    print("per page p50/max ms: " + ", ".join(
        f"{page} {ms(statistics.median(s))}/{ms(max(s))}" for page, s in sorted(pages.items())))
    for message, count in stats.messages.most_common(5):
        print(f"  {count} × {message[:160]}")


async def check(url: str, args) -> bool:
    """One session, every page once, then a period change: all clean, every title different."""
    session, titles, ok = Session(url, args.timeout), set(), True
    await session.open()
    query = urlencode({"ky": PERIODS[0], "chitieu": INDICATORS[1]})
    for page in PAGES:
        run = await session.run(page, query)
        titles.add(run.title)
        ok &= bool(run.title) and not run.errors
        print(f"{run.page:17} {ms(run.seconds):>6} ms {run.deltas:4} deltas  {run.title!r:42} "
              f"{' '.join(run.errors + run.messages)[:200]}")
    before, (widget, options) = session.query, session.period
    run = await session.run("", session.query, [WidgetState(id=widget, string_value=options[-1])])
    print(f"period → {options[-1]!r}: {ms(run.seconds)} ms, ?{before} → ?{session.query}")
    await session.close()
    ok &= len(titles) == len(PAGES) and session.query != before and not run.errors
    print("check", "passed" if ok else "FAILED")
    return ok


@contextlib.contextmanager
def serve(database: Path):
    """`streamlit run dashboard.py` on a free port; yields its ws:// URL, pid and log file."""
    port = free_port()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, env={**os.environ, "DASHBOARD_DB": str(database)},
            stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while True:
                with contextlib.suppress(OSError):
                    health = f"http://127.0.0.1:{port}/_stcore/health"
                    if urllib.request.urlopen(health, timeout=2).read() == b"ok":
                        break
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"the dashboard did not start: {log.read().decode()}")
                time.sleep(0.5)
            yield f"ws://127.0.0.1:{port}", process.pid, log
        finally:
            process.terminate()
            process.wait(timeout=20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--start", type=Path, metavar="DB", help="serve this database")
    target.add_argument("--url", help="a running server, e.g. ws://127.0.0.1:8501")
    parser.add_argument("--pid", type=int, help="the running server's pid, for its memory")
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--duration", type=float, default=60, help="seconds")
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between actions")
    parser.add_argument("--timeout", type=float, default=60, help="seconds a run may take")
    parser.add_argument("--after", type=float, nargs="*", default=[10, 30],
                        help="seconds after the sessions closed to read the server's memory")
    parser.add_argument("--check", action="store_true", help="every page once, verified")
    args = parser.parse_args()
    if args.url:
        if args.check:
            return 0 if asyncio.run(check(args.url.rstrip("/"), args)) else 1
        asyncio.run(load(args.url.rstrip("/"), args.pid, args))
        return 0
    with serve(args.start) as (url, pid, log):
        if args.check:
            return 0 if asyncio.run(check(url, args)) else 1
        asyncio.run(load(url, pid, args))
        log.seek(0)
        tracebacks = log.read().decode(errors="replace").count("Traceback")
        print(f"server {args.start.name}: {tracebacks} tracebacks in its log")
    return 0


if __name__ == "__main__":
    sys.exit(main())
