"""A real dashboard server and Debian's Chromium, shared by the browser tests and benchmarks."""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from grassroots import db

CHROMIUM = Path("/usr/bin/chromium")
# Nothing but localhost: every other name fails to resolve, and Chromium's own background
# traffic is off.
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(database: Path, timeout: float = 60, base: str = "", log=None,
            script: Path = db.ROOT / "server.py", env: dict | None = None):
    """`streamlit run script` on a free local port with DASHBOARD_DB=database and `env` (under
    --server.baseUrlPath `base`, its output to the file `log`); yields its URL and process once
    /_stcore/health answers ok."""
    port = free_port()
    with contextlib.ExitStack() as stack:
        log = log or stack.enter_context(tempfile.TemporaryFile())
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port",
             str(port), "--server.address", "127.0.0.1", "--server.baseUrlPath", base],
            cwd=db.ROOT, env={**os.environ, "DASHBOARD_DB": str(database), **(env or {})},
            stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}{'/' * bool(base)}{base}"
        deadline = time.monotonic() + timeout
        try:
            while True:
                try:
                    if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                        break
                except OSError:
                    if time.monotonic() > deadline or process.poll() is not None:
                        log.seek(0)
                        raise RuntimeError(
                            f"the dashboard did not answer: {log.read().decode()}") from None
                    time.sleep(0.5)
            yield url, process
        finally:
            process.terminate()
            process.wait(timeout=20)


def chromium(playwright):
    assert CHROMIUM.exists(), "Debian's chromium is missing: `make test` installs it"
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
