"""People and channels in the simulated workspace, and reading a card back from what Slack shows."""

from __future__ import annotations

from typing import Any

import pytest

from bot.sandbox.simulator.server import SlackSimulator
from dilemmas import deck
from dilemmas.deck import CardKey
from tests.support.harness import ADMIN

OFFICER = "UOFFICER01"
SERGEANT = "USERGEANT1"
TEAM = "CTEAM00001"
OUTSIDE = "COUTSIDE01"


@pytest.fixture
def people(sim: SlackSimulator) -> SlackSimulator:
    sim.add_user(OFFICER, "pc.jones")
    sim.add_user(SERGEANT, "ps.khan")
    sim.add_channel(TEAM, "response-team-a", members=[OFFICER, SERGEANT, ADMIN])
    sim.add_channel(OUTSIDE, "no-bot-here", members=[OFFICER, ADMIN], bot_is_member=False)
    return sim


def cards_in(message: dict[str, Any]) -> list[CardKey]:
    """The cards a message or view shows, read from its headers (one card) or its bold card names (a hand)."""
    found: list[CardKey] = []
    for block in message.get("blocks") or []:
        text = (block.get("text") or {}).get("text", "")
        if block.get("type") == "header":
            found.append(_named(text))
        elif block.get("type") == "section" and block.get("accessory", {}).get("action_id", "").startswith("cards."):
            found.append(_named(text.split("\n")[0].strip("*")))
    return found


def card_in(message: dict[str, Any]) -> CardKey:
    found = cards_in(message)
    assert len(found) == 1, found
    return found[0]


def _named(text: str) -> CardKey:
    key = deck.parse_card(text.split(" ", 1)[1])
    assert key is not None, text
    return key


def texts_of(message: dict[str, Any]) -> str:
    parts = [message.get("text") or ""]
    for block in message.get("blocks") or []:
        parts.append((block.get("text") or {}).get("text", ""))
        parts += [element.get("text", "") for element in block.get("elements") or [] if isinstance(element, dict)]
    return "\n".join(str(part) for part in parts)
