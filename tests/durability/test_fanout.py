"""A fan-out under Slack's rate limits holds no lock: commands and votes go on, and every tick returns in time."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import select

from bot.sandbox.simulator.server import SlackSimulator
from storage.models import Duty
from tests.durability.support import burst, driver_for, scalar, web, web_env
from tests.support.cli import ROOT
from tests.support.harness import ADMIN

pytestmark = [pytest.mark.slow, pytest.mark.serial]

CHANNELS = [f"CFAN{n:05d}" for n in range(100)]
VOTES = "CFANVOTES1"
VOTERS = [f"UFANV{n:04d}" for n in range(200)]
TICK_LIMIT = 10.0


def test_a_fan_out_to_100_channels_under_rate_limits_blocks_nothing(database_url: str, sim: SlackSimulator) -> None:
    for voter in VOTERS:
        sim.add_user(voter, voter.lower())
    sim.add_channel(VOTES, "fan-votes", members=[ADMIN, *VOTERS])
    for channel in CHANNELS:
        sim.add_channel(channel, f"team-{channel[-5:]}", members=[ADMIN])
    env = web_env(sim, database_url)
    with web(env) as server:
        driver = driver_for(server, sim)
        for channel in CHANNELS:
            assert driver.command(ADMIN, "/dilemma", "schedule mon 09:00", channel=channel).status == 200
        assert driver.command(ADMIN, "/dilemma", "post", channel=VOTES).status == 200
        [vote_post] = sim.wait_for(lambda: sim.messages(VOTES), timeout=20, what="the dilemma to vote on")
        due = scalar(database_url, select(Duty.due_at).where(Duty.kind == "dilemma.post").limit(1))

        # Slack-like limits: posts per channel and per workspace, member counts at a tier's pace, and some 429s
        # with a Retry-After too long to wait out in a thread.
        sim.rate_limit("chat.postMessage", per_second=1, burst=1, per_channel=True)
        sim.rate_limit("conversations.info", per_second=5, burst=5)
        sim.fail_next("chat.postMessage", "ratelimited", times=5, retry_after=3)
        sim.fail_next("conversations.info", "ratelimited", times=5, retry_after=4)

        stop = threading.Event()
        tick_times: list[float] = []
        tick_errors: list[str] = []
        ticking = threading.Thread(target=_tick_until, args=(env, due, stop, tick_times, tick_errors, sim))
        ticking.start()
        try:
            with ThreadPoolExecutor(max_workers=2) as pool:
                commands = pool.submit(_admin_commands, driver, sim)
                votes = pool.submit(
                    burst, sim, VOTERS, lambda v: driver.click(v, message=vote_post, action_id="dilemma_vote_A"),
                    in_flight=20,
                )  # fmt: skip
                unanswered = commands.result()
                voted = votes.result()
            ticking.join(timeout=180)
        finally:
            stop.set()
            ticking.join(timeout=30)
        log = server.log_tail()
    assert not tick_errors, tick_errors
    assert tick_times, "no tick ran"
    assert max(tick_times) < TICK_LIMIT, tick_times
    assert unanswered == []
    assert not voted.unanswered, f"{len(voted.unanswered)} votes were not acknowledged"
    assert "database is locked" not in log
    for channel in CHANNELS:
        posts = [m for m in sim.messages(channel) if m.get("user")]
        assert len(posts) == 1, (channel, len(posts))


def _tick_until(
    env: dict[str, str], due: Any, stop: threading.Event, times: list[float], errors: list[str], sim: SlackSimulator
) -> None:
    """`standards-bot tick --at <due>` again and again, as the clock would, until every channel has its post."""
    deadline = time.monotonic() + 150
    while not stop.is_set() and time.monotonic() < deadline:
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "bot.cli", "tick", "--at", due.isoformat()],
            env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        times.append(time.monotonic() - started)
        if done.returncode != 0 or "database is locked" in done.stderr:
            errors.append(done.stderr[-2000:])
            return
        if all(sim.messages(channel) for channel in CHANNELS):
            return
        time.sleep(0.5)


def _admin_commands(driver: Any, sim: SlackSimulator) -> list[str]:
    """40 commands from the standards team during the fan-out; returns those that got no answer."""
    unanswered = []
    for n in range(40):
        text = ("list", "schedule list")[n % 2]
        result = driver.command(ADMIN, "/dilemma", text, channel=CHANNELS[n])
        if result.status != 200 or result.elapsed >= 3.0:
            unanswered.append(f"{text}: HTTP {result.status} in {result.elapsed:.2f}s")
            continue
        try:
            result.wait_response(timeout=10)
        except AssertionError:
            unanswered.append(f"{text}: no answer")
    return unanswered
