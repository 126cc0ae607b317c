"""Shows of hands at staff briefings: how many briefings, how many people were there, and how many hands went up
for the panel's view. Kept apart from the Slack responses, which are one vote per person; a hand is not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dilemmas.loader import Content
from storage.models.briefings import DilemmaBriefing


@dataclass
class BriefingFigures:
    held: int = 0
    present: int = 0
    raised: int = 0  # hands raised for any option, on dilemmas whose panel's view is known
    agreed: int = 0  # of those, hands for the panel's view


def briefings_between(session: Session, team_id: str, start: datetime, end: datetime) -> list[DilemmaBriefing]:
    return list(
        session.scalars(
            select(DilemmaBriefing).where(
                DilemmaBriefing.team_id == team_id, DilemmaBriefing.held_at >= start, DilemmaBriefing.held_at < end
            )
        )
    )


def measure(rows: list[DilemmaBriefing], content: Content) -> BriefingFigures:
    figures = BriefingFigures()
    for row in rows:
        figures.held += 1
        figures.present += row.present
        dilemma = content.dilemmas.get(row.dilemma_id)
        if dilemma is None:
            continue  # taken out of the bank since: its panel's view is no longer known
        figures.raised += sum(int(count) for count in row.hands.values())
        figures.agreed += int(row.hands.get(dilemma.panel_view.option, 0))
    return figures
