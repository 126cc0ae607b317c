"""The App Home tab: each feature adds its own section (Features.add_home_section); the tab is rebuilt whenever it
is opened."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.acknowledge import after_ack
from bot.blocks.elements import Block
from bot.deps import Deps
from bot.middleware import deps_of
from bot.texts import home as texts

MAX_HOME_BLOCKS = 100


def register(app: App) -> None:
    app.event("app_home_opened")(on_home_opened)


def build_home(deps: Deps, team_id: str, user_id: str) -> dict[str, Any]:
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": texts.TITLE}},
        {"type": "section", "text": {"type": "mrkdwn", "text": texts.INTRO}},
    ]
    for section in deps.features.home_sections:
        part = section(deps, team_id, user_id)
        if part and len(blocks) + len(part) + 1 <= MAX_HOME_BLOCKS:
            blocks += [{"type": "divider"}, *part]
    return {"type": "home", "blocks": blocks}


def on_home_opened(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    if event.get("tab") not in (None, "home"):
        return
    view = build_home(deps_of(context), context.team_id or "", event["user"])
    after_ack(context, client.views_publish, user_id=event["user"], view=view)
