"""Key rotation: written under key 1, read under key 2 with key 1 listed as previous, and after `standards-bot rekey`
with key 1 removed, everything is still readable, by the reporter, the case team and the outbox."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from bot import outbox
from bot.crypto import Keyring
from bot.outbox_sealing import sealed_blob
from bot.rekey import SEALED_COLUMNS
from bot.sandbox.simulator.server import SlackSimulator
from bot.services.dilemmas import questions
from dilemmas.loader import Content
from storage.models import OutboxMessage
from storage.models.concerns import ConcernCase, ConcernMessage
from tests.concerns.conftest import CASES, HANDLER, REPORTER, case_post, raise_concern
from tests.concerns.flows import button, dm_with, submit_case_form, thread_texts
from tests.support.cli import run_cli
from tests.support.harness import TEAM_ID, BotHarness, start_bot

KEY_1 = secrets.token_hex(32)
KEY_2 = secrets.token_hex(32)
CONCERN = "The custody sergeant lets a friend skip the booking-in queue"
HELPS = "Someone quietly checking the custody record"
REPLY = "Thank you, which custody suite was it?"
ANSWER = "The north custody suite, on nights"
NOTE = "Pull the north suite's custody logs"
QUEUED = "A thread post queued before the rotation"
PANEL_QUESTION = "A sergeant asks me to round up the overtime on a job that finished early"


@pytest.fixture
def harnesses(database_url: str, people: SlackSimulator, content: Content) -> Iterator[list[BotHarness]]:
    started: list[BotHarness] = []
    yield started
    for harness in started:
        harness.close()


def _start(
    started: list[BotHarness], database_url: str, sim: SlackSimulator, content: Content, **keys: str
) -> BotHarness:
    for running in started:
        running.server.shutdown()  # one bot at a time, as after a redeploy
    harness = start_bot(database_url, sim, content, STANDARDS_BOT_CASE_CHANNEL=CASES, **keys)
    started.append(harness)
    return harness


def _ciphertexts(bot: BotHarness) -> list[bytes]:
    found: list[bytes] = []
    with bot.deps.db.unit_of_work() as session:
        for sealed in SEALED_COLUMNS:
            found += [blob for blob in session.scalars(select(getattr(sealed.model, sealed.column))) if blob]
        found += [blob for m in session.scalars(select(OutboxMessage)) if (blob := sealed_blob(m)) is not None]
    return found


def _everything_reads(bot: BotHarness, code: str, relayed: dict[str, Any], post: dict[str, Any]) -> None:
    status = bot.driver.command(REPORTER, "/concern", f"status {code}").wait_response()
    assert REPLY in str(status)
    assert ANSWER in str(status)
    before = len(bot.sim.calls_to("views.open"))
    assert bot.driver.click(REPORTER, message=relayed, action_id=button(relayed, "Answer the case team")).status == 200
    bot.sim.wait_for(lambda: len(bot.sim.calls_to("views.open")) > before, what="the answer form")
    assert bot.sim.views_for(REPORTER)[-1]["callback_id"] == "concern.answer"  # the sealed token still opens
    bot.driver.close(REPORTER, bot.sim.views_for(REPORTER)[-1])
    updates = len(bot.sim.calls_to("chat.update"))
    submit_case_form(bot, HANDLER, post, "Set status", {"status": "investigating"})
    bot.sim.wait_for(lambda: len(bot.sim.calls_to("chat.update")) > updates, what="the case post rebuilt")
    assert CONCERN in str(bot.sim.message(CASES, post["ts"]))
    assert HELPS in str(bot.sim.message(CASES, post["ts"]))


def test_rotate_then_rekey_then_drop_the_old_key(
    harnesses: list[BotHarness], database_url: str, people: SlackSimulator, content: Content
) -> None:
    first = _start(harnesses, database_url, people, content, STANDARDS_BOT_SECRET_KEY=KEY_1)
    raised = raise_concern(first, CONCERN, contact="relay-dm", helps=HELPS)
    post = case_post(first, raised.reference)
    submit_case_form(first, HANDLER, post, "Reply to reporter", {"reply": REPLY})
    relayed = dm_with(first, REPORTER, REPLY)
    result = first.driver.click(REPORTER, message=relayed, action_id=button(relayed, "Answer the case team"))
    assert result.status == 200
    form = first.sim.wait_for(lambda: first.sim.views_for(REPORTER)[-1:], what="the answer form")[0]
    assert first.driver.submit(REPORTER, form, {"answer": ANSWER}).status == 200
    submit_case_form(first, HANDLER, post, "Internal note", {"note": NOTE})
    first.sim.wait_for(lambda: NOTE in thread_texts(first, post), what="the note")
    first.sim.wait_for(lambda: not first.rows(OutboxMessage, OutboxMessage.status == "pending"), what="all sent")
    with first.deps.db.unit_of_work() as session:
        [case] = session.scalars(select(ConcernCase))
        queued = outbox.enqueue(
            session,
            team_id=TEAM_ID,
            method="chat.postMessage",
            payload={"channel": CASES, "text": QUEUED},
            purpose="concern.thread",
            seal_with=first.deps.keyring,
            not_before=case.received_at.replace(year=2100),  # still waiting when the keys change
        )
        queued_id = queued.id
        asked = questions.ask(session, first.deps, team_id=TEAM_ID, text=PANEL_QUESTION, today=date(2026, 12, 1))
        assert asked.status == "ok"
    key_1 = Keyring(KEY_1).key_id
    assert {first.deps.keyring.key_id_of(blob) for blob in _ciphertexts(first)} == {key_1}

    second = _start(
        harnesses,
        database_url,
        people,
        content,
        STANDARDS_BOT_SECRET_KEY=KEY_2,
        STANDARDS_BOT_PREVIOUS_SECRET_KEYS=KEY_1,
    )
    _everything_reads(second, raised.code, relayed, post)
    done = run_cli(second, "rekey")
    assert done.returncode == 0, done.stderr
    assert "re-encrypted" in done.stdout
    key_2 = Keyring(KEY_2).key_id
    assert {second.deps.keyring.key_id_of(blob) for blob in _ciphertexts(second)} == {key_2}
    again = run_cli(second, "rekey")
    assert "re-encrypted 0 values" in again.stdout

    third = _start(harnesses, database_url, people, content, STANDARDS_BOT_SECRET_KEY=KEY_2)
    _everything_reads(third, raised.code, relayed, post)
    assert outbox.deliver_due(third.deps, only=[queued_id], now=case.received_at.replace(year=2101)).sent == 1
    assert QUEUED in str(third.sim.messages(CASES))
    with third.deps.db.unit_of_work() as session:  # the panel's queue reads its question under the new key alone
        assert [questions.text_of(third.deps, q) for q in questions.waiting(session, TEAM_ID)] == [PANEL_QUESTION]
    assert third.rows(OutboxMessage, OutboxMessage.status == "failed") == []


def test_rekey_names_a_value_no_configured_key_opens_and_exits_1(
    harnesses: list[BotHarness], database_url: str, people: SlackSimulator, content: Content
) -> None:
    bot = _start(harnesses, database_url, people, content)
    raise_concern(bot, CONCERN, contact="silent")
    lost = Keyring(secrets.token_hex(32))
    with bot.deps.db.unit_of_work() as session:
        [case] = session.scalars(select(ConcernCase))
        message = ConcernMessage(team_id=TEAM_ID, case_id=case.id, kind="note", author=HANDLER, body_sealed=b"")
        session.add(message)
        session.flush()
        message.body_sealed = lost.encrypt("case-text", "lost words", context=f"case:{case.id}:message:{message.id}")
        message_id = message.id
    done = run_cli(bot, "rekey")
    assert done.returncode == 1
    assert f"concern_messages.body_sealed row {message_id}" in done.stdout
    assert "STANDARDS_BOT_PREVIOUS_SECRET_KEYS" in done.stderr
    assert "lost words" not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
