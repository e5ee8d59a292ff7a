"""Values made once per process: what sessions opening the same page at once share."""

import threading
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from grassroots.memo import Memo, weight


def test_sessions_asking_at_once_wait_for_one_making():
    memo, made, results = Memo(kept=4), [], []

    def make():
        made.append(threading.current_thread().name)
        time.sleep(0.2)
        return {"figures": len(made)}

    threads = [threading.Thread(target=lambda: results.append(memo.get("2025-Q4", make)))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 1
    assert results == [{"figures": 1}] * 8
    assert all(result is results[0] for result in results)


def test_the_least_recently_used_goes_first():
    memo = Memo(kept=2)
    memo.get("a", lambda: 1)
    memo.get("b", lambda: 2)
    memo.get("a", lambda: "made again")  # a used: b is now the oldest
    memo.get("c", lambda: 3)
    assert memo.get("a", lambda: "made again") == 1
    assert memo.get("b", lambda: "made again") == "made again"


def test_a_failed_making_is_tried_again():
    memo = Memo(kept=2)
    with pytest.raises(ZeroDivisionError):
        memo.get("a", lambda: 1 / 0)
    assert memo.get("a", lambda: 2) == 2


def test_values_beyond_the_budget_drop_the_oldest():
    memo = Memo(kept=10, budget=100, size=len)
    memo.get("a", lambda: "x" * 60)
    memo.get("b", lambda: "y" * 30)
    memo.get("c", lambda: "z" * 30)  # 120 bytes held: a, the oldest, goes
    assert memo.get("a", lambda: "made again") == "made again"
    assert memo.get("c", lambda: "made again") == "z" * 30
    memo.get("d", lambda: "w" * 500)  # over the budget alone: kept, everything else dropped
    assert memo.get("d", lambda: "made again") == "w" * 500
    assert memo.get("c", lambda: "made again") == "made again"


def test_a_value_weighs_what_it_holds():
    frame = pd.DataFrame({"value": np.arange(100_000, dtype=float)})
    assert 800_000 <= weight(frame) < 3_000_000
    spec = {"datasets": {"rows": [{"name": "Xã Một", "value": 0.5}] * 1000},
            "geometry": {"coordinates": [0.5] * 100_000}}
    assert 3_000_000 < weight(spec) < 5_000_000  # 100,000 numbers, 1,000 rows
    assert weight(pa.table({"value": np.arange(1000, dtype=float)})) == 8000
