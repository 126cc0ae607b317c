"""People, a private case channel and the bot with that channel set, plus helpers to raise a concern."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from bot.sandbox.simulator.server import SlackSimulator
from dilemmas.loader import Content
from tests.support.harness import ADMIN, BotHarness, start_bot

REPORTER = "UREPORTER1"
HANDLER = "UHANDLER01"
OUTSIDER = "UOUTSIDER1"
CASES = "GCASES0001"
RECEIPT = re.compile(r"```([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})```")


@pytest.fixture
def people(sim: SlackSimulator) -> SlackSimulator:
    sim.add_user(REPORTER, "pc.reporter")
    sim.add_user(HANDLER, "psd.handler")
    sim.add_user(OUTSIDER, "pc.curious")
    sim.add_channel(CASES, "psd-cases", members=[HANDLER, ADMIN], is_private=True)
    return sim


@pytest.fixture
def case_bot(database_url: str, people: SlackSimulator, content: Content) -> Iterator[BotHarness]:
    harness = start_bot(database_url, people, content, STANDARDS_BOT_CASE_CHANNEL=CASES)
    yield harness
    harness.close()


@dataclass
class Raised:
    reference: str
    code: str
    view: dict[str, Any]


def open_form(bot: BotHarness, user: str) -> dict[str, Any]:
    result = bot.driver.command(user, "/concern", "")
    assert result.status == 200
    return bot.sim.wait_for(lambda: bot.sim.views_for(user)[-1:], what="the concern form")[0]


def raise_concern(
    bot: BotHarness,
    text: str,
    *,
    user: str = REPORTER,
    contact: str = "relay",
    category: str = "group-chats",
    helps: str | None = None,
) -> Raised:
    form = open_form(bot, user)
    values: dict[str, Any] = {"category": category, "what_happened": text, "contact": contact}
    if helps is not None:
        values["what_would_help"] = helps
    result = bot.driver.submit(user, form, values)
    assert result.status == 200
    assert result.response_action == "update", result.body
    shown = bot.sim.view(form["id"])
    assert shown is not None
    words = "\n".join(block["text"]["text"] for block in shown["blocks"] if block.get("type") == "section")
    code = RECEIPT.search(words)
    reference = re.search(r"SC-\d{4}-\d{4}", words)
    assert code, words
    assert reference, words
    bot.driver.close(user, shown)  # the reporter presses Done
    return Raised(reference.group(0), code.group(1), shown)


def case_post(bot: BotHarness, reference: str) -> dict[str, Any]:
    def found() -> dict[str, Any] | None:
        for message in bot.sim.messages(CASES):
            if reference in message.get("text", ""):
                return message
        return None

    return bot.sim.wait_for(found, what=f"the case {reference} in the case channel")


__all__ = ["ADMIN", "CASES", "HANDLER", "OUTSIDER", "REPORTER"]
