"""The production web server against a test's database and simulator, and bursts of clicks that can be cut short."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import requests
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url

from bot import netguard
from bot.sandbox.simulator.driver import Result, SlackDriver
from bot.sandbox.simulator.server import SlackSimulator
from bot.texts.common import NOT_RECORDED
from bot.web import free_port
from tests.support.cli import ROOT
from tests.support.harness import ADMIN, BOT_TOKEN, SECRET_KEY, SIGNING_SECRET
from tests.support.web_server import WebServer, start_web

ACK_LIMIT = 3.0


def web_env(sim: SlackSimulator, database_url: str, **extra: str) -> dict[str, str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "STANDARDS_BOT_", "DATABASE_URL"))},
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": sim.api_url,
        "STANDARDS_BOT_SECRET_KEY": SECRET_KEY,
        "STANDARDS_BOT_ADMINS": ADMIN,
        "WEB_CONCURRENCY": "2",
        netguard.ENV_VAR: os.environ.get(netguard.ENV_VAR, ""),
    }
    env.update(extra)
    return env


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done


@contextmanager
def web(env: dict[str, str]) -> Iterator[WebServer]:
    server = start_web(env, free_port())
    try:
        yield server
    finally:
        server.stop()


def driver_for(server: WebServer, sim: SlackSimulator) -> SlackDriver:
    return SlackDriver(server.events_url, SIGNING_SECRET, sim)


@dataclass
class Burst:
    """Which people's requests were acknowledged (HTTP 200 within Slack's 3 s) and which were not."""

    acknowledged: dict[str, Result] = field(default_factory=dict)
    unanswered: list[str] = field(default_factory=list)
    not_recorded: list[str] = field(default_factory=list)
    slowest: float = 0.0


def told_not_recorded(sim: SlackSimulator, result: Result) -> bool:
    """Whether the answer to this request (in its acknowledgement, or posted before it) said nothing was recorded."""
    if NOT_RECORDED in str(result.body) or result.response_action == "errors":  # a form kept open, with why
        return True
    if not result.response_url:
        return False
    url_id = result.response_url.rsplit("/", 1)[-1]
    with sim.lock:
        return any(p.response_url_id == url_id and NOT_RECORDED in str(p.payload) for p in sim.responses)


def burst(
    sim: SlackSimulator,
    people: Sequence[str],
    send: Callable[[str], Result],
    *,
    in_flight: int,
    on_ack: Callable[[int], None] | None = None,
) -> Burst:
    """Send one request per person, `in_flight` at a time; `on_ack(n)` is called after the n-th acknowledgement.
    A request counts as acknowledged when Slack got a 200 within 3 s and the person was not told it failed."""
    outcome = Burst()
    lock = threading.Lock()

    def one(person: str) -> None:
        try:
            result = send(person)
        except requests.RequestException:  # the server went away mid-request: Slack saw no acknowledgement
            result = None
        with lock:
            if result is not None:
                outcome.slowest = max(outcome.slowest, result.elapsed)
            if result is not None and result.status == 200 and told_not_recorded(sim, result):
                outcome.not_recorded.append(person)
                outcome.unanswered.append(person)
                return
            if result is None or result.status != 200 or result.elapsed >= ACK_LIMIT:
                outcome.unanswered.append(person)
                return
            outcome.acknowledged[person] = result
            count = len(outcome.acknowledged)
        if on_ack is not None:
            on_ack(count)

    with ThreadPoolExecutor(max_workers=in_flight) as pool:
        list(pool.map(one, people))
    return outcome


def kill_after(server: WebServer, count: int) -> Callable[[int], None]:
    """An on_ack that SIGKILLs the whole web process group once `count` acknowledgements have been seen."""
    done = threading.Event()

    def on_ack(n: int) -> None:
        if n >= count and not done.is_set():
            done.set()
            server.kill_group()

    return on_ack


def rows(database_url: str, query: Any) -> list[Any]:
    """What a query finds in the test's database, read on a connection of its own (the server may be down)."""
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(query))
    finally:
        engine.dispose()


def scalar(database_url: str, query: Any) -> Any:
    found = rows(database_url, query)
    return found[0][0] if found else None


def count_rows(database_url: str, model: type[Any], *where: Any) -> int:
    return int(scalar(database_url, select(func.count()).select_from(model).where(*where)))


def until_all_acknowledged(
    sim: SlackSimulator, people: Sequence[str], send: Callable[[str], Result], *, in_flight: int, rounds: int = 5
) -> None:
    """People whose request was not acknowledged (or who were told it was not recorded) try again, as Slack and
    the bot tell them to, until every one of them has been acknowledged."""
    waiting = list(people)
    for _ in range(rounds):
        waiting = burst(sim, waiting, send, in_flight=in_flight).unanswered
        if not waiting:
            return
    raise AssertionError(f"{len(waiting)} requests were still not acknowledged after {rounds} rounds")
