"""Applying: who may apply now, checking the form, and saving an application with its requests for approval.

One application per person per drive. An application from an earlier drive still in progress stops the person
applying again, until it is STALE_AFTER old: then a new application replaces it, and it ends."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.services.ambassadors import common, waiting
from bot.services.ambassadors.drives import taking_applications
from storage.models.ambassadors import (
    Ambassador,
    AmbassadorApplication,
    ApplicationApproval,
    DepartmentHeadcount,
)

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger(__name__)

STALE_AFTER = timedelta(days=14)
# The application form's inputs, by block ID, and what they take.
DEPARTMENT, DEPARTMENT_OTHER, ROLE = "department", "department_other", "role"
LINE_MANAGER, STANDARDS_MANAGER, STATEMENT = "line_manager", "standards_manager", "statement"
OTHER_DEPARTMENT = "__other__"  # the department list's "Other / not listed"
STATEMENT_LIMIT = 3000  # the most a Slack text input takes


@dataclass(frozen=True)
class FormProblem:
    """What is wrong with one input of the application form; the handler puts it into words."""

    code: Literal[
        "no_department", "no_department_other", "no_role", "no_manager", "self_manager", "same_manager",
        "too_long", "too_short",
    ]  # fmt: skip
    limit: int = 0  # too_long: the most characters; too_short: the fewest words
    words: int = 0  # too_short: the words written
    step: str = ""  # no_manager: which manager


@dataclass(frozen=True)
class Submission:
    department: str  # a department from the list, OTHER_DEPARTMENT, or typed when there is no list
    department_other: str
    role: str
    line_manager: str
    standards_manager: str
    statement: str

    @property
    def department_name(self) -> str:
        chosen = self.department_other if self.department == OTHER_DEPARTMENT else self.department
        return " ".join(chosen.split())


@dataclass(frozen=True)
class Gate:
    """Whether someone may apply now (and if they have applied, the application's stage)."""

    status: Literal["open", "closed", "ambassador", "applied"]
    closes_on: date | None = None
    departments: tuple[str, ...] = ()
    stage: str = ""


@dataclass(frozen=True)
class Submitted:
    """`sent` lists outbox ids to deliver now."""

    status: Literal["sent", "closed", "applied", "ambassador"]
    words: int = 0
    sent: tuple[int, ...] = ()


def validate(submission: Submission, applicant: str, minimum_words: int) -> dict[str, FormProblem]:
    """Problems by form block; empty when the form can be saved."""
    errors: dict[str, FormProblem] = {}
    if not submission.department.strip():
        errors[DEPARTMENT] = FormProblem("no_department")
    elif submission.department == OTHER_DEPARTMENT and not submission.department_other.strip():
        errors[DEPARTMENT_OTHER] = FormProblem("no_department_other")
    elif len(submission.department_name) > common.NAME_LIMIT:
        block = DEPARTMENT_OTHER if submission.department == OTHER_DEPARTMENT else DEPARTMENT
        errors[block] = FormProblem("too_long", common.NAME_LIMIT)
    if not submission.role.strip():
        errors[ROLE] = FormProblem("no_role")
    elif len(submission.role.strip()) > common.NAME_LIMIT:
        errors[ROLE] = FormProblem("too_long", common.NAME_LIMIT)
    for block, step in ((LINE_MANAGER, "line_manager"), (STANDARDS_MANAGER, "standards_manager")):
        chosen = getattr(submission, step)
        if not chosen:
            errors[block] = FormProblem("no_manager", step=step)
        elif chosen == applicant:
            errors[block] = FormProblem("self_manager")
    if STANDARDS_MANAGER not in errors and submission.standards_manager == submission.line_manager:
        errors[STANDARDS_MANAGER] = FormProblem("same_manager")
    words = common.word_count(submission.statement)
    if len(submission.statement) > STATEMENT_LIMIT:
        errors[STATEMENT] = FormProblem("too_long", STATEMENT_LIMIT)
    elif words < max(minimum_words, 1):
        errors[STATEMENT] = FormProblem("too_short", max(minimum_words, 1), words)
    return errors


def _is_ambassador(session: Session, team_id: str, user_id: str) -> bool:
    found = session.scalar(
        select(Ambassador.id).where(
            Ambassador.team_id == team_id, Ambassador.user_id == user_id, Ambassador.status == "active"
        )
    )
    return found is not None


@dataclass(frozen=True)
class _Earlier:
    """blocking: this person's application in this drive, or one from an earlier drive still in progress and
    younger than STALE_AFTER; stale: those from earlier drives still in progress and older, which a new one ends."""

    blocking: AmbassadorApplication | None
    stale: tuple[AmbassadorApplication, ...]


def _earlier(session: Session, team_id: str, user_id: str, drive_id: int, now: datetime) -> _Earlier:
    found = session.scalars(
        select(AmbassadorApplication)
        .where(
            AmbassadorApplication.team_id == team_id,
            AmbassadorApplication.applicant_id == user_id,
            or_(
                AmbassadorApplication.drive_id == drive_id,
                AmbassadorApplication.status.in_(common.IN_PROGRESS),
            ),
        )
        .order_by(AmbassadorApplication.id.desc())
    )
    blocking: AmbassadorApplication | None = None
    stale: list[AmbassadorApplication] = []
    for application in found:
        if application.drive_id != drive_id and now - application.created_at > STALE_AFTER:
            stale.append(application)
        elif blocking is None:
            blocking = application
    return _Earlier(blocking, tuple(stale))


def departments(session: Session, team_id: str) -> tuple[str, ...]:
    names = session.scalars(
        select(DepartmentHeadcount.name).where(DepartmentHeadcount.team_id == team_id).order_by(DepartmentHeadcount.key)
    )
    return tuple(names)


def gate(session: Session, deps: Deps, *, team_id: str, user_id: str, now: datetime) -> Gate:
    if _is_ambassador(session, team_id, user_id):
        return Gate("ambassador")
    drive = taking_applications(session, team_id, common.today(deps, now))
    if drive is None:
        return Gate("closed")
    earlier = _earlier(session, team_id, user_id, drive.id, now).blocking
    if earlier is not None:
        return Gate("applied", stage=common.stage(earlier, common.approvals_of(session, earlier.id)))
    return Gate("open", drive.closes_on, departments(session, team_id))


def submit(
    session: Session, deps: Deps, *, team_id: str, user_id: str, submission: Submission, now: datetime
) -> Submitted:
    """Save the application and ask both managers, in the caller's transaction. A second submission of the same
    application at once fails on the (drive, applicant) unique constraint: the caller answers it as "applied"."""
    if _is_ambassador(session, team_id, user_id):
        return Submitted("ambassador")
    drive = taking_applications(session, team_id, common.today(deps, now))
    if drive is None:
        return Submitted("closed")
    earlier = _earlier(session, team_id, user_id, drive.id, now)
    if earlier.blocking is not None:
        return Submitted("applied")
    ended = [message_id for stale in earlier.stale for message_id in _supersede(session, deps, stale, now)]
    application = AmbassadorApplication(
        team_id=team_id,
        drive_id=drive.id,
        applicant_id=user_id,
        department=submission.department_name,
        role=" ".join(submission.role.split()),
        line_manager_id=submission.line_manager,
        standards_manager_id=submission.standards_manager,
        statement=submission.statement.strip(),
        status="managers",
        created_at=now,
    )
    session.add(application)
    session.flush()
    sent = [_ask_manager(session, deps, application, step, now) for step in common.MANAGER_STEPS]
    blocks, texts = deps.messages.ambassador_blocks, deps.messages.ambassador_texts
    told = common.dm(
        session,
        team_id,
        user_id,
        blocks.message(texts.applicant_sent(application.line_manager_id, application.standards_manager_id)),
        "ambassador.applicant",
    )
    log.info("ambassador application %s received in drive %s", application.id, drive.id)
    return Submitted("sent", common.word_count(application.statement), (*ended, *sent, told.id))


def _supersede(session: Session, deps: Deps, application: AmbassadorApplication, now: datetime) -> list[int]:
    """End an application left in progress from an earlier drive, which a new one replaces; the DMs still asking
    for a decision on it say that none is needed any more."""
    session.refresh(application, with_for_update=True)  # as a decision would, so that none is taken meanwhile
    if application.status not in common.IN_PROGRESS:
        return []
    blocks, texts = deps.messages.ambassador_blocks, deps.messages.ambassador_texts
    application.status, application.decided_at = "declined", now
    application.decline_reason = texts.SUPERSEDED_REASON
    sent: list[int] = []
    for approval in common.approvals_of(session, application.id).values():
        if approval.decision is None:
            waiting.forget(session, approval)
            content = blocks.message(texts.superseded(application.applicant_id))
            sent += common.replace_requests(session, approval, content)
    log.info("ambassador application %s replaced by a new one", application.id)
    return sent


def _ask_manager(session: Session, deps: Deps, application: AmbassadorApplication, step: str, now: datetime) -> int:
    approver = application.line_manager_id if step == "line_manager" else application.standards_manager_id
    approval = ApplicationApproval(
        team_id=application.team_id,
        application_id=application.id,
        step=step,
        approver_id=approver,
        request_outbox_ids="",
        asked_at=now,
    )
    session.add(approval)
    session.flush()
    waiting.schedule(session, approval)
    asked = common.ask(
        session,
        deps,
        application,
        approval,
        approver,
        deps.messages.ambassador_texts.request_headline(application.applicant_id, step),
        "ambassador.request",
        on_failed=common.REQUEST_FAILED,
        hook_args={"approval_id": approval.id},
    )
    return asked.id
