"""A started simulator with a small workspace, and a WebClient pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from bot.sandbox.simulator.server import SlackSimulator

TOKEN = "xoxb-sim-token"
ALICE, BOB, GONE = "UALICE0001", "UBOB000001", "UGONE00001"


@pytest.fixture
def sim() -> Iterator[SlackSimulator]:
    with SlackSimulator(bot_token=TOKEN) as simulator:
        simulator.add_user(ALICE, "alice", is_admin=True)
        simulator.add_user(BOB, "bob")
        simulator.add_user(GONE, "gone", deleted=True)
        simulator.add_channel("CGENERAL01", "general", members=[ALICE, BOB])
        simulator.add_channel("CQUIET0001", "quiet", members=[ALICE], bot_is_member=False)
        simulator.add_channel("CSECRET001", "secret", members=[ALICE], is_private=True, bot_is_member=False)
        simulator.add_channel("COLD000001", "old", members=[ALICE], is_archived=True)
        yield simulator


@pytest.fixture
def client(sim: SlackSimulator) -> WebClient:
    return WebClient(token=TOKEN, base_url=sim.api_url)
