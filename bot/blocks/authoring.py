"""Block Kit for writing dilemmas in Slack: the form, its preview (the post's own builder) and the notices; and
for asking the panel: its form and the Home tab's button and queue."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from bot.blocks import dilemmas as post
from bot.blocks.elements import Block, button, context, input_block, modal, plain, section, split_escaped, verbatim
from bot.services.content_form import LIST_FIELDS
from bot.services.dilemmas.authoring import REQUIRED_OPTIONS
from bot.services.dilemmas.questions import MAX_QUESTION_CHARS
from bot.texts import authoring as texts
from bot.texts import dilemmas as post_texts
from bot.texts.common import escape
from dilemmas.models import OPTION_KEYS, Dilemma
from dilemmas.references import CPD_TOPICS, NDM_STAGES, PRINCIPLES, STANDARDS, THEMES

FORM_CALLBACK = "dilemma_author_form"
ASK_CALLBACK = "panel_ask_form"
ASK_BLOCK = "question"
INPUT = "value"
DRAFT_ACTION, PUBLISH_ACTION = "dilemma_author_draft", "dilemma_author_publish"
EDIT_ACTION, RETIRE_ACTION = "dilemma_author_edit", "dilemma_author_retire"
SCHEDULE_ACTION = "dilemma_author_schedule"
ASK_OPEN_ACTION = "panel_ask_open"
QUESTION_DRAFT_ACTION, QUESTION_DECLINE_ACTION = "panel_question_draft", "panel_question_decline"
QUEUE_SHOWN = 8
_OPTION_TEXT = 75  # characters Slack shows of a select's option
_MULTILINE = {"scenario", "prompts", "reasoning", "links"} | {f"{key}_text" for key in OPTION_KEYS}
FormValues = Mapping[str, str | list[str]]


def _option(value: str, text: str) -> Block:
    return {"text": plain(text[:_OPTION_TEXT]), "value": value}


def _choices(name: str, signposts: Mapping[str, str]) -> list[Block]:
    catalogues: dict[str, Mapping[Any, str]] = {
        "standards": STANDARDS, "principles": PRINCIPLES, "topics": CPD_TOPICS, "ndm": NDM_STAGES,
        "themes": THEMES, "signposts": signposts,
    }  # fmt: skip
    if name == "standards":
        return [_option(str(number), f"{number}. {label}") for number, label in STANDARDS.items()]
    return [_option(str(key), label) for key, label in catalogues[name].items()]


def _text_input(name: str, values: FormValues, label: str, *, optional: bool = False) -> Block:
    element: Block = {"type": "plain_text_input", "action_id": name, "multiline": name in _MULTILINE}
    given = values.get(name)
    if isinstance(given, str) and given:
        element["initial_value"] = given
    return input_block(name, label, element, hint=texts.HINTS.get(name, ""), optional=optional)


def _select(name: str, options: list[Block], values: FormValues, *, multi: bool, optional: bool = False) -> Block:
    element: Block = {"type": "multi_static_select" if multi else "static_select", "action_id": name,
                      "options": options}  # fmt: skip
    given = values.get(name)
    chosen = given if isinstance(given, list) else [given] if given else []
    initial = [option for option in options if option["value"] in chosen]
    if initial:
        element["initial_options" if multi else "initial_option"] = initial if multi else initial[0]
    return input_block(name, texts.LABELS[name], element, optional=optional)


def form(
    values: FormValues, signposts: Mapping[str, str], *, editing: str | None = None, question_id: int | None = None
) -> Block:
    """The authoring form, filled with `values` (form_from_body's shape)."""
    intro = [context(texts.FORM_INTRO)]
    if question_id is not None:
        intro.append(context(texts.FROM_QUESTION_INTRO))
    blocks: list[Block] = [*intro, context(texts.editing(editing))] if editing else [*intro, _text_input(
        "id", values, texts.LABELS["id"])]  # fmt: skip
    formats = [_option(key, name) for key, name in post_texts.FORMAT_NAMES.items()]
    blocks += [
        _text_input("title", values, texts.LABELS["title"]),
        _select("format", formats, values, multi=False),
        _text_input("scenario", values, texts.LABELS["scenario"]),
    ]
    for index, key in enumerate(OPTION_KEYS):
        optional = index >= REQUIRED_OPTIONS
        blocks.append(_text_input(f"{key}_label", values, texts.option_label(key), optional=optional))
        blocks.append(_text_input(f"{key}_text", values, texts.option_text(key), optional=optional))
    keys = [_option(key, key) for key in OPTION_KEYS]
    blocks += [
        _text_input("prompts", values, texts.LABELS["prompts"]),
        _select("panel_option", keys, values, multi=False),
        _text_input("reasoning", values, texts.LABELS["reasoning"]),
    ]
    for name in LIST_FIELDS:
        required = name in ("standards", "signposts")
        blocks.append(_select(name, _choices(name, signposts), values, multi=True, optional=not required))
    blocks.append(_text_input("links", values, texts.LABELS["links"], optional=True))
    metadata = json.dumps({"editing": editing, "question": question_id})
    title = texts.FORM_TITLE_EDIT if editing else texts.FORM_TITLE_NEW
    return modal(title, blocks, close=texts.FORM_CLOSE, callback_id=FORM_CALLBACK, submit=texts.FORM_SUBMIT,
                 metadata=metadata)  # fmt: skip


def preview(dilemma: Dilemma, authored_id: int, *, closes_at: datetime, from_question: bool) -> Block:
    """The post exactly as a channel will see it (the same builder), then the choices."""
    value = str(authored_id)
    blocks: list[Block] = [section(texts.PREVIEW_INTRO), {"type": "divider"}]
    blocks += post.post_blocks(dilemma, 0, closes_at=closes_at, caused_by=post_texts.CAUSED_BY_SCHEDULE,
                               from_question=from_question, preview=True)  # fmt: skip
    blocks += [
        {"type": "divider"},
        {
            "type": "actions",
            "block_id": f"author-choices-{authored_id}",
            "elements": [
                button(texts.SAVE_DRAFT, DRAFT_ACTION, value),
                button(texts.PUBLISH, PUBLISH_ACTION, value, "primary"),
                button(texts.EDIT, EDIT_ACTION, value),
                button(texts.RETIRE, RETIRE_ACTION, value, "danger"),
            ],
        },
        {
            "type": "actions",
            "block_id": f"author-schedule-{authored_id}",
            "elements": [
                {"type": "conversations_select", "action_id": SCHEDULE_ACTION,
                 "placeholder": plain(texts.SCHEDULE_PLACEHOLDER), "filter": {"include": ["public", "private"]}}
            ],
        },
    ]  # fmt: skip
    return modal(texts.PREVIEW_TITLE, blocks, close=texts.CLOSE, metadata=value)


def notice(text: str) -> Block:
    return modal(texts.DONE_TITLE, [section(text)], close=texts.CLOSE)


def preview_button_note(meaning: str) -> Block:
    """What a button of the preview would do in a channel (`meaning` as the preview's button gave it)."""
    return modal(texts.PREVIEW_TITLE, [section(texts.preview_button(meaning))], close=texts.CLOSE)


def ask_form() -> Block:
    element: Block = {"type": "plain_text_input", "action_id": INPUT, "multiline": True,
                      "max_length": MAX_QUESTION_CHARS}  # fmt: skip
    blocks = [section(texts.ASK_INTRO), input_block(ASK_BLOCK, texts.ASK_LABEL, element)]
    return modal(texts.ASK_TITLE, blocks, close=texts.FORM_CLOSE, callback_id=ASK_CALLBACK, submit=texts.ASK_SUBMIT)


def asked(code: str) -> Block:
    return modal(texts.ASK_TITLE, [section(texts.asked(code))], close=texts.CLOSE)


def home_ask() -> list[Block]:
    return [
        {"type": "header", "text": plain(texts.HOME_TITLE)},
        section(texts.HOME_INTRO),
        {"type": "actions", "elements": [button(texts.HOME_BUTTON, ASK_OPEN_ACTION, "home")]},
    ]


def home_queue(questions: Sequence[tuple[int, str, str]], count: int) -> list[Block]:
    """The standards team's queue: (id, text, day asked) of the oldest questions, and how many wait."""
    blocks: list[Block] = [{"type": "header", "text": plain(texts.QUEUE_TITLE)}]
    if not questions:
        return [*blocks, section(texts.QUEUE_EMPTY)]
    blocks.append(context(texts.queue_count(count, len(questions))))
    for question_id, text, day in questions[:QUEUE_SHOWN]:
        shown = split_escaped(escape(text), 1500)
        blocks.append(verbatim(section(shown[0] + (" …" if len(shown) > 1 else ""))))
        blocks.append(context(texts.asked_on(day)))
        blocks.append({"type": "actions", "block_id": f"panel-question-{question_id}", "elements": [
            button(texts.TO_DRAFT, QUESTION_DRAFT_ACTION, str(question_id), "primary"),
            button(texts.DECLINE, QUESTION_DECLINE_ACTION, str(question_id)),
        ]})  # fmt: skip
    return blocks
