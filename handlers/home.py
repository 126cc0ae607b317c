"""The App Home tab: each feature adds its own section; the tab is rebuilt whenever it is opened."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.acknowledge import after_ack
from bot.deps import Deps
from bot.middleware import deps_of
from bot.texts import home as texts

Blocks = list[dict[str, Any]]
Section = Callable[[Deps, str, str], Blocks]
_SECTIONS: list[tuple[int, Section]] = []
MAX_HOME_BLOCKS = 100


def add_section(order: int, section: Section) -> None:
    """Add a feature's part of the tab; `section(deps, team_id, user_id)` returns its blocks."""
    if all(existing is not section for _, existing in _SECTIONS):
        _SECTIONS.append((order, section))
        _SECTIONS.sort(key=lambda item: item[0])


def register(app: App) -> None:
    app.event("app_home_opened")(on_home_opened)


def build_home(deps: Deps, team_id: str, user_id: str) -> dict[str, Any]:
    blocks: Blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": texts.TITLE}},
        {"type": "section", "text": {"type": "mrkdwn", "text": texts.INTRO}},
    ]
    for _, section in _SECTIONS:
        part = section(deps, team_id, user_id)
        if part and len(blocks) + len(part) + 1 <= MAX_HOME_BLOCKS:
            blocks += [{"type": "divider"}, *part]
    return {"type": "home", "blocks": blocks}


def on_home_opened(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    if event.get("tab") not in (None, "home"):
        return
    view = build_home(deps_of(context), context.team_id or "", event["user"])
    after_ack(context, client.views_publish, user_id=event["user"], view=view)
