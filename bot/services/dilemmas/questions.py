"""Ask the panel: a colleague sends the standards team a dilemma they met, anonymously.

Nothing kept with a question links it to the person who asked: no Slack ID, no channel, no time of day (the day
only). They may keep a receipt code, shown once, to see later what became of it; only a hash of its secret part
is stored, as with the receipts of concerns. The text is sealed with the bot's key while it waits, as a
concern's is, and erased once the standards team declines the question or writes it up as a draft dilemma (which
tells the story in general terms).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from bot.services.admin.scrub import request_scrub
from bot.services.concerns import receipts
from bot.services.dilemmas import bank
from bot.text import visible
from storage.models.authoring import AuthoredDilemma, PanelQuestion
from storage.models.dilemmas import DilemmaPost

if TYPE_CHECKING:
    from bot.deps import Deps

MAX_QUESTION_CHARS = 3000
# A question's text once it is declined or written up as a draft: kept no longer than it is needed (the status
# stays, for the receipt).
ERASED = ""
SEAL_PURPOSE = "panel-question"
QueueStatus = Literal["waiting", "drafted", "declined"]
Progress = Literal["unknown", "waiting", "drafted", "published", "posted", "declined"]


@dataclass(frozen=True)
class Asked:
    status: Literal["ok", "empty", "too_long"]
    code: str = ""


def ask(session: Session, deps: Deps, *, team_id: str, text: str, today: date) -> Asked:
    if not visible(text).strip():
        return Asked("empty")
    if len(text) > MAX_QUESTION_CHARS:
        return Asked("too_long")
    receipt = receipts.new_receipt()
    asked = PanelQuestion(
        team_id=team_id, text=ERASED, status="waiting", receipt_lookup=receipt.lookup,
        receipt_hash=receipts.hash_secret(receipt.secret), asked_on=today,
    )  # fmt: skip
    session.add(asked)
    session.flush()  # its id, to seal the text for this row alone
    asked.text_sealed = seal(deps, asked.id, text.strip())
    return Asked("ok", receipt.code)


def seal_context(question_id: int) -> str:
    return f"panel-question:{question_id}"


def seal(deps: Deps, question_id: int, text: str) -> bytes:
    return deps.keyring.encrypt(SEAL_PURPOSE, text, context=seal_context(question_id))


def text_of(deps: Deps, found: PanelQuestion) -> str:
    """The question's text while it waits; empty once erased."""
    if found.text_sealed:
        return deps.keyring.decrypt(SEAL_PURPOSE, found.text_sealed, context=seal_context(found.id))
    return found.text  # asked before texts were sealed, and not sealed since


def erase(session: Session, found: PanelQuestion, now: datetime) -> None:
    """Forget the question's text, in its row and, at the next tick, in the database's files."""
    found.text, found.text_sealed = ERASED, None
    request_scrub(session, found.team_id, now)


def progress(session: Session, team_id: str, code: str) -> Progress:
    """What became of the question with this receipt code."""
    receipt = receipts.parse(code)
    candidates = (
        list(
            session.scalars(
                select(PanelQuestion).where(
                    PanelQuestion.team_id == team_id, PanelQuestion.receipt_lookup == receipt.lookup
                )
            )
        )
        if receipt
        else []
    )
    found = next((q for q in candidates if receipt and receipts.verify(q.receipt_hash, receipt.secret)), None)
    if found is None:
        receipts.verify(None, receipt.secret if receipt else "-")  # the same work whether or not it exists
        return "unknown"
    if found.status != "drafted":
        return "declined" if found.status == "declined" else "waiting"
    item = session.scalar(select(AuthoredDilemma).where(AuthoredDilemma.question_id == found.id))
    if item is None or item.live_status != bank.PUBLISHED:
        return "drafted"
    posted = session.scalar(
        select(exists().where(DilemmaPost.team_id == team_id, DilemmaPost.dilemma_id == item.dilemma_id))
    )
    return "posted" if posted else "published"


def waiting(session: Session, team_id: str) -> list[PanelQuestion]:
    """The queue the standards team sees, oldest first."""
    return list(
        session.scalars(
            select(PanelQuestion)
            .where(PanelQuestion.team_id == team_id, PanelQuestion.status == "waiting")
            .order_by(PanelQuestion.id)
        )
    )


def question(session: Session, team_id: str, question_id: int) -> PanelQuestion | None:
    found = session.get(PanelQuestion, question_id)
    return found if found is not None and found.team_id == team_id else None


def decline(session: Session, team_id: str, question_id: int, now: datetime) -> bool:
    found = question(session, team_id, question_id)
    if found is None or found.status != "waiting":
        return False
    found.status = "declined"
    erase(session, found, now)
    return True
