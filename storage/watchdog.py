"""Cancels PostgreSQL work still running when its request's deadline has passed.

PostgreSQL's `statement_timeout` and `lock_timeout` bound each statement, not a transaction: a transaction
that waits for one lock for most of its time, then for another, can wait twice as long as the request may.
So a transaction begun with a deadline is watched from its start to its end, and if the deadline passes
first, the statement it is running is cancelled (a cancel request, as `pg_cancel_backend` sends), which
fails the transaction: nothing of it is written, and the request is told so in time.

A cancel request travels apart from the connection and may arrive after the statement it was meant for, so a
connection that was sent one is never used again (`Watchdog.spent`): the pool replaces it.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

# How long sending a cancel request may take; the thread that sends it sends no other meanwhile.
CANCEL_TIMEOUT = 1.0
SPENT = "watchdog.cancel_sent"


@dataclass
class _Watched:
    deadline: float
    driver_connection: Any
    info: dict[Any, Any]


class Watchdog:
    def __init__(self) -> None:
        self._turn = threading.Condition()
        self._watched: dict[int, _Watched] = {}
        self._tokens = itertools.count(1)
        self._waking_at: float | None = None
        self._thread: threading.Thread | None = None

    def watch(self, driver_connection: Any, info: dict[Any, Any], deadline: float) -> int:
        """Watch a connection until `unwatch`; `info` is its pool record's, which outlives the transaction."""
        with self._turn:
            token = next(self._tokens)
            self._watched[token] = _Watched(deadline, driver_connection, info)
            if self._thread is None or not self._thread.is_alive():  # after a fork, too
                self._thread = threading.Thread(target=self._run, name="db-watchdog", daemon=True)
                self._thread.start()
            if self._waking_at is None or deadline < self._waking_at:
                self._turn.notify()
        return token

    def unwatch(self, token: int | None) -> None:
        if token is not None:
            with self._turn:  # a cancel being sent for this connection finishes first
                self._watched.pop(token, None)

    @staticmethod
    def spent(info: dict[Any, Any]) -> bool:
        """Whether a cancel request was sent on this connection: if so it must not be used again."""
        return bool(info.get(SPENT))

    def _run(self) -> None:
        with self._turn:
            while True:
                now = time.monotonic()
                for token, watched in [(t, w) for t, w in self._watched.items() if w.deadline <= now]:
                    del self._watched[token]
                    watched.info[SPENT] = True
                    self._cancel(watched.driver_connection)
                self._waking_at = min((w.deadline for w in self._watched.values()), default=None)
                self._turn.wait(None if self._waking_at is None else max(self._waking_at - time.monotonic(), 0))

    @staticmethod
    def _cancel(driver_connection: Any) -> None:
        try:
            driver_connection.cancel_safe(timeout=CANCEL_TIMEOUT)
        except Exception:  # the connection is discarded either way; a failed cancel leaves the statement's own timeout
            log.warning("a statement past its request's deadline could not be cancelled", exc_info=True)
