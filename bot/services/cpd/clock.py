"""Timed duties of CPD events: reminders 7 days and 1 day before, check-in at the start, feedback at the end.

Each duty's key carries the event's revision, so a change of time or place cancels the old ones and the new
ones fall due at the new time; the clock runs each exactly once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import clock, outbox
from bot.features import Features
from bot.services.admin.scrub import request_scrub
from bot.services.cpd import announcement, notices
from bot.services.cpd.rsvps import waiting_position
from bot.text import escape
from storage.models.cpd import CpdEvent, CpdRsvp

if TYPE_CHECKING:
    from bot.deps import Deps

REMINDER, START, FINISH, FEEDBACK_CLOSE = "cpd.reminder", "cpd.start", "cpd.finish", "cpd.feedback_close"
REMINDER_DAYS = (7, 1)
FEEDBACK_OPEN_FOR = timedelta(days=14)


def schedule_duties(session: Session, event: CpdEvent, now: datetime, tz: ZoneInfo) -> None:
    cancel_duties(session, event)
    prefix = f"{event.id}:r{event.revision}"
    payload = {"event_id": event.id, "revision": event.revision}
    local_start = event.starts_at.astimezone(tz)
    for days in REMINDER_DAYS:
        due = (local_start - timedelta(days=days)).astimezone(UTC)  # the same wall-clock time, across a clock change
        if due > now:
            clock.schedule(
                session, team_id=event.team_id, kind=REMINDER, key=f"{prefix}:{days}d", due_at=due,
                payload={**payload, "days": days},
            )  # fmt: skip
    clock.schedule(session, team_id=event.team_id, kind=START, key=f"{prefix}:start", due_at=event.starts_at,
                   payload=payload)  # fmt: skip
    clock.schedule(session, team_id=event.team_id, kind=FINISH, key=f"{prefix}:finish",
                   due_at=announcement.ends_at(event), payload=payload)  # fmt: skip
    clock.schedule(session, team_id=event.team_id, kind=FEEDBACK_CLOSE, key=f"{prefix}:feedback-close",
                   due_at=announcement.ends_at(event) + FEEDBACK_OPEN_FOR, payload=payload)  # fmt: skip


def cancel_duties(session: Session, event: CpdEvent) -> None:
    for kind in (REMINDER, START, FINISH, FEEDBACK_CLOSE):
        clock.cancel(session, team_id=event.team_id, kind=kind, key_prefix=f"{event.id}:")


def _current(ctx: clock.DutyContext) -> CpdEvent | None:
    """The duty's event, if it still stands as the duty knew it (not cancelled, not moved since)."""
    event = announcement.locked_event(ctx.session, ctx.duty.team_id, int(ctx.payload["event_id"]))
    if event is None or event.status != "scheduled" or event.revision != int(ctx.payload["revision"]):
        return None
    return event


def remind(ctx: clock.DutyContext) -> None:
    event = _current(ctx)
    if event is None:
        return
    texts = ctx.deps.messages.cpd_texts
    text = texts.reminder(escape(event.title), notices.when_text(ctx.deps, event), notices.place_text(ctx.deps, event),
                          int(ctx.payload["days"]))  # fmt: skip
    people = list(
        ctx.session.scalars(
            select(CpdRsvp).where(CpdRsvp.event_id == event.id, CpdRsvp.answer.in_(notices.WANTS_CALENDAR))
        )
    )
    for rsvp in people:
        if rsvp.answer == "waiting":
            extra = " " + texts.reminder_waiting(waiting_position(ctx.session, rsvp))
        elif rsvp.answer == "maybe":
            extra = " " + texts.REMINDER_MAYBE
        else:
            extra = ""
        notices.send_text(ctx.session, event, rsvp.user_id, text + extra, "cpd-reminder")


def _show_clock(event: CpdEvent, now: datetime) -> None:
    event.clock_at = max(now, event.clock_at) if event.clock_at else now


def start(ctx: clock.DutyContext) -> None:
    event = _current(ctx)
    if event is not None:
        _show_clock(event, ctx.now)
        announcement.refresh(ctx.session, ctx.deps, event, ctx.now, force=True)  # answers close, check-in opens


def finish(ctx: clock.DutyContext) -> None:
    event = _current(ctx)
    if event is None:
        return
    _show_clock(event, ctx.now)
    announcement.refresh(ctx.session, ctx.deps, event, ctx.now, force=True)
    ask_for_feedback(ctx.session, ctx.deps, event)


def close_feedback(ctx: clock.DutyContext) -> None:
    event = _current(ctx)
    if event is not None:
        event.feedback_salt = None  # who answered can no longer be told, by anyone
        request_scrub(ctx.session, event.team_id, ctx.now)  # nor found in the database's files


def ask_for_feedback(session: Session, deps: Deps, event: CpdEvent) -> list[int]:
    """Ask each attendee not yet asked for anonymous feedback, once, while feedback is open."""
    if event.feedback_salt is None:
        return []
    sent = []
    attendees = list(
        session.scalars(
            select(CpdRsvp).where(
                CpdRsvp.event_id == event.id, CpdRsvp.attended.is_(True), CpdRsvp.feedback_asked.is_(False)
            )
        )
    )
    blocks, texts = deps.messages.cpd_blocks, deps.messages.cpd_texts
    for rsvp in attendees:
        rsvp.feedback_asked = True
        message = outbox.enqueue(
            session,
            team_id=event.team_id,
            method="dm.post",
            purpose="cpd-feedback-request",
            payload={
                "user": rsvp.user_id,
                "text": texts.feedback_request(escape(event.title)),
                "blocks": blocks.feedback_request(event.id, event.title),
            },
        )
        sent.append(message.id)
    return sent


def register(features: Features) -> None:
    features.add_duty(REMINDER, remind)
    features.add_duty(START, start)
    features.add_duty(FINISH, finish)
    features.add_duty(FEEDBACK_CLOSE, close_feedback)
