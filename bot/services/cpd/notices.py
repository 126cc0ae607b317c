"""Direct messages about an event: calendar files, a place that has come up, a change, a cancellation."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import calendar, outbox
from bot.text import escape
from storage.models import OutboxMessage
from storage.models.cpd import CpdEvent, CpdRsvp

if TYPE_CHECKING:
    from bot.deps import Deps

WANTS_CALENDAR = ("going", "waiting", "maybe")


def when_text(deps: Deps, event: CpdEvent) -> str:
    return deps.messages.cpd_blocks.starts_text(event.starts_at, event.duration_minutes, deps.settings.tz)


def place_text(deps: Deps, event: CpdEvent) -> str:
    return deps.messages.cpd_blocks.place_text(event.place)


def _calendar_entry(deps: Deps, event: CpdEvent, *, cancelled: bool) -> calendar.CalendarEvent:
    speaker = f"{deps.messages.cpd_texts.SPEAKER}: {event.speaker}" if event.speaker else ""
    details = [event.description or "", speaker]
    return calendar.CalendarEvent(
        uid=f"cpd-event-{event.id}-{event.team_id.lower()}@standards-bot",
        title=event.title,
        starts_at=event.starts_at,
        minutes=event.duration_minutes,
        place=event.place,
        description="\n\n".join(d for d in details if d),
        sequence=event.calendar_sequence,
        cancelled=cancelled,
    )


def send_calendar(
    session: Session,
    deps: Deps,
    event: CpdEvent,
    rsvp: CpdRsvp,
    comment: str,
    now: datetime,
    *,
    cancelled: bool = False,
) -> OutboxMessage:
    """A DM with the event's .ics file (or one that cancels it), and the words that go with it. Like send_text,
    it is written at the session's next flush (many at once go together: see sent_ids)."""
    rsvp.calendar_sent_revision = 0 if cancelled else event.revision
    # Every file supersedes the ones sent before it, whether it publishes a change, cancels the event, or adds
    # it again for someone who has changed their mind (the event's row is locked by the caller).
    event.calendar_sequence += 1
    return outbox.enqueue(
        session,
        team_id=event.team_id,
        method="dm.upload",
        purpose="cpd-calendar",
        payload={
            "user": rsvp.user_id,
            "filename": calendar.file_name(event.id),
            "title": deps.messages.cpd_texts.CALENDAR_FILE_TITLE,
            "content": calendar.ics(_calendar_entry(deps, event, cancelled=cancelled), stamp=now),
            "initial_comment": comment,
        },
        flush=False,
    )


def send_text(session: Session, event: CpdEvent, user_id: str, text: str, purpose: str) -> OutboxMessage:
    """A DM of `text`, written at the session's next flush."""
    payload = {"user": user_id, "text": text}
    return outbox.enqueue(
        session, team_id=event.team_id, method="dm.post", purpose=purpose, payload=payload, flush=False
    )


def sent_ids(session: Session, messages: list[OutboxMessage]) -> list[int]:
    """The outbox IDs of messages queued above, written now in one flush, to deliver at once."""
    session.flush()
    return [message.id for message in messages]


def everyone_who_answered(session: Session, event: CpdEvent) -> list[CpdRsvp]:
    return list(session.scalars(select(CpdRsvp).where(CpdRsvp.event_id == event.id).order_by(CpdRsvp.id)))


def tell_of_change(session: Session, deps: Deps, event: CpdEvent, now: datetime) -> list[int]:
    """A new time or place: everyone who answered is told; those who may come get the new calendar file."""
    text = deps.messages.cpd_texts.changed(escape(event.title), when_text(deps, event), place_text(deps, event))
    queued = []
    for rsvp in everyone_who_answered(session, event):
        if rsvp.answer in WANTS_CALENDAR:
            queued.append(send_calendar(session, deps, event, rsvp, text, now))
        else:
            queued.append(send_text(session, event, rsvp.user_id, text, "cpd-change"))
    return sent_ids(session, queued)


def tell_of_cancellation(session: Session, deps: Deps, event: CpdEvent, now: datetime) -> list[int]:
    """Everyone who answered is told; whoever was sent a calendar file gets one that removes the event."""
    texts = deps.messages.cpd_texts
    text = texts.cancelled(escape(event.title), when_text(deps, event))
    queued = []
    for rsvp in everyone_who_answered(session, event):
        if rsvp.calendar_sent_revision:
            comment = f"{text} {texts.CANCEL_CALENDAR_NOTE}"
            queued.append(send_calendar(session, deps, event, rsvp, comment, now, cancelled=True))
        else:
            queued.append(send_text(session, event, rsvp.user_id, text, "cpd-cancelled"))
    return sent_ids(session, queued)
