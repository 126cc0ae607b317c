"""Limits on tries per person, kept in the process's memory only (a record of who tried would itself say too much).

Each web process counts on its own, so with several processes a person gets a few more tries; the limit is there to
bound the work a person can cause (every receipt check costs an argon2 hash), not to count exactly.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field

# /concern status: this many receipt checks per person in this many seconds.
STATUS_TRIES = 5
STATUS_WINDOW = 10 * 60
STATUS_STATE_KEY = "concern_status_tries"


@dataclass
class TryLimit:
    tries: int
    window: float
    _seen: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def allow(self, who: str, now: float | None = None) -> bool:
        """Count a try by `who`; False (and not counted) when they have used up their tries in the window."""
        moment = time.monotonic() if now is None else now
        with self._lock:
            recent = self._seen.setdefault(who, deque())
            while recent and recent[0] <= moment - self.window:
                recent.popleft()
            if len(recent) >= self.tries:
                return False
            recent.append(moment)
            if len(self._seen) > 10_000:  # forget people whose tries have all expired
                self._seen = {key: value for key, value in self._seen.items() if value}
            return True


def status_limit(state: dict[str, object]) -> TryLimit:
    """The /concern status limit of this process (kept in Deps.state)."""
    limit = state.get(STATUS_STATE_KEY)
    if not isinstance(limit, TryLimit):
        limit = state.setdefault(STATUS_STATE_KEY, TryLimit(STATUS_TRIES, STATUS_WINDOW))
    assert isinstance(limit, TryLimit)
    return limit
