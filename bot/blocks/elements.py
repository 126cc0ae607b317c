"""The small Block Kit pieces every feature's builders are made of, within Slack's published limits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.texts.common import escape
from dilemmas.models import Signpost

Block = dict[str, Any]

SECTION_LIMIT = 3000  # characters of a section's text
TITLE_LIMIT = 24  # characters of a modal's title
MESSAGE_BLOCKS = 50  # blocks in one message


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:SECTION_LIMIT]}}


def verbatim(block: Block) -> Block:
    """A block holding what a person wrote: Slack is not to turn what looks like a link, a channel or a name
    into one. Our own mentions (`<@U…>`) still show as mentions."""
    if "text" in block:
        block["text"]["verbatim"] = True
    for field in block.get("fields", []):
        field["verbatim"] = True
    for element in block.get("elements", []) if block.get("type") == "context" else []:
        if element.get("type") == "mrkdwn":
            element["verbatim"] = True
    return block


def split_escaped(escaped: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Escaped text in pieces of at most `limit` characters, never cut inside an escape such as &amp;."""
    pieces: list[str] = []
    while len(escaped) > limit:
        cut = limit
        amp = escaped.rfind("&", max(0, cut - 5), cut)
        if amp > 0 and ";" not in escaped[amp:cut]:
            cut = amp
        pieces.append(escaped[:cut])
        escaped = escaped[cut:]
    return [*pieces, escaped]


def packed(lines: Iterable[str], limit: int = SECTION_LIMIT) -> list[str]:
    """Lines joined into as few texts of at most `limit` characters as hold them all; a longer line is split."""
    parts: list[str] = []
    current = ""
    for whole in lines:
        for line in split_escaped(whole, limit):
            if current and len(current) + 1 + len(line) > limit:
                parts.append(current)
                current = line
            else:
                current = f"{current}\n{line}" if current else line
    if current:
        parts.append(current)
    return parts


def sections(escaped: str) -> list[Block]:
    """Text of any length as as many sections as it needs."""
    return [section(part) for part in packed(escaped.split("\n"))]


def signposts_text(heading: str, signposts: Iterable[Signpost]) -> str:
    """A heading and a line per signpost. An organisation writes its own signposts, so every part is escaped: a
    signpost can never mention, ping or link anything but its own address."""
    lines = [heading]
    for signpost in signposts:
        name = f"<{escape(signpost.url)}|{escape(signpost.name)}>" if signpost.url else escape(signpost.name)
        lines.append(f"• *{name}*: {escape(signpost.detail)}")
    return "\n".join(lines)


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:SECTION_LIMIT]}]}


def button(text: str, action_id: str, value: str, style: str | None = None) -> Block:
    """A button with a visible label; `style` is "primary" or "danger"."""
    element: Block = {"type": "button", "text": plain(text), "action_id": action_id, "value": value}
    if style:
        element["style"] = style
    return element


def input_block(block_id: str, label: str, element: Block, *, hint: str = "", optional: bool = False) -> Block:
    block: Block = {"type": "input", "block_id": block_id, "label": plain(label), "element": element}
    if hint:
        block["hint"] = plain(hint)
    if optional:
        block["optional"] = True
    return block


def modal(
    title: str, blocks: list[Block], *, close: str, callback_id: str = "", submit: str | None = None, metadata: str = ""
) -> Block:
    view: Block = {"type": "modal", "title": plain(title[:TITLE_LIMIT]), "close": plain(close), "blocks": blocks}
    if callback_id:
        view["callback_id"] = callback_id
    if submit:
        view["submit"] = plain(submit)
    if metadata:
        view["private_metadata"] = metadata
    return view
