"""Card measures: draws, shares and hands by suit and by month, from counts that keep no one's ID."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from bot.services.impact.period import Period
from dilemmas.deck import CardKey
from storage.models.impact import CardMonthTally
from storage.prepared import Prepared


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
        if row.suit != ALL_SUITS:
            figures.by_suit[row.suit] += row.draws
        figures.by_month[row.month] += row.draws
    return figures


ALL_SUITS = "*"  # the row that counts hands, which are not of one suit


def _upsert(insert: Any, kind: str) -> Any:
    values = {"draws": 0, "shares": 0, "hands": 0, kind: bindparam("b_number")}
    statement = insert(CardMonthTally).values(
        team_id=bindparam("b_team"), month=bindparam("b_month"), suit=bindparam("b_suit"), **values
    )
    column = getattr(CardMonthTally, kind)
    return statement.on_conflict_do_update(
        index_elements=["team_id", "month", "suit"], set_={kind: column + getattr(statement.excluded, kind)}
    )


# Built once: a card draw counts here on every click, and building an upsert costs more than running it.
_UPSERTS = {kind: Prepared(partial(_upsert, kind=kind)) for kind in ("draws", "shares", "hands")}


def record(connection: Connection, team_id: str, month: str, counts: Mapping[str, int], *, kind: str) -> None:
    """Add to this month's draws, shares or hands (`kind`) of each suit, in one upsert per suit, in the suits'
    order: transactions that count at once then take these rows' locks in one order, and never wait in a circle."""
    parameters = [
        {"b_team": team_id, "b_month": month, "b_suit": suit, "b_number": number}
        for suit, number in sorted(counts.items())
        if number
    ]
    if parameters:
        _UPSERTS[kind].execute_many(connection, parameters)


def record_draws(connection: Connection, team_id: str, deals: Iterable[Sequence[CardKey]], now: datetime) -> None:
    """Count the cards of several draws and deals by suit; a deal of more than one card is also counted as a
    hand, on a row of its own written after the suits'. The month is UTC's, as the deck service knows no time
    zone: at most an hour from the organisation's month."""
    dealt = list(deals)
    month = now.astimezone(UTC).strftime("%Y-%m")
    record(connection, team_id, month, Counter(card.suit for cards in dealt for card in cards), kind="draws")
    record(connection, team_id, month, {ALL_SUITS: sum(1 for cards in dealt if len(cards) > 1)}, kind="hands")


def record_shares(connection: Connection, team_id: str, suits: Iterable[str], now: datetime) -> None:
    """Count shared cards by suit, in the month (UTC's) they were shared."""
    record(connection, team_id, now.astimezone(UTC).strftime("%Y-%m"), Counter(suits), kind="shares")
