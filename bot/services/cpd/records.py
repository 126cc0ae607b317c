"""Each person's CPD record: the events they attended in a calendar year, against the programme's target."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models.cpd import CpdEvent, CpdRsvp

TARGET_PER_YEAR = 6


@dataclass(frozen=True)
class AttendedEvent:
    event_id: int
    title: str
    starts_at: datetime


def year_bounds(year: int, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The first instant of the year and of the next, in the organisation's time zone."""
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def attended_counts(session: Session, team_id: str, user_ids: Iterable[str], year: int, tz: ZoneInfo) -> dict[str, int]:
    """How many events each person attended in the year (people with none are left out)."""
    wanted = list(user_ids)
    if not wanted:
        return {}
    start, end = year_bounds(year, tz)
    rows = session.execute(
        select(CpdRsvp.user_id, func.count())
        .join(CpdEvent, CpdEvent.id == CpdRsvp.event_id)
        .where(
            CpdRsvp.team_id == team_id,
            CpdRsvp.user_id.in_(wanted),
            CpdRsvp.attended.is_(True),
            CpdEvent.status == "scheduled",
            CpdEvent.starts_at >= start,
            CpdEvent.starts_at < end,
        )
        .group_by(CpdRsvp.user_id)
    )
    return {user_id: int(count) for user_id, count in rows}


def attended_events(session: Session, team_id: str, user_id: str, year: int, tz: ZoneInfo) -> list[AttendedEvent]:
    start, end = year_bounds(year, tz)
    rows = session.execute(
        select(CpdEvent.id, CpdEvent.title, CpdEvent.starts_at)
        .join(CpdRsvp, CpdRsvp.event_id == CpdEvent.id)
        .where(
            CpdRsvp.team_id == team_id,
            CpdRsvp.user_id == user_id,
            CpdRsvp.attended.is_(True),
            CpdEvent.status == "scheduled",
            CpdEvent.starts_at >= start,
            CpdEvent.starts_at < end,
        )
        .order_by(CpdEvent.starts_at)
    )
    return [AttendedEvent(event_id, title, starts_at) for event_id, title, starts_at in rows]
