"""End to end over real HTTP: signed requests are answered in time, forged ones refused, retries taken once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from bot.sandbox.simulator.driver import SlackDriver
from bot.sandbox.simulator.server import SlackSimulator
from bot.web import free_port
from dilemmas.loader import Content
from tests.support.harness import ADMIN, BOT_TOKEN, SECRET_KEY, SIGNING_SECRET, BotHarness, start_bot
from tests.support.web_server import start_web

ROOT = Path(__file__).resolve().parent.parent
USER = "UOFFICER01"


@pytest.fixture
def people(sim: SlackSimulator) -> SlackSimulator:
    sim.add_user(USER, "pc.jones")
    sim.add_channel("CTEAM00001", "response-team-a", members=[USER, ADMIN])
    return sim


def test_a_signed_slash_command_gets_200_within_3s_and_a_private_help_answer(
    bot: BotHarness, people: SlackSimulator
) -> None:
    result = bot.driver.command(USER, "/ethicard", "help", channel="CTEAM00001")
    assert result.status == 200
    assert result.elapsed < 3.0
    answer = result.wait_response()
    assert answer.get("response_type", "ephemeral") == "ephemeral"
    assert "/ethicard hand 3" in answer["text"]
    assert people.messages("CTEAM00001") == []  # nothing public


def test_every_command_answers_help_privately_for_an_unknown_form(bot: BotHarness, people: SlackSimulator) -> None:
    for command in ("/ethicard", "/dilemma", "/concern", "/cpd", "/ambassador", "/standards"):
        result = bot.driver.command(USER, command, "help", channel="CTEAM00001")
        assert result.status == 200, command
        answer = result.wait_response()
        assert command in answer["text"], command
        assert answer.get("response_type", "ephemeral") == "ephemeral"


def test_a_bad_signature_gets_401_and_does_nothing(bot: BotHarness, people: SlackSimulator) -> None:
    result = bot.driver.command(USER, "/ethicard", "help", channel="CTEAM00001", bad_signature=True)
    assert result.status == 401
    time.sleep(0.3)
    assert people.responses == []


def test_a_stale_signature_gets_401(bot: BotHarness, people: SlackSimulator) -> None:
    result = bot.driver.command(USER, "/ethicard", "help", channel="CTEAM00001", timestamp=int(time.time()) - 600)
    assert result.status == 401


def test_the_same_event_delivered_twice_is_handled_once(bot: BotHarness, people: SlackSimulator) -> None:
    event = {"type": "app_home_opened", "user": USER, "channel": "D0HOME0001", "tab": "home"}
    first = bot.driver.event(event, event_id="Ev0SAME0001")
    people.wait_for(lambda: people.calls_to("views.publish"), what="the Home tab to be published")
    again = bot.driver.event(event, event_id="Ev0SAME0001", retry_num=1, retry_reason="http_timeout")
    assert (first.status, again.status) == (200, 200)
    time.sleep(0.5)
    assert len(people.calls_to("views.publish")) == 1
    other = bot.driver.event(event, event_id="Ev0OTHER001")
    assert other.status == 200
    people.wait_for(lambda: len(people.calls_to("views.publish")) == 2, what="a new event to be handled")


def test_health_is_200_when_the_database_answers(bot: BotHarness) -> None:
    response = requests.get(bot.url.replace("/slack/events", "/healthz"), timeout=5)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}


def test_health_is_503_when_the_database_does_not_answer(sim: SlackSimulator, content: Content, tmp_path: Path) -> None:
    closed_port = free_port()
    harness = start_bot(f"postgresql://nobody@127.0.0.1:{closed_port}/none", sim, content)
    try:
        response = requests.get(harness.url.replace("/slack/events", "/healthz"), timeout=15)
        assert response.status_code == 503
        assert response.json()["status"] == "unavailable"
    finally:
        harness.close()


@pytest.fixture
def production_server(sim: SlackSimulator, tmp_path: Path) -> Iterator[str]:
    """`standards-bot web` as operators run it: gunicorn, its own processes, a migrated SQLite database."""
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "STANDARDS_BOT_", "DATABASE_URL"))},
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'web.db'}",
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": sim.api_url,
        "STANDARDS_BOT_SECRET_KEY": SECRET_KEY,
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
    }
    subprocess.run([sys.executable, "-m", "bot.cli", "migrate"], env=env, check=True, capture_output=True, timeout=60)
    server = start_web(env, port)
    try:
        yield server.events_url
    finally:
        server.stop()


@pytest.mark.slow
@pytest.mark.serial
def test_the_production_server_answers_signed_commands_and_refuses_forged_ones(
    production_server: str, sim: SlackSimulator
) -> None:
    sim.add_user(USER, "pc.jones")
    sim.add_channel("CTEAM00001", "response-team-a", members=[USER])
    driver = SlackDriver(production_server, SIGNING_SECRET, sim)
    result = driver.command(USER, "/ethicard", "help", channel="CTEAM00001")
    assert result.status == 200
    assert result.elapsed < 3.0
    assert "/ethicard" in result.wait_response()["text"]
    assert driver.command(USER, "/ethicard", "help", channel="CTEAM00001", bad_signature=True).status == 401
