"""Starts and stops the sandbox's parts: the simulator, the bot's WSGI app, the clock and the page."""

from __future__ import annotations

import contextlib
import logging
import secrets
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.deps import Deps
from bot.sandbox import people
from bot.sandbox.simulator.driver import SlackDriver
from bot.sandbox.simulator.server import SlackSimulator
from bot.sandbox.timekeeper import Timekeeper
from bot.settings import ConfigError, Settings
from bot.web import EVENTS_PATH, WebApp, serve_in_thread

log = logging.getLogger(__name__)

BOT_TOKEN = "xoxb-sandbox-not-a-real-token"  # noqa: S105 - the simulator's token, never a real one
SANDBOX_MARK = 0x53424F58  # SQLite's application_id of a database the sandbox made, so it may replace it
# The sandbox's database is replaced at each start, so each start has a new strong key of its own.
SECRET_KEY = secrets.token_hex(32)


@dataclass
class Sandbox:
    sim: SlackSimulator
    deps: Deps
    driver: SlackDriver
    clock: Timekeeper
    database: Path
    demo: str = "off"  # "setting up", "ready" or "incomplete" once the demo is asked for
    _servers: list[Any] = field(default_factory=list)
    _threads: list[threading.Thread] = field(default_factory=list)

    def stop(self) -> None:
        self.clock.stop()
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self.deps.close()
        self.sim.stop()


def sandbox_settings(database: Path, api_url: str, signing_secret: str, *, timezone: str) -> Settings:
    """The bot's settings for the sandbox; nothing is read from the environment, so no real workspace is used."""
    values: dict[str, Any] = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": signing_secret,
        "SLACK_API_URL": api_url,
        "DATABASE_URL": f"sqlite:///{database}",
        "STANDARDS_BOT_SECRET_KEY": SECRET_KEY,
        "STANDARDS_BOT_ADMINS": people.ADMIN.id,
        "STANDARDS_BOT_CASE_CHANNEL": people.CASES.id,
        "STANDARDS_BOT_AMBASSADORS_CHANNEL": people.AMBASSADORS.id,
        "STANDARDS_BOT_TIMEZONE": timezone,
        "STANDARDS_BOT_STATEMENT_MIN_WORDS": 40,  # short enough to try the application form by hand
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def _replace(database: Path) -> None:
    """Remove the last run's database (the workspace lives in memory, so the data starts anew too), but never
    a file the sandbox did not make: a real bot's database given by mistake stays as it is."""
    if database.exists():
        try:
            with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as found:
                mark = found.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.DatabaseError:
            mark = None
        if mark != SANDBOX_MARK:
            raise ConfigError(
                f"{database} is not a database the sandbox made, and the sandbox replaces its database at every "
                "start: give it another file with --database."
            )
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)


def start_sandbox(database: Path, *, timezone: str = "Europe/London") -> Sandbox:
    """A fresh database and workspace, the bot serving them, and its clock running; the page is separate."""
    from bot.app import create_app
    from storage.migrate import upgrade

    _replace(database)
    sim = SlackSimulator(bot_token=BOT_TOKEN, team_id=people.TEAM_ID).start()
    people.populate(sim)
    signing_secret = secrets.token_hex(16)
    settings = sandbox_settings(database, sim.api_url, signing_secret, timezone=timezone)
    deps = Deps.from_settings(settings)
    upgrade(deps.db.engine)
    with contextlib.closing(sqlite3.connect(database)) as marked:
        marked.execute(f"PRAGMA application_id = {SANDBOX_MARK}")
    # The same WSGI app `standards-bot web` serves; listeners run in the threads of the sandbox's server.
    app = WebApp(create_app(deps), deps)
    server, thread = serve_in_thread(app, "sandbox-bot")
    driver = SlackDriver(f"http://127.0.0.1:{server.server_port}{EVENTS_PATH}", signing_secret, sim)
    clock = Timekeeper(deps)
    clock.start()
    return Sandbox(sim, deps, driver, clock, database, _servers=[server], _threads=[thread])


__all__ = ["Sandbox", "start_sandbox"]
