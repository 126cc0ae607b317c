"""Timed duties of the concerns feature: deadline reminders and the retention purge."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot import clock, outbox
from bot.features import Features
from bot.services.admin.scrub import request_scrub
from bot.services.concerns import cases, delivery
from storage.models import Duty, OutboxMessage
from storage.models.concerns import ConcernAudit, ConcernCase, ConcernMessage, ConcernSent

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger(__name__)

DEADLINE = "concerns.deadline"
PURGE = "concerns.purge"
PURGE_HOUR = 3


def schedule_deadlines(session: Session, deps: Deps, case: ConcernCase) -> None:
    ack, feedback = cases.ack_due(deps, case), cases.feedback_due(deps, case)
    moments = {
        ("ack", "nudge"): cases.ack_nudge(deps, case),
        ("ack", "missed"): ack,
        ("feedback", "nudge"): feedback - timedelta(days=cases.FEEDBACK_NUDGE_DAYS),
        ("feedback", "missed"): feedback,
    }
    for (which, stage), when in moments.items():
        clock.schedule(
            session,
            team_id=case.team_id,
            kind=DEADLINE,
            key=f"{case.id}:{which}:{stage}",
            due_at=when,
            payload={"case_id": case.id, "which": which, "stage": stage},
        )


def cancel_deadlines(session: Session, case: ConcernCase, which: str) -> None:
    clock.cancel(session, team_id=case.team_id, kind=DEADLINE, key_prefix=f"{case.id}:{which}:")


def remind(ctx: clock.DutyContext) -> None:
    case = cases.find(ctx.session, ctx.duty.team_id, int(ctx.payload["case_id"]))
    which, stage = ctx.payload["which"], ctx.payload["stage"]
    if case is None or case.status == "closed":
        return
    met = case.acknowledged_at if which == "ack" else case.feedback_at
    if met is not None:
        return
    due = cases.day(ctx.deps, cases.ack_due(ctx.deps, case) if which == "ack" else cases.feedback_due(ctx.deps, case))
    texts = ctx.deps.messages.concern_texts
    template = {
        ("ack", "nudge"): texts.NUDGE_ACK,
        ("ack", "missed"): texts.MISSED_ACK,
        ("feedback", "nudge"): texts.NUDGE_FEEDBACK,
        ("feedback", "missed"): texts.MISSED_FEEDBACK,
    }[(which, stage)]
    settings = ctx.deps.settings
    text = template.format(reference=case.reference, due=due, days=settings.ack_days, months=settings.feedback_months)
    cases.audit(ctx.session, case, "deadline", actor=None, detail=f"{which} {stage}")
    if case.delivery == "posted":
        delivery.post_in_thread(ctx.session, ctx.deps, case, text, broadcast=True)
        return
    for admin in sorted(ctx.deps.settings.admins):  # the case team cannot be reached: tell the admins
        outbox.enqueue(
            ctx.session,
            team_id=case.team_id,
            method="dm.post",
            purpose="concern.deadline",
            payload={"user": admin, "text": text},
        )


def next_purge_at(deps: Deps, after: datetime) -> datetime:
    trigger = CronTrigger(hour=PURGE_HOUR, minute=0, timezone=deps.settings.tz)
    fire: datetime | None = trigger.get_next_fire_time(None, after)
    assert fire is not None
    return fire


def schedule_purge(session: Session, deps: Deps, team_id: str, after: datetime) -> None:
    when = next_purge_at(deps, after)
    clock.schedule(session, team_id=team_id, kind=PURGE, key=f"{when:%Y-%m-%d}", due_at=when)


def purge(ctx: clock.DutyContext) -> None:
    team_id = ctx.duty.team_id
    purged = purge_closed(ctx.session, ctx.deps, team_id, ctx.now)
    if purged:
        log.info("purged %d closed case(s) past the retention period", purged)
        request_scrub(ctx.session, team_id, ctx.now)  # their sealed text goes from the database's files too
    schedule_purge(ctx.session, ctx.deps, team_id, ctx.now + timedelta(minutes=1))


def purge_closed(session: Session, deps: Deps, team_id: str, now: datetime) -> int:
    """Delete closed cases older than the retention period: text, conversation, reporter link, audit details.
    Counts by category and month were kept at receipt, so they remain."""
    cutoff = now - timedelta(days=deps.settings.case_retention_days)
    doomed = list(
        session.scalars(
            select(ConcernCase).where(
                ConcernCase.team_id == team_id, ConcernCase.status == "closed", ConcernCase.closed_at < cutoff
            )
        )
    )
    for case in doomed:
        _delete_from_slack(session, deps, case)
        session.execute(delete(ConcernMessage).where(ConcernMessage.case_id == case.id))
        session.execute(update(ConcernAudit).where(ConcernAudit.case_id == case.id).values(detail=None))
        session.add(
            ConcernAudit(
                team_id=team_id, case_id=case.id, reference=case.reference, actor=None, action="purged", detail=None
            )
        )
        if case.post_outbox_id is not None:
            session.execute(delete(OutboxMessage).where(OutboxMessage.id == case.post_outbox_id))
        session.delete(case)
    live_posts = select(ConcernCase.post_outbox_id).where(ConcernCase.post_outbox_id.is_not(None))
    # Sealed copies of old sends (replies, thread posts, superseded case posts) go too; roots of live cases stay.
    session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.team_id == team_id,
            OutboxMessage.purpose.startswith("concern."),
            OutboxMessage.status.in_(("sent", "failed")),
            OutboxMessage.created_at < cutoff,
            OutboxMessage.id.not_in(live_posts),
        )
    )
    session.execute(
        delete(Duty).where(
            Duty.team_id == team_id,
            Duty.kind.in_((delivery.REDELIVER_KIND, DEADLINE)),
            Duty.status.in_(("done", "cancelled")),
            Duty.due_at < now - timedelta(days=1),
        )
    )
    return len(doomed)


def _delete_from_slack(session: Session, deps: Deps, case: ConcernCase) -> None:
    """Delete from Slack every message the bot posted for the case: its thread, the DMs to the reporter, then the
    case's own post. Each deletion is sealed (a DM's channel points at the reporter); one Slack no longer has
    counts as done."""
    places = cases.sent_messages(session, deps, case)
    posted = session.get(OutboxMessage, case.post_outbox_id) if case.post_outbox_id else None
    if posted is not None and posted.status == "sent" and posted.result_channel and posted.result_ts:
        places.append((posted.result_channel, posted.result_ts))
    for channel, ts in places:
        outbox.enqueue(
            session,
            team_id=case.team_id,
            method="chat.delete",
            payload={"channel": channel, "ts": ts},
            purpose="concern.delete",
            on_sent="concerns.deleted",
            seal_with=deps.keyring,
        )
    session.execute(delete(ConcernSent).where(ConcernSent.case_id == case.id))


def register(features: Features) -> None:
    features.add_duty(DEADLINE, remind)
    features.add_duty(PURGE, purge)
