"""The pieces both sides of a concern's Block Kit are made of: a person's text set apart, long mrkdwn in
sections, and the forms' inputs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.blocks.elements import Block, modal, plain, split_escaped
from bot.texts import concerns as texts
from bot.texts.common import escape

SECTION_LIMIT = 2900  # a section's text may be 3,000 characters; leave room for a heading


def mrkdwn(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def chunks(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Split free text into pieces whose *escaped* length fits a section; escaping is applied here."""
    return split_escaped(escape(text), limit)


def text_sections(heading: str, text: str) -> list[Block]:
    """A person's text under a heading, set apart as a quote (so it cannot pass for the bot's own lines, such as a
    fake heading), and verbatim (so Slack does not turn what looks like a link or a channel into one)."""
    parts = chunks(text, SECTION_LIMIT // 2 - len(heading))  # room for a ">" before every line
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": (heading + "\n" if index == 0 else "") + _quoted(part),
                                     "verbatim": True}}
        for index, part in enumerate(parts)
    ]  # fmt: skip


def _quoted(escaped: str) -> str:
    return "\n".join(">" + line for line in escaped.splitlines() or [""])


def concern_modal(
    title: str,
    blocks: list[Block],
    *,
    callback_id: str = "",
    submit: str | None = None,
    close: str = texts.CANCEL,
    metadata: str = "",
) -> dict[str, Any]:
    return modal(title, blocks, close=close, callback_id=callback_id, submit=submit, metadata=metadata)


def text_input(
    block_id: str, label: str, *, hint: str | None = None, optional: bool = False, initial: str | None = None
) -> Block:
    element: dict[str, Any] = {"type": "plain_text_input", "action_id": block_id, "multiline": True}
    if initial:
        element["initial_value"] = initial
    block: Block = {"type": "input", "block_id": block_id, "label": plain(label), "element": element}
    if hint:
        block["hint"] = plain(hint)
    if optional:
        block["optional"] = True
    return block


def select_options(pairs: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
    return [{"text": plain(label), "value": value} for value, label in pairs]


def split_mrkdwn(text: str) -> list[str]:
    """Split long mrkdwn at line ends (then anywhere but inside an escape) so each section stays within Slack's
    limit; each piece of a long quoted line stays quoted."""
    parts: list[str] = []
    current = ""
    for whole in text.split("\n"):
        if len(whole) <= SECTION_LIMIT:
            pieces = [whole]
        elif whole.startswith(">"):
            pieces = [">" + piece for piece in split_escaped(whole[1:], SECTION_LIMIT - 1)]
        else:
            pieces = split_escaped(whole, SECTION_LIMIT)
        *full, line = pieces
        if full and current:
            parts.append(current)
            current = ""
        parts += full
        if current and len(current) + 1 + len(line) > SECTION_LIMIT:
            parts.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    parts.append(current)
    return [part for part in parts if part] or [" "]
