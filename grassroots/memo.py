"""Values made once and shared by every session of the process."""

import threading


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
            weight = self._size(value) if self._budget else 0
            with self._lock:
                self._values[key], self._sizes[key] = value, weight
                while len(self._values) > 1 and (
                        len(self._values) > self._kept
                        or self._budget and sum(self._sizes.values()) > self._budget):
                    oldest = next(iter(self._values))
                    del self._values[oldest], self._sizes[oldest]
            return value
