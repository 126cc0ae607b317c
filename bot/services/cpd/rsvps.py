"""Answers to an event: a place while there are places, then a waiting list in the order people answered.

Every answer is taken with the event's row locked, so under many clicks at once the places, the queue and
the counts stay exact; a repeated click (a double click, Slack's retry) finds the answer already given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal, cast, get_args

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from bot.services.cpd import announcement, notices
from bot.text import escape
from storage.models.cpd import CpdEvent, CpdRsvp

if TYPE_CHECKING:
    from bot.deps import Deps

CHOICES = ("going", "maybe", "cant")
Answer = Literal["going", "waiting", "maybe", "cant"]  # a choice, or waiting for a place
ANSWERS: tuple[Answer, ...] = get_args(Answer)


AnswerStatus = Literal["recorded", "changed", "unchanged", "missing", "cancelled", "past"]


@dataclass(frozen=True)
class Answered:
    """What became of an answer, for the handler to put into words; `sent` lists outbox ids to deliver now."""

    status: AnswerStatus
    title: str = ""
    answer: Answer | None = None
    taken: int = 0
    capacity: int | None = None
    position: int | None = None  # on the waiting list
    calendar_sent: bool = False
    sent: tuple[int, ...] = ()


def waiting_position(session: Session, rsvp: CpdRsvp) -> int:
    ahead = session.scalar(
        select(func.count()).where(
            CpdRsvp.event_id == rsvp.event_id, CpdRsvp.answer == "waiting", CpdRsvp.queue_number < rsvp.queue_number
        )
    )
    return int(ahead or 0) + 1


def _going(session: Session, event_id: int) -> int:
    return int(session.scalar(select(func.count()).where(CpdRsvp.event_id == event_id, CpdRsvp.answer == "going")) or 0)


def _next_in_queue(event: CpdEvent) -> int:
    event.queue_counter += 1
    return event.queue_counter


def promote_waiting(session: Session, deps: Deps, event: CpdEvent) -> list[int]:
    """Give free places to the first people waiting, in order, and tell each of them."""
    sent: list[int] = []
    while event.capacity is None or _going(session, event.id) < event.capacity:
        first = session.scalar(
            select(CpdRsvp)
            .where(CpdRsvp.event_id == event.id, CpdRsvp.answer == "waiting")
            .order_by(CpdRsvp.queue_number)
            .limit(1)
        )
        if first is None:
            break
        first.answer = "going"
        session.flush()
        text = deps.messages.cpd_texts.promoted(escape(event.title), notices.when_text(deps, event))
        sent.append(notices.send_text(session, event, first.user_id, text, "cpd-promoted"))
    return sent


def answer(
    session: Session, deps: Deps, *, team_id: str, event_id: int, user_id: str, choice: str, now: datetime
) -> Answered:
    """Record `user_id`'s answer, as at `now` (when the click arrived). Everyone else's answer to the event waits
    while the event's row is locked, so the locked part makes as few round trips as it can: one statement to
    lock, one to read the person's answer and the numbers going and waiting, one flush, the commit."""
    if choice not in CHOICES:
        return Answered("missing")
    event = announcement.locked_event(session, team_id, event_id)
    if event is None:
        return Answered("missing")
    now = announcement.shown_at(event, now)
    if event.status == "cancelled":
        return Answered("cancelled", event.title)
    if now >= event.starts_at:
        return Answered("past", event.title)
    standing = _standing(session, event.id, user_id)
    rsvp, going, waiting = standing.rsvp, standing.going, standing.waiting
    before = rsvp.answer if rsvp else None
    wanted_place = choice == "going"
    if rsvp is not None and (before == choice or (wanted_place and before == "waiting")):
        return _outcome(session, event, rsvp, "unchanged", going)
    sent: list[int] = []
    given = choice
    if wanted_place:  # counted before this person's row changes, so they are not counted against themselves
        given = "waiting" if event.capacity is not None and going >= event.capacity else "going"
    if rsvp is None:
        rsvp = CpdRsvp(
            team_id=team_id, event_id=event.id, user_id=user_id, answer=given, answered_at=now,
            queue_number=0, calendar_sent_revision=0,  # set now: the row is not written before they are read
        )  # fmt: skip
        session.add(rsvp)
    rsvp.answer, rsvp.answered_at = given, now
    going += (given == "going") - (before == "going")
    if wanted_place:
        rsvp.queue_number = _next_in_queue(event)
    if before == "going":
        sent += promote_waiting(session, deps, event)
        going = _going(session, event.id)
    event.answers_version += 1
    sent += announcement.refresh(session, deps, event, now)
    # A new place on the waiting list is at its end: behind everyone who was waiting when the lock was taken.
    position = waiting + 1 if given == "waiting" else None
    calendar = given in notices.WANTS_CALENDAR and rsvp.calendar_sent_revision < event.revision
    texts = deps.messages.cpd_texts
    if calendar:
        comment = texts.calendar_comment(escape(event.title), notices.when_text(deps, event))
        sent.append(notices.send_calendar(session, deps, event, rsvp, comment, now))
    elif given == "cant" and rsvp.calendar_sent_revision:  # take it out of the calendar it was put in
        comment = texts.calendar_removed(escape(event.title))
        sent.append(notices.send_calendar(session, deps, event, rsvp, comment, now, cancelled=True))
    status: AnswerStatus = "recorded" if before is None else "changed"
    answer = cast(Answer, given)
    return Answered(status, event.title, answer, going, event.capacity, position, calendar, tuple(sent))


@dataclass(frozen=True)
class _Standing:
    rsvp: CpdRsvp | None
    going: int
    waiting: int


def _standing(session: Session, event_id: int, user_id: str) -> _Standing:
    """The person's answer, with the numbers going and waiting, in one statement. It runs after the lock is
    taken, so (in PostgreSQL's read committed) it sees every answer committed before."""
    counts = select(
        *(
            select(func.count())
            .where(CpdRsvp.event_id == event_id, CpdRsvp.answer == name)
            .scalar_subquery()
            .label(name)
            for name in ("going", "waiting")
        )
    ).subquery()
    mine = and_(CpdRsvp.event_id == event_id, CpdRsvp.user_id == user_id)
    rsvp, going, waiting = session.execute(
        select(CpdRsvp, counts.c.going, counts.c.waiting).select_from(counts).outerjoin(CpdRsvp, mine)
    ).one()
    return _Standing(rsvp, int(going or 0), int(waiting or 0))


def _outcome(session: Session, event: CpdEvent, rsvp: CpdRsvp, status: AnswerStatus, going: int) -> Answered:
    position = waiting_position(session, rsvp) if rsvp.answer == "waiting" else None
    answer = cast(Answer, rsvp.answer)  # the column holds only these
    return Answered(status, event.title, answer, going, event.capacity, position)
