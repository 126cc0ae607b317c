"""Who attended an event (checked in during it, or marked by the standards team) and their anonymous feedback."""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from bot.services.admin.scrub import request_scrub
from bot.services.cpd import announcement
from bot.services.cpd.clock import ask_for_feedback
from storage.models.cpd import CpdEvent, CpdFeedback, CpdFeedbackGiven, CpdRsvp

if TYPE_CHECKING:
    from bot.deps import Deps

RATINGS = range(1, 6)
# Draws the order and the IDs of feedback rows (from the operating system's secure source).
_random: random.Random = secrets.SystemRandom()
FEEDBACK_MINIMUM = 5


@dataclass(frozen=True)
class Attendee:
    user_id: str
    answer: str
    attended: bool


@dataclass(frozen=True)
class Outcome:
    status: Literal["missing", "early", "late", "already", "checked_in", "saved", "not_attended", "closed"]
    title: str = ""
    count: int = 0
    sent: tuple[int, ...] = ()


def check_in(session: Session, deps: Deps, *, team_id: str, event_id: int, user_id: str, now: datetime) -> Outcome:
    """Check a person in while the event is on; someone who came without answering is added as going."""
    event = announcement.locked_event(session, team_id, event_id)
    if event is None or event.status == "cancelled":
        return Outcome("missing")
    if now < event.starts_at - announcement.CHECK_IN_OPENS:
        return Outcome("early", event.title)
    if now >= announcement.ends_at(event):
        return Outcome("late", event.title)
    rsvp = session.scalar(select(CpdRsvp).where(CpdRsvp.event_id == event.id, CpdRsvp.user_id == user_id))
    if rsvp is not None and rsvp.checked_in_at is not None:
        return Outcome("already", event.title)
    if rsvp is None:
        event.queue_counter += 1
        rsvp = CpdRsvp(
            team_id=team_id, event_id=event.id, user_id=user_id, answer="going", answered_at=now,
            queue_number=event.queue_counter,
        )  # fmt: skip
        session.add(rsvp)
    rsvp.attended, rsvp.checked_in_at = True, now
    if rsvp.answer in ("maybe", "cant", "waiting"):  # they came after all: count them as going
        rsvp.answer = "going"
    return Outcome("checked_in", event.title, sent=tuple(announcement.refresh(session, deps, event, now)))


def attendees(session: Session, event: CpdEvent) -> list[Attendee]:
    may_have_come = or_(CpdRsvp.answer != "cant", CpdRsvp.attended.is_(True))
    rows = session.scalars(
        select(CpdRsvp).where(CpdRsvp.event_id == event.id, may_have_come).order_by(CpdRsvp.queue_number, CpdRsvp.id)
    )
    return [Attendee(r.user_id, r.answer, r.attended) for r in rows]


def save_attendance(
    session: Session, deps: Deps, *, team_id: str, event_id: int, listed: Iterable[str], ticked: Iterable[str],
    now: datetime,
) -> Outcome:  # fmt: skip
    """Mark exactly the ticked people of those the form listed; once the event is over, newly marked
    attendees are asked for feedback."""
    event = announcement.locked_event(session, team_id, event_id)
    if event is None:
        return Outcome("missing")
    chosen, shown = set(ticked), set(listed)
    for rsvp in session.scalars(select(CpdRsvp).where(CpdRsvp.event_id == event.id, CpdRsvp.user_id.in_(shown))):
        rsvp.attended = rsvp.user_id in chosen
    session.flush()
    asked = ask_for_feedback(session, deps, event) if now >= announcement.ends_at(event) else []
    total = session.scalar(select(func.count()).where(CpdRsvp.event_id == event.id, CpdRsvp.attended.is_(True)))
    return Outcome("saved", event.title, int(total or 0), tuple(asked))


def give_feedback(
    session: Session, deps: Deps, *, team_id: str, event_id: int, user_id: str, rating: int, comment: str | None,
    now: datetime,
) -> Outcome:  # fmt: skip
    """Keep a rating and comment without the person's ID. That they have answered is kept apart, under a
    pseudonym made with the event's salt, so they can answer once; the salt goes when feedback closes."""
    event = announcement.locked_event(session, team_id, event_id)
    if event is None:
        return Outcome("missing")
    rsvp = session.scalar(select(CpdRsvp).where(CpdRsvp.event_id == event.id, CpdRsvp.user_id == user_id))
    if rsvp is None or not rsvp.attended:
        return Outcome("not_attended", event.title)
    if event.feedback_salt is None:
        return Outcome("closed", event.title)
    # Under every configured key, so that a key rotation in the feedback weeks does not let anyone answer twice.
    pseudonym, *previous = deps.keyring.pseudonyms(event.feedback_salt, user_id)
    given = select(CpdFeedbackGiven.id).where(
        CpdFeedbackGiven.event_id == event.id, CpdFeedbackGiven.pseudonym.in_([pseudonym, *previous])
    )
    if session.scalar(given) is not None:
        return Outcome("already", event.title)
    session.add(CpdFeedbackGiven(team_id=team_id, event_id=event.id, pseudonym=pseudonym))
    _write_shuffled(session, event, (rating, comment or None))
    request_scrub(session, team_id, now)  # the rows as they were written before go from the database's files
    return Outcome("saved", event.title)


def _write_shuffled(session: Session, event: CpdEvent, new: tuple[int, str | None]) -> None:
    """Write the event's feedback again, the new answer with it, in a fresh random order under fresh random IDs:
    where a row lies and what its ID is then say nothing about when it came, so the order of the "has answered"
    rows cannot be matched to it. An event has at most a few dozen answers, so this stays cheap."""
    of_event = CpdFeedback.event_id == event.id
    answers = [
        (rating, comment)
        for rating, comment in session.execute(select(CpdFeedback.rating, CpdFeedback.comment).where(of_event))
    ]
    session.execute(delete(CpdFeedback).where(of_event))
    answers.append(new)
    _random.shuffle(answers)
    for rating, comment in answers:
        session.add(CpdFeedback(id=new_feedback_id(), team_id=event.team_id, event_id=event.id, rating=rating,
                                comment=comment))  # fmt: skip
        session.flush()  # one at a time, in the shuffled order


def new_feedback_id() -> str:
    return f"{_random.getrandbits(128):032x}"


@dataclass(frozen=True)
class FeedbackSummary:
    """An event's feedback for the standards team: only counts until enough people answered that no single
    answer stands out (as with the dilemmas' results)."""

    responses: int
    average: float | None = None
    ratings: tuple[int, ...] = ()  # how many gave 1, 2, 3, 4 and 5
    comments: tuple[str, ...] = ()


def feedback_summary(session: Session, event_id: int) -> FeedbackSummary:
    rows = list(
        session.execute(select(CpdFeedback.rating, CpdFeedback.comment).where(CpdFeedback.event_id == event_id))
    )
    if len(rows) < FEEDBACK_MINIMUM:
        return FeedbackSummary(len(rows))
    ratings = tuple(sum(1 for rating, _ in rows if rating == n) for n in RATINGS)
    comments = tuple(sorted(comment for _, comment in rows if comment))  # sorted: no clue to the order of answers
    return FeedbackSummary(len(rows), sum(r for r, _ in rows) / len(rows), ratings, comments)
