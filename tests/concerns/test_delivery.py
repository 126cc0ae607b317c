"""Nothing is lost: with no case channel, or one that refuses the bot, the case is kept, told honestly and retried."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from bot.sandbox.simulator.server import SlackSimulator
from dilemmas.loader import Content
from storage.models import OutboxMessage
from storage.models.concerns import ConcernCase
from tests.concerns.conftest import CASES, REPORTER, case_post, raise_concern
from tests.support.harness import ADMIN, BotHarness, start_bot


@pytest.fixture
def unset_bot(database_url: str, people: SlackSimulator, content: Content) -> Iterator[BotHarness]:
    harness = start_bot(database_url, people, content)
    yield harness
    harness.close()


def test_with_no_case_channel_the_case_is_saved_the_reporter_told_and_admins_alerted(
    unset_bot: BotHarness, people: SlackSimulator, database_url: str, content: Content
) -> None:
    raised = raise_concern(unset_bot, "Overtime fraud on the response team", contact="silent")
    assert "has not been set up in Slack yet" in str(raised.view)
    alert = people.wait_for(lambda: [m for m in people.dms(ADMIN) if raised.reference in m["text"]], what="alert")
    assert "STANDARDS_BOT_CASE_CHANNEL" in alert[0]["text"]
    assert "Overtime" not in alert[0]["text"]
    [case] = unset_bot.rows(ConcernCase)
    assert case.delivery == "waiting"
    unset_bot.tick(case.received_at + timedelta(minutes=6))  # still no channel: it keeps waiting quietly
    assert unset_bot.rows(ConcernCase)[0].delivery == "waiting"

    # The operator sets the channel and starts the bot again: the next retry delivers it.
    restarted = start_bot(database_url, people, content, STANDARDS_BOT_CASE_CHANNEL=CASES)
    try:
        restarted.tick(case.received_at + timedelta(minutes=12))
        post = case_post(restarted, raised.reference)
        assert "Overtime fraud on the response team" in str(post)
        assert restarted.rows(ConcernCase)[0].delivery == "posted"
    finally:
        restarted.close()


def test_a_case_channel_that_refuses_the_bot_keeps_the_case_until_it_is_invited(
    case_bot: BotHarness, people: SlackSimulator
) -> None:
    people.set_bot_membership(CASES, False)
    raised = raise_concern(case_bot, "A custody sergeant sleeps on nights", contact="relay-dm")
    assert "Thank you" in str(raised.view)
    people.wait_for(lambda: case_bot.rows(ConcernCase)[0].delivery == "waiting", what="the case to wait")
    [case] = case_bot.rows(ConcernCase)
    [failed] = case_bot.rows(OutboxMessage, OutboxMessage.purpose == "concern.case")
    assert failed.status == "failed"
    assert failed.last_error == "channel_not_found"
    people.wait_for(lambda: [m for m in people.dms(ADMIN) if "could not be delivered" in m["text"]], what="alert")
    # The reporter still got the acknowledgement.
    people.wait_for(lambda: [m for m in people.dms(REPORTER) if raised.reference in str(m)], what="ack DM")

    case_bot.tick(case.received_at + timedelta(minutes=6))  # still refused: no new attempt, no new alert
    assert len(case_bot.rows(OutboxMessage, OutboxMessage.purpose == "concern.case")) == 1

    people.set_bot_membership(CASES, True)
    case_bot.tick(case.received_at + timedelta(minutes=12))
    post = case_post(case_bot, raised.reference)
    assert "A custody sergeant sleeps on nights" in str(post)
    assert case_bot.rows(ConcernCase)[0].delivery == "posted"
