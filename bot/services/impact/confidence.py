"""Confidence on an event's topic, from 1 to 5: asked (optionally) when someone answers Going, and again in the
feedback form after the event, so the report can compare the mean before and after (from five answers).

Neither answer is kept with the person's ID (see CpdConfidence): the report can compare the two groups, never
one person's before and after. Nor can the order of the rows say who answered when: each answer writes the
event's rows again in a fresh random order under fresh random IDs, as feedback is written.
"""

from __future__ import annotations

import random
import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.services.admin.scrub import request_scrub
from bot.services.cpd.announcement import locked_event
from storage.models.cpd import CpdRsvp
from storage.models.impact import CpdConfidence

if TYPE_CHECKING:
    from bot.deps import Deps

SCORES = range(1, 6)
# Draws the order and the IDs of the rows (from the operating system's secure source).
_random: random.Random = secrets.SystemRandom()


def parse_score(value: object) -> int | None:
    try:
        score = int(str(value))
    except ValueError:
        return None
    return score if score in SCORES else None


def record_before(
    session: Session, deps: Deps, *, team_id: str, event_id: int, user_id: str, score: int, now: datetime
) -> str:
    """saved | not_going (no place asked for) | closed (the event has started)."""
    event = locked_event(session, team_id, event_id)  # the event's answers are rewritten one at a time
    answer = session.scalar(select(CpdRsvp.answer).where(CpdRsvp.event_id == event_id, CpdRsvp.user_id == user_id))
    if event is None or answer not in {"going", "waiting"}:
        return "not_going"
    if now >= event.starts_at or event.feedback_salt is None:
        return "closed"
    pseudonym = deps.keyring.pseudonym(event.feedback_salt, f"confidence:{user_id}")
    _write_shuffled(session, team_id, event.id, ("before", pseudonym, score), now)
    return "saved"


def record_after(session: Session, *, team_id: str, event_id: int, score: int, now: datetime) -> None:
    """With feedback that was just saved (which already makes sure each person answers once)."""
    _write_shuffled(session, team_id, event_id, ("after", None, score), now)


def _write_shuffled(
    session: Session, team_id: str, event_id: int, new: tuple[str, str | None, int], now: datetime
) -> None:
    """Write the event's answers again with the new one (which replaces a `before` answer under the same
    pseudonym), in a fresh random order under fresh random IDs, so that neither where a row lies nor its ID says
    when it came and it cannot be matched to the order of the answers to the event or of the "has answered" rows.
    The rows as they were go from the database's files at the next scrub."""
    of_event = CpdConfidence.event_id == event_id
    stage, pseudonym, _ = new
    kept = select(CpdConfidence.stage, CpdConfidence.pseudonym, CpdConfidence.score).where(of_event)
    answers: list[tuple[str, str | None, int]] = [
        (row_stage, row_pseudonym, score)
        for row_stage, row_pseudonym, score in session.execute(kept)
        if pseudonym is None or (row_stage, row_pseudonym) != (stage, pseudonym)
    ]
    session.execute(delete(CpdConfidence).where(of_event))
    answers.append(new)
    _random.shuffle(answers)
    for row_stage, row_pseudonym, score in answers:
        session.add(CpdConfidence(id=new_confidence_id(), team_id=team_id, event_id=event_id, stage=row_stage,
                                  pseudonym=row_pseudonym, score=score))  # fmt: skip
        session.flush()  # one at a time, in the shuffled order
    request_scrub(session, team_id, now)


def new_confidence_id() -> str:
    return f"{_random.getrandbits(128):032x}"
