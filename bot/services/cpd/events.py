"""CPD events: the standards team's form checked, events created, changed and cancelled, and listed."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.cpd import announcement
from bot.services.cpd import clock as cpd_clock
from bot.services.cpd import notices as cpd_notices
from bot.services.cpd import rsvps as cpd_rsvps
from bot.services.cpd.announcement import EventCard
from dilemmas.references import CPD_TOPICS
from storage.models.cpd import CpdEvent, CpdRsvp

if TYPE_CHECKING:
    from bot.deps import Deps

MIN_MINUTES, MAX_MINUTES = 5, 720
MAX_PLACES = 10_000
_WHOLE = re.compile(r"^-?\d+$")
_EVENT_REF = re.compile(r"^#?(\d{1,9})$")
_LONGEST = timedelta(minutes=MAX_MINUTES)
OTHER_TOPIC = "other"
TITLE_MAX, PLACE_MAX, SPEAKER_MAX, DESCRIPTION_MAX = 150, 500, 150, 2000
FIELD_LIMITS = {"title": TITLE_MAX, "place": PLACE_MAX, "speaker": SPEAKER_MAX, "description": DESCRIPTION_MAX}

# What is wrong with one field of the event form; the handler puts it into words.
FormProblem = Literal[
    "required", "too_long", "past", "duration", "no_such_time",
    "capacity_number", "capacity_negative", "capacity_zero", "capacity_too_many",
]  # fmt: skip


@dataclass(frozen=True)
class EventFormValues:
    """What the form shows to begin with: empty for a new event, the event's values for a change."""

    title: str = ""
    topic: str | None = None
    date: str | None = None  # YYYY-MM-DD in the organisation's time zone
    time: str | None = None  # HH:MM
    minutes: int = 60
    place: str = ""
    capacity: int | None = None
    speaker: str = ""
    description: str = ""


@dataclass(frozen=True)
class EventDetails:
    title: str
    topic: str
    starts_at: datetime
    minutes: int
    place: str
    capacity: int | None
    speaker: str | None
    description: str | None


@dataclass(frozen=True)
class Saved:
    status: Literal["created", "changed", "missing", "cancelled"]
    event_id: int = 0
    told: int = 0
    sent: tuple[int, ...] = ()


def event_ref(text: str) -> int | None:
    """An event number as people type it: 12 or #12."""
    match = _EVENT_REF.match(text.strip())
    return int(match.group(1)) if match else None


def read_form(
    fields: dict[str, str | None], deps: Deps, now: datetime, *, starts_at: datetime | None = None
) -> tuple[EventDetails | None, dict[str, FormProblem]]:
    """The form's values checked; on any problem, None and a problem per input block for the modal to show.
    `starts_at` is the start of the event being changed: an event under way may still be changed, but not
    moved into the past."""
    errors: dict[str, FormProblem] = {}

    def text(name: str, limit: int, *, required: bool = True) -> str | None:
        value = (fields.get(name) or "").strip()
        if not value:
            if required:
                errors[name] = "required"
            return None
        if len(value) > limit:
            errors[name] = "too_long"
        return value

    title = text("title", TITLE_MAX)
    place = text("place", PLACE_MAX)
    speaker = text("speaker", SPEAKER_MAX, required=False)
    description = text("description", DESCRIPTION_MAX, required=False)
    topic = fields.get("topic") or ""
    if topic not in CPD_TOPICS and topic != OTHER_TOPIC:
        errors["topic"] = "required"
    start = _start(fields, deps, errors)
    if start is not None and start <= now and start != starts_at:
        errors["date"] = "past"
    minutes_text = (fields.get("duration") or "").strip()
    minutes = int(minutes_text) if _WHOLE.match(minutes_text) and len(minutes_text) < 6 else 0
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        errors["duration"] = "duration"
    capacity = _capacity(fields.get("capacity"), errors)
    if errors or title is None or place is None or start is None:
        return None, errors
    details = EventDetails(title, topic, start, minutes, place, capacity, speaker, description)
    return details, {}


def _start(fields: dict[str, str | None], deps: Deps, errors: dict[str, FormProblem]) -> datetime | None:
    try:
        day = date.fromisoformat(fields.get("date") or "")
    except ValueError:
        errors["date"] = "required"
        return None
    try:
        clock = time.fromisoformat(fields.get("time") or "")
    except ValueError:
        errors["time"] = "required"
        return None
    local = datetime.combine(day, clock, tzinfo=deps.settings.tz)
    if local.astimezone(UTC).astimezone(deps.settings.tz).replace(tzinfo=None) != local.replace(tzinfo=None):
        errors["time"] = "no_such_time"  # in the hour skipped when the clocks go forward
        return None
    return local


def _capacity(raw: str | None, errors: dict[str, FormProblem]) -> int | None:
    value = (raw or "").strip()
    if not value:
        return None
    if not _WHOLE.match(value):
        errors["capacity"] = "capacity_number"
        return None
    number = int(value)
    if number < 0:
        errors["capacity"] = "capacity_negative"
    elif number == 0:
        errors["capacity"] = "capacity_zero"
    elif number > MAX_PLACES:
        errors["capacity"] = "capacity_too_many"
    return number if 0 < number <= MAX_PLACES else None


def form_values(event: CpdEvent, deps: Deps) -> EventFormValues:
    local = event.starts_at.astimezone(deps.settings.tz)
    return EventFormValues(
        title=event.title,
        topic=event.topic,
        date=f"{local:%Y-%m-%d}",
        time=f"{local:%H:%M}",
        minutes=event.duration_minutes,
        place=event.place,
        capacity=event.capacity,
        speaker=event.speaker or "",
        description=event.description or "",
    )


def create(session: Session, deps: Deps, *, team_id: str, admin: str, details: EventDetails, now: datetime) -> Saved:
    event = CpdEvent(team_id=team_id, created_by=admin, created_at=now, updated_at=now, status="scheduled")
    _apply(event, details)
    event.revision, event.answers_version, event.queue_counter, event.calendar_sequence = 1, 0, 0, 0
    event.feedback_salt = os.urandom(32)
    event.announcement_update_queued = False
    session.add(event)
    session.flush()
    posted = announcement.post(session, deps, event, now)
    cpd_clock.schedule_duties(session, event, now, deps.settings.tz)
    return Saved("created", event.id, sent=(posted,) if posted else ())


def _apply(event: CpdEvent, details: EventDetails) -> None:
    event.title, event.topic, event.starts_at = details.title, details.topic, details.starts_at
    event.duration_minutes, event.place, event.capacity = details.minutes, details.place, details.capacity
    event.speaker, event.description = details.speaker, details.description


def change(session: Session, deps: Deps, *, team_id: str, event_id: int, details: EventDetails, now: datetime) -> Saved:
    """Save a change; a new time or place starts a new revision (new reminders) and everyone who answered is told."""
    event = announcement.locked_event(session, team_id, event_id)
    if event is None:
        return Saved("missing")
    if event.status == "cancelled":
        return Saved("cancelled", event.id)
    moved = (details.starts_at, details.minutes, details.place) != (
        event.starts_at,
        event.duration_minutes,
        event.place,
    )
    _apply(event, details)
    event.updated_at = now
    sent: list[int] = []
    told = 0
    if moved:
        event.revision += 1
        cpd_clock.schedule_duties(session, event, now, deps.settings.tz)
        told_ids = cpd_notices.tell_of_change(session, deps, event, now)
        sent += told_ids
        told = len(told_ids)
    sent += cpd_rsvps.promote_waiting(session, deps, event)  # more places may have been given
    sent += announcement.refresh(session, deps, event, now, force=True)
    return Saved("changed", event.id, told, tuple(sent))


def cancel(session: Session, deps: Deps, *, team_id: str, event_id: int, now: datetime) -> Saved:
    event = announcement.locked_event(session, team_id, event_id)
    if event is None:
        return Saved("missing")
    if event.status == "cancelled":
        return Saved("cancelled", event.id)
    event.status, event.cancelled_at, event.updated_at = "cancelled", now, now
    cpd_clock.cancel_duties(session, event)
    event.feedback_salt = None  # there will be no feedback to ask for
    told = cpd_notices.tell_of_cancellation(session, deps, event, now)
    shown = announcement.refresh(session, deps, event, now, force=True)
    return Saved("changed", event.id, len(told), tuple(told + shown))


def find(session: Session, team_id: str, event_id: int) -> CpdEvent | None:
    return session.scalar(select(CpdEvent).where(CpdEvent.id == event_id, CpdEvent.team_id == team_id))


def upcoming(
    session: Session, team_id: str, user_id: str, now: datetime, limit: int = 10
) -> list[tuple[EventCard, str | None, int | None]]:
    """Events not yet over, soonest first, each with the reader's own answer (and place on the waiting list)."""
    events = list(
        session.scalars(
            select(CpdEvent)
            .where(CpdEvent.team_id == team_id, CpdEvent.status == "scheduled", CpdEvent.starts_at > now - _LONGEST)
            .order_by(CpdEvent.starts_at)
            .limit(limit * 2)
        )
    )
    found: list[tuple[EventCard, str | None, int | None]] = []
    for event in events:
        if announcement.ends_at(event) <= now:
            continue
        rsvp = session.scalar(select(CpdRsvp).where(CpdRsvp.event_id == event.id, CpdRsvp.user_id == user_id))
        position = cpd_rsvps.waiting_position(session, rsvp) if rsvp and rsvp.answer == "waiting" else None
        found.append((announcement.card(session, event, now), rsvp.answer if rsvp else None, position))
    return found[:limit]


def recent(session: Session, team_id: str, now: datetime, limit: int = 15) -> list[EventCard]:
    """The latest events by start, for the standards team to pick one by number."""
    events = session.scalars(
        select(CpdEvent).where(CpdEvent.team_id == team_id).order_by(CpdEvent.starts_at.desc()).limit(limit)
    )
    return [announcement.card(session, event, now) for event in events]
