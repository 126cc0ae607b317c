"""The case channel must be private: its members are the case handlers, so in a public channel anyone could read
the cases and, by joining, act on them. A public one is refused (cases wait, as with no channel, and no one counts as
a case handler) and reported to admins, once a day, from the start-up of any process.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from slack_sdk.errors import SlackApiError, SlackRequestError

from bot import clock, outbox
from bot.features import Features
from storage.models import utcnow

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger(__name__)

ALERT_KIND = "concerns.case_channel_public"
_STATE = "case_channel_refused"


def refused(deps: Deps) -> str | None:
    """Why the configured case channel is not used, as last found; None when it is (or has not been checked)."""
    reason = deps.state.get(_STATE)
    return str(reason) if reason else None


def remember(deps: Deps, channel: dict[str, Any]) -> str | None:
    """Judge the channel from Slack's description of it (conversations.info) and remember the verdict."""
    reason = None if channel.get("is_private") else deps.messages.concern_texts.REASON_PUBLIC
    deps.state[_STATE] = reason
    return reason


def check_at_start(deps: Deps) -> str | None:
    """Ask Slack about the case channel when a process starts; if it is public, have admins told (once a day)."""
    channel = deps.settings.case_channel
    if channel is None:
        return None
    try:
        info = deps.slack.conversations_info(channel=channel).data
        team_id = str(deps.slack.auth_test().data.get("team_id") or "")  # type: ignore[union-attr]
    except (SlackApiError, SlackRequestError, OSError):
        log.warning("could not ask Slack whether the case channel is private; it is checked again before use")
        return None
    reason = remember(deps, info.get("channel") or {}) if isinstance(info, dict) else None
    if reason is not None:
        log.warning("the case channel %s is public: cases will wait until it is private", channel)
        now = utcnow()
        with deps.db.unit_of_work() as session:
            clock.schedule(session, team_id=team_id, kind=ALERT_KIND, key=f"{channel}:{now:%Y-%m-%d}", due_at=now)
    return reason


def _alert_admins(ctx: clock.DutyContext) -> None:
    channel = ctx.duty.key.partition(":")[0]
    texts = ctx.deps.messages.concern_texts
    for admin in sorted(ctx.deps.settings.admins):
        outbox.enqueue(
            ctx.session,
            team_id=ctx.duty.team_id,
            method="dm.post",
            purpose="admin-alert",
            payload={"user": admin, "text": texts.ADMIN_CASE_CHANNEL_PUBLIC.format(channel=channel)},
        )


def register(features: Features) -> None:
    features.add_duty(ALERT_KIND, _alert_admins)
