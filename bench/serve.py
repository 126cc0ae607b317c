"""Serve the bot, or a bare Bolt app that only acknowledges, the same way: gunicorn with threaded workers.

python -m bench.serve bot|bare   (settings from the environment, as for `standards-bot web`)
"""

from __future__ import annotations

import re
import sys
from typing import Any

from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.deps import make_slack_client
from bot.server import GunicornServer
from bot.settings import Settings, load_settings


def bare_app(settings: Settings) -> Any:
    assert settings.slack_signing_secret is not None
    app = App(
        client=make_slack_client(settings),
        signing_secret=settings.slack_signing_secret.get_secret_value(),
        token_verification_enabled=False,
    )

    def acknowledge(ack: Ack) -> None:
        ack()

    app.command("/ethicard")(acknowledge)
    app.action(re.compile(".*"))(acknowledge)  # any button: the vote clicks of the benchmark
    return SlackRequestHandler(app)


def main() -> None:
    which = sys.argv[1] if len(sys.argv) > 1 else "bot"
    settings = load_settings()
    GunicornServer(settings, app_factory=bare_app if which == "bare" else None).run()


if __name__ == "__main__":
    main()
