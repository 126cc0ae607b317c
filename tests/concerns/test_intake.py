"""Raising a concern over real HTTP: the form, the receipt shown once, and what reaches the case channel."""

from __future__ import annotations

from storage.models.concerns import ConcernCase
from tests.concerns.conftest import REPORTER, case_post, open_form, raise_concern
from tests.concerns.flows import dm_with
from tests.support.harness import BotHarness


def test_a_relayed_concern_reaches_the_case_channel_without_the_reporter(case_bot: BotHarness) -> None:
    raised = raise_concern(
        case_bot, "Offensive memes in the late-turn group chat", helps="Advice please", contact="relay-dm"
    )
    post = case_post(case_bot, raised.reference)
    everything = str(post)
    assert "Offensive memes in the late-turn group chat" in everything
    assert REPORTER not in everything
    assert "*Contact:* Name not shared; replies through the bot" in everything
    labels = [e["text"]["text"] for b in post["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert labels == ["Acknowledge", "Reply to reporter", "Internal note", "Set status", "Show audit"]
    case_bot.sim.wait_for(lambda: case_bot.rows(ConcernCase)[0].delivery == "posted", what="delivery recorded")
    [case] = case_bot.rows(ConcernCase)
    assert case.reference == raised.reference
    # The acknowledgement reached the reporter privately, without the receipt.
    dm = dm_with(case_bot, REPORTER, raised.reference)
    assert "within 7 days" in str(dm)
    assert raised.code not in str(dm)


def test_the_form_warns_before_anyone_writes(case_bot: BotHarness) -> None:
    form = open_form(case_bot, REPORTER)
    words = " ".join(block["text"]["text"] for block in form["blocks"] if block.get("type") == "section")
    assert "not for emergencies" in words
    assert "call 999" in words
    assert "may show who you are, even if you stay anonymous" in words
    assert "may have to act on what you tell it, or refer it on" in words
    assert "Only the case team reads" not in words  # Slack keeps the case channel; exports can reach it
    options = [
        o["text"]["text"] for b in form["blocks"] if b.get("block_id") == "contact" for o in b["element"]["options"]
    ]
    assert options[:2] == [  # the bot keeps the Slack ID: neither says "anonymous"
        "Without your name: tell me there is news (nothing else in the DM)",
        "Without your name: send me the reply in a DM",
    ]


def test_the_receipt_gives_the_forces_own_commitments_not_legal_deadlines(case_bot: BotHarness) -> None:
    raised = raise_concern(case_bot, "A sergeant keeps seized cigarettes", contact="silent")
    words = str(raised.view)
    assert "aims to acknowledge your concern within 7 days and to give you feedback within 3 months" in words
    assert "your force's own commitments, not legal deadlines" in words
