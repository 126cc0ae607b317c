"""What every part of the concerns feature shares: sealing text to its case, the audit log, dates and lookups."""

from __future__ import annotations

import calendar
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.text import quote
from dilemmas.concerns_config import ConcernsConfig, load_config
from dilemmas.models import Signpost
from storage.models import OutboxMessage
from storage.models.concerns import ConcernAudit, ConcernCase, ConcernSent

if TYPE_CHECKING:
    from bot.deps import Deps

CONTACTS = ("relay", "silent", "named")
# The form's choices, as (contact, updates): how a reporter who can be reached hears of replies. "news": a DM that
# says only that there is news (no case reference, no reply); "reply": a DM that names the case and quotes it.
CHOICES: dict[str, tuple[str, str | None]] = {
    "relay": ("relay", "news"),
    "relay-dm": ("relay", "reply"),
    "silent": ("silent", None),
    "named": ("named", "reply"),
}

STATUSES = ("received", "acknowledged", "assessing", "investigating", "closed")
MAX_TEXT = 3000
# How long the case team has is the force's own commitment, set by STANDARDS_BOT_ACK_DAYS and
# STANDARDS_BOT_FEEDBACK_MONTHS; the case channel is nudged this long before each falls due.
ACK_NUDGE_BEFORE = timedelta(days=2)
FEEDBACK_NUDGE_DAYS = 14
ANSWER_TOKEN_BYTES = 24

# One key purpose each, so a key that opens case text can never open a reporter link and the other way round.
TEXT_PURPOSE = "case-text"
RELAY_PURPOSE = "relay"
NAMED_PURPOSE = "named-reporter"


def config(deps: Deps) -> ConcernsConfig:
    return load_config(deps.settings.content_dir)


def seal(deps: Deps, case_id: int, text: str, *, field: str) -> bytes:
    return deps.keyring.encrypt(TEXT_PURPOSE, text, context=f"case:{case_id}:{field}")


def unseal(deps: Deps, case_id: int, blob: bytes | None, *, field: str) -> str:
    return deps.keyring.decrypt(TEXT_PURPOSE, blob, context=f"case:{case_id}:{field}") if blob else ""


def record_sent(session: Session, deps: Deps, message: OutboxMessage) -> None:
    """Remember, sealed, where a message the outbox sent for a case is in Slack, for the purge to delete it."""
    channel, ts, case_id = message.result_channel, message.result_ts, int(message.hook_args["case_id"])
    if not channel or not ts:
        return
    sent = ConcernSent(team_id=message.team_id, case_id=case_id, where_sealed=b"")
    session.add(sent)
    session.flush()
    sent.where_sealed = seal(deps, case_id, json.dumps([channel, ts]), field=f"sent:{sent.id}")


def sent_messages(session: Session, deps: Deps, case: ConcernCase) -> list[tuple[str, str]]:
    """Where the case's recorded messages are in Slack, as (channel, ts), oldest first."""
    rows = session.scalars(select(ConcernSent).where(ConcernSent.case_id == case.id).order_by(ConcernSent.id))
    places = [json.loads(unseal(deps, case.id, row.where_sealed, field=f"sent:{row.id}")) for row in rows]
    return [(str(channel), str(ts)) for channel, ts in places]


def seal_reporter(deps: Deps, case_id: int, user_id: str, contact: str) -> bytes:
    purpose = RELAY_PURPOSE if contact == "relay" else NAMED_PURPOSE
    return deps.keyring.encrypt(purpose, user_id, context=f"case:{case_id}")


def reporter_of(deps: Deps, case: ConcernCase) -> str | None:
    """The reporter's Slack ID, for relaying only; None when they chose no contact."""
    if case.reporter_sealed is None:
        return None
    purpose = RELAY_PURPOSE if case.contact == "relay" else NAMED_PURPOSE
    return deps.keyring.decrypt(purpose, case.reporter_sealed, context=f"case:{case.id}")


def audit(session: Session, case: ConcernCase, action: str, *, actor: str | None, detail: str | None = None) -> None:
    session.add(
        ConcernAudit(
            team_id=case.team_id, case_id=case.id, reference=case.reference, actor=actor, action=action, detail=detail
        )
    )


def find(session: Session, team_id: str, case_id: int) -> ConcernCase | None:
    return session.scalar(select(ConcernCase).where(ConcernCase.team_id == team_id, ConcernCase.id == case_id))


def give_answer_token(deps: Deps, case: ConcernCase) -> None:
    """Make the case's answer token: random, so it says nothing about the case number and can never open another
    case, even one that took a purged case's number. Called once, when the case is received."""
    token = secrets.token_urlsafe(ANSWER_TOKEN_BYTES)
    case.answer_digest = _token_digest(token)
    case.answer_sealed = deps.keyring.encrypt(TEXT_PURPOSE, token, context=f"case:{case.id}:answer")


def answer_token(deps: Deps, case: ConcernCase) -> str:
    """A button value that lets only whoever holds it answer this case (the reporter's DM, or their receipt)."""
    if case.answer_sealed is not None:
        return deps.keyring.decrypt(TEXT_PURPOSE, case.answer_sealed, context=f"case:{case.id}:answer")
    return _old_token(deps, case.id)  # a case received before random tokens keeps the kind its buttons carry


def _old_token(deps: Deps, case_id: int) -> str:
    return f"{case_id}.{deps.keyring.digest('concern-answer', str(case_id))[:32]}"


def _token_digest(token: str) -> str:
    # The token is 192 random bits, so a plain hash cannot be reversed, and it does not change with the key.
    return hashlib.sha256(token.encode()).hexdigest()


def case_for_token(session: Session, deps: Deps, team_id: str, token: str) -> ConcernCase | None:
    case = session.scalar(
        select(ConcernCase).where(ConcernCase.team_id == team_id, ConcernCase.answer_digest == _token_digest(token))
    )
    if case is None:
        case = _case_for_old_token(session, deps, team_id, token)
    return case if case is not None and case.status != "closed" else None


def _case_for_old_token(session: Session, deps: Deps, team_id: str, token: str) -> ConcernCase | None:
    """Cases received before random tokens have buttons that carry "<case id>.<keyed digest>": honoured only by such
    a case (one without a token of its own), so a button like that can never reach a case made since."""
    case_part, _, mac = token.partition(".")
    if not case_part.isdigit() or not mac:
        return None
    case = find(session, team_id, int(case_part))
    if case is None or case.answer_digest is not None:
        return None
    expected = [digest[:32] for digest in deps.keyring.digests("concern-answer", case_part)]
    return case if any(hmac.compare_digest(mac, candidate) for candidate in expected) else None


def add_months(moment: datetime, months: int) -> datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def ack_due(deps: Deps, case: ConcernCase) -> datetime:
    return case.received_at + timedelta(days=deps.settings.ack_days)


def ack_nudge(deps: Deps, case: ConcernCase) -> datetime:
    """Two days before acknowledgement is due, or halfway there when the force allows less than four days."""
    due = ack_due(deps, case)
    return due - min(ACK_NUDGE_BEFORE, (due - case.received_at) / 2)


def feedback_due(deps: Deps, case: ConcernCase) -> datetime:
    return add_months(case.received_at, deps.settings.feedback_months)


def day(deps: Deps, moment: datetime) -> str:
    local = moment.astimezone(deps.settings.tz)
    return f"{local.day} {local:%b %Y}"


@dataclass(frozen=True)
class FormProblem:
    """What is wrong with one input of a concern form; the handler puts it into words."""

    code: Literal["required", "too_long", "choice", "no_outcome"]
    length: int = 0  # of a text that is too long


@dataclass(frozen=True)
class CaseCard:
    """A case as the case team sees it in the case channel."""

    case_id: int
    reference: str
    category: str
    contact: str
    status: str
    received: str
    text: str
    helps: str | None
    named_user: str | None
    ack_due: str
    feedback_due: str


def case_card(deps: Deps, case: ConcernCase) -> CaseCard:
    return CaseCard(
        case_id=case.id,
        reference=case.reference,
        category=config(deps).label(case.category),
        contact=case.contact,
        status=case.status,
        received=day(deps, case.received_at),
        text=unseal(deps, case.id, case.text_sealed, field="text"),
        helps=unseal(deps, case.id, case.helps_sealed, field="helps") or None,
        named_user=reporter_of(deps, case) if case.contact == "named" else None,
        ack_due=day(deps, ack_due(deps, case)),
        feedback_due=day(deps, feedback_due(deps, case)),
    )


def quoted(heading: str, text: str) -> str:
    """A heading of ours over someone's words, quoted and escaped so they cannot mention, ping or link."""
    return f"{heading}\n{quote(text.strip())}"


def signposts(deps: Deps) -> list[Signpost]:
    known = deps.content.signposts
    return [known[key] for key in config(deps).signposts if key in known]
