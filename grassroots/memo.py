"""Values made once and shared by every session of the process."""

import threading


class Memo:
    """A bounded map from keys to values made once. A value asked for while it is being made is
    waited for, not made again: a roomful of sessions opening the same page at once make its
    figures and charts once, instead of each making them and all waiting on one another. Beyond
    `kept` values, the least recently used is dropped."""

    def __init__(self, kept: int):
        self._kept = kept
        self._values: dict = {}  # least recently used first
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
            with self._lock:
                if len(self._values) >= self._kept:
                    self._values.pop(next(iter(self._values)))
                self._values[key] = value
            return value
