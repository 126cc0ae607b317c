"""CPD topics ambassadors suggest, counted for the standards team with topics grouped whatever their capitals
and spacing. Who suggested a topic is kept only so that a repeat counts once and within the monthly limit."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.text import escape, visible
from storage.models.ambassadors import Ambassador
from storage.models.cpd import CpdSuggestion

if TYPE_CHECKING:
    from bot.deps import Deps

TOPIC_LIMIT = 200
PER_MONTH = 5  # suggestions one person may make in a calendar month
REPORT_TOPICS = 5  # the most suggested topics named in the standards team's report


@dataclass(frozen=True)
class Suggested:
    status: Literal["saved", "repeat", "limit", "not_ambassador", "empty"]


@dataclass(frozen=True)
class TopicCount:
    topic: str  # as first written
    count: int


def topic_key(topic: str) -> str:
    return " ".join(topic.split()).casefold()[:TOPIC_LIMIT]


def suggest(session: Session, deps: Deps, *, team_id: str, user_id: str, topic: str, now: datetime) -> Suggested:
    topic = " ".join(visible(topic).split())[:TOPIC_LIMIT]
    if not topic:
        return Suggested("empty")
    ambassador = session.scalar(
        select(Ambassador.id).where(
            Ambassador.team_id == team_id, Ambassador.user_id == user_id, Ambassador.status == "active"
        )
    )
    if ambassador is None:
        return Suggested("not_ambassador")
    key = topic_key(topic)
    mine = select(CpdSuggestion).where(CpdSuggestion.team_id == team_id, CpdSuggestion.suggested_by == user_id)
    if session.scalar(mine.where(CpdSuggestion.key == key)) is not None:
        return Suggested("repeat")
    local = now.astimezone(deps.settings.tz)
    month_start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    this_month = session.scalar(
        select(func.count()).select_from(mine.where(CpdSuggestion.created_at >= month_start).subquery())
    )
    if (this_month or 0) >= PER_MONTH:
        return Suggested("limit")
    try:
        with session.begin_nested():  # the same suggestion sent twice at once: the second is a repeat
            session.add(CpdSuggestion(team_id=team_id, topic=topic, key=key, suggested_by=user_id, created_at=now))
    except IntegrityError:
        return Suggested("repeat")
    return Suggested("saved")


def counted(session: Session, team_id: str) -> list[TopicCount]:
    """Each topic once, with how many people suggested it: the most suggested first."""
    rows = session.execute(
        select(CpdSuggestion.key, CpdSuggestion.topic)
        .where(CpdSuggestion.team_id == team_id)
        .order_by(CpdSuggestion.created_at, CpdSuggestion.id)
    ).all()
    counts = Counter(key for key, _ in rows)
    first: dict[str, str] = {}
    for key, topic in rows:
        first.setdefault(key, topic)
    return sorted(
        (TopicCount(first[key], number) for key, number in counts.items()),
        key=lambda t: (-t.count, t.topic.casefold()),
    )


def report_lines(session: Session, team_id: str) -> tuple[list[str], list[tuple[str, str | int]]]:
    """The suggestions' part of the CPD report section: counts, and the most suggested topics (never who)."""
    topics = counted(session, team_id)
    total = sum(t.count for t in topics)
    named = ", ".join(f"{escape(t.topic)} ({t.count})" for t in topics[:REPORT_TOPICS])
    line = f"{total} topic suggestions from ambassadors, {len(topics)} different topics"
    lines = [f"{line}; most suggested: {named}" if named else line]
    return lines, [("topic suggestions", total), ("topics suggested", len(topics))]
