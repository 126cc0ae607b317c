"""The closing form's choice of outcome, from the short list the impact report counts."""

from __future__ import annotations

from bot.blocks.elements import Block, plain
from bot.texts import outcomes as texts


def outcome_kind_input() -> Block:
    options = [{"text": plain(label), "value": key} for key, label in texts.OUTCOME_NAMES.items()]
    return {
        "type": "input", "block_id": "outcome_kind", "optional": True, "label": plain(texts.KIND_LABEL),
        "hint": plain(texts.KIND_HINT),
        "element": {"type": "static_select", "action_id": "outcome_kind", "options": options},
    }  # fmt: skip
