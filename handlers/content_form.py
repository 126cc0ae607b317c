"""What the listeners of the forms for writing content (a dilemma, a card) share."""

from __future__ import annotations

from typing import Any

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
