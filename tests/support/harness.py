"""The bot under test: the real WSGI app on a loopback HTTP server, talking to the Slack simulator."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from wsgiref.simple_server import WSGIServer

from sqlalchemy import select

from bot.clock import TickReport, tick
from bot.deps import Deps
from bot.settings import Settings
from bot.web import WebApp, serve_in_thread
from dilemmas.loader import Content

if TYPE_CHECKING:
    from bot.sandbox.simulator.driver import SlackDriver
    from bot.sandbox.simulator.server import SlackSimulator

SIGNING_SECRET = "test-signing-secret-0123456789"
SECRET_KEY = "5f0c1e9a7b3d42e8a61f9c0d2b7e4a3815c6d9f0e2a7b4c1d8e3f6a9b0c5d2e7"
BOT_TOKEN = "xoxb-test-token"
TEAM_ID = "T0STANDARDS"
ADMIN = "UADMIN0001"


@dataclass
class BotHarness:
    settings: Settings
    deps: Deps
    sim: SlackSimulator
    driver: SlackDriver
    url: str
    server: WSGIServer
    thread: threading.Thread
    extra: dict[str, Any] = field(default_factory=dict)

    def tick(self, at: datetime | None = None) -> TickReport:
        return tick(self.deps, at, budget=None)

    def rows(self, model: type[Any], *where: Any) -> list[Any]:
        with self.deps.db.unit_of_work() as session:
            return list(session.scalars(select(model).where(*where)))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
        self.deps.close()


def make_settings(database_url: str, api_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": api_url,
        "DATABASE_URL": database_url,
        "STANDARDS_BOT_SECRET_KEY": SECRET_KEY,
        "STANDARDS_BOT_ADMINS": ADMIN,
        "STANDARDS_BOT_TIMEZONE": "Europe/London",
    }
    values.update(overrides)
    return Settings(_env_file=None, **{k: v for k, v in values.items() if v is not None})


def start_bot(database_url: str, sim: SlackSimulator, content: Content, **overrides: Any) -> BotHarness:
    from bot.app import create_app
    from bot.sandbox.simulator.driver import SlackDriver

    settings = make_settings(database_url, sim.api_url, **overrides)
    deps = Deps.from_settings(settings, content=content)
    app = create_app(deps)
    server, thread = serve_in_thread(WebApp(app, deps), "bot-http")
    url = f"http://127.0.0.1:{server.server_port}/slack/events"
    driver = SlackDriver(url, SIGNING_SECRET, sim)
    logging.getLogger("slack_bolt").setLevel(logging.WARNING)
    return BotHarness(settings, deps, sim, driver, url, server, thread)
