"""An event as people see it, and its announcement: posted once, then kept up to date with the answers.

Many people answer at once, so the announcement is not updated once per answer. Each answer bumps the event's
`answers_version`; one chat.update at a time is queued, and when it has been sent, a newer version queues the
next. The last update sent always shows the counts after the last answer, with a handful of calls in all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import outbox, outbox_errors
from bot.features import Features
from storage.models import OutboxMessage, utcnow
from storage.models.cpd import CpdEvent, CpdRsvp

if TYPE_CHECKING:
    from bot.deps import Deps

SHOWN_HOOK = "cpd.announcement_shown"
FAILED_HOOK = "cpd.announcement_failed"
CHECK_IN_OPENS = timedelta(minutes=15)
Phase = Literal["open", "started", "finished", "cancelled"]


@dataclass(frozen=True)
class Counts:
    going: int = 0
    waiting: int = 0
    maybe: int = 0
    cant: int = 0


@dataclass(frozen=True)
class EventCard:
    """An event as people see it."""

    id: int
    title: str
    topic: str
    starts_at: datetime
    minutes: int
    place: str
    capacity: int | None
    speaker: str | None
    description: str | None
    created_by: str
    phase: Phase
    counts: Counts


def ends_at(event: CpdEvent) -> datetime:
    return event.starts_at + timedelta(minutes=event.duration_minutes)


def shown_at(event: CpdEvent, now: datetime) -> datetime:
    """`now`, or the instant the clock last showed the event at if that is later (`tick --at` runs ahead)."""
    return max(now, event.clock_at) if event.clock_at else now


def phase(event: CpdEvent, now: datetime) -> Phase:
    if event.status == "cancelled":
        return "cancelled"
    at = shown_at(event, now)
    if at < event.starts_at:
        return "open"
    return "started" if at < ends_at(event) else "finished"


def locked_event(session: Session, team_id: str, event_id: int) -> CpdEvent | None:
    """The event, locked until the transaction ends, so answers to it are taken one at a time."""
    return session.scalar(
        select(CpdEvent).where(CpdEvent.id == event_id, CpdEvent.team_id == team_id).with_for_update()
    )


def counts(session: Session, event_id: int) -> Counts:
    found = dict(
        session.execute(
            select(CpdRsvp.answer, func.count()).where(CpdRsvp.event_id == event_id).group_by(CpdRsvp.answer)
        ).all()
    )
    return Counts(
        going=found.get("going", 0),
        waiting=found.get("waiting", 0),
        maybe=found.get("maybe", 0),
        cant=found.get("cant", 0),
    )


def card(session: Session, event: CpdEvent, now: datetime) -> EventCard:
    return EventCard(
        id=event.id,
        title=event.title,
        topic=event.topic,
        starts_at=event.starts_at,
        minutes=event.duration_minutes,
        place=event.place,
        capacity=event.capacity,
        speaker=event.speaker,
        description=event.description,
        created_by=event.created_by,
        phase=phase(event, now),
        counts=counts(session, event.id),
    )


def post(session: Session, deps: Deps, event: CpdEvent, now: datetime) -> int | None:
    """Queue the announcement in the ambassadors channel; None when no channel is set."""
    channel = deps.settings.ambassadors_channel
    if channel is None:
        return None
    blocks, texts = deps.messages.cpd_blocks, deps.messages.cpd_texts
    message = outbox.enqueue(
        session,
        team_id=event.team_id,
        method="chat.postMessage",
        payload={
            "channel": channel,
            "text": texts.announcement_fallback(event.title),
            "blocks": blocks.announcement(card(session, event, now), deps.settings.tz),
            "unfurl_links": False,
        },
        purpose="cpd-announcement",
    )
    event.announcement_outbox_id = message.id
    return message.id


def refresh(session: Session, deps: Deps, event: CpdEvent, now: datetime, *, force: bool = False) -> list[int]:
    """Queue an update of the announcement unless one is already queued (it will be followed up if stale).
    `force` queues one even then: for a change of phase or details, which a later answer must not wait for.
    Every forced update is a new version, so an older update that lands after it is followed by a current one."""
    if force:
        event.answers_version += 1
    if event.announcement_outbox_id is None or (event.announcement_update_queued and not force):
        return []
    posted = session.get(OutboxMessage, event.announcement_outbox_id)
    if posted is None or posted.status == "failed":
        return []  # the post never arrived (admins were told, and may retry it): nothing to update
    event.announcement_update_queued = True
    blocks, texts = deps.messages.cpd_blocks, deps.messages.cpd_texts
    message = outbox.enqueue(
        session,
        team_id=event.team_id,
        method="chat.update",
        refs={"ts": event.announcement_outbox_id},
        payload={
            "text": texts.announcement_fallback(event.title),
            "blocks": blocks.announcement(card(session, event, now), deps.settings.tz),
        },
        purpose="cpd-announcement-update",
        on_sent=SHOWN_HOOK,
        on_failed=FAILED_HOOK,
        hook_args={"event_id": event.id, "version": event.answers_version},
    )
    return [message.id]


def _shown(session: Session, row: OutboxMessage, deps: Deps) -> Iterable[int]:
    event = locked_event(session, row.team_id, int(row.hook_args["event_id"]))
    if event is None:
        return []
    event.announcement_update_queued = False
    if event.answers_version > int(row.hook_args.get("version", 0)):
        return refresh(session, deps, event, utcnow())
    return []


def _failed(session: Session, row: OutboxMessage, deps: Deps) -> None:
    event = locked_event(session, row.team_id, int(row.hook_args["event_id"]))
    if event is None:
        return
    event.announcement_update_queued = False  # the next answer tries again ...
    if row.last_error in outbox_errors.PERMANENT_ERRORS:
        event.announcement_outbox_id = None  # ... unless the post is gone for good: then admins hear of it once


def register(features: Features) -> None:
    features.add_hook(SHOWN_HOOK, _shown)
    features.add_hook(FAILED_HOOK, _failed)
