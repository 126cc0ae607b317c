"""Monthly meetings: on each month's first Monday the clock reminds each standards manager and their ambassadors."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from itertools import groupby
from typing import TYPE_CHECKING

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import clock
from bot.features import Features
from bot.services.ambassadors import common, meeting_records
from bot.services.cpd.records import TARGET_PER_YEAR, attended_counts
from storage.models import Duty
from storage.models.ambassadors import Ambassador

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger(__name__)

MONTHLY = "ambassadors.monthly"


def next_meeting_reminder(deps: Deps, after: datetime) -> datetime:
    """The first Monday of a month at 09:00 in the organisation's time zone, at or after `after`."""
    trigger = CronTrigger(day="1st mon", hour=9, minute=0, timezone=deps.settings.tz)
    fire: datetime | None = trigger.get_next_fire_time(None, after)
    assert fire is not None
    return fire


def _schedule(session: Session, deps: Deps, team_id: str, after: datetime) -> None:
    when = next_meeting_reminder(deps, after)
    key = f"{when.astimezone(deps.settings.tz):%Y-%m-%d}"
    clock.schedule(session, team_id=team_id, kind=MONTHLY, key=key, due_at=when)


def ensure_scheduled(session: Session, deps: Deps, team_id: str, now: datetime) -> None:
    pending = session.scalar(
        select(Duty.id).where(Duty.team_id == team_id, Duty.kind == MONTHLY, Duty.status == "pending")
    )
    if pending is None:
        _schedule(session, deps, team_id, now)


def remind(ctx: clock.DutyContext) -> None:
    blocks = ctx.deps.messages.ambassador_blocks
    team_id, tz = ctx.duty.team_id, ctx.deps.settings.tz
    active = list(
        ctx.session.scalars(
            select(Ambassador)
            .where(Ambassador.team_id == team_id, Ambassador.status == "active")
            .order_by(Ambassador.standards_manager_id, Ambassador.department, Ambassador.user_id)
        )
    )
    if not active:
        return  # no one to remind: the next confirmation schedules the reminders again
    year = ctx.now.astimezone(tz).year
    attended = attended_counts(ctx.session, team_id, [a.user_id for a in active], year, tz)
    # The month the reminder is for, whenever the clock gets to it: its buttons record that month's meetings.
    month = meeting_records.month_of(common.today(ctx.deps, ctx.duty.due_at))
    people = [(a.user_id, a.joined_on) for a in active]
    tallies = meeting_records.tallies(ctx.session, ctx.deps, team_id=team_id, people=people, now=ctx.now)
    for manager, group in groupby(active, key=lambda a: a.standards_manager_id):
        listed = [(a.user_id, a.department, attended.get(a.user_id, 0), tallies[a.user_id]) for a in group]
        for content in blocks.monthly_manager_messages(listed, TARGET_PER_YEAR, month):
            common.dm(ctx.session, team_id, manager, content, "ambassador.monthly")
    for ambassador in active:
        count = attended.get(ambassador.user_id, 0)
        content = blocks.monthly_ambassador_message(ambassador.standards_manager_id, count, TARGET_PER_YEAR)
        common.dm(ctx.session, team_id, ambassador.user_id, content, "ambassador.monthly")
    # From the later of the due time and now, so a clock that was down does not replay missed months.
    _schedule(ctx.session, ctx.deps, team_id, max(ctx.duty.due_at, ctx.now) + timedelta(minutes=1))
    log.info("monthly meeting reminders queued for %d ambassador(s)", len(active))


def register(features: Features) -> None:
    features.add_duty(MONTHLY, remind)
