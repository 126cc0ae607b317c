"""Block Kit of the confidence question (1 to 5 on an event's topic), before and after a CPD event."""

from __future__ import annotations

from bot.blocks.elements import Block, button, context, plain, section
from bot.texts import confidence as texts

CONFIDENCE_ACTION = "impact:confidence"  # followed by :1 … :5


def confidence_question(confirmation: str, event_id: int) -> list[Block]:
    """The answer to Going, then an optional question: confidence on the topic before the event."""
    buttons = [button(texts.SCORES[n], f"{CONFIDENCE_ACTION}:{n}", f"{event_id}:{n}") for n in range(1, 6)]
    return [section(confirmation), section(texts.BEFORE_QUESTION), {"type": "actions", "elements": buttons},
            context(texts.PRIVACY)]  # fmt: skip


def confidence_after_field() -> Block:
    """The feedback form's optional question: confidence on the topic now that the event is over."""
    options = [{"text": plain(texts.SCORES[n]), "value": str(n)} for n in range(1, 6)]
    return {
        "type": "input", "block_id": "confidence", "optional": True, "label": plain(texts.AFTER_QUESTION),
        "element": {"type": "radio_buttons", "action_id": "confidence", "options": options},
    }  # fmt: skip
