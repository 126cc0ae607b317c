"""A command is read as a command whatever words it carries: Bolt once took the word "payload" for an interaction."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.sandbox.simulator.server import SlackSimulator
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


_channels = itertools.count()
COMMANDS = ("/ethicard", "/dilemma", "/concern", "/cpd", "/ambassador", "/standards")
CHANNEL_NAMES = st.one_of(
    st.sampled_from(["payload", "payload-team", "command", "text", "response_url", "token", "team_id", "x" * 80]),
    st.from_regex(r"[a-z0-9][a-z0-9_-]{0,79}", fullmatch=True),
)
COMMAND_TEXT = st.one_of(
    st.sampled_from(["payload", "payload=%7B%7D", "&payload=x", "{", "command=/x", "<#C1|x>", "help"]),
    st.text(max_size=200),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(COMMANDS), text=COMMAND_TEXT, channel_name=CHANNEL_NAMES)
def test_any_command_text_in_any_channel_gets_an_answer(
    bot: BotHarness, sim: SlackSimulator, command: str, text: str, channel_name: str
) -> None:
    channel = f"CANY{next(_channels):06d}"
    sim.add_user(PERSON, "pc.payne")
    sim.add_channel(channel, channel_name, members=[PERSON])
    result = bot.driver.command(PERSON, command, text, channel=channel)
    assert result.status == 200
    assert result.elapsed < 3.0

    def answered() -> bool:  # a private reply, or the form the command opens (`/concern` alone opens one)
        if result.response_url and any(
            p.response_url_id == result.response_url.rsplit("/", 1)[-1] for p in sim.responses
        ):
            return True
        return any(c.method == "views.open" and c.args.get("trigger_id") == result.trigger_id for c in sim.calls)

    sim.wait_for(answered, timeout=10, what=f"an answer to {command} {text!r} in #{channel_name}")
