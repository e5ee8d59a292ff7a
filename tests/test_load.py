"""Two dashboard processes behind nginx, configured by docs/nginx.conf itself: every page runs
through TLS and the websocket, and every browser stays with one process (bench/load.py)."""

import subprocess
import sys

from bench import load
from tests.conftest import demo_copy


def test_two_processes_behind_the_documented_nginx_serve_every_page_stickily(demo_db, tmp_path):
    copy = demo_copy(demo_db, tmp_path)
    out = subprocess.run(
        [sys.executable, "bench/load.py", "--start", str(copy), "--processes", "2", "--check"],
        cwd=load.ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert "check passed" in lines
    titles = {line.split()[0]: line for line in lines if " deltas " in line}
    assert "'Tổng quan'" in titles["overview"] and "'Hồ sơ TTHC'" in titles["dossiers"]
    assert len(titles) == len(load.PAGES)
    routes = next(line for line in lines if line.startswith("nginx: "))
    assert routes.endswith(": sticky") and " 0 served by more than one process" in routes
