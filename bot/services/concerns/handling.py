"""Confidential concerns, the case team's side: acknowledge, reply, note, set status and read the audit log.

Every function records who did it in the audit log, in the same transaction as the change. The caller checks
that the person is a member of the case channel before calling any of them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.concerns import cases
from bot.services.concerns import clock as concern_clock
from bot.services.concerns import delivery as concern_delivery
from bot.services.concerns.cases import STATUSES, FormProblem
from storage.models import OutboxMessage
from storage.models.concerns import ConcernAudit, ConcernCase, ConcernMessage

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AuditLine:
    when: str
    actor: str | None  # a handler's Slack ID; None for the reporter or the bot itself
    action: str
    by_reporter: bool = False


@dataclass(frozen=True)
class CaseBrief:
    """What the case team's forms show: never the text, never the reporter."""

    case_id: int
    reference: str
    contact: str
    status: str


def brief(session: Session, team_id: str, case_id: int) -> CaseBrief | None:
    case = cases.find(session, team_id, case_id)
    return CaseBrief(case.id, case.reference, case.contact, case.status) if case else None


def record_refusal(session: Session, team_id: str, case_id: int, actor: str, action: str) -> None:
    case = cases.find(session, team_id, case_id)
    if case is not None:
        cases.audit(session, case, "refused", actor=actor, detail=action[:200])
    log.warning("a case action (%s) was refused to someone outside the case channel", action)


def record_opened(session: Session, team_id: str, case_id: int, actor: str, form: str) -> None:
    case = cases.find(session, team_id, case_id)
    if case is not None:
        cases.audit(session, case, "opened-form", actor=actor, detail=form)


def _ids(*messages: OutboxMessage | None) -> list[int]:
    return [message.id for message in messages if message is not None]


def _mark_acknowledged(session: Session, case: ConcernCase, now: datetime) -> None:
    if case.acknowledged_at is None:
        case.acknowledged_at = now
        concern_clock.cancel_deadlines(session, case, "ack")
    if case.status == "received":
        case.status = "acknowledged"


def acknowledge(session: Session, deps: Deps, *, team_id: str, case_id: int, actor: str, now: datetime) -> list[int]:
    case = cases.find(session, team_id, case_id)
    if case is None or case.acknowledged_at is not None:
        return []
    _mark_acknowledged(session, case, now)
    cases.audit(session, case, "acknowledged", actor=actor)
    texts = deps.messages.concern_texts
    status = texts.STATUS_NAMES[case.status]
    return _ids(
        concern_delivery.update_case_post(session, deps, case),
        concern_delivery.post_in_thread(session, deps, case, texts.THREAD_ACK.format(user=actor)),
        concern_delivery.relay(
            session, deps, case, texts.RELAY_STATUS.format(reference=case.reference, status=status), answerable=True
        ),
    )


def _add_message(session: Session, deps: Deps, case: ConcernCase, kind: str, author: str, text: str) -> None:
    message = ConcernMessage(team_id=case.team_id, case_id=case.id, kind=kind, author=author, body_sealed=b"")
    session.add(message)
    session.flush()
    message.body_sealed = cases.seal(deps, case.id, text.strip(), field=f"message:{message.id}")


def reply(
    session: Session, deps: Deps, *, team_id: str, case_id: int, actor: str, text: str, now: datetime
) -> list[int]:
    """A reply to the reporter: relayed privately when they asked for replies, kept for /concern status always."""
    case = cases.find(session, team_id, case_id)
    if case is None:
        return []
    _add_message(session, deps, case, "reply", actor, text)
    was_received = case.status == "received"
    _mark_acknowledged(session, case, now)  # answering someone acknowledges them
    if case.feedback_at is None:
        case.feedback_at = now
        concern_clock.cancel_deadlines(session, case, "feedback")
    cases.audit(session, case, "replied", actor=actor)
    texts = deps.messages.concern_texts
    thread = cases.quoted(texts.THREAD_REPLY.format(user=actor), text)
    if case.reporter_sealed is None:
        thread += "\n" + texts.THREAD_REPLY_KEPT
    relayed = cases.quoted(texts.RELAY_REPLY.format(reference=case.reference), text)
    return _ids(
        concern_delivery.update_case_post(session, deps, case) if was_received else None,
        concern_delivery.post_in_thread(session, deps, case, thread),
        concern_delivery.relay(session, deps, case, relayed, answerable=True),
    )


def note(session: Session, deps: Deps, *, team_id: str, case_id: int, actor: str, text: str) -> list[int]:
    case = cases.find(session, team_id, case_id)
    if case is None:
        return []
    _add_message(session, deps, case, "note", actor, text)
    cases.audit(session, case, "noted", actor=actor)
    heading = deps.messages.concern_texts.THREAD_NOTE.format(user=actor)
    return _ids(concern_delivery.post_in_thread(session, deps, case, cases.quoted(heading, text)))


def status_errors(status: str, outcome: str) -> dict[str, FormProblem]:
    if status not in STATUSES:
        return {"status": FormProblem("choice")}
    if status == "closed" and not outcome.strip():
        return {"outcome": FormProblem("no_outcome")}
    if len(outcome) > cases.MAX_TEXT:
        return {"outcome": FormProblem("too_long", len(outcome))}
    return {}


def set_status(
    session: Session, deps: Deps, *, team_id: str, case_id: int, actor: str, status: str, outcome: str, now: datetime
) -> list[int]:
    case = cases.find(session, team_id, case_id)
    if case is None or status not in STATUSES:
        return []
    if status != "received":
        _mark_acknowledged(session, case, now)
    case.status = status
    cases.audit(session, case, "status", actor=actor, detail=status)
    texts = deps.messages.concern_texts
    if status == "closed":
        case.closed_at = now
        case.feedback_at = case.feedback_at or now
        case.outcome_sealed = cases.seal(deps, case.id, outcome.strip(), field="outcome")
        concern_clock.cancel_deadlines(session, case, "ack")
        concern_clock.cancel_deadlines(session, case, "feedback")
        thread = cases.quoted(texts.THREAD_OUTCOME.format(user=actor), outcome)
        relayed = cases.quoted(texts.RELAY_OUTCOME.format(reference=case.reference), outcome)
    else:
        case.closed_at = None
        thread = texts.THREAD_STATUS.format(status=texts.STATUS_NAMES[status], user=actor)
        relayed = texts.RELAY_STATUS.format(reference=case.reference, status=texts.STATUS_NAMES[status])
    return _ids(
        concern_delivery.update_case_post(session, deps, case),
        concern_delivery.post_in_thread(session, deps, case, thread),
        concern_delivery.relay(session, deps, case, relayed, answerable=status != "closed"),
    )


def audit_log(
    session: Session, deps: Deps, *, team_id: str, case_id: int, actor: str
) -> tuple[str, list[AuditLine]] | None:
    """The case's audit log, oldest first; reading it is itself recorded."""
    case = cases.find(session, team_id, case_id)
    if case is None:
        return None
    cases.audit(session, case, "viewed-audit", actor=actor)
    session.flush()
    rows = session.scalars(select(ConcernAudit).where(ConcernAudit.case_id == case.id).order_by(ConcernAudit.id))
    by_reporter = {"status-checked", "answered"}
    tz = deps.settings.tz
    lines = [
        AuditLine(
            when=f"{row.at.astimezone(tz):%Y-%m-%d %H:%M}",
            actor=row.actor,
            action=row.action,
            by_reporter=row.action in by_reporter,
        )
        for row in rows
    ]
    return case.reference, lines
