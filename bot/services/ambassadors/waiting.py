"""A manager's step left waiting: the approver is reminded after 7 days, and the admins are asked to decide in their
place after 14 days, or at once when the approver has left Slack (their account is deactivated, or their request
could not be delivered). The approver may still decide until someone does.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import clock
from bot.features import Features
from bot.services.ambassadors import common
from storage.models import Duty, OutboxMessage, utcnow
from storage.models.ambassadors import AmbassadorApplication, ApplicationApproval

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger(__name__)

NUDGE = "ambassadors.approval_nudge"
REMINDER_FAILED = "ambassadors.reminder_failed"  # the outbox hook run when a reminder cannot be delivered
REMIND_AFTER = timedelta(days=7)
_REMIND, _TO_TEAM = "remind", "team"


def schedule(session: Session, approval: ApplicationApproval) -> None:
    """The reminder and the admins' turn for a manager's step, counted from when it was asked."""
    for action, label, after in ((_REMIND, "7d", REMIND_AFTER), (_TO_TEAM, "14d", common.TEAM_AFTER)):
        clock.schedule(
            session,
            team_id=approval.team_id,
            kind=NUDGE,
            key=f"{approval.id}:{label}",
            due_at=approval.asked_at + after,
            payload={"approval_id": approval.id, "action": action},
        )


def forget(session: Session, approval: ApplicationApproval) -> None:
    """The step was decided, or its application ended: nothing more is sent about it."""
    clock.cancel(session, team_id=approval.team_id, kind=NUDGE, key_prefix=f"{approval.id}:")


def _waiting(approval: ApplicationApproval | None, application: AmbassadorApplication | None) -> bool:
    """Still waiting for its approver: not decided, not with the admins, and the application still with its managers."""
    return (
        approval is not None
        and application is not None
        and approval.step in common.MANAGER_STEPS
        and approval.decision is None
        and approval.escalated_at is None
        and application.status == "managers"
    )


def _locked(
    session: Session, team_id: str, approval_id: int
) -> tuple[ApplicationApproval, AmbassadorApplication] | None:
    """The step and its application, locked (so that a decision at the same moment waits), if still waiting."""
    application_id = session.scalar(
        select(ApplicationApproval.application_id).where(
            ApplicationApproval.id == approval_id, ApplicationApproval.team_id == team_id
        )
    )
    application = common.locked_application(session, team_id, application_id) if application_id else None
    approval = session.get(ApplicationApproval, approval_id) if application else None
    if approval is None or application is None or not _waiting(approval, application):
        return None
    return approval, application


def _approver_waited_on(session: Session, team_id: str, approval_id: int) -> tuple[str, datetime] | None:
    """Who is waited on and since when, read without a lock, so that Slack is asked before anything is locked."""
    row = session.execute(
        select(ApplicationApproval.approver_id, ApplicationApproval.asked_at)
        .join(AmbassadorApplication, AmbassadorApplication.id == ApplicationApproval.application_id)
        .where(
            ApplicationApproval.id == approval_id,
            ApplicationApproval.team_id == team_id,
            ApplicationApproval.step.in_(common.MANAGER_STEPS),
            ApplicationApproval.decision.is_(None),
            ApplicationApproval.escalated_at.is_(None),
            AmbassadorApplication.status == "managers",
        )
    ).first()
    return (row.approver_id, row.asked_at) if row is not None and row.approver_id else None


def has_left(deps: Deps, user: str) -> bool:
    """Whether Slack says this person's account is deactivated. When Slack cannot be asked, they have not left (a
    reminder that Slack then refuses for that reason still sends the step to the admins)."""
    try:
        answer = deps.slack.users_info(user=user)
    except SlackApiError as exc:
        error = exc.response.get("error") if isinstance(exc.response.data, dict) else None
        log.warning("could not check whether an ambassador approver has left Slack: %s", error)
        return False
    except (SlackClientError, OSError) as exc:
        log.warning("could not check whether an ambassador approver has left Slack: %s", type(exc).__name__)
        return False
    found = answer.get("user")
    return isinstance(found, dict) and bool(found.get("deleted"))


def _ask_whether_left(deps: Deps, duty: Duty, now: datetime) -> dict[str, Any]:
    """Before the nudge's transaction: whether the approver waited on has left Slack."""
    with deps.db.unit_of_work() as session:
        waited_on = _approver_waited_on(session, duty.team_id, int(duty.payload.get("approval_id") or 0))
    return {"left": has_left(deps, waited_on[0])} if waited_on is not None else {}


def nudge(ctx: clock.DutyContext) -> None:
    """Remind the approver (at 7 days) or pass the step to the admins (at 14 days), unless it has been decided, the
    application has ended, or the admins already have it."""
    texts = ctx.deps.messages.ambassador_texts
    team_id, approval_id = ctx.duty.team_id, int(ctx.payload.get("approval_id") or 0)
    action = str(ctx.payload.get("action") or _REMIND)
    waited_on = _approver_waited_on(ctx.session, team_id, approval_id)
    if waited_on is None:
        return
    approver, asked_at = waited_on
    if action == _REMIND and ctx.now >= asked_at + common.TEAM_AFTER:
        return  # the clock is catching up: the admins' turn is due too, and a reminder now would only add noise
    left = bool(ctx.prepared.get("left"))
    found = _locked(ctx.session, team_id, approval_id)
    if found is None:
        return
    approval, application = found
    applicant = application.applicant_id
    if left:
        headline = texts.request_left(applicant, approval.step, approver)
        hand_over(ctx.session, ctx.deps, application, approval, headline, "left", ctx.now)
    elif action == _TO_TEAM:
        headline = texts.request_overdue(applicant, approval.step, approver)
        hand_over(ctx.session, ctx.deps, application, approval, headline, "overdue", ctx.now)
    else:
        _remind(ctx.session, ctx.deps, application, approval)


def _remind(session: Session, deps: Deps, application: AmbassadorApplication, approval: ApplicationApproval) -> None:
    """A new request with the same buttons (replaced too once decided), and a word to the applicant."""
    blocks, texts = deps.messages.ambassador_blocks, deps.messages.ambassador_texts
    approver, applicant = approval.approver_id or "", application.applicant_id
    headline = texts.reminder_headline(applicant, approval.step, common.today(deps, approval.asked_at))
    common.ask(
        session,
        deps,
        application,
        approval,
        approver,
        headline,
        "ambassador.reminder",
        on_failed=REMINDER_FAILED,
        hook_args={"approval_id": approval.id},
    )
    text = texts.applicant_still_waiting(approval.step, approver, (common.TEAM_AFTER - REMIND_AFTER).days)
    common.dm(session, application.team_id, applicant, blocks.message(text), "ambassador.applicant")
    log.info("ambassador approval %s: approver reminded", approval.id)


def hand_over(
    session: Session,
    deps: Deps,
    application: AmbassadorApplication,
    approval: ApplicationApproval,
    headline: str,
    why: str,
    now: datetime,
) -> list[int]:
    """Ask every admin to decide this step in the approver's place, and tell the applicant; with no admins set, the
    applicant is told plainly that no one can decide yet. `why`: unreachable | left | overdue."""
    blocks, texts = deps.messages.ambassador_blocks, deps.messages.ambassador_texts
    approval.escalated_at = now
    forget(session, approval)
    asked = [
        common.ask(session, deps, application, approval, admin, headline, "ambassador.request-on-behalf")
        for admin in sorted(deps.settings.admins)
    ]
    approver = approval.approver_id or ""
    if asked:
        text = texts.applicant_with_team(approval.step, approver, why)
    else:
        text = texts.applicant_no_team(approval.step, approver, why)
        log.warning("ambassador application %s needs an admin, but STANDARDS_BOT_ADMINS is empty", application.id)
    told = common.dm(
        session, application.team_id, application.applicant_id, blocks.message(text), "ambassador.applicant"
    )
    log.info("ambassador approval %s passed to the admins (%s)", approval.id, why)
    return [*common.ids(asked), told.id]


def _failed_request(
    session: Session, message: OutboxMessage
) -> tuple[ApplicationApproval, AmbassadorApplication] | None:
    return _locked(session, message.team_id, int(message.hook_args.get("approval_id") or 0))


def _approver_unreachable(session: Session, message: OutboxMessage, deps: Deps) -> list[int]:
    """The approver could not be sent their request (they have left, or cannot be messaged): ask the admins to
    decide in their place, and tell the applicant where their application is."""
    texts = deps.messages.ambassador_texts
    found = _failed_request(session, message)
    if found is None:
        return []
    approval, application = found
    error = message.last_error or "unknown"
    headline = texts.request_on_behalf(application.applicant_id, approval.step, approval.approver_id or "", error)
    return hand_over(session, deps, application, approval, headline, "unreachable", utcnow())


def _reminder_failed(session: Session, message: OutboxMessage, deps: Deps) -> list[int]:
    """A reminder that Slack refused because the approver's account is deactivated: the admins decide instead.
    Any other failure only raises the outbox's usual alert; the admins' turn still comes at 14 days."""
    texts = deps.messages.ambassador_texts
    error = message.last_error or ""
    found = _failed_request(session, message) if error in common.ACCOUNT_GONE else None
    if found is None:
        return []
    approval, application = found
    headline = texts.request_on_behalf(application.applicant_id, approval.step, approval.approver_id or "", error)
    return hand_over(session, deps, application, approval, headline, "unreachable", utcnow())


def register(features: Features) -> None:
    features.add_duty(NUDGE, nudge, prepare=_ask_whether_left)
    features.add_hook(common.REQUEST_FAILED, _approver_unreachable)
    features.add_hook(REMINDER_FAILED, _reminder_failed)
