"""Card measures: draws, shares and hands by suit and by month, from counts that keep no one's ID."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.services.impact.period import Period
from storage.models.impact import CardMonthTally


@dataclass
class CardFigures:
    draws: int = 0
    shares: int = 0
    hands: int = 0
    by_suit: Counter[str] = field(default_factory=Counter)  # draws
    by_month: Counter[str] = field(default_factory=Counter)  # draws


def measure(session: Session, team_id: str, period: Period) -> CardFigures:
    """Months that lie wholly in the period (the counts are kept by month)."""
    months = [first.strftime("%Y-%m") for first in period.months() if first >= period.start]
    figures = CardFigures()
    for row in session.scalars(
        select(CardMonthTally).where(CardMonthTally.team_id == team_id, CardMonthTally.month.in_(months))
    ):
        figures.draws += row.draws
        figures.shares += row.shares
        figures.hands += row.hands
        figures.by_suit[row.suit] += row.draws
        figures.by_month[row.month] += row.draws
    return figures


def count(session: Session, team_id: str, suits: Iterable[str], now: datetime, tz: ZoneInfo, *, kind: str) -> None:
    """Add one draw, share or hand (`kind`) to each suit's count for this month, in one upsert per suit."""
    month = now.astimezone(tz).strftime("%Y-%m")
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    for suit in set(suits):
        values = {"team_id": team_id, "month": month, "suit": suit, "draws": 0, "shares": 0, "hands": 0, kind: 1}
        statement = insert(CardMonthTally).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=["team_id", "month", "suit"],
            set_={kind: getattr(CardMonthTally, kind) + 1},
        )
        session.execute(statement)
