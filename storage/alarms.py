"""One thread per process that does something when a deadline passes, unless it was called off first.

Used where a blocked thread cannot keep its own time: a statement waiting on PostgreSQL (storage.watchdog) and
a web request whose body trickles in (bot.request_guard). Setting and calling off an alarm take a lock and no
system call: the thread is woken only for an alarm due before it would next look anyway, and as deadlines of
one kind are all the same length, that is nearly none of them. Alarms ring outside the lock (a ring may wait on
the network), so one that has begun to ring can no longer be called off: `call_off` says which it was.
"""

from __future__ import annotations

import itertools
import logging
import math
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

# The thread looks no more often than this, however close together alarms fall.
GRAIN_SECONDS = 0.01


class Alarms:
    def __init__(self, name: str) -> None:
        self._name = name
        self._wake = threading.Condition()
        self._due: dict[int, tuple[float, Callable[[], None]]] = {}
        self._tokens = itertools.count(1)
        self._thread: threading.Thread | None = None
        self._next_look = math.inf

    def set(self, due: float, ring: Callable[[], None]) -> int:
        """Call `ring` at `due` (time.monotonic()) from the alarms' thread, unless `call_off` comes first."""
        with self._wake:
            token = next(self._tokens)
            self._due[token] = (due, ring)
            if self._thread is None or not self._thread.is_alive():  # the first, or the first since a fork
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            elif due < self._next_look:
                self._wake.notify()
        return token

    def call_off(self, token: int) -> bool:
        """Forget the alarm; False if it was no longer waiting (it has rung, or is ringing now)."""
        with self._wake:
            return self._due.pop(token, None) is not None

    def _take_due(self) -> list[Callable[[], None]]:
        now = time.monotonic()
        due = sorted((when, token) for token, (when, _) in self._due.items() if when <= now)
        return [self._due.pop(token)[1] for _, token in due]

    def _run(self) -> None:
        while True:
            with self._wake:
                rings = self._take_due()
                while not rings:
                    now = time.monotonic()
                    soonest = min((due for due, _ in self._due.values()), default=None)
                    self._next_look = math.inf if soonest is None else max(soonest, now + GRAIN_SECONDS)
                    self._wake.wait(timeout=None if soonest is None else self._next_look - now)
                    rings = self._take_due()
            for ring in rings:
                try:
                    ring()
                except Exception:  # one alarm's failure must not stop the others
                    log.exception("an alarm failed")
