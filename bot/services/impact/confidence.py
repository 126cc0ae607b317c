"""Confidence on an event's topic, from 1 to 5: asked (optionally) when someone answers Going, and again in the
feedback form after the event, so the report can compare the mean before and after (from five answers).

Neither answer is kept with the person's ID (see CpdConfidence): the report can compare the two groups, never
one person's before and after.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models.cpd import CpdEvent, CpdRsvp
from storage.models.impact import CpdConfidence

if TYPE_CHECKING:
    from bot.deps import Deps

SCORES = range(1, 6)


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
    found = session.execute(
        select(CpdRsvp.answer, CpdEvent).join(CpdEvent, CpdEvent.id == CpdRsvp.event_id)
        .where(CpdRsvp.team_id == team_id, CpdRsvp.event_id == event_id, CpdRsvp.user_id == user_id)
    ).first()  # fmt: skip
    if found is None or found[0] not in {"going", "waiting"}:
        return "not_going"
    event = found[1]
    if now >= event.starts_at or event.feedback_salt is None:
        return "closed"
    pseudonym = deps.keyring.pseudonym(event.feedback_salt, f"confidence:{user_id}")
    row = session.scalar(
        select(CpdConfidence).where(
            CpdConfidence.event_id == event.id, CpdConfidence.stage == "before", CpdConfidence.pseudonym == pseudonym
        )
    )
    if row is None:
        session.add(CpdConfidence(team_id=team_id, event_id=event.id, stage="before", pseudonym=pseudonym, score=score))
    else:
        row.score = score
    return "saved"


def record_after(session: Session, *, team_id: str, event_id: int, score: int) -> None:
    """With feedback that was just saved (which already makes sure each person answers once)."""
    session.add(CpdConfidence(team_id=team_id, event_id=event_id, stage="after", pseudonym=None, score=score))
