"""The database stops for 20 s during clicks: every acknowledgement is in time, and recorded or says it was not."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import func, select

from bot.sandbox.simulator.driver import Result
from bot.sandbox.simulator.server import SlackSimulator
from storage.models.dilemmas import DilemmaVote
from tests.durability.support import cli, driver_for, scalar, told_not_recorded, web, web_env
from tests.support.harness import ADMIN
from tests.support.postgres_server import throwaway_postgres

pytestmark = [pytest.mark.slow, pytest.mark.serial]

TEAM = "COUTAGE001"
VOTERS = [f"UOUT{n:05d}" for n in range(1000)]
OUTAGE = 20.0


def test_clicks_during_a_database_outage_are_answered_in_time_and_never_claimed(sim: SlackSimulator) -> None:
    for voter in VOTERS:
        sim.add_user(voter, voter.lower())
    sim.add_channel(TEAM, "outage-team", members=[ADMIN, *VOTERS])
    with throwaway_postgres() as database:
        env = web_env(sim, database.url)
        cli(env, "migrate")
        with web(env) as server:
            driver = driver_for(server, sim)
            assert driver.command(ADMIN, "/dilemma", "post", channel=TEAM).status == 200
            [post] = sim.wait_for(lambda: sim.messages(TEAM), timeout=20, what="the dilemma")
            outcomes: dict[str, Result | None] = {}
            sent_at: dict[str, float] = {}
            lock = threading.Lock()
            queue = iter(VOTERS)
            stop_at = time.monotonic() + 6 + OUTAGE + 8

            def clicker() -> None:
                while time.monotonic() < stop_at:
                    with lock:
                        voter = next(queue, None)
                    if voter is None:
                        return
                    sent_at[voter] = time.monotonic()
                    try:
                        result: Result | None = driver.click(voter, message=post, action_id="dilemma_vote_B")
                    except requests.RequestException:
                        result = None
                    with lock:
                        outcomes[voter] = result
                    time.sleep(0.2)

            with ThreadPoolExecutor(max_workers=4) as pool:
                clicking = [pool.submit(clicker) for _ in range(4)]
                time.sleep(6)
                database.stop()
                health_during = requests.get(f"{server.base}/healthz", timeout=5).status_code
                time.sleep(OUTAGE)
                database.start()
                back = time.monotonic()
                for done in clicking:
                    done.result()
            health_after = requests.get(f"{server.base}/healthz", timeout=5).status_code
        held = scalar(database.url, select(func.count()).select_from(DilemmaVote))

    answered = {voter: result for voter, result in outcomes.items() if result is not None}
    assert len(answered) == len(outcomes), "a click got no HTTP answer at all"
    slowest = max(result.elapsed for result in answered.values())
    assert slowest < 3.0, f"an acknowledgement took {slowest:.2f}s"
    assert all(result.status == 200 for result in answered.values())
    refused = [voter for voter, result in answered.items() if told_not_recorded(sim, result)]
    recorded = len(answered) - len(refused)
    assert refused, "no click fell in the outage: nothing was tested"
    assert health_during == 503
    assert health_after == 200
    # Exactly the clicks that were not refused are in the database: none claimed and lost, none refused and kept.
    assert held == recorded
    resumed = [voter for voter in answered if sent_at[voter] > back + 1 and voter not in refused]
    assert resumed, "no click was recorded after the database came back"
