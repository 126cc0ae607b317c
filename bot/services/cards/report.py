"""The ethics cards' section of the standards team's report: counts per suit, never names or user IDs."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.services.admin.reports import ReportSection
from dilemmas.references import SUITS
from storage.models.cards import CardTally


def card_section(session: Session, team_id: str) -> ReportSection:
    totals = {
        suit: (draws or 0, shares or 0)
        for suit, draws, shares in session.execute(
            select(CardTally.suit, func.sum(CardTally.draws), func.sum(CardTally.shares))
            .where(CardTally.team_id == team_id)
            .group_by(CardTally.suit)
        )
    }
    lines = [f"{suit}: {totals.get(suit, (0, 0))[0]} draws, {totals.get(suit, (0, 0))[1]} shares" for suit in SUITS]
    rows: list[tuple[str, str | int]] = []
    for suit in SUITS:
        draws, shares = totals.get(suit, (0, 0))
        rows += [(f"{suit} draws", draws), (f"{suit} shares", shares)]
    return ReportSection("Ethics cards", lines, rows)
