"""Deciding an application: each manager approves or declines, then an admin confirms; once each, whoever clicks.

Every decision locks the application row first, so double clicks, concurrent clicks and Slack's retries give one
decision; the rest are told it was already made. A manager's step that has passed to the admins (see
ambassador_waiting) may be decided by any admin, or still by the approver, whoever is first.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.ambassadors import common, onboarding, waiting
from storage.models.ambassadors import AmbassadorApplication, ApplicationApproval

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Decision:
    status: Literal["decided", "may_decide", "already", "not_yours", "admins_only", "closed", "missing"]
    step: str = ""
    applicant: str = ""
    decision: str | None = None
    decided_by: str | None = None
    decided_on: date | None = None
    sent: tuple[int, ...] = ()


def _load(session: Session, team_id: str, approval_id: int) -> tuple[ApplicationApproval, AmbassadorApplication] | None:
    """The step and its application, the application locked before the step is read, so the step is current."""
    application_id = session.scalar(
        select(ApplicationApproval.application_id).where(
            ApplicationApproval.id == approval_id, ApplicationApproval.team_id == team_id
        )
    )
    application = common.locked_application(session, team_id, application_id) if application_id else None
    approval = session.get(ApplicationApproval, approval_id) if application else None
    if application is None or approval is None:
        return None
    return approval, application


def _refusal(
    session: Session,
    deps: Deps,
    approval: ApplicationApproval,
    application: AmbassadorApplication,
    actor: str,
    now: datetime,
) -> Decision | None:
    """Why `actor` may not decide this step now, or None when they may."""
    applicant = application.applicant_id
    admin = deps.settings.is_admin(actor)
    if approval.step == common.ADMIN_STEP:
        if not admin:
            return Decision("admins_only", approval.step, applicant)
    elif actor != approval.approver_id and not (admin and common.with_team(session, approval, now)):
        return Decision("not_yours", approval.step, applicant)
    if approval.decision is not None:
        decided_on = common.today(deps, approval.decided_at) if approval.decided_at else None
        return Decision(
            "already", approval.step, applicant, approval.decision, approval.decided_by or actor, decided_on
        )
    if application.status not in common.IN_PROGRESS:
        return Decision("closed", approval.step, applicant)
    return None


def may_decide(session: Session, deps: Deps, *, team_id: str, approval_id: int, actor: str, now: datetime) -> Decision:
    """Whether the Decline form may open for `actor` (the decision itself is checked again on submit)."""
    found = _load(session, team_id, approval_id)
    if found is None:
        return Decision("missing")
    approval, application = found
    return _refusal(session, deps, approval, application, actor, now) or Decision(
        "may_decide", approval.step, application.applicant_id
    )


def decide(
    session: Session,
    deps: Deps,
    *,
    team_id: str,
    approval_id: int,
    actor: str,
    approve: bool,
    reason: str = "",
    now: datetime,
) -> Decision:
    blocks, texts = deps.messages.ambassador_blocks, deps.messages.ambassador_texts
    found = _load(session, team_id, approval_id)
    if found is None:
        return Decision("missing")
    approval, application = found
    refusal = _refusal(session, deps, approval, application, actor, now)
    if refusal is not None:
        return refusal
    approval.decision = "approved" if approve else "declined"
    approval.decided_by, approval.decided_at = actor, now
    approval.reason = reason.strip() or None
    waiting.forget(session, approval)
    when = common.today(deps, now)
    words = texts.decided(approval.decision, approval.step, actor, approval.approver_id, application.applicant_id, when)
    sent = common.replace_requests(session, approval, blocks.decided_message(words, approval.reason))
    if not approve:
        sent += _decline(session, deps, application, approval, now)
    elif approval.step == common.ADMIN_STEP:
        sent += onboarding.confirm(session, deps, application, now)
    else:
        sent += _approved_by_manager(session, deps, application, approval, now)
    log.info("ambassador application %s: %s %s", application.id, approval.step, approval.decision)
    return Decision("decided", approval.step, application.applicant_id, approval.decision, actor, when, tuple(sent))


def _approved_by_manager(
    session: Session, deps: Deps, application: AmbassadorApplication, approval: ApplicationApproval, now: datetime
) -> list[int]:
    blocks, texts = deps.messages.ambassador_blocks, deps.messages.ambassador_texts
    approvals = common.approvals_of(session, application.id)
    waiting = [approvals[step] for step in common.MANAGER_STEPS if approvals[step].decision is None]
    applicant, team_id = application.applicant_id, application.team_id
    if waiting:
        by_team = approval.decided_by != approval.approver_id
        text = texts.applicant_approved_by_one(
            approval.step, approval.approver_id or "", waiting[0].step, waiting[0].approver_id or "", by_team=by_team
        )
        return [common.dm(session, team_id, applicant, blocks.message(text), "ambassador.applicant").id]
    application.status = "confirming"
    confirming = ApplicationApproval(
        team_id=team_id, application_id=application.id, step=common.ADMIN_STEP, request_outbox_ids="", asked_at=now
    )
    session.add(confirming)
    session.flush()
    headline = texts.request_confirm(applicant, application.line_manager_id, application.standards_manager_id)
    asked = [
        common.ask(session, deps, application, confirming, admin, headline, "ambassador.confirm")
        for admin in sorted(deps.settings.admins)
    ]
    words = texts.APPLICANT_BOTH_APPROVED
    if not asked:
        words = texts.APPLICANT_BOTH_APPROVED_NO_TEAM
        log.warning("ambassador application %s waits for an admin, but STANDARDS_BOT_ADMINS is empty", application.id)
    told = common.dm(session, team_id, applicant, blocks.message(words), "ambassador.applicant")
    return [*common.ids(asked), told.id]


def _decline(
    session: Session, deps: Deps, application: AmbassadorApplication, approval: ApplicationApproval, now: datetime
) -> list[int]:
    blocks, texts = deps.messages.ambassador_blocks, deps.messages.ambassador_texts
    application.status, application.decline_reason, application.decided_at = "declined", approval.reason, now
    sent: list[int] = []
    for other in common.approvals_of(session, application.id).values():
        if other.id != approval.id and other.decision is None:
            waiting.forget(session, other)
            content = blocks.message(texts.no_longer_needed(application.applicant_id))
            sent += common.replace_requests(session, other, content)
    by_approver = approval.step != common.ADMIN_STEP and approval.decided_by == approval.approver_id
    text = texts.applicant_declined(approval.step, approval.approver_id if by_approver else None)
    content = blocks.message(text, quote=approval.reason or "", after=texts.APPLICANT_DECLINED_AFTER)
    told = common.dm(session, application.team_id, application.applicant_id, content, "ambassador.applicant")
    return [*sent, told.id]
