"""Getting a case to the case team and replies to the reporter, through the sealed outbox, without losing either.

If the case channel is unset or refuses the bot, the case waits (delivery = "waiting"), admins are told, and a
duty tries again every few minutes until the channel takes it.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from slack_sdk.errors import SlackApiError, SlackRequestError
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import clock, outbox, outbox_failed
from bot.features import Features
from bot.outbox_sealing import is_unopenable
from bot.services.concerns import case_channel, cases
from storage.models import Duty, OutboxMessage, utcnow
from storage.models.concerns import ConcernCase

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger(__name__)

REDELIVER_EVERY = timedelta(minutes=5)
REPORTER = "concerns.reporter"
REDELIVER_KIND = "concerns.redeliver"


def queue_case_post(session: Session, deps: Deps, case: ConcernCase, now: datetime) -> list[OutboxMessage]:
    """Queue the case for the case channel, or mark it waiting (and alert admins) when there is none."""
    channel = deps.settings.case_channel
    if channel is None:
        return _wait(session, deps, case, now, deps.messages.concern_texts.REASON_UNSET)
    if (refusal := case_channel.refused(deps)) is not None:
        return _wait(session, deps, case, now, refusal)
    message = outbox.enqueue(
        session,
        team_id=case.team_id,
        method="chat.postMessage",
        payload={"channel": channel, **deps.messages.case_blocks.case_post(cases.case_card(deps, case))},
        purpose="concern.case",
        on_sent="concerns.case_posted",
        on_failed="concerns.case_refused",
        hook_args={"case_id": case.id},
        seal_with=deps.keyring,
    )
    case.delivery, case.post_outbox_id = "pending", message.id
    return [message]


def _wait(session: Session, deps: Deps, case: ConcernCase, now: datetime, reason: str) -> list[OutboxMessage]:
    case.delivery = "waiting"
    alerts = [
        outbox.enqueue(
            session,
            team_id=case.team_id,
            method="dm.post",
            purpose="admin-alert",
            payload={
                "user": admin,
                "text": deps.messages.concern_texts.ADMIN_WAITING.format(reference=case.reference, reason=reason),
            },
        )
        for admin in sorted(deps.settings.admins)
    ]
    schedule_redelivery(session, case.team_id, now + REDELIVER_EVERY)
    return alerts


def schedule_redelivery(session: Session, team_id: str, when: datetime) -> None:
    clock.schedule(session, team_id=team_id, kind=REDELIVER_KIND, key=f"{when:%Y%m%dT%H%M}", due_at=when)


def update_case_post(session: Session, deps: Deps, case: ConcernCase) -> OutboxMessage | None:
    if case.post_outbox_id is None or case.delivery != "posted":
        return None
    return outbox.enqueue(
        session,
        team_id=case.team_id,
        method="chat.update",
        payload=deps.messages.case_blocks.case_post(cases.case_card(deps, case)),
        refs={"ts": case.post_outbox_id},
        purpose="concern.update",
        seal_with=deps.keyring,
    )


def post_in_thread(
    session: Session, deps: Deps, case: ConcernCase, text: str, *, broadcast: bool = False
) -> OutboxMessage | None:
    """Add to the case's thread in the case channel (sealed: `text` may quote what someone wrote)."""
    channel = deps.settings.case_channel
    if case.post_outbox_id is None or channel is None:
        return None
    payload: dict[str, Any] = {"channel": channel, **deps.messages.case_blocks.thread_post(text, case.reference)}
    if broadcast:
        payload["reply_broadcast"] = True
    return outbox.enqueue(
        session,
        team_id=case.team_id,
        method="chat.postMessage",
        payload=payload,
        refs={"thread_ts": case.post_outbox_id},
        purpose="concern.thread",
        on_sent="concerns.thread_posted",
        hook_args={"case_id": case.id},
        seal_with=deps.keyring,
    )


def relay(
    session: Session, deps: Deps, case: ConcernCase, text: str, *, answerable: bool, news: str | None = None
) -> OutboxMessage | None:
    """Send the reporter a private message, if they asked for contact; the outbox row holds no user ID. A reporter
    who asked only to hear that there is news gets `news` (or the general news line) instead: no case reference,
    no reply and no button, so nothing in their DMs ties them to the case."""
    if case.reporter_sealed is None:
        return None
    texts = deps.messages.concern_texts
    token = cases.answer_token(deps, case) if answerable else None
    fallback = texts.RELAY_FALLBACK.format(reference=case.reference)
    if case.updates == "news":
        text, token, fallback = news or texts.RELAY_NEWS, None, texts.RELAY_NEWS_FALLBACK
    return outbox.enqueue(
        session,
        team_id=case.team_id,
        method="dm.post",
        payload={
            "recipient": {"resolver": REPORTER, "case_id": case.id},
            "text": fallback,
            "blocks": deps.messages.concern_blocks.relay_blocks(text, token),
            "unfurl_links": False,
            "unfurl_media": False,
        },
        purpose="concern.relay",
        on_sent="concerns.relayed",
        hook_args={"case_id": case.id},
        seal_with=deps.keyring,
    )


def _reporter(deps: Deps, reference: dict[str, Any]) -> str:
    with deps.db.unit_of_work() as session:
        case = session.get(ConcernCase, int(reference["case_id"]))
        user = cases.reporter_of(deps, case) if case is not None else None
    if user is None:
        raise LookupError("the case no longer has a reporter to relay to")
    return user


def _forget_dm_channel(session: Session, message: OutboxMessage, deps: Deps) -> None:
    # The DM channel would point straight at the reporter: it is kept only sealed, for the purge to delete the DM.
    cases.record_sent(session, deps, message)
    message.result_channel, message.result_ts = None, None


def _thread_posted(session: Session, message: OutboxMessage, deps: Deps) -> None:
    cases.record_sent(session, deps, message)


def _forget_deleted(session: Session, message: OutboxMessage, deps: Deps) -> None:
    # A deleted DM's channel would still point at the reporter.
    message.result_channel, message.result_ts = None, None


def _case_posted(session: Session, message: OutboxMessage, deps: Deps) -> None:
    case = session.get(ConcernCase, int(message.hook_args["case_id"]))
    if case is None or case.post_outbox_id != message.id:
        return
    case.delivery = "posted"
    cases.audit(session, case, "posted", actor=None)


def _case_refused(session: Session, message: OutboxMessage, deps: Deps) -> None:
    case = session.get(ConcernCase, int(message.hook_args["case_id"]))
    if case is None or case.post_outbox_id != message.id:
        return
    # The outbox has already alerted admins with the error; the case now waits for a channel that takes it.
    case.delivery = "waiting"
    schedule_redelivery(session, case.team_id, max(message.next_attempt_at, utcnow()) + REDELIVER_EVERY)


def _ask_whether_channel_takes_posts(deps: Deps, duty: Duty, now: datetime) -> dict[str, Any]:
    """Before the redelivery's transaction: whether the bot can now post in the case channel."""
    return {"takes_posts": _channel_takes_posts(deps)}


def redeliver(ctx: clock.DutyContext) -> None:
    team_id = ctx.duty.team_id
    waiting = list(
        ctx.session.scalars(
            select(ConcernCase).where(ConcernCase.team_id == team_id, ConcernCase.delivery == "waiting")
        )
    )
    if not waiting:
        return
    if not ctx.prepared.get("takes_posts"):
        schedule_redelivery(ctx.session, team_id, ctx.now + REDELIVER_EVERY)
        return
    for case in waiting:
        previous = ctx.session.get(OutboxMessage, case.post_outbox_id) if case.post_outbox_id else None
        # A row sealed under a key no longer configured is posted afresh from the case, not retried as it is.
        if (
            previous is not None
            and previous.status == "failed"
            and not is_unopenable(previous)
            and outbox_failed.retry_failed(ctx.session, previous.id)
        ):
            case.delivery = "pending"
        else:
            queue_case_post(ctx.session, ctx.deps, case, ctx.now)
    log.info("queued %d waiting case(s) for the case channel", len(waiting))


def _channel_takes_posts(deps: Deps) -> bool:
    """Ask Slack whether the bot is now in the case channel, so retries do not alert admins every few minutes."""
    channel = deps.settings.case_channel
    if channel is None:
        return False
    try:
        info = deps.slack.conversations_info(channel=channel)
    except (SlackApiError, SlackRequestError, OSError):
        return False
    data = info.data if isinstance(info.data, dict) else {}
    found = data.get("channel") or {}
    if case_channel.remember(deps, found) is not None:
        return False
    return bool(found.get("is_member", True)) and not found.get("is_archived", False)


def register(features: Features) -> None:
    features.add_resolver(REPORTER, _reporter)
    features.add_hook("concerns.relayed", _forget_dm_channel)
    features.add_hook("concerns.case_posted", _case_posted)
    features.add_hook("concerns.case_refused", _case_refused)
    features.add_hook("concerns.thread_posted", _thread_posted)
    features.add_hook("concerns.deleted", _forget_deleted)
    features.add_duty(REDELIVER_KIND, redeliver, prepare=_ask_whether_channel_takes_posts)
