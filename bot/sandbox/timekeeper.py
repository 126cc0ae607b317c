"""The sandbox's time: real time plus an offset that the page moves on, and a ticker that runs the clock.

Moving the time runs the bot's own clock (`bot.clock.tick`) at the later instant, so a week of scheduled
dilemmas, closes and reminders can be seen in a minute. People's own clicks still carry the real time.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from bot.clock import TickReport, tick
from storage.models import Duty, utcnow

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger(__name__)

TICK_EVERY = 2.0  # seconds: often enough that a scheduled post shows up while someone watches
SHOWN_KINDS = {
    "dilemma.post": "the next scheduled dilemma",
    "dilemma.close": "a dilemma's close and reveal",
    "cards.weekly": "the card of the week",
    "cpd.start": "an event's start (check-in)",
    "cpd.finish": "an event's end (feedback)",
    "ambassadors.drive_close": "the recruitment drive's close",
    "ambassadors.approval_nudge": "a reminder to an approver",
}


@dataclass(frozen=True)
class Upcoming:
    kind: str
    label: str
    due_at: datetime


def label_of(duty: Duty) -> str | None:
    """What a person would call this duty, or None for housekeeping no one needs to see."""
    if duty.kind == "cpd.reminder":
        days = int(duty.payload.get("days") or 0)
        return f"an event's {days}-day reminder"
    if duty.kind.startswith("concerns."):
        return "a case deadline reminder" if "deadline" in duty.kind else None
    return SHOWN_KINDS.get(duty.kind)


class Timekeeper:
    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self._offset = timedelta(0)
        self._lock = threading.Lock()  # one tick at a time: moving the time and the ticker never overlap
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def now(self) -> datetime:
        return utcnow() + self._offset

    @property
    def offset(self) -> timedelta:
        return self._offset

    def upcoming(self, limit: int = 8) -> list[Upcoming]:
        """The next duties a person can jump to, soonest first."""
        found: list[Upcoming] = []
        with self.deps.db.unit_of_work() as session:
            rows = session.scalars(select(Duty).where(Duty.status == "pending").order_by(Duty.due_at, Duty.id))
            for duty in rows:
                label = label_of(duty)
                if label is not None and all(u.label != label for u in found):
                    found.append(Upcoming(duty.kind, label, duty.due_at))
                if len(found) >= limit:
                    break
        return found

    def move_to(self, instant: datetime) -> TickReport:
        """Set the sandbox time to `instant` (never backwards) and run every duty due by then."""
        with self._lock:
            self._offset = max(self._offset, instant - utcnow())
            return tick(self.deps, self.now())

    def move_by(self, delta: timedelta) -> TickReport:
        return self.move_to(self.now() + delta)

    def tick_now(self) -> TickReport:
        with self._lock:
            return tick(self.deps, self.now())

    # the background ticker ---------------------------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="sandbox-clock", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(TICK_EVERY):
            try:
                self.tick_now()
            except Exception:  # a failed tick is retried on the next one, as the real clock does
                log.exception("sandbox tick failed")
