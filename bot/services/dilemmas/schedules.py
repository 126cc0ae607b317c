"""Weekly dilemma schedules per channel: set, change, pause, resume, remove, and the duty that posts."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import clock, outbox
from bot.features import Features
from bot.services.dilemmas import bank
from bot.services.dilemmas.nudges import plan_nudge
from bot.services.dilemmas.posts import POST_FAILED, UNDELIVERABLE, choose_for_channel, open_post
from bot.services.dilemmas.schedule_spec import ScheduleSpec
from storage.models import OutboxMessage
from storage.models.dilemmas import DilemmaPost, DilemmaSchedule

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger(__name__)

POST_DUTY = "dilemma.post"


def next_fire(schedule: DilemmaSchedule, after: datetime) -> datetime:
    """The first posting time strictly after `after`, in UTC, from APScheduler's CronTrigger."""
    trigger = CronTrigger(
        day_of_week=schedule.weekday, hour=schedule.hour, minute=schedule.minute, timezone=ZoneInfo(schedule.timezone)
    )
    fire: datetime | None = trigger.get_next_fire_time(None, after + timedelta(seconds=1))
    assert fire is not None  # a weekly trigger always fires again
    return fire.astimezone(UTC)


def schedule_of(session: Session, team_id: str, channel_id: str) -> DilemmaSchedule | None:
    return session.scalar(
        select(DilemmaSchedule).where(DilemmaSchedule.team_id == team_id, DilemmaSchedule.channel_id == channel_id)
    )


def schedules(session: Session, team_id: str) -> list[DilemmaSchedule]:
    return list(
        session.scalars(
            select(DilemmaSchedule).where(DilemmaSchedule.team_id == team_id).order_by(DilemmaSchedule.channel_id)
        )
    )


def save_schedule(session: Session, team_id: str, spec: ScheduleSpec, now: datetime) -> tuple[DilemmaSchedule, bool]:
    """Set the channel's schedule, or change it (a change also resumes it); returns it and whether it existed."""
    existing = schedule_of(session, team_id, spec.channel_id)
    schedule = existing or DilemmaSchedule(team_id=team_id, channel_id=spec.channel_id, revision=0, created_at=now)
    schedule.weekday, schedule.hour, schedule.minute = spec.weekday, spec.hour, spec.minute
    schedule.timezone, schedule.open_minutes = spec.timezone, spec.open_minutes
    schedule.nudge_minutes = spec.nudge_minutes
    schedule.format, schedule.tags = spec.fmt, list(spec.tags)
    schedule.status, schedule.paused_reason, schedule.updated_at = "active", None, now
    if existing is None:
        session.add(schedule)
    _plan_next(session, schedule, now)
    return schedule, existing is not None


def next_due(session: Session, schedule: DilemmaSchedule) -> datetime | None:
    from storage.models import Duty

    return session.scalar(
        select(Duty.due_at).where(
            Duty.team_id == schedule.team_id,
            Duty.kind == POST_DUTY,
            Duty.key.startswith(f"schedule:{schedule.id}:"),
            Duty.status == "pending",
        )
    )


def pause_schedule(session: Session, schedule: DilemmaSchedule, *, reason: str | None = None) -> None:
    schedule.status, schedule.paused_reason = "paused", reason
    schedule.revision += 1
    _cancel_pending(session, schedule)


def resume_schedule(session: Session, schedule: DilemmaSchedule, now: datetime) -> None:
    schedule.status, schedule.paused_reason, schedule.updated_at = "active", None, now
    _plan_next(session, schedule, now)


def remove_schedule(session: Session, schedule: DilemmaSchedule) -> None:
    _cancel_pending(session, schedule)
    session.delete(schedule)


def _cancel_pending(session: Session, schedule: DilemmaSchedule) -> None:
    clock.cancel(session, team_id=schedule.team_id, kind=POST_DUTY, key_prefix=f"schedule:{schedule.id}:")


def _plan_next(session: Session, schedule: DilemmaSchedule, after: datetime) -> datetime:
    """Replace whatever is pending with the next posting; the revision in the key keeps a change from
    colliding with a duty of the same time that was cancelled or already done."""
    session.flush()
    _cancel_pending(session, schedule)
    schedule.revision += 1
    due = next_fire(schedule, after)
    clock.schedule(
        session,
        team_id=schedule.team_id,
        kind=POST_DUTY,
        key=f"schedule:{schedule.id}:r{schedule.revision}:{due:%Y%m%dT%H%MZ}",
        due_at=due,
        payload={"schedule_id": schedule.id, "revision": schedule.revision},
    )
    return due


def post_when_due(ctx: clock.DutyContext) -> None:
    """Post the channel's next dilemma. A clock that was down posts once on its return, not once per missed week."""
    schedule = ctx.session.get(DilemmaSchedule, int(ctx.payload["schedule_id"]))
    if schedule is None or schedule.status != "active" or schedule.revision != ctx.payload.get("revision"):
        return
    following = _plan_next(ctx.session, schedule, ctx.now)
    chosen, schedule.next_dilemma_id = schedule.next_dilemma_id, None
    # The standards team's choice for this slot, unless it has been retired since.
    dilemma = bank.choosable(ctx.session, ctx.deps, schedule.team_id, chosen) if chosen else None
    dilemma = dilemma or choose_for_channel(
        ctx.session, ctx.deps, schedule.team_id, schedule.channel_id, fmt=schedule.format, tags=schedule.tags
    )
    if dilemma is None:
        log.warning("no dilemma matches the schedule %s; skipped this week", schedule.id)
        return
    closes_at = min(ctx.now + timedelta(minutes=schedule.open_minutes), following)
    post, _ = open_post(
        ctx.session,
        ctx.deps,
        team_id=schedule.team_id,
        channel_id=schedule.channel_id,
        dilemma=dilemma,
        now=ctx.now,
        closes_at=closes_at,
        schedule=schedule,
    )
    plan_nudge(ctx.session, post, schedule)


def pause_when_undeliverable(session: Session, message: OutboxMessage, deps: Deps) -> None:
    """A channel the bot cannot post in pauses its schedule, and the standards team is told how to resume."""
    post = session.get(DilemmaPost, int(message.hook_args["post_id"]))
    if post is None or post.schedule_id is None or message.last_error not in UNDELIVERABLE:
        return
    schedule = session.get(DilemmaSchedule, post.schedule_id)
    if schedule is None or schedule.status != "active":
        return
    pause_schedule(session, schedule, reason=str(message.last_error))
    words = deps.messages.dilemma_texts
    for admin in sorted(deps.settings.admins):
        outbox.enqueue(
            session,
            team_id=post.team_id,
            method="dm.post",
            purpose="admin-alert",
            payload={"user": admin, "text": words.paused_alert(post.channel_id, str(message.last_error))},
        )


def register(features: Features) -> None:
    features.add_duty(POST_DUTY, post_when_due)
    features.add_hook(POST_FAILED, pause_when_undeliverable)
