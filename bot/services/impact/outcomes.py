"""A closed concern's outcome from a short list, kept beside the case's own (encrypted) words for the report."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.texts.outcomes import OUTCOME_NAMES
from storage.models.concerns import ConcernCase

KINDS = tuple(OUTCOME_NAMES)


def record(session: Session, *, team_id: str, case_id: int, status: str, kind: str) -> None:
    """Kept when the case is closed with a known kind; reopening the case clears it."""
    case = session.scalar(select(ConcernCase).where(ConcernCase.team_id == team_id, ConcernCase.id == case_id))
    if case is None:
        return
    case.outcome = kind if status == "closed" and kind in KINDS else None
