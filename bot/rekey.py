"""`standards-bot rekey`: re-encrypt every sealed value under the current key, so that previous keys can be dropped.

Each value is opened with whichever configured key wrote it and sealed again with the current key, in the same
place (purpose and context), in batches of short transactions. Values already under the current key are left
alone, so the command can be stopped and run again. A value that no configured key opens is counted and named by
table and row, never shown. A question to the panel asked before questions were sealed is sealed here too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from bot.crypto import DecryptionError, Keyring
from bot.outbox_sealing import SEALED_TO_ROW, open_payload, seal_payload, sealed_blob
from bot.services.concerns import cases
from bot.services.dilemmas import questions
from storage.models import OutboxMessage, utcnow
from storage.models.authoring import PanelQuestion
from storage.models.concerns import ConcernCase, ConcernMessage, ConcernSent

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger(__name__)

BATCH = 200


@dataclass
class RekeyReport:
    rewritten: int = 0
    current: int = 0
    unreadable: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SealedColumn:
    """A column of ciphertext: where it is, and the purpose and context it was sealed with."""

    model: type[Any]
    column: str
    purpose: Callable[[Any], str]
    context: Callable[[Any], str]


def _case_text(name: str) -> SealedColumn:
    return SealedColumn(ConcernCase, f"{name}_sealed", lambda _: cases.TEXT_PURPOSE, lambda c: f"case:{c.id}:{name}")


# Every sealed column of the bot. A feature that adds one adds it here, and the rotation test covers it.
SEALED_COLUMNS: tuple[SealedColumn, ...] = (
    _case_text("text"),
    _case_text("helps"),
    _case_text("outcome"),
    _case_text("answer"),
    SealedColumn(
        ConcernCase,
        "reporter_sealed",
        lambda c: cases.RELAY_PURPOSE if c.contact == "relay" else cases.NAMED_PURPOSE,
        lambda c: f"case:{c.id}",
    ),
    SealedColumn(
        ConcernMessage,
        "body_sealed",
        lambda _: cases.TEXT_PURPOSE,
        lambda m: f"case:{m.case_id}:message:{m.id}",
    ),
    SealedColumn(ConcernSent, "where_sealed", lambda _: cases.TEXT_PURPOSE, lambda s: f"case:{s.case_id}:sent:{s.id}"),
    SealedColumn(
        PanelQuestion, "text_sealed", lambda _: questions.SEAL_PURPOSE, lambda q: questions.seal_context(q.id)
    ),
)


def rekey(deps: Deps) -> RekeyReport:
    report = RekeyReport()
    for sealed in SEALED_COLUMNS:
        for rows in _batches(deps, sealed.model):
            with deps.db.unit_of_work() as session:
                for row in session.scalars(select(sealed.model).where(sealed.model.id.in_(rows))):
                    _rekey_value(deps.keyring, sealed, row, report)
    for rows in _batches(deps, OutboxMessage):
        with deps.db.unit_of_work() as session:
            for message in session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(rows))):
                _rekey_payload(deps.keyring, message, report)
    for rows in _batches(deps, PanelQuestion):
        with deps.db.unit_of_work() as session:
            plain = select(PanelQuestion).where(PanelQuestion.id.in_(rows), PanelQuestion.text != questions.ERASED)
            for question in session.scalars(plain):
                ciphertext = questions.seal(deps, question.id, question.text)
                questions.erase(session, question, utcnow())  # the plain text goes from the files at the next tick
                question.text_sealed = ciphertext
                report.rewritten += 1
    return report


def _batches(deps: Deps, model: type[Any]) -> Iterator[list[int]]:
    after = 0
    while True:
        with deps.db.unit_of_work() as session:
            ids = list(session.scalars(select(model.id).where(model.id > after).order_by(model.id).limit(BATCH)))
        if not ids:
            return
        yield ids
        after = ids[-1]


def _rekey_value(keyring: Keyring, sealed: SealedColumn, row: Any, report: RekeyReport) -> None:
    blob = getattr(row, sealed.column)
    if not blob:
        return
    if keyring.is_current(blob):
        report.current += 1
        return
    purpose, context = sealed.purpose(row), sealed.context(row)
    try:
        plaintext = keyring.decrypt(purpose, blob, context=context)
    except DecryptionError:
        report.unreadable.append(f"{sealed.model.__tablename__}.{sealed.column} row {row.id}")
        return
    setattr(row, sealed.column, keyring.encrypt(purpose, plaintext, context=context))
    report.rewritten += 1


def _rekey_payload(keyring: Keyring, message: OutboxMessage, report: RekeyReport) -> None:
    blob = sealed_blob(message)
    if blob is None:
        return
    if SEALED_TO_ROW in (message.payload or {}) and keyring.is_current(blob):
        report.current += 1
        return
    try:
        payload = open_payload(keyring, message)
    except DecryptionError:
        report.unreadable.append(f"outbox.payload row {message.id}")
        return
    message.payload = seal_payload(keyring, message, payload)  # payloads sealed before rows were bound get bound
    report.rewritten += 1
