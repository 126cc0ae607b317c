"""A public case channel is refused at start-up and reported to admins; /concern status has a per-person limit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from bot.sandbox.simulator.server import SlackSimulator
from bot.services.concerns.try_limits import STATUS_TRIES
from bot.texts import concerns as texts
from dilemmas.loader import Content
from storage.models.concerns import ConcernCase
from tests.concerns.conftest import CASES, HANDLER, OUTSIDER, REPORTER, case_post, raise_concern
from tests.concerns.flows import button
from tests.support.harness import ADMIN, BotHarness, start_bot

PUBLIC = "CPUBLICCS1"
CONCERN = "A detective sergeant tips off a suspect before a search"


@pytest.fixture
def public_bot(database_url: str, people: SlackSimulator, content: Content) -> Iterator[BotHarness]:
    people.add_channel(PUBLIC, "psd-cases", members=[HANDLER, ADMIN, OUTSIDER], is_private=False)
    harness = start_bot(database_url, people, content, STANDARDS_BOT_CASE_CHANNEL=PUBLIC)
    yield harness
    harness.close()


def _public_alerts(sim: SlackSimulator) -> list[dict[str, object]]:
    return [m for m in sim.dms(ADMIN) if "will not use" in str(m.get("text"))]


def test_a_public_case_channel_is_refused_at_start_and_reported_to_admins_once(
    public_bot: BotHarness, people: SlackSimulator, database_url: str, content: Content
) -> None:
    public_bot.tick()
    [alert] = people.wait_for(lambda: _public_alerts(people), what="the admins' alert")
    assert f"<#{PUBLIC}>" in str(alert["text"])
    assert "private" in str(alert["text"])
    again = start_bot(database_url, people, content, STANDARDS_BOT_CASE_CHANNEL=PUBLIC)  # another process starts
    try:
        again.tick()
    finally:
        again.close()
    assert len(_public_alerts(people)) == 1  # once a day, however many processes start

    raised = raise_concern(public_bot, CONCERN, contact="silent")
    assert "has not been set up in Slack yet" in str(raised.view)
    assert CONCERN not in str(people.messages(PUBLIC))
    [case] = public_bot.rows(ConcernCase)
    assert case.delivery == "waiting"
    waiting = people.wait_for(
        lambda: [m for m in people.dms(ADMIN) if raised.reference in str(m.get("text"))], what="the waiting alert"
    )
    assert texts.REASON_PUBLIC in str(waiting[0]["text"])

    public_bot.tick(case.received_at + timedelta(minutes=6))  # still public: still waiting, never posted there
    assert public_bot.rows(ConcernCase)[0].delivery == "waiting"
    assert CONCERN not in str(people.messages(PUBLIC))

    with people.lock:
        people.ws.channels[PUBLIC].is_private = True  # the workspace admin makes it private
    public_bot.tick(case.received_at + timedelta(minutes=12))
    people.wait_for(lambda: CONCERN in str(people.messages(PUBLIC)), what="the case posted once private")
    assert public_bot.rows(ConcernCase)[0].delivery == "posted"


def test_status_checks_are_limited_per_person(case_bot: BotHarness) -> None:
    raised = raise_concern(case_bot, CONCERN, contact="silent")
    for attempt in range(STATUS_TRIES - 1):
        wrong = case_bot.driver.command(REPORTER, "/concern", f"status WRNG-{attempt:04d}-AAAA-BBBB-CCCC")
        assert wrong.wait_response()["text"].startswith("There is no case with that code")
    right = case_bot.driver.command(REPORTER, "/concern", f"status {raised.code}").wait_response()
    assert raised.reference in str(right)
    refused = case_bot.driver.command(REPORTER, "/concern", f"status {raised.code}").wait_response()
    assert refused["text"] == texts.STATUS_TOO_MANY.format(tries=STATUS_TRIES, minutes=10)
    assert raised.reference not in str(refused)
    other = case_bot.driver.command(OUTSIDER, "/concern", f"status {raised.code}").wait_response()
    assert raised.reference in str(other)  # someone else's tries are their own


def test_a_case_channel_made_public_later_is_refused_at_the_next_action(case_bot: BotHarness) -> None:
    first = raise_concern(case_bot, CONCERN, contact="silent")
    post = case_post(case_bot, first.reference)
    with case_bot.sim.lock:
        case_bot.sim.ws.channels[CASES].is_private = False  # someone makes the case channel public
    refused = case_bot.driver.click(HANDLER, message=post, action_id=button(post, "Acknowledge"))
    assert "Only members of the case channel" in refused.wait_response()["text"]
    assert case_bot.rows(ConcernCase)[0].status == "received"
    second = raise_concern(case_bot, "Another concern, raised after the channel went public", contact="silent")
    assert "has not been set up in Slack yet" in str(second.view)
    assert "went public" not in str(case_bot.sim.messages(CASES))
