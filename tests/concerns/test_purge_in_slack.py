"""The purge deletes from Slack every message the bot posted for a case: the case channel's post and thread, and
its DMs to the reporter."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from storage.models import OutboxMessage
from storage.models.concerns import ConcernCase, ConcernSent
from tests.concerns.conftest import CASES, HANDLER, REPORTER, case_post, raise_concern
from tests.concerns.flows import ANSWER, CONCERN, NOTE, REPLY, round_trip, submit_case_form, thread_texts
from tests.support.harness import BotHarness

OUTCOME = "Management action for the sergeant"


def held(bot: BotHarness, channel: str) -> list[dict[str, Any]]:
    """Every message the workspace still holds in a channel, thread replies included."""
    with bot.sim.lock:
        return [m.to_api() for m in bot.sim.ws.messages.get(channel, []) if not m.deleted]


def dm_channel(bot: BotHarness, user: str) -> str:
    with bot.sim.lock:
        channel = bot.sim.ws.im_of(user)
    assert channel is not None
    return channel


def _close_and_purge(bot: BotHarness, post: dict[str, Any]) -> None:
    submit_case_form(bot, HANDLER, post, "Set status", {"status": "closed", "outcome": OUTCOME})
    bot.sim.wait_for(lambda: OUTCOME in thread_texts(bot, post), what="the outcome in the thread")
    bot.sim.wait_for(lambda: not bot.rows(OutboxMessage, OutboxMessage.status == "pending"), what="every send")
    [case] = bot.rows(ConcernCase)
    assert case.closed_at is not None
    bot.tick(case.closed_at + timedelta(days=366))
    bot.tick(case.closed_at + timedelta(days=366, minutes=1))  # the deletions go out
    assert bot.rows(ConcernCase) == []
    assert bot.rows(ConcernSent) == []
    assert not bot.rows(OutboxMessage, OutboxMessage.status.in_(("pending", "failed")))


def test_after_the_purge_slack_holds_no_bot_message_of_the_case(case_bot: BotHarness) -> None:
    bot = case_bot
    flow = round_trip(bot)  # acknowledgement, reply, the reporter's answer, a note, all relayed in DMs
    in_thread = thread_texts(bot, flow.post)
    for words in (REPLY, ANSWER, NOTE):
        assert words in in_thread
    dm = dm_channel(bot, REPORTER)
    assert [m for m in held(bot, dm) if m.get("bot_id") and flow.raised.reference in str(m)]
    with bot.deps.db.unit_of_work() as session:  # where the DMs are is kept only sealed
        assert dm.encode() not in b"".join(row.where_sealed for row in session.query(ConcernSent))
    assert dm not in str([(row.result_channel, row.payload) for row in bot.rows(OutboxMessage)])

    _close_and_purge(bot, flow.post)

    in_cases = held(bot, CASES)
    assert [m for m in in_cases if m.get("bot_id")] == []
    for words in (CONCERN, REPLY, ANSWER, NOTE, OUTCOME, flow.raised.reference):
        assert words not in str(in_cases), words
    bot_dms = [m for m in held(bot, dm) if m.get("bot_id")]
    assert all("Open the private form" in str(m) for m in bot_dms)  # only the answer to what they typed, no case
    assert flow.raised.reference not in str(held(bot, dm))
    assert REPLY not in str(held(bot, dm))
    assert dm not in str([(row.result_channel, row.payload) for row in bot.rows(OutboxMessage)])


@pytest.mark.parametrize("contact", ["relay", "silent"])
def test_a_message_someone_deleted_already_does_not_stop_the_purge(case_bot: BotHarness, contact: str) -> None:
    bot = case_bot
    raised = raise_concern(bot, CONCERN, contact=contact)
    post = case_post(bot, raised.reference)
    submit_case_form(bot, HANDLER, post, "Reply to reporter", {"reply": REPLY})
    bot.sim.wait_for(lambda: REPLY in thread_texts(bot, post), what="the reply in the thread")
    [reply] = [m for m in bot.sim.thread(CASES, post["ts"])[1:] if REPLY in str(m)]
    with bot.sim.lock:  # a case handler deletes the bot's reply by hand
        found = bot.sim.ws.find_message(CASES, reply["ts"])
        assert found is not None
        found.deleted = True
    _close_and_purge(bot, post)
    assert [m for m in held(bot, CASES) if m.get("bot_id")] == []
    if contact == "relay":
        assert [m for m in held(bot, dm_channel(bot, REPORTER)) if m.get("bot_id")] == []
