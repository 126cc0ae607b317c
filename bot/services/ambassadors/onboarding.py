"""A confirmed application becomes an ambassador: on the roster, welcomed privately, added to the channel."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import outbox
from bot.features import Features
from bot.services.ambassadors import common, meetings
from bot.services.cpd.records import TARGET_PER_YEAR
from storage.models import OutboxMessage
from storage.models.ambassadors import Ambassador, AmbassadorApplication

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger(__name__)

INDUCTION_WITHIN = timedelta(days=28)
INVITE_REFUSED = "ambassadors.invite_refused"


def confirm(session: Session, deps: Deps, application: AmbassadorApplication, now: datetime) -> list[int]:
    """Put the applicant on the roster (again, if they once left) and queue their welcome and invitation."""
    blocks, texts = deps.messages.ambassador_blocks, deps.messages.ambassador_texts
    team_id, user = application.team_id, application.applicant_id
    joined = common.today(deps, now)
    ambassador = session.scalar(select(Ambassador).where(Ambassador.team_id == team_id, Ambassador.user_id == user))
    if ambassador is None:
        ambassador = Ambassador(team_id=team_id, user_id=user)
        session.add(ambassador)
    ambassador.department, ambassador.role = application.department, application.role
    ambassador.standards_manager_id, ambassador.application_id = application.standards_manager_id, application.id
    ambassador.status, ambassador.joined_on = "active", joined
    ambassador.induction_due_on, ambassador.inducted_on, ambassador.left_on = joined + INDUCTION_WITHIN, None, None
    ambassador.updated_at = now
    application.status, application.decided_at = "confirmed", now

    channel = deps.settings.ambassadors_channel
    welcome = texts.welcome(user, application.standards_manager_id, joined + INDUCTION_WITHIN, TARGET_PER_YEAR)
    after = texts.welcome_channel(channel) if channel else texts.WELCOME_NO_CHANNEL
    sent = [common.dm(session, team_id, user, blocks.message(welcome, after=after), "ambassador.welcome")]
    if channel:
        sent.append(
            outbox.enqueue(
                session,
                team_id=team_id,
                method="conversations.invite",
                payload={"channel": channel, "users": user},
                purpose="ambassador.invite",
                on_failed=INVITE_REFUSED,
                hook_args={"user": user},
            )
        )
    else:
        content = blocks.message(texts.admin_no_channel(user))
        sent += common.dm_admins(session, deps, team_id, content, "ambassador.admin")
    meetings.ensure_scheduled(session, deps, team_id, now)
    log.info("ambassador application %s confirmed", application.id)
    return common.ids(sent)


def _invite_refused(session: Session, message: OutboxMessage, deps: Deps) -> list[int]:
    blocks, texts = deps.messages.ambassador_blocks, deps.messages.ambassador_texts
    user, channel = str(message.hook_args.get("user") or ""), str(message.payload.get("channel") or "")
    text = texts.invite_failed(user, channel, message.last_error or "unknown")
    # Sent at once as the hook's follow-ups; the outbox adds its own general alert as well.
    return common.ids(common.dm_admins(session, deps, message.team_id, blocks.message(text), "ambassador.admin"))


def register(features: Features) -> None:
    features.add_hook(INVITE_REFUSED, _invite_refused)
