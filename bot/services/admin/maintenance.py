"""Housekeeping duties: forget old event IDs once Slack can no longer retry them."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.clock import DutyContext, schedule
from bot.features import Features
from storage.models import Duty, SeenEvent

GLOBAL_TEAM = "-"
SEEN_EVENTS_KEPT = timedelta(days=3)


def daily(ctx: DutyContext) -> None:
    ctx.session.execute(delete(SeenEvent).where(SeenEvent.seen_at < ctx.now - SEEN_EVENTS_KEPT))
    _schedule_next(ctx.session, ctx.now + timedelta(days=1))


def ensure_scheduled(session: Session, now: datetime) -> None:
    pending = session.scalar(select(Duty.id).where(Duty.kind == "maintenance.daily", Duty.status == "pending"))
    if pending is None:
        _schedule_next(session, now)


def _schedule_next(session: Session, when: datetime) -> None:
    schedule(session, team_id=GLOBAL_TEAM, kind="maintenance.daily", key=when.strftime("%Y-%m-%d"), due_at=when)


def register(features: Features) -> None:
    features.add_duty("maintenance.daily", daily)
    features.add_standing_duty(ensure_scheduled)
