"""Raising a concern over real HTTP: the form, the receipt shown once, and what reaches the case channel."""

from __future__ import annotations

from bot.simulator.server import SlackSimulator
from storage.models.concerns import ConcernCase
from tests.concerns.conftest import CASES, REPORTER, case_post, open_form, raise_concern
from tests.support.harness import BotHarness


def test_a_relayed_concern_reaches_the_case_channel_without_the_reporter(case_bot: BotHarness) -> None:
    raised = raise_concern(case_bot, "Offensive memes in the late-turn group chat", helps="Advice please")
    post = case_post(case_bot, raised.reference)
    everything = str(post)
    assert "Offensive memes in the late-turn group chat" in everything
    assert REPORTER not in everything
    labels = [e["text"]["text"] for b in post["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert labels == ["Acknowledge", "Reply to reporter", "Internal note", "Set status", "Show audit"]
    [case] = case_bot.rows(ConcernCase)
    assert case.delivery == "posted"
    assert case.reference == raised.reference
    # The acknowledgement reached the reporter privately, without the receipt.
    dm = case_bot.sim.wait_for(lambda: [m for m in case_bot.sim.dms(REPORTER) if raised.reference in m["text"] + str(m.get("blocks"))], what="ack DM")
    assert raised.code not in str(dm)
