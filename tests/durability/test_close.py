"""A close sent straight after the last acknowledged click counts every click: each was recorded before its ack."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.sandbox.simulator.server import SlackSimulator
from storage.models.dilemmas import DilemmaPost
from tests.durability.support import driver_for, scalar, until_all_acknowledged, web, web_env
from tests.support.harness import ADMIN

pytestmark = [pytest.mark.slow, pytest.mark.serial]

TEAM = "CCLOSETEAM"
VOTERS = [f"UCLOSE{n:05d}" for n in range(1000)]


def test_a_close_straight_after_1000_acknowledged_clicks_reveals_1000(database_url: str, sim: SlackSimulator) -> None:
    for voter in VOTERS:
        sim.add_user(voter, voter.lower())
    sim.add_channel(TEAM, "close-team", members=[ADMIN, *VOTERS])
    with web(web_env(sim, database_url)) as server:
        driver = driver_for(server, sim)
        assert driver.command(ADMIN, "/dilemma", "post", channel=TEAM).status == 200
        [post] = sim.wait_for(lambda: sim.messages(TEAM), timeout=20, what="the dilemma")
        until_all_acknowledged(
            sim, VOTERS, lambda v: driver.click(v, message=post, action_id=f"dilemma_vote_{'ABC'[int(v[-1]) % 3]}"),
            in_flight=50,
        )  # fmt: skip
        closed = driver.command(ADMIN, "/dilemma", f"close <#{TEAM}|close-team>", channel=TEAM)
        assert closed.status == 200
        reveal = sim.wait_for(
            lambda: [m for m in sim.thread(TEAM, post["ts"]) if m["ts"] != post["ts"]], timeout=30, what="the reveal"
        )
    assert "1000 responses" in str(reveal)
    assert scalar(database_url, select(DilemmaPost.voters)) == len(VOTERS)
