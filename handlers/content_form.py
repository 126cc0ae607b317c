"""What the listeners of the forms for writing content (a dilemma, a card) share."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.acknowledge import after_ack
from bot.deps import Deps
from bot.services.content_form import LIST_FIELDS, FormValues
from handlers.common import submitted, submitted_choices, submitted_value


def signpost_names(deps: Deps) -> dict[str, str]:
    """The signposts a form offers, by key."""
    return {key: signpost.name for key, signpost in deps.content.known_signposts.items()}


def form_values(view: dict[str, Any]) -> FormValues:
    """Every input of a submitted form: the ticked options of a list field, else the text (None when empty)."""
    fields: dict[str, str | list[str] | None] = {}
    for block_id in submitted(view):
        if block_id in LIST_FIELDS:
            fields[block_id] = submitted_choices(view, block_id)
        else:
            fields[block_id] = submitted_value(view, block_id) or None
    return fields


def authored_id(body: dict[str, Any]) -> int:
    """The item a preview's button acts on (the preview keeps it in its metadata); 0 when it cannot be read."""
    try:
        return int(str(body.get("view", {}).get("private_metadata") or "0"))
    except ValueError:
        return 0


def show(context: BoltContext, client: WebClient, body: dict[str, Any], view: dict[str, Any]) -> None:
    """Put `view` in place of the form the button was on, once the click is acknowledged."""
    view_id = body.get("view", {}).get("id")
    if view_id:
        after_ack(context, client.views_update, view_id=view_id, view=view)
