"""Shows of hands at staff briefings, added up per post for its reveal: counted apart from the Slack votes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models.briefings import DilemmaBriefing


@dataclass(frozen=True)
class BriefingTotals:
    """What the briefings recorded against one post added together: how many, who was there, the hands raised."""

    held: int
    present: int
    hands: dict[str, int] = field(default_factory=dict)

    @property
    def raised(self) -> int:
        return sum(self.hands.values())


def totals_for_post(session: Session, post_id: int) -> BriefingTotals | None:
    """None when no briefing has recorded a show of hands for the post."""
    rows = list(session.scalars(select(DilemmaBriefing).where(DilemmaBriefing.post_id == post_id)))
    if not rows:
        return None
    hands: Counter[str] = Counter()
    for row in rows:
        hands.update({str(option): int(count) for option, count in row.hands.items()})
    return BriefingTotals(len(rows), sum(row.present for row in rows), dict(hands))
