"""Cancels PostgreSQL work still running when its request's deadline has passed.

PostgreSQL's `statement_timeout` and `lock_timeout` bound each statement, not a transaction: a transaction
that waits for one lock for most of its time, then for another, can wait twice as long as the request may.
So a transaction begun with a deadline is watched from its start to its end, and if the deadline passes
first, the statement it is running is cancelled (a cancel request, as `pg_cancel_backend` sends), which
fails the transaction: nothing of it is written, and the request is told so in time.

A cancel request travels apart from the connection and may arrive after the statement it was meant for, so a
connection that was sent one is never used again (`spent`): the pool replaces it.
"""

from __future__ import annotations

import logging
from typing import Any

from storage.alarms import Alarms

log = logging.getLogger(__name__)

# How long sending a cancel request may take; the alarms' thread rings no other alarm meanwhile (but setting and
# calling off alarms go on).
CANCEL_TIMEOUT = 1.0
SPENT = "watchdog.cancel_sent"


class Watchdog:
    def __init__(self) -> None:
        self._alarms = Alarms("database-deadlines")

    def watch(self, driver_connection: Any, info: dict[Any, Any], deadline: float) -> int:
        """Watch a connection until `unwatch`; `info` is its pool record's, which outlives the transaction."""

        def cancel() -> None:
            if driver_connection.closed:  # lost and discarded already (its pool record may hold another by now)
                return
            info[SPENT] = True
            try:
                driver_connection.cancel_safe(timeout=CANCEL_TIMEOUT)
            except Exception:  # discarded either way; a failed cancel leaves the statement's own timeout
                log.warning("a statement past its request's deadline could not be cancelled", exc_info=True)

        return self._alarms.set(deadline, cancel)

    def unwatch(self, token: int | None, info: dict[Any, Any]) -> None:
        """Stop watching; if the deadline came first, the connection is spent even if its cancel is still on the
        way (so it is marked here, before it can go back to the pool)."""
        if token is not None and not self._alarms.call_off(token):
            info[SPENT] = True

    @staticmethod
    def spent(info: dict[Any, Any]) -> bool:
        """Whether a cancel request was sent on this connection: if so it must not be used again."""
        return bool(info.get(SPENT))
