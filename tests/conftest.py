"""Fixtures: the demo database built once per run, and a small database with hand-made figures
whose indicator values are computed by hand in the tests."""

from pathlib import Path

import pytest

from grassroots import demo


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    demo.build(path)
    return path
