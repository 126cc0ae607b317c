"""What the ambassadors feature's services share: the organisation's today, department keys, DMs and lookups."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import outbox
from storage.models import OutboxMessage
from storage.models.ambassadors import AmbassadorApplication, ApplicationApproval

if TYPE_CHECKING:
    from bot.deps import Deps

MANAGER_STEPS = ("line_manager", "standards_manager")
ADMIN_STEP = "admin"
IN_PROGRESS = ("managers", "confirming")
REQUEST_FAILED = "ambassadors.approver_unreachable"  # the outbox hook run when an approver cannot be messaged
TEAM_AFTER = timedelta(days=14)  # a manager's step not decided by then may be decided by an admin
# What Slack answers about someone whose account is deactivated (or gone): they will never decide.
ACCOUNT_GONE = frozenset({"user_disabled", "account_inactive", "user_not_found"})
NAME_LIMIT = 100  # the department and role columns


@dataclass(frozen=True)
class RequestCard:
    """A request for one approval step's decision, as its DM shows it."""

    approval_id: int
    step: str
    applicant: str
    headline: str  # mrkdwn of ours, from the view layer's words
    department: str
    role: str
    statement: str
    words: int


def today(deps: Deps, now: datetime) -> date:
    """The date in the organisation's time zone: drives and joining dates are days there, not in UTC."""
    return now.astimezone(deps.settings.tz).date()


def department_key(name: str) -> str:
    """Department names match whatever their capitals and spacing: "Response  policing" is "response policing"."""
    return " ".join(name.split()).casefold()[:100]


def dm(
    session: Session, team_id: str, user: str, content: dict[str, Any], purpose: str, **options: Any
) -> OutboxMessage:
    payload = {"user": user, **content, "unfurl_links": False, "unfurl_media": False}
    return outbox.enqueue(session, team_id=team_id, method="dm.post", payload=payload, purpose=purpose, **options)


def dm_admins(
    session: Session, deps: Deps, team_id: str, content: dict[str, Any], purpose: str, **options: Any
) -> list[OutboxMessage]:
    return [dm(session, team_id, admin, content, purpose, **options) for admin in sorted(deps.settings.admins)]


def ask(
    session: Session,
    deps: Deps,
    application: AmbassadorApplication,
    approval: ApplicationApproval,
    recipient: str,
    headline: str,
    purpose: str,
    **options: Any,
) -> OutboxMessage:
    """DM someone the application with Approve (or Confirm) and Decline buttons for this step, and keep the DM's
    id on the step, so that it can be replaced once the step is decided."""
    card = RequestCard(
        approval_id=approval.id,
        step=approval.step,
        applicant=application.applicant_id,
        headline=headline,
        department=application.department,
        role=application.role,
        statement=application.statement,
        words=word_count(application.statement),
    )
    message = dm(
        session,
        application.team_id,
        recipient,
        deps.messages.ambassador_blocks.request_message(card),
        purpose,
        **options,
    )
    add_requests(approval, [message])
    return message


def replace_requests(session: Session, approval: ApplicationApproval, content: dict[str, Any]) -> list[int]:
    """Update every DM that asked for this step (the approver's, a reminder, each admin's) to show how it ended."""
    updates: list[OutboxMessage] = []
    for request_id in request_ids(approval):
        request = session.get(OutboxMessage, request_id)
        if request is None or request.status == "failed":
            continue  # never delivered, so nothing to update
        updates.append(
            outbox.enqueue(
                session,
                team_id=approval.team_id,
                method="chat.update",
                payload=dict(content),
                refs={"ts": request_id},
                purpose="ambassador.update",
            )
        )
    return ids(updates)


def word_count(text: str) -> int:
    return len(text.split())


def ids(messages: Iterable[OutboxMessage | None]) -> list[int]:
    return [message.id for message in messages if message is not None]


def request_ids(approval: ApplicationApproval) -> list[int]:
    """The DMs that asked for this step's decision, oldest first (the approver's own request comes first)."""
    return [int(part) for part in (approval.request_outbox_ids or "").split(",") if part.isdigit()]


def add_requests(approval: ApplicationApproval, messages: Iterable[OutboxMessage]) -> None:
    approval.request_outbox_ids = ",".join(str(i) for i in [*request_ids(approval), *ids(messages)])


def locked_application(session: Session, team_id: str, application_id: int) -> AmbassadorApplication | None:
    """The application, locked until the transaction ends, so concurrent decisions on it queue (PostgreSQL;
    SQLite already lets one writer in at a time)."""
    return session.scalar(
        select(AmbassadorApplication)
        .where(AmbassadorApplication.id == application_id, AmbassadorApplication.team_id == team_id)
        .with_for_update()
    )


def approvals_of(session: Session, application_id: int) -> dict[str, ApplicationApproval]:
    rows = session.scalars(select(ApplicationApproval).where(ApplicationApproval.application_id == application_id))
    return {row.step: row for row in rows}


def stage(application: AmbassadorApplication, approvals: dict[str, ApplicationApproval]) -> str:
    """Where an application is: its status, or whom it waits for (the view layer words each stage)."""
    if application.status != "managers":
        return application.status
    waiting = [step for step in MANAGER_STEPS if step in approvals and approvals[step].decision is None]
    if any(approvals[step].escalated_at is not None for step in waiting):
        return "standards_team"
    return waiting[0] if len(waiting) == 1 else "both_managers"


def approver_unreachable(session: Session, approval: ApplicationApproval) -> bool:
    """True when the DM asking the approver could not be delivered (they have left, or cannot be messaged)."""
    asked = request_ids(approval)[:1]
    if not asked or approval.step == ADMIN_STEP:
        return False
    first = session.get(OutboxMessage, asked[0])
    return first is not None and first.status == "failed"


def with_team(session: Session, approval: ApplicationApproval, now: datetime) -> bool:
    """True when an admin may decide this manager's step in the approver's place: it has passed to the admins,
    the approver could not be sent their request, or it has waited TEAM_AFTER without a decision."""
    if approval.step == ADMIN_STEP:
        return False
    waited = now - approval.asked_at >= TEAM_AFTER
    return approval.escalated_at is not None or waited or approver_unreachable(session, approval)
