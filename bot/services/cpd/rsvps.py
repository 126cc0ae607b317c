"""Answers to an event: a place while there are places, then a waiting list in the order people answered.

Every answer is taken with the event's row locked, so under many clicks at once the places, the queue and
the counts stay exact; a repeated click (a double click, Slack's retry) finds the answer already given. Clicks
that arrive together are recorded together, in the order they arrived, under one lock (`answer_all`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Literal, cast, get_args

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from bot.services.cpd import announcement, notices
from bot.text import escape
from storage.models import OutboxMessage
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
    promoted: list[OutboxMessage] = []
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
        promoted.append(notices.send_text(session, event, first.user_id, text, "cpd-promoted"))
    return notices.sent_ids(session, promoted)


@dataclass(frozen=True)
class Click:
    """One person's choice on an event, as their click arrived."""

    user_id: str
    choice: str
    now: datetime  # when the click arrived: the time the answer counts at


def answer(
    session: Session, deps: Deps, *, team_id: str, event_id: int, user_id: str, choice: str, now: datetime
) -> Answered:
    """Record one person's answer, as at `now` (when their click arrived)."""
    [answered] = answer_all(session, deps, team_id=team_id, event_id=event_id, clicks=[Click(user_id, choice, now)])
    return answered


def answer_all(session: Session, deps: Deps, *, team_id: str, event_id: int, clicks: Sequence[Click]) -> list[Answered]:
    """Record answers to one event, in the order given, under one lock of its row. Every other answer to the
    event waits while the lock is held, so the usual answer makes no trip to the database of its own: one
    statement locks, one reads the people's answers with the numbers going and waiting, and the writes of them
    all go in one flush before the commit."""
    event = announcement.locked_event(session, team_id, event_id)
    if event is None:
        return [Answered("missing") for _ in clicks]
    board = _Board.read(session, event.id, {click.user_id for click in clicks})
    found = [_answer_one(session, deps, event, board, click) for click in clicks]
    session.flush()  # the new rows, the calendar files among them, get their IDs
    return [replace(answered, sent=(*answered.sent, *(m.id for m in files))) for answered, files in found]


@dataclass
class _Board:
    """The answers of the people in a batch, and the numbers going and waiting, kept up to date as it goes."""

    rsvps: dict[str, CpdRsvp]
    going: int
    waiting: int

    @classmethod
    def read(cls, session: Session, event_id: int, people: set[str]) -> _Board:
        """In one statement, after the lock is taken, so (in PostgreSQL's read committed) it sees every answer
        committed before it: the numbers, and beside them each of these people's answers (if any)."""
        counts = select(
            *(
                select(func.count())
                .where(CpdRsvp.event_id == event_id, CpdRsvp.answer == name)
                .scalar_subquery()
                .label(name)
                for name in ("going", "waiting")
            )
        ).subquery()
        theirs = and_(CpdRsvp.event_id == event_id, CpdRsvp.user_id.in_(people))
        rows = session.execute(
            select(CpdRsvp, counts.c.going, counts.c.waiting).select_from(counts).outerjoin(CpdRsvp, theirs)
        ).all()
        rsvps = {rsvp.user_id: rsvp for rsvp, _, _ in rows if rsvp is not None}
        return cls(rsvps, int(rows[0].going or 0), int(rows[0].waiting or 0))

    def moved(self, before: str | None, after: str) -> None:
        self.going += (after == "going") - (before == "going")
        self.waiting += (after == "waiting") - (before == "waiting")

    def recount(self, session: Session, event_id: int) -> None:
        """After places were given out by queries of their own (a place given up)."""
        counted = _Board.read(session, event_id, set())
        self.going, self.waiting = counted.going, counted.waiting


def _answer_one(
    session: Session, deps: Deps, event: CpdEvent, board: _Board, click: Click
) -> tuple[Answered, list[OutboxMessage]]:
    """One answer, on the locked event; the calendar file it queued, written at the batch's flush."""
    if click.choice not in CHOICES:
        return Answered("missing"), []
    now = announcement.shown_at(event, click.now)
    if event.status == "cancelled":
        return Answered("cancelled", event.title), []
    if now >= event.starts_at:
        return Answered("past", event.title), []
    rsvp = board.rsvps.get(click.user_id)
    before = rsvp.answer if rsvp else None
    wanted_place = click.choice == "going"
    if rsvp is not None and (before == click.choice or (wanted_place and before == "waiting")):
        return _unchanged(session, event, rsvp, board.going), []
    given = click.choice
    if wanted_place:  # counted before this person's row changes, so they are not counted against themselves
        given = "waiting" if event.capacity is not None and board.going >= event.capacity else "going"
    if rsvp is None:
        rsvp = board.rsvps[click.user_id] = CpdRsvp(
            team_id=event.team_id, event_id=event.id, user_id=click.user_id, answer=given, answered_at=now,
            queue_number=0, calendar_sent_revision=0,  # set now: the row is not written before they are read
        )  # fmt: skip
        session.add(rsvp)
    rsvp.answer, rsvp.answered_at = given, now
    board.moved(before, given)
    if wanted_place:
        rsvp.queue_number = _next_in_queue(event)
    sent: list[int] = []
    if before == "going":
        sent += promote_waiting(session, deps, event)
        board.recount(session, event.id)
    event.answers_version += 1
    sent += announcement.refresh(session, deps, event, now)
    # A new place on the waiting list is at its end: behind everyone waiting, this person now among them.
    position = board.waiting if given == "waiting" else None
    calendar = given in notices.WANTS_CALENDAR and rsvp.calendar_sent_revision < event.revision
    texts = deps.messages.cpd_texts
    files: list[OutboxMessage] = []
    if calendar:
        comment = texts.calendar_comment(escape(event.title), notices.when_text(deps, event))
        files.append(notices.send_calendar(session, deps, event, rsvp, comment, now))
    elif given == "cant" and rsvp.calendar_sent_revision:  # take it out of the calendar it was put in
        comment = texts.calendar_removed(escape(event.title))
        files.append(notices.send_calendar(session, deps, event, rsvp, comment, now, cancelled=True))
    status: AnswerStatus = "recorded" if before is None else "changed"
    answer = cast(Answer, given)
    return Answered(status, event.title, answer, board.going, event.capacity, position, calendar, tuple(sent)), files


def _unchanged(session: Session, event: CpdEvent, rsvp: CpdRsvp, going: int) -> Answered:
    position = waiting_position(session, rsvp) if rsvp.answer == "waiting" else None
    answer = cast(Answer, rsvp.answer)  # the column holds only these
    return Answered("unchanged", event.title, answer, going, event.capacity, position)
