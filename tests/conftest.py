"""Fixtures: a fresh database per test on SQLite and on PostgreSQL, the Slack simulator, and the bot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from dilemmas.loader import Content, load_content
from tests.support.databases import PostgresDatabases, SqliteDatabases, postgres_admin_url
from tests.support.harness import ADMIN, BOT_TOKEN, TEAM_ID

if TYPE_CHECKING:
    from bot.sandbox.simulator.server import SlackSimulator
    from tests.support.harness import BotHarness

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(autouse=True)
def no_slack_call_inside_a_transaction(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test fails if Slack was called while a database transaction was open, in this process or in a
    process the test started (which inherit the environment variable and refuse such calls themselves)."""
    from bot import netguard

    monkeypatch.setenv(netguard.ENV_VAR, "1")
    netguard.install()
    netguard.take_violations()
    yield
    found = netguard.take_violations()
    assert not found, "Slack was called inside a database transaction:\n" + "\n".join(found)


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content()


@pytest.fixture(scope="session")
def sqlite_databases(tmp_path_factory: pytest.TempPathFactory) -> SqliteDatabases:
    return SqliteDatabases(Path(tmp_path_factory.mktemp("sqlite")))


@pytest.fixture(scope="session")
def postgres_databases() -> Iterator[PostgresDatabases]:
    admin_url = postgres_admin_url()
    assert admin_url is not None
    databases = PostgresDatabases(admin_url)
    yield databases
    databases.drop_all()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_databases").fresh()
        return
    databases: PostgresDatabases = request.getfixturevalue("postgres_databases")
    url = databases.fresh()
    yield url
    databases.drop(url)


@pytest.fixture
def postgres_url(postgres_databases: PostgresDatabases) -> Iterator[str]:
    url = postgres_databases.fresh()
    yield url
    postgres_databases.drop(url)


@pytest.fixture
def sim() -> Iterator[SlackSimulator]:
    from bot.sandbox.simulator.server import SlackSimulator

    simulator = SlackSimulator(bot_token=BOT_TOKEN, team_id=TEAM_ID)
    simulator.start()
    simulator.add_user(ADMIN, "standards.lead", is_admin=True)
    yield simulator
    simulator.stop()


@pytest.fixture
def bot(database_url: str, sim: SlackSimulator, content: Content) -> Iterator[BotHarness]:
    from tests.support.harness import start_bot

    harness = start_bot(database_url, sim, content)
    yield harness
    harness.close()
