"""A command is read as a command whatever words it carries: Bolt once took the word "payload" for an interaction."""

from __future__ import annotations

import pytest

from bot.simulator.server import SlackSimulator
from tests.support.harness import BotHarness

PERSON = "UPAYLOAD01"


@pytest.mark.parametrize("text", ["payload", "hearts payload", "payload={}", "help payload"])
def test_a_command_whose_text_holds_the_word_payload_is_answered(
    bot: BotHarness, sim: SlackSimulator, text: str
) -> None:
    sim.add_user(PERSON, "pc.payne")
    sim.add_channel("CPAYLOAD01", "team", members=[PERSON])
    result = bot.driver.command(PERSON, "/ethicard", text, channel="CPAYLOAD01")
    assert result.status == 200
    answer = result.wait_response()
    assert answer.get("response_type", "ephemeral") == "ephemeral"
    assert answer.get("text")


def test_every_command_in_a_channel_named_payload_is_answered(bot: BotHarness, sim: SlackSimulator) -> None:
    sim.add_user(PERSON, "pc.payne")
    sim.add_channel("CPAYLOAD02", "payload-team", members=[PERSON])
    for command in ("/ethicard", "/dilemma", "/concern", "/cpd", "/ambassador", "/standards"):
        result = bot.driver.command(PERSON, command, "help", channel="CPAYLOAD02")
        assert result.status == 200, command
        assert result.wait_response().get("text"), command


def test_a_person_named_payload_is_answered(bot: BotHarness, sim: SlackSimulator) -> None:
    sim.add_user("UPAYLOAD03", "payload")
    sim.add_channel("CPAYLOAD03", "team", members=["UPAYLOAD03"])
    result = bot.driver.command("UPAYLOAD03", "/ethicard", "", channel="CPAYLOAD03")
    assert result.status == 200
    assert "card" in str(result.wait_response()).lower()
