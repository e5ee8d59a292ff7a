"""Values made once and shared by every session of the process."""

import dataclasses
import sys
import threading

import pandas as pd
import pyarrow as pa


class Memo:
    """A bounded map from keys to values made once. A value asked for while it is being made is
    waited for, not made again: a roomful of sessions opening the same page at once make its
    figures and charts once, instead of each making them and all waiting on one another. Beyond
    `kept` values, or beyond `budget` bytes as `size` counts them, the least recently used are
    dropped (a national query result weighs a hundred times a province's)."""

    def __init__(self, kept: int, budget: int | None = None, size=None):
        self._kept, self._budget, self._size = kept, budget, size
        self._values: dict = {}  # least recently used first
        self._sizes: dict = {}
        self._held = 0  # bytes, the sum of _sizes
        self._making: dict = {}  # key -> the lock held while its value is made
        self._lock = threading.Lock()

    def get(self, key, make):
        with self._lock:
            if key in self._values:
                self._values[key] = self._values.pop(key)
                return self._values[key]
            making = self._making.setdefault(key, threading.Lock())
        with making:
            with self._lock:
                if key in self._values:
                    return self._values[key]
            try:
                value = make()
            finally:
                with self._lock:
                    self._making.pop(key, None)
            size = self._size(value) if self._budget else 0
            with self._lock:
                self._values[key], self._sizes[key] = value, size
                self._held += size
                while len(self._values) > 1 and (
                        len(self._values) > self._kept
                        or self._budget and self._held > self._budget):
                    oldest = next(iter(self._values))
                    self._held -= self._sizes.pop(oldest)
                    del self._values[oldest]
            return value


def weight(value) -> int:
    """About how many bytes a value holds, quickly: frames by their cells, Arrow tables by
    their buffers, containers and dataclasses by what they hold, a long list by its first
    elements (a dataset's rows, a shape's points are alike)."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return CELL * value.size
    if isinstance(value, pa.Table):
        return value.nbytes
    if isinstance(value, dict):
        return sys.getsizeof(value) + sum(weight(k) + weight(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        sample = value[:SAMPLE]
        return sys.getsizeof(value) + sum(map(weight, sample)) * len(value) // max(len(sample), 1)
    if dataclasses.is_dataclass(value):
        return sum(weight(getattr(value, f.name)) for f in dataclasses.fields(value))
    return sys.getsizeof(value)


SAMPLE = 8  # elements of a list weighed
CELL = 24  # bytes, about, of a frame's cell: a number takes 8, a name 50 or more
