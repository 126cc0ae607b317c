"""An event's attendance as rows for the standards team's CSV file: everyone who answered, with their answer,
their place in the order of answers, and whether they attended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.cpd.events import find
from storage.models.cpd import CpdRsvp

_ANSWER_ORDER = {"going": 0, "waiting": 1, "maybe": 2, "cant": 3}


@dataclass(frozen=True)
class AttendanceRow:
    user: str
    answer: str  # going | waiting | maybe | cant
    answered_at: datetime
    attended: bool
    checked_in_at: datetime | None


@dataclass(frozen=True)
class EventAttendance:
    event_id: int
    title: str
    starts_at: datetime
    status: str
    rows: list[AttendanceRow]


def attendance(session: Session, team_id: str, event_id: int) -> EventAttendance | None:
    event = find(session, team_id, event_id)
    if event is None:
        return None
    answers = session.scalars(select(CpdRsvp).where(CpdRsvp.event_id == event.id))
    ordered = sorted(answers, key=lambda r: (_ANSWER_ORDER.get(r.answer, 9), r.queue_number, r.answered_at, r.id))
    rows = [AttendanceRow(r.user_id, r.answer, r.answered_at, r.attended, r.checked_in_at) for r in ordered]
    return EventAttendance(event.id, event.title, event.starts_at, event.status, rows)
