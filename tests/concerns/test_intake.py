"""Raising a concern over real HTTP: the form, the receipt shown once, and what reaches the case channel."""

from __future__ import annotations

from storage.models.concerns import ConcernCase
from tests.concerns.conftest import REPORTER, case_post, raise_concern
from tests.concerns.flows import dm_with
from tests.support.harness import BotHarness


def test_a_relayed_concern_reaches_the_case_channel_without_the_reporter(case_bot: BotHarness) -> None:
    raised = raise_concern(case_bot, "Offensive memes in the late-turn group chat", helps="Advice please")
    post = case_post(case_bot, raised.reference)
    everything = str(post)
    assert "Offensive memes in the late-turn group chat" in everything
    assert REPORTER not in everything
    labels = [e["text"]["text"] for b in post["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert labels == ["Acknowledge", "Reply to reporter", "Internal note", "Set status", "Show audit"]
    case_bot.sim.wait_for(lambda: case_bot.rows(ConcernCase)[0].delivery == "posted", what="delivery recorded")
    [case] = case_bot.rows(ConcernCase)
    assert case.reference == raised.reference
    # The acknowledgement reached the reporter privately, without the receipt.
    dm = dm_with(case_bot, REPORTER, raised.reference)
    assert "within 7 days" in str(dm)
    assert raised.code not in str(dm)
