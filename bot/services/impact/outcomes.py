"""A closed concern's outcome from a short list, kept beside the case's own (encrypted) words for the report."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models.concerns import ConcernCase

# The outcomes a case team chooses from when it closes a case, in the order the report lists them.
KINDS = ("action-taken", "advice-given", "no-further-action", "referred")


def record(session: Session, *, team_id: str, case_id: int, status: str, kind: str) -> None:
    """Kept when the case is closed with a known kind; reopening the case clears it."""
    case = session.scalar(select(ConcernCase).where(ConcernCase.team_id == team_id, ConcernCase.id == case_id))
    if case is None:
        return
    case.outcome = kind if status == "closed" and kind in KINDS else None
