"""Block Kit for rewriting an ethics card in Slack: the form, its preview (the card's own builders, as `/ethicard`
shows it) and the notices."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from bot.blocks import cards as card_blocks
from bot.blocks.elements import Block, button, context, input_block, modal, plain, section
from bot.services.cards.authoring import Version
from bot.services.content_form import LIST_FIELDS
from bot.texts import card_authoring as texts
from dilemmas.deck import CardKey
from dilemmas.models import Card, Signpost
from dilemmas.references import CPD_TOPICS, NDM_STAGES, PRINCIPLES, STANDARDS, THEMES

FORM_CALLBACK = "card_author_form"
DRAFT_ACTION, PUBLISH_ACTION = "card_author_draft", "card_author_publish"
EDIT_ACTION, RETIRE_ACTION = "card_author_edit", "card_author_retire"
_OPTION_TEXT = 75  # characters Slack shows of a select's option
_MULTILINE = {"scenarios", "questions", "why_it_matters", "links"}
_REQUIRED_LISTS = {"standards", "signposts"}
FormValues = Mapping[str, str | list[str]]


def _option(value: str, text: str) -> Block:
    return {"text": plain(text[:_OPTION_TEXT]), "value": value}


def _choices(name: str, signposts: Mapping[str, str]) -> list[Block]:
    if name == "standards":
        return [_option(str(number), f"{number}. {label}") for number, label in STANDARDS.items()]
    catalogues: dict[str, Mapping[str, str]] = {
        "principles": PRINCIPLES, "topics": CPD_TOPICS, "ndm": NDM_STAGES, "themes": THEMES, "signposts": signposts,
    }  # fmt: skip
    return [_option(key, label) for key, label in catalogues[name].items()]


def _text_input(name: str, values: FormValues, *, optional: bool = False) -> Block:
    element: Block = {"type": "plain_text_input", "action_id": name, "multiline": name in _MULTILINE}
    given = values.get(name)
    if isinstance(given, str) and given:
        element["initial_value"] = given
    return input_block(name, texts.LABELS[name], element, hint=texts.HINTS.get(name, ""), optional=optional)


def _multi_select(name: str, options: list[Block], values: FormValues) -> Block:
    element: Block = {"type": "multi_static_select", "action_id": name, "options": options}
    given = values.get(name)
    chosen = given if isinstance(given, list) else []
    initial = [option for option in options if option["value"] in chosen]
    if initial:
        element["initial_options"] = initial
    return input_block(name, texts.LABELS[name], element, optional=name not in _REQUIRED_LISTS)


def form(key: CardKey, values: FormValues, signposts: Mapping[str, str], history: Sequence[Version] = ()) -> Block:
    """The card's form, filled with `values` (form_from_body's shape), with its latest versions above it."""
    blocks: list[Block] = [context(texts.FORM_INTRO), context(texts.editing(f"{key.symbol} {key.name}"))]
    if history:
        lines = [texts.version_line(v.number, v.status, v.changed_by, v.changed_at) for v in history]
        blocks.append(context("\n".join(lines)))
    for name in ("headline", "prompt", "scenarios", "questions", "why_it_matters"):
        blocks.append(_text_input(name, values))
    for name in LIST_FIELDS:
        blocks.append(_multi_select(name, _choices(name, signposts), values))
    blocks.append(_text_input("links", values, optional=True))
    return modal(texts.FORM_TITLE, blocks, close=texts.FORM_CLOSE, callback_id=FORM_CALLBACK,
                 submit=texts.FORM_SUBMIT, metadata=json.dumps({"card": key.code}))  # fmt: skip


def preview(key: CardKey, card: Card, authored_id: int, signposts: Mapping[str, Signpost]) -> Block:
    """The card exactly as `/ethicard` shows it (its face, then what *More* shows), then the choices."""
    value = str(authored_id)
    blocks: list[Block] = [section(texts.PREVIEW_INTRO), {"type": "divider"}]
    blocks += card_blocks.face(key, card)
    blocks += card_blocks.details(key, card, signposts)
    blocks += [
        {"type": "divider"},
        {
            "type": "actions",
            "block_id": f"card-author-choices-{authored_id}",
            "elements": [
                button(texts.SAVE_DRAFT, DRAFT_ACTION, value),
                button(texts.PUBLISH, PUBLISH_ACTION, value, "primary"),
                button(texts.EDIT, EDIT_ACTION, value),
                button(texts.RETIRE, RETIRE_ACTION, value, "danger"),
            ],
        },
    ]
    return modal(texts.PREVIEW_TITLE, blocks, close=texts.CLOSE, metadata=value)


def notice(text: str) -> Block:
    return modal(texts.DONE_TITLE, [section(text)], close=texts.CLOSE)


def metadata_card(view: Mapping[str, Any]) -> str:
    """The card code a submitted form carries."""
    try:
        meta = json.loads(str(view.get("private_metadata") or "{}"))
    except ValueError:
        return ""
    return str(meta.get("card") or "") if isinstance(meta, dict) else ""
