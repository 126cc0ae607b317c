"""The mid-week reminder a schedule can ask for: one message in the post's thread a set time before it closes.

It goes to the channel, never to named people, so it says nothing about who has or has not voted.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot import clock, outbox
from bot.features import Features
from bot.services.dilemmas.schedule_spec import WEEKDAYS
from storage.models import OutboxMessage
from storage.models.dilemmas import DilemmaPost, DilemmaSchedule

NUDGE_DUTY = "dilemma.nudge"


def plan_nudge(session: Session, post: DilemmaPost, schedule: DilemmaSchedule) -> None:
    """Put the post's reminder on the clock, if its schedule asks for one and the post is open long enough."""
    if not schedule.nudge_minutes:
        return
    due = post.closes_at - timedelta(minutes=schedule.nudge_minutes)
    if due <= post.opened_at:
        return
    # One key per post: a second tick, or a second clock, finds the duty already done.
    clock.schedule(
        session, team_id=post.team_id, kind=NUDGE_DUTY, key=f"post:{post.id}", due_at=due,
        payload={"post_id": post.id},
    )  # fmt: skip


def nudge_when_due(ctx: clock.DutyContext) -> None:
    post = ctx.session.get(DilemmaPost, int(ctx.payload["post_id"]))
    if post is None or post.status != "open" or post.message_outbox_id is None:
        return  # closed early, or gone: a reminder would point at nothing
    parent = ctx.session.get(OutboxMessage, post.message_outbox_id)
    if parent is None or parent.status == "failed":
        return
    schedule = ctx.session.get(DilemmaSchedule, post.schedule_id) if post.schedule_id else None
    zone = ZoneInfo(schedule.timezone if schedule else ctx.deps.settings.timezone)
    weekday = WEEKDAYS[post.closes_at.astimezone(zone).weekday()]
    blocks, texts = ctx.deps.messages.dilemma_blocks, ctx.deps.messages.dilemma_texts
    unix, fallback = int(post.closes_at.timestamp()), f"{post.closes_at:%d %b %H:%M} UTC"
    outbox.enqueue(
        ctx.session,
        team_id=post.team_id,
        method="chat.postMessage",
        refs={"thread_ts": parent.id},
        payload={
            "channel": post.channel_id,
            "text": texts.nudge_fallback(weekday),
            "blocks": blocks.nudge_blocks(weekday, unix, fallback),
        },
        purpose="dilemma-nudge",
    )


def register(features: Features) -> None:
    features.add_duty(NUDGE_DUTY, nudge_when_due)
