"""Slack in and out: one module per feature, each with register(app)."""

from __future__ import annotations

from slack_bolt import App

from handlers import admin, ambassadors, cards, concerns, cpd, dilemmas, home, impact


def register_all(app: App) -> None:
    for feature in (cards, dilemmas, concerns, cpd, ambassadors, admin, impact, home):
        feature.register(app)
