"""Text from the content directory reaches Slack escaped: a scenario cannot ping a channel or break on "&"."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from bot.sandbox.simulator.server import SlackSimulator
from dilemmas.loader import Content
from tests.dilemmas.conftest import TEAM_A, admin_says
from tests.support.harness import BotHarness, start_bot

SCENARIO_TAIL = " Someone adds <!channel> & asks everyone to look <https://example.org|here>."


@pytest.fixture
def content_bot(database_url: str, people: SlackSimulator, content: Content) -> Iterator[BotHarness]:
    dilemma_id, dilemma = next(iter(content.dilemmas.items()))
    first, *others = dilemma.options
    changed = dilemma.model_copy(
        update={
            "scenario": dilemma.scenario + SCENARIO_TAIL,
            "options": [first.model_copy(update={"label": first.label + " & report it"}), *others],
        }
    )
    harness = start_bot(database_url, people, replace(content, dilemmas={dilemma_id: changed}))
    yield harness
    harness.close()


def test_a_scenario_and_an_option_from_the_content_are_escaped_in_the_post(content_bot: BotHarness) -> None:
    bot = content_bot
    [dilemma_id] = bot.deps.content.dilemmas
    admin_says(bot, f"post {dilemma_id}")
    post = bot.sim.wait_for(lambda: bot.sim.messages(TEAM_A), what="the dilemma")[0]
    sections = [block["text"]["text"] for block in post["blocks"] if block["type"] == "section"]
    words = "\n".join(sections)
    assert "Someone adds &lt;!channel&gt; &amp; asks everyone to look &lt;https://example.org|here&gt;." in words
    assert "<!channel>" not in words
    assert "<https://example.org" not in words
    assert " &amp; report it*" in words
