"""Load test (issue 8): N concurrent sessions speaking Streamlit's own websocket protocol to a real
`streamlit run server.py`, each opening pages and changing filters for a while.

    .venv/bin/python bench/load.py --start /tmp/scale/province.duckdb --sessions 30 --duration 60
    .venv/bin/python bench/load.py --url ws://127.0.0.1:8501 --pid 1234      # a running server
    .venv/bin/python bench/load.py --start /tmp/load/demo.duckdb --check     # each page once

The protocol, as the browser speaks it (streamlit/web/server/starlette/starlette_websocket.py,
runtime/app_session.py): a websocket to /_stcore/stream with the subprotocol "streamlit" (the
header's 2nd and 3rd entries would carry an XSRF token and a session id to resume; the token
only guards the auth cookie, so none is sent). Binary frames: the client sends `BackMsg`
protobufs, the server `ForwardMsg`s. Nothing runs until the client sends a `rerun_script`
`ClientState`: the URL's `query_string`, the `page_name` (the st.navigation url path, "" for the
default page) and `widget_states`. The run streams `new_session`, `delta`s (sidebar, then page),
`page_info_changed` (the query string the page wrote back: kept, like the address bar) and ends
with `script_finished` FINISHED_SUCCESSFULLY (FINISHED_EARLY_FOR_RERUN ends a run that
st.rerun/st.switch_page replaced: keep waiting). Like the browser, each rerun sends the value
of every widget of the last run: the one the server set (`set_value`), else the one held, else
the default. (Leaving them out is not the same: the widgets fall back to their defaults.) And
like the browser, a session keeps the messages marked `cacheable` (elements of 10 KB or more)
until two runs have finished without them, and names them in each rerun: the server then sends
a `ref_hash` in their place.

With --start, each dashboard process first serves one visit of every page at a period the test
does not ask for, and the test waits until every process has logged that it prepared the first
views of the data (grassroots/prepared.py: the meeting's quarter, the one before, the newest
month and the year; the test asks for others too): like a server that has been up since the
nightly import. --cold: neither, the sessions arrive on a server just started. Then each session,
after a staggered start (0.1 s apart), loops until the duration is over: 70 % of its actions
open a random page with ?ky=<its period>&chitieu=<random indicator> (the period is read from the
URL only on a session's first run: each starts on one of the last four quarters or the last
year), 30 % pick another period in the sidebar's `ky` selectbox (a `string_value` with one of
its option labels, newest first: one of the --recent newest, 8 by default, the two years of
quarters a meeting compares; 0 for any of the ten years). Between actions it waits
uniform(0, 2 × think) seconds, 5 s on average by default: the time to read a page of charts
before clicking on. `--think 1` makes the same 30 sessions ask five times as much.

`--processes N` serves the database from N dashboard processes behind nginx, configured by
docs/nginx.conf itself (only its ports and certificate changed: a self-signed one, made here),
at https://…/chiso/: a browser's first request gets a cookie that picks its process. Each session
loads the page first and keeps the cookie, like a browser. Memory and CPU are the processes'
sums; nginx's log then shows whether every browser stayed with one process.

Measured: script-run latency, from sending the rerun_script to the final script_finished (one
run at a time per session, so the two pair up); runs completed; errors by kind: `exception` (a
delta with an exception element: an error shown in the app), `compile_error`,
`page_not_found`, `timeout` (no script_finished within --timeout: the session reconnects) and
`websocket` (refused, closed, …: it reconnects); the server's RSS (VmRSS in /proc/PID/status,
sampled every second): before the sessions start, peak while sessions run,
and --after seconds after the last closed (a closed session is kept for reconnection for
server.disconnectedSessionTTL, 120 s: the last reading, at 130 s by default, is after that).
--rounds N repeats the test on the same server: memory that keeps growing from round to round
would be sessions or caches not released. The CPU the server and this client used
while sessions ran, in % of one core (they share the machine: the client's parsing is CPU the
server lacks). --check runs one session over every page and a period change, prints each
page's title, delta count and latency, and fails unless all ran cleanly with distinct titles.
"""

import argparse
import asyncio
import collections
import contextlib
import os
import random
import re
import shutil
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect
from websockets.exceptions import WebSocketException

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import free_port, serving  # noqa: E402

PAGES = ["", "dossiers", "letters", "engagement", "cadres", "satisfaction", "ho-so-xa", "ban-do",
         "so-sanh", "diem-tong-hop", "bao-cao-giao-ban", "du-lieu"]
PERIODS = ["2025-Q4", "2025-Q3", "2025-Q2", "2025"]
WARM_PERIOD = "2016-Q1"  # the oldest quarter of bench/scale.py's databases
INDICATORS = ["on_time_rate", "online_rate", "digitisation_rate"]
UNVERIFIED = ssl._create_unverified_context()  # the self-signed certificate of --processes
FINAL = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}
CACHED_RUNS = 2  # the browser's cache: global.maxCachedMessageAge
WIDGETS = {"checkbox", "selectbox", "button_group", "multiselect", "slider"}


@dataclass
class Run:
    page: str
    started: float = 0.0  # time.monotonic()
    seconds: float = 0.0
    deltas: int = 0
    title: str | None = None
    errors: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def widget_state(element, held: dict) -> WidgetState | None:
    """What the browser sends back for a widget element; None for other elements."""
    kind = element.WhichOneof("type")
    widget = getattr(element, kind)
    if kind not in WIDGETS or kind == "slider" and widget.options:  # not select_slider
        return None
    if not widget.set_value and widget.id in held:
        return held[widget.id]
    state, new = WidgetState(id=widget.id), widget.set_value
    if kind == "checkbox":
        state.bool_value = widget.value if new else widget.default
    elif kind == "selectbox" and (new or widget.HasField("default")):
        state.string_value = widget.raw_value if new else widget.options[widget.default]
    elif kind in ("button_group", "multiselect"):
        labels = [o if kind == "multiselect" else o.content for o in widget.options]
        state.string_array_value.data.extend(
            widget.raw_values if new else [labels[i] for i in widget.default])
    elif kind == "slider":
        state.double_array_value.data.extend(widget.value if new else widget.default)
    return state if state.WhichOneof("value") else None


class Session:
    """One browser tab: a websocket, the URL's query string and the widgets' values."""

    def __init__(self, url: str, timeout: float, recent: int = 0):
        self.url, self.timeout, self.recent, self.ws = url, timeout, recent, None

    async def open(self) -> None:
        # Like a browser: load the page first, keep the cookies it sets (nginx's route), then
        # open the websocket with them.
        page = await asyncio.to_thread(
            urllib.request.urlopen, f"{self.url}/", timeout=self.timeout, context=UNVERIFIED)
        cookies = "; ".join(c.split(";")[0] for c in page.headers.get_all("Set-Cookie") or [])
        self.ws = await connect(
            f"ws{self.url[4:]}/_stcore/stream", subprotocols=["streamlit"], max_size=None,
            open_timeout=self.timeout, ssl=UNVERIFIED if self.url.startswith("https") else None,
            additional_headers={"Cookie": cookies} if cookies else None)
        self.page, self.query, self.widgets, self.period = "", "", {}, None
        self.cache, self.finished = {}, 0  # hash: (message, runs finished when last used)

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self.ws.close()
        self.ws = None

    def next_action(self) -> tuple[str, str, dict]:
        if self.period and random.random() < 0.3:  # pick another period in the sidebar
            widget, labels = self.period
            return self.page, self.query, {
                widget: WidgetState(id=widget,
                                    string_value=random.choice(labels[:self.recent or None]))}
        period = parse_qs(self.query).get("ky", [random.choice(PERIODS)])[0]
        return (random.choice(PAGES),
                urlencode({"ky": period, "chitieu": random.choice(INDICATORS)}), {})

    async def run(self, page: str, query: str, changes: dict) -> Run:
        msg, held, seen = BackMsg(), {**self.widgets, **changes}, {}
        msg.rerun_script.page_name, msg.rerun_script.query_string = page, query
        msg.rerun_script.widget_states.widgets.extend(held.values())
        msg.rerun_script.cached_message_hashes.extend(self.cache)
        run, self.page = Run(page or "overview", time.monotonic()), page
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        async with asyncio.timeout(self.timeout):
            while True:
                forward = self._cached(ForwardMsg.FromString(await self.ws.recv()))
                kind = forward.WhichOneof("type")
                if kind == "delta":
                    run.deltas += 1
                    if forward.delta.WhichOneof("type") == "new_element":
                        self._element(forward.delta.new_element, run, held, seen)
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
                    run.seconds, self.widgets = time.perf_counter() - started, seen
                    self.finished += 1
                    self.cache = {key: (message, used) for key, (message, used)
                                  in self.cache.items() if self.finished - used <= CACHED_RUNS}
                    return run

    def _cached(self, forward: ForwardMsg) -> ForwardMsg:
        """A reference resolved, and a cacheable message kept, as used in this run."""
        if forward.WhichOneof("type") == "ref_hash":
            forward = self.cache[forward.ref_hash][0]
        if forward.metadata.cacheable:
            self.cache[forward.hash] = forward, self.finished
        return forward

    def _element(self, element, run: Run, held: dict, seen: dict) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            run.errors.append("exception")
            run.messages.append(f"{element.exception.type}: {element.exception.message}")
        elif kind == "heading" and run.title is None:
            run.title = element.heading.body
        elif (state := widget_state(element, held)) is not None:
            seen[state.id] = state
            if kind == "selectbox" and state.id.endswith("-ky"):
                self.period = state.id, list(element.selectbox.options)


async def worker(index: int, url: str, deadline: float, args, runs: list, errors, messages):
    await asyncio.sleep(index * 0.1)
    session = Session(url, args.timeout, args.recent)
    while time.monotonic() < deadline:
        try:
            if session.ws is None:
                await session.open()
            runs.append(run := await session.run(*session.next_action()))
            errors.update(run.errors)
            messages.update(run.messages)
        except TimeoutError:  # before OSError, its base class
            errors["timeout"] += 1
            await session.close()
        except (OSError, WebSocketException) as error:
            errors["websocket"] += 1
            messages[f"websocket: {error!r}"] += 1
            await session.close()
            await asyncio.sleep(1)
        await asyncio.sleep(random.uniform(0, 2 * args.think))
    await session.close()


def rss(pid: int) -> float:
    """The process's resident memory, MiB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


def cpu(pid: int | str = "self") -> float:
    """The CPU seconds the process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def sample(pids: list[int], samples: list) -> None:
    while True:
        samples.append((time.monotonic(), sum(rss(pid) for pid in pids)))
        await asyncio.sleep(1)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


async def load(url: str, pids: list[int], args) -> None:
    samples, runs, errors, messages = [], [], collections.Counter(), collections.Counter()
    sampler = asyncio.create_task(sample(pids, samples)) if pids else None
    await asyncio.sleep(1.5)
    start, used = time.monotonic(), (sum(cpu(pid) for pid in pids), cpu())
    await asyncio.gather(*(worker(i, url, start + args.duration, args, runs, errors, messages)
                           for i in range(args.sessions)))
    closed = time.monotonic()
    elapsed, memory = closed - start, ["-"] * (3 + len(args.after))
    if sampler:
        memory[0] = f"{100 * (sum(cpu(pid) for pid in pids) - used[0]) / elapsed:.0f}"
        await asyncio.sleep(max(args.after, default=0) + 1.2)
        sampler.cancel()
        memory[1:] = [f"{samples[0][1]:.0f}",
                      f"{max(r for t, r in samples if start <= t <= closed):.0f}"] + [
            f"{next(r for t, r in samples if t >= closed + after):.0f}" for after in args.after]
    seconds = sorted(run.seconds for run in runs) or [0.0]
    header = ["sessions", "duration s", "runs", "runs/s", "p50 ms", "p95 ms", "max ms",
              "server CPU %", "client CPU %", "RSS MiB before", "peak",
              *[f"+{after:g} s" for after in args.after], "errors"]
    row = [args.sessions, f"{elapsed:.0f}", len(runs), f"{len(runs) / elapsed:.1f}",
           ms(statistics.median(seconds)), ms(seconds[int(0.95 * (len(seconds) - 1))]),
           ms(seconds[-1]), memory[0], f"{100 * (cpu() - used[1]) / elapsed:.0f}", *memory[1:],
           ", ".join(f"{kind} {n}" for kind, n in errors.most_common()) or "0"]
    print("  ".join(header))
    print("  ".join(str(value).rjust(len(name)) for value, name in zip(row, header, strict=True)))
    windows = collections.defaultdict(list)
    for run in runs:
        windows[int((run.started - start) // 15)].append(run.seconds)
    print("p50/p95 ms by 15 s of the test: " + ", ".join(
        f"{15 * w}–{15 * w + 15} s {ms(statistics.median(s))}/"
        f"{ms(sorted(s)[int(0.95 * (len(s) - 1))])}" for w, s in sorted(windows.items())))
    pages = collections.defaultdict(list)
    for run in runs:
        pages[run.page].append(run.seconds)
    print("p50/max ms by page: " + ", ".join(
        f"{page} {ms(statistics.median(s))}/{ms(max(s))}" for page, s in sorted(pages.items())))
    for message, count in messages.most_common(5):
        print(f"  {count} × {message[:160]}")


async def check(url: str, args) -> bool:
    """One session, every page once, then a period change: all clean, every title different."""
    session, titles, ok = Session(url, args.timeout), set(), True
    await session.open()
    for page in PAGES:
        run = await session.run(page, urlencode({"ky": PERIODS[0], "chitieu": INDICATORS[1]}), {})
        titles.add(run.title)
        ok &= bool(run.title) and not run.errors
        print(f"{run.page:17} {ms(run.seconds):>6} ms {run.deltas:4} deltas  {run.title!r:42} "
              f"{' '.join(run.errors + run.messages)[:200]}")
    before, (widget, labels) = session.query, session.period
    run = await session.run("", before, {widget: WidgetState(id=widget, string_value=labels[-1])})
    print(f"period → {labels[-1]!r}: {ms(run.seconds)} ms, ?{before} → ?{session.query}")
    await session.close()
    ok &= len(titles) == len(PAGES) and session.query != before and not run.errors
    for _ in range(12):  # more browsers, for nginx to spread
        session = Session(url, args.timeout)
        await session.open()
        ok &= not (await session.run("", "", {})).errors
        await session.close()
    print("check", "passed" if ok else "FAILED")
    return ok


async def visit(url: str) -> None:
    """Every page once, at a period the test does not ask for: a server that has been up a while,
    its modules loaded, its figures for the periods tested not yet made (as after an import)."""
    session = Session(url, 120)
    await session.open()
    for page in PAGES:
        await session.run(page, urlencode({"ky": WARM_PERIOD}), {})
    await session.close()


def prepared_lines(log, count: int, timeout: float = 600) -> list[str]:
    """The first `count` "Prepared … views of … in … s" lines of the server log `log` (a binary
    file), waited for; an error if a traceback comes first."""
    deadline = time.monotonic() + timeout
    while True:
        log.seek(0)
        text = log.read().decode(errors="replace")
        lines = re.findall(r"Prepared \d+ views of \S+ in [\d.]+ s", text)
        if len(lines) >= count:
            return lines[:count]
        if "Traceback" in text or time.monotonic() > deadline:
            raise RuntimeError(f"fewer than {count} 'Prepared' lines in the log:\n{text}")
        time.sleep(0.5)


def sticky(nginx: Path | None) -> bool:
    """From nginx's log: every browser (route cookie) was served by one process only, and the
    browsers were spread over more than one. True without nginx."""
    if nginx is None:
        return True
    served = collections.defaultdict(set)
    for line in (nginx / "access.log").read_text().splitlines():
        route, upstream, *_ = line.split()
        served[route].add(upstream)
    per_process = collections.Counter(next(iter(u)) for u in served.values() if len(u) == 1)
    ok = all(len(u) == 1 for u in served.values()) and len(per_process) > 1
    print(f"nginx: {len(served)} browsers, {sum(len(u) > 1 for u in served.values())} served by "
          f"more than one process; browsers per process: "
          f"{', '.join(f'{u} {n}' for u, n in sorted(per_process.items()))}: "
          f"{'sticky' if ok else 'NOT STICKY'}")
    return ok


def nginx_conf(folder: Path, port: int, backends: list[str], directory: str | None = None
               ) -> str:
    """docs/nginx.conf as deployed, on this machine: local ports, a self-signed certificate,
    the given backends; inside an nginx.conf of its own that logs which backend served what.
    With `directory` (the address of a stand-in for nginx-ldap-auth), its location is the one
    of docs/nginx-sso.conf: single sign-on."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-keyout", folder / "key.pem",
                    "-out", folder / "cert.pem"], check=True, capture_output=True)
    site = (ROOT / "docs" / "nginx.conf").read_text()
    servers = "".join(f"    server {backend};\n" for backend in backends)
    changes = {"listen 80;": f"listen 127.0.0.1:{free_port()};",
               "listen 443 ssl;": f"listen 127.0.0.1:{port} ssl;",
               "/etc/ssl/certs/chiso.huyen.local.crt": str(folder / "cert.pem"),
               "/etc/ssl/private/chiso.huyen.local.key": str(folder / "key.pem"),
               "    server 127.0.0.1:8501;\n    server 127.0.0.1:8502;\n": servers}
    if directory:
        location = site[site.index("    location /chiso/ {"):site.rindex("    }") + 6]
        sso = (ROOT / "docs" / "nginx-sso.conf").read_text()
        changes[location] = sso[sso.index("    location /chiso/ {"):].replace(
            "127.0.0.1:8888", directory)
    for old, new in changes.items():
        if old not in site:
            raise RuntimeError(f"docs/nginx.conf has changed: no {old!r}")
        site = site.replace(old, new)
    temp = " ".join(f"{kind}_temp_path {folder / kind};" for kind in (
        "client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"pid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'};\nevents {{}}\n"
            f"http {{\n{temp}\nlog_format routes '$grassroots_route $upstream_addr "
            f"$status $request_uri';\naccess_log {folder / 'access.log'} routes;\n{site}}}\n")


@contextlib.contextmanager
def behind_nginx(folder: Path, urls: list[str], directory: str | None = None):
    """nginx, configured by docs/nginx.conf (nginx_conf), in front of the dashboards at `urls`;
    yields its https://…/chiso URL once it answers."""
    port = free_port()
    (folder / "nginx.conf").write_text(
        nginx_conf(folder, port, [urlsplit(url).netloc for url in urls], directory))
    nginx = subprocess.Popen([shutil.which("nginx") or "/usr/sbin/nginx", "-p", folder,
                              "-c", folder / "nginx.conf", "-e", folder / "error.log",
                              "-g", "daemon off;"], stderr=subprocess.PIPE)
    try:
        url = f"https://127.0.0.1:{port}/chiso"
        for _ in range(40):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2, context=UNVERIFIED)
                break
            if nginx.poll() is not None:
                raise RuntimeError(f"nginx did not start: {nginx.stderr.read().decode()}")
            time.sleep(0.25)
        yield url
    finally:
        nginx.terminate()
        nginx.wait(timeout=20)


@contextlib.contextmanager
def serve(database: Path, processes: int, warm: bool = True):
    """The dashboard on free local ports: one process, whose http:// URL is yielded, or
    `processes` of them behind nginx configured by docs/nginx.conf, at https://…/chiso. Yields
    the URL, the processes' pids, their log and nginx's folder (None without nginx). With `warm`,
    each process first serves one visit of every page at WARM_PERIOD, and has prepared the first
    views of the data."""
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryFile() as log, \
            contextlib.ExitStack() as stack:
        folder, base = Path(folder), "chiso" if processes > 1 else ""
        urls, pids = [], []
        for _ in range(processes):
            url, server = stack.enter_context(serving(database, base=base, log=log))
            urls.append(url)
            pids.append(server.pid)
            if warm:
                asyncio.run(visit(url))
        if warm:
            print("\n".join(f"server: {line}" for line in prepared_lines(log, processes)))
        if processes == 1:
            yield urls[0], pids, log, None
            return
        yield stack.enter_context(behind_nginx(folder, urls)), pids, log, folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--start", type=Path, metavar="DB", help="serve this database")
    target.add_argument("--url", help="a running server, e.g. http://127.0.0.1:8501")
    parser.add_argument("--pid", type=int, nargs="*", default=[],
                        help="the running server's pids, for their memory and CPU")
    parser.add_argument("--processes", type=int, default=1,
                        help="with --start: this many dashboard processes behind nginx")
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--duration", type=float, default=60, help="seconds")
    parser.add_argument("--think", type=float, default=5.0, help="mean pause between actions, s")
    parser.add_argument("--recent", type=int, default=8,
                        help="period changes pick one of the newest N (0: any)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds a run may take")
    parser.add_argument("--rounds", type=int, default=1, help="tests one after the other")
    parser.add_argument("--cold", action="store_true",
                        help="with --start: no visit of every page, and no wait for the "
                             "first views prepared, before the test")
    parser.add_argument("--after", type=float, nargs="*", default=[10, 130],
                        help="seconds after the sessions closed to read the server's memory")
    parser.add_argument("--check", action="store_true", help="each page once, verified")
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        url, pids, log, nginx = ((args.url.rstrip("/"), args.pid, None, None) if args.url
                                 else stack.enter_context(serve(args.start, args.processes,
                                                               not args.cold)))
        if args.check:
            return 0 if asyncio.run(check(url, args)) and sticky(nginx) else 1
        for _ in range(args.rounds):
            asyncio.run(load(url, pids, args))
        if nginx:
            sticky(nginx)
        if log:
            log.seek(0)
            print(f"server log: {log.read().decode(errors='replace').count('Traceback')} "
                  "tracebacks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
