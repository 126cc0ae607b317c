"""Sealed outbox rows: bound to their row, and one that no configured key opens fails alone, with an alert."""

from __future__ import annotations

import base64
import json
import secrets

from bot import outbox
from bot.crypto import Keyring
from bot.outbox_sealing import SEALED, SEALED_TO_ROW
from storage.models import OutboxMessage
from tests.support.harness import ADMIN, TEAM_ID, BotHarness

CASES = "CCASES0001"
OTHER = "COTHER0001"


def _sealed(bot: BotHarness, channel: str, text: str, keyring: Keyring | None = None, **kwargs: object) -> int:
    with bot.deps.db.unit_of_work() as session:
        message = outbox.enqueue(
            session,
            team_id=TEAM_ID,
            method="chat.postMessage",
            payload={"channel": channel, "text": text},
            seal_with=keyring or bot.deps.keyring,
            **kwargs,  # type: ignore[arg-type]
        )
        return message.id


def _row(bot: BotHarness, message_id: int) -> OutboxMessage:
    with bot.deps.db.unit_of_work() as session:
        row = session.get(OutboxMessage, message_id)
        assert row is not None
        return row


def test_a_sealed_payload_copied_into_another_row_does_not_open_there(bot: BotHarness) -> None:
    bot.sim.add_channel(CASES, "cases", members=[ADMIN], is_private=True)
    bot.sim.add_channel(OTHER, "general", members=[ADMIN])
    confidential = _sealed(bot, CASES, "a confidential sentence", purpose="concern.case")
    harmless = _sealed(bot, OTHER, "a harmless sentence", purpose="test post")
    with bot.deps.db.unit_of_work() as session:
        source = session.get(OutboxMessage, confidential)
        target = session.get(OutboxMessage, harmless)
        assert source is not None
        assert target is not None
        assert SEALED_TO_ROW in source.payload
        assert "confidential" not in json.dumps(source.payload)
        target.payload = dict(source.payload)  # someone with write access swaps the payloads
    report = outbox.deliver_due(bot.deps, only=[harmless])
    assert report.failed == 1
    assert bot.sim.messages(OTHER) == []
    assert bot.sim.messages(CASES) == []
    assert _row(bot, harmless).status == "failed"
    assert outbox.deliver_due(bot.deps, only=[confidential]).sent == 1
    assert [m["text"] for m in bot.sim.messages(CASES)] == ["a confidential sentence"]


def test_a_row_no_configured_key_opens_is_failed_and_alerted_while_the_rest_is_delivered(bot: BotHarness) -> None:
    bot.sim.add_channel(OTHER, "general", members=[ADMIN])
    lost = Keyring(secrets.token_hex(32))
    before = _sealed(bot, OTHER, "first", purpose="test post")
    unopenable = _sealed(bot, OTHER, "sealed under a lost key", keyring=lost, purpose="concern.case")
    after = _sealed(bot, OTHER, "third", purpose="test post")

    report = bot.tick()  # the clock's tick does not stop at the row, and is not retried forever
    assert (report.delivery.sent, report.delivery.failed) == (2, 1)
    assert [m["text"] for m in bot.sim.messages(OTHER)] == ["first", "third"]
    row = _row(bot, unopenable)
    assert row.status == "failed"
    assert row.last_error is not None
    assert f"key {lost.key_id}" in row.last_error
    alerts = bot.sim.wait_for(lambda: bot.sim.dms(ADMIN), what="the admin alert")
    assert len(alerts) == 1
    assert "concern.case" in alerts[0]["text"]
    assert lost.key_id in alerts[0]["text"]
    assert "STANDARDS_BOT_PREVIOUS_SECRET_KEYS" in alerts[0]["text"]
    assert "sealed under a lost key" not in str(bot.sim.dms(ADMIN))
    assert bot.tick().delivery.failed == 0  # failed once, not again at every tick
    assert {_row(bot, before).status, _row(bot, after).status} == {"sent"}


def test_a_payload_sealed_before_rows_were_bound_still_opens(bot: BotHarness) -> None:
    bot.sim.add_channel(CASES, "cases", members=[ADMIN], is_private=True)
    legacy = bot.deps.keyring.encrypt("outbox", json.dumps({"channel": CASES, "text": "sealed long ago"}))
    with bot.deps.db.unit_of_work() as session:
        message = outbox.enqueue(
            session,
            team_id=TEAM_ID,
            method="chat.postMessage",
            payload={SEALED: base64.b64encode(legacy).decode()},
        )
        message_id = message.id
    assert outbox.deliver_due(bot.deps, only=[message_id]).sent == 1
    assert [m["text"] for m in bot.sim.messages(CASES)] == ["sealed long ago"]
