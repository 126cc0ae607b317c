"""The one place where the features are wired in: their duties, outbox hooks and resolvers and report sections
and, for a process that answers Slack, their listeners and Home tab sections.

Every entry point calls `register_all`: the app factory (bot/app.py, so the web app and the sandbox), the clock
(bot/scheduler.py) and the CLI's commands (bot/cli.py). Registering again in one process changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.features import Features
from bot.services import admin, ambassadors, cards, concerns, cpd, dilemmas

if TYPE_CHECKING:
    from slack_bolt import App


def register_all(features: Features, app: App | None = None) -> Features:
    for feature in (dilemmas, cards, concerns, ambassadors, cpd, admin):
        feature.register(features)
    if app is not None:
        _register_listeners(app, features)
    return features


def _register_listeners(app: App, features: Features) -> None:
    # Imported here so that the clock and the CLI, which answer no Slack request, do not load them.
    from handlers import admin, ambassadors, cards, concerns, cpd, dilemmas, home, impact

    cards.register(app, features)
    dilemmas.register(app, features)
    concerns.register(app, features)
    cpd.register(app)
    ambassadors.register(app, features)
    admin.register(app)
    impact.register(app, features)
    home.register(app)
