"""Answers posted to response URLs by the bot's own poster: what Slack receives, and the no-Slack-in-a-transaction
guard covering it as it covers Bolt's respond."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import netguard
from bot.response_urls import ResponsePoster, message
from bot.sandbox.simulator.server import SlackSimulator
from storage.db import Database


def test_answers_arrive_as_slack_takes_them(sim: SlackSimulator) -> None:
    poster = ResponsePoster(timeout=5)
    first, second = sim.new_response_url(user="U1", channel="C1"), sim.new_response_url(user="U2", channel="C1")
    try:
        assert poster.post(first, text="Your vote is recorded.", response_type="ephemeral") == 200
        blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*B*"}}]
        assert poster.post(second, text="Changed", blocks=blocks, replace_original=False, thread_ts=None) == 200
    finally:
        poster.close()
    posted = [post.payload for post in sim.responses]
    assert posted[0] == {"text": "Your vote is recorded.", "response_type": "ephemeral"}
    assert posted[1] == {"text": "Changed", "blocks": blocks, "replace_original": False}  # unset fields left out


def test_block_kit_models_are_sent_as_json() -> None:
    from slack_sdk.models.blocks import DividerBlock

    assert message({"text": "x", "blocks": [DividerBlock()], "unfurl_links": None}) == {
        "text": "x",
        "blocks": [{"type": "divider"}],
    }


def test_the_guard_refuses_an_answer_inside_a_transaction(sim: SlackSimulator, tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path}/guard.db")
    poster = ResponsePoster(timeout=5)
    url = sim.new_response_url(user="U1", channel="C1")
    try:
        with pytest.raises(netguard.NetworkCallInTransaction), db.unit_of_work():
            poster.post(url, text="too early")
    finally:
        poster.close()
        db.dispose()
    found = netguard.take_violations()  # taken here, so that the suite's own check does not fail this test
    assert len(found) == 1
    assert "a response_url post inside a database transaction" in found[0]
    assert sim.responses == []
