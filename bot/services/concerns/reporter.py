"""Confidential concerns, the reporter's side: taking a concern in, the receipt, status and answers.

The case team's side is in concern_handling, delivery in concern_delivery and timed duties in concern_clock
(their duties and outbox hooks are added by the package's register()).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.services.concerns import cases
from bot.services.concerns import clock as concern_clock
from bot.services.concerns import delivery as concern_delivery
from bot.services.concerns import handling as concern_handling
from bot.services.concerns import receipts as concern_receipts
from bot.services.concerns.cases import FormProblem
from dilemmas.concerns_config import ConcernsConfig
from storage.models.concerns import ConcernCase, ConcernCount, ConcernMessage, ConcernSequence
from storage.upsert import insert_for

if TYPE_CHECKING:
    from bot.deps import Deps

__all__ = ["concern_clock", "concern_delivery", "concern_handling"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Submission:
    category: str
    what_happened: str
    what_would_help: str
    contact: str


@dataclass(frozen=True)
class Received:
    case_id: int
    reference: str
    receipt_code: str
    contact: str
    waiting: bool
    outbox_ids: list[int]


def validate(submission: Submission, config: ConcernsConfig) -> dict[str, FormProblem]:
    """Problems by form block; empty when the concern can be saved."""
    errors: dict[str, FormProblem] = {}
    if not config.has(submission.category):
        errors["category"] = FormProblem("choice")
    errors.update(text_error("what_happened", submission.what_happened, required=True))
    errors.update(text_error("what_would_help", submission.what_would_help, required=False))
    if submission.contact not in cases.CHOICES:
        errors["contact"] = FormProblem("choice")
    return errors


def text_error(block_id: str, text: str, *, required: bool) -> dict[str, FormProblem]:
    if required and not text.strip():
        return {block_id: FormProblem("required")}
    if len(text) > cases.MAX_TEXT:
        return {block_id: FormProblem("too_long", len(text))}
    return {}


@dataclass(frozen=True)
class Exchange:
    """One message between the case team and the reporter, as the reporter sees it."""

    from_team: bool
    when: str
    text: str


@dataclass(frozen=True)
class ReporterStatus:
    reference: str
    category: str
    status: str
    received: str
    outcome: str | None
    conversation: tuple[Exchange, ...]
    answer_token: str | None


@dataclass(frozen=True)
class HashedReceipt:
    receipt: concern_receipts.Receipt
    secret_hash: str


def new_receipt() -> HashedReceipt:
    """A receipt and the slow (argon2) hash of its secret: made before the transaction, which must stay short."""
    receipt = concern_receipts.new_receipt()
    return HashedReceipt(receipt, concern_receipts.hash_secret(receipt.secret))


def submit(
    session: Session,
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    submission: Submission,
    now: datetime,
    receipt: HashedReceipt | None = None,
) -> Received:
    """Save the case, queue it for the case team and acknowledge the reporter, all in the caller's transaction."""
    local = now.astimezone(deps.settings.tz)
    contact, updates = cases.CHOICES[submission.contact]
    hashed = _unused_receipt(session, receipt or new_receipt())
    case = ConcernCase(
        team_id=team_id,
        reference=_next_reference(session, team_id, local.year),
        lookup=hashed.receipt.lookup,
        receipt_hash=hashed.secret_hash,
        category=submission.category,
        contact=contact,
        updates=updates,
        status="received",
        delivery="pending",
        received_at=now,
    )
    session.add(case)
    session.flush()
    case.text_sealed = cases.seal(deps, case.id, submission.what_happened.strip(), field="text")
    if submission.what_would_help.strip():
        case.helps_sealed = cases.seal(deps, case.id, submission.what_would_help.strip(), field="helps")
    cases.give_answer_token(deps, case)
    if contact in ("relay", "named"):
        case.reporter_sealed = cases.seal_reporter(deps, case.id, user_id, contact)
    _count(session, team_id, f"{local:%Y-%m}", submission.category)
    cases.audit(session, case, "received", actor=None)
    queued = [message.id for message in concern_delivery.queue_case_post(session, deps, case, now)]
    texts = deps.messages.concern_texts
    if contact in texts.RELAY_ACK:
        days = texts.count(deps.settings.ack_days, "day")
        ack_text = texts.RELAY_ACK[contact].format(reference=case.reference, days=days)
        ack = concern_delivery.relay(session, deps, case, ack_text, answerable=False, news=texts.RELAY_ACK_NEWS)
        queued += [ack.id] if ack is not None else []
    concern_clock.schedule_deadlines(session, deps, case)
    concern_clock.schedule_purge(session, deps, team_id, now)
    log.info("concern %s received (delivery %s)", case.reference, case.delivery)
    return Received(
        case.id, case.reference, hashed.receipt.code, submission.contact, case.delivery == "waiting", queued
    )


def _unused_receipt(session: Session, hashed: HashedReceipt) -> HashedReceipt:
    while session.scalar(select(ConcernCase.id).where(ConcernCase.lookup == hashed.receipt.lookup)) is not None:
        hashed = new_receipt()  # a lookup already taken: rare enough that hashing again here costs nothing
    return hashed


def _next_reference(session: Session, team_id: str, year: int) -> str:
    session.execute(
        insert_for(session)(ConcernSequence)
        .values(team_id=team_id, year=year, last_number=0)
        .on_conflict_do_nothing(index_elements=["team_id", "year"])
    )
    number = session.execute(
        update(ConcernSequence)
        .where(ConcernSequence.team_id == team_id, ConcernSequence.year == year)
        .values(last_number=ConcernSequence.last_number + 1)
        .returning(ConcernSequence.last_number)
    ).scalar_one()
    return f"SC-{year}-{number:04d}"


def _count(session: Session, team_id: str, month: str, category: str) -> None:
    session.execute(
        insert_for(session)(ConcernCount)
        .values(team_id=team_id, month=month, category=category, count=0)
        .on_conflict_do_nothing(index_elements=["team_id", "month", "category"])
    )
    session.execute(
        update(ConcernCount)
        .where(ConcernCount.team_id == team_id, ConcernCount.month == month, ConcernCount.category == category)
        .values(count=ConcernCount.count + 1)
    )


def find_by_receipt(deps: Deps, team_id: str, code: str) -> int | None:
    """The ID of the case a receipt opens, or None. Always one argon2 verification, found or not, so timing tells
    nothing; it runs outside any transaction, so slow hashing never holds a database lock."""
    receipt = concern_receipts.parse(code)
    if receipt is None:
        concern_receipts.verify(None, "-")
        return None
    with deps.db.unit_of_work() as session:
        row = session.execute(
            select(ConcernCase.id, ConcernCase.receipt_hash).where(
                ConcernCase.team_id == team_id, ConcernCase.lookup == receipt.lookup
            )
        ).first()
    if not concern_receipts.verify(row.receipt_hash if row else None, receipt.secret):
        return None
    return int(row.id) if row else None


def reporter_status(session: Session, deps: Deps, team_id: str, case_id: int) -> ReporterStatus | None:
    """What the reporter sees with their receipt (find the case with find_by_receipt first)."""
    case = cases.find(session, team_id, case_id)
    if case is None:
        return None
    cases.audit(session, case, "status-checked", actor=None)
    messages = session.scalars(
        select(ConcernMessage)
        .where(ConcernMessage.case_id == case.id, ConcernMessage.kind.in_(("reply", "answer")))
        .order_by(ConcernMessage.id.desc())
        .limit(12)
    )
    conversation = tuple(
        Exchange(
            from_team=message.kind == "reply",
            when=cases.day(deps, message.created_at),
            text=cases.unseal(deps, case.id, message.body_sealed, field=f"message:{message.id}"),
        )
        for message in reversed(list(messages))
    )
    return ReporterStatus(
        reference=case.reference,
        category=cases.config(deps).label(case.category),
        status=case.status,
        received=cases.day(deps, case.received_at),
        outcome=cases.unseal(deps, case.id, case.outcome_sealed, field="outcome") or None,
        conversation=conversation,
        answer_token=None if case.status == "closed" else cases.answer_token(deps, case),
    )


def reference_for_answer(session: Session, deps: Deps, team_id: str, token: str) -> str | None:
    case = cases.case_for_token(session, deps, team_id, token)
    return case.reference if case else None


def answer(session: Session, deps: Deps, *, team_id: str, token: str, text: str) -> tuple[str, list[int]] | None:
    """The reporter answers the case team; it reaches the case's thread as from "the reporter"."""
    case = cases.case_for_token(session, deps, team_id, token)
    if case is None:
        return None
    message = ConcernMessage(team_id=team_id, case_id=case.id, kind="answer", author=None, body_sealed=b"")
    session.add(message)
    session.flush()
    message.body_sealed = cases.seal(deps, case.id, text.strip(), field=f"message:{message.id}")
    cases.audit(session, case, "answered", actor=None)
    posted = concern_delivery.post_in_thread(
        session, deps, case, cases.quoted(deps.messages.concern_texts.THREAD_ANSWER, text)
    )
    return case.reference, [posted.id] if posted else []
