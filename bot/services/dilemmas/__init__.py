"""The dilemmas feature's domain logic, as the handlers use it, and register() for its duties, hooks and report.

The work is split by concept: dilemma_posts (posting and the reveal), dilemma_schedules (weekly schedules),
dilemma_votes (anonymous votes and comments) and dilemma_schedule_spec (reading the schedule command).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from sqlalchemy.orm import Session

from bot.features import Features
from bot.services.dilemmas import bank, nudges, report
from bot.services.dilemmas import posts as dilemma_posts
from bot.services.dilemmas import schedules as dilemma_schedules
from bot.services.dilemmas import votes as dilemma_votes
from bot.services.dilemmas.schedule_spec import ScheduleProblem, ScheduleSpec, parse_schedule
from dilemmas.models import Dilemma

if TYPE_CHECKING:
    from bot.deps import Deps

__all__ = [
    "ScheduleProblem",
    "ScheduleSpec",
    "bank",
    "dilemma_posts",
    "dilemma_schedules",
    "dilemma_votes",
    "parse_schedule",
    "register",
]


@dataclass(frozen=True)
class Posted:
    status: Literal["posted", "unknown", "none_left"]
    dilemma_id: str | None = None
    sent: tuple[int, ...] = ()


def post_now(
    session: Session, deps: Deps, *, team_id: str, channel_id: str, dilemma_id: str | None, now: datetime
) -> Posted:
    """`/dilemma post [id] [#channel]`: the named dilemma, or the channel's next unused one."""
    if dilemma_id:
        dilemma = bank.choosable(session, deps, team_id, dilemma_id)
        if dilemma is None:
            return Posted("unknown", dilemma_id)
    else:
        chosen = dilemma_posts.choose_for_channel(session, deps, team_id, channel_id)
        if chosen is None:
            return Posted("none_left")
        dilemma = chosen
    schedule = dilemma_schedules.schedule_of(session, team_id, channel_id)
    closes_at = None
    if schedule is not None and schedule.status == "active":
        closes_at = dilemma_schedules.next_fire(schedule, now)  # stay open at most until the next weekly post
        closes_at = min(closes_at, now + dilemma_posts.DEFAULT_OPEN)
    _, sent = dilemma_posts.open_post(
        session, deps, team_id=team_id, channel_id=channel_id, dilemma=dilemma, now=now, closes_at=closes_at
    )
    return Posted("posted", dilemma.id, tuple(sent))


def close_now(session: Session, deps: Deps, *, team_id: str, channel_id: str, now: datetime) -> tuple[int, ...] | None:
    """`/dilemma close [#channel]`: None when nothing is open there, else the outbox ids to deliver."""
    post = dilemma_posts.open_post_in(session, team_id, channel_id)
    if post is None:
        return None
    return tuple(dilemma_posts.close_post(session, deps, post, now, early=True))


def current_dilemma(session: Session, deps: Deps, team_id: str, channel_id: str) -> Dilemma | None:
    post = dilemma_posts.open_post_in(session, team_id, channel_id)
    return bank.lookup(session, deps, team_id, post.dilemma_id) if post else None


def register(features: Features) -> None:
    dilemma_posts.register(features)
    dilemma_schedules.register(features)
    nudges.register(features)
    features.add_report_section(10, "dilemmas", report.dilemma_section)
