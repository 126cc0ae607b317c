"""Block Kit for briefing packs: the pack (the panel's view kept for the end) and the show of hands form."""

from __future__ import annotations

from bot.blocks.dilemmas import options_text
from bot.blocks.elements import Block, button, context, input_block, modal, plain, section, sections
from bot.services.dilemmas.briefings import PRESENT
from bot.texts import dilemma_briefings as texts
from bot.texts import dilemmas as dilemma_texts
from bot.texts.common import escape
from dilemmas.models import Dilemma

HANDS_ACTION = "dilemma_brief_hands"
HANDS_CALLBACK = "dilemma_brief_hands_form"
_SEPARATOR = "|"


def hands_block(key: str) -> str:
    """The form's block of an option's count, or of the room's size (PRESENT)."""
    return PRESENT if key == PRESENT else f"hands-{key}"


def form_reference(dilemma_id: str, post_id: int | None) -> str:
    return f"{dilemma_id}{_SEPARATOR}{post_id or ''}"


def read_reference(value: str) -> tuple[str, int | None]:
    dilemma_id, _, post = value.partition(_SEPARATOR)
    return dilemma_id, int(post) if post.isdecimal() and post.isascii() else None


def pack_blocks(dilemma: Dilemma, post_id: int | None, *, posted: bool) -> list[Block]:
    """The pack in the order of a briefing: scenario, options, prompts, and the panel's view last."""
    header = dilemma_texts.header(dilemma.format, dilemma.title)
    chosen = next(o for o in dilemma.options if o.key == dilemma.panel_view.option)
    prompts = "\n".join(f"• {escape(prompt)}" for prompt in dilemma.prompts)
    blocks: list[Block] = [
        {"type": "header", "text": plain(texts.pack_title(header)[:150])},
        context(texts.PACK_INTRO),
        *sections(escape(dilemma.scenario)),
        section(options_text(dilemma)),
        section(f"{texts.PROMPTS}\n{prompts}"),
        {"type": "divider"},
        section(texts.FOR_THE_END),
        section(dilemma_texts.panel_view(chosen.key, escape(chosen.label), dilemma.format)),
        *sections(escape(dilemma.panel_view.reasoning)),
        {"type": "divider"},
        {"type": "actions", "block_id": "dilemma-brief",
         "elements": [button(texts.HANDS_BUTTON, HANDS_ACTION, form_reference(dilemma.id, post_id), "primary")]},
        context(texts.HANDS_NOTE if posted else f"{texts.HANDS_NOTE} {texts.not_posted_note(dilemma.id)}"),
    ]  # fmt: skip
    return blocks


def _count(key: str, label: str, hint: str = "") -> Block:
    # Slack wants action IDs unique within a view, so each input takes its block's.
    element: Block = {"type": "number_input", "action_id": hands_block(key), "is_decimal_allowed": False,
                      "min_value": "0"}  # fmt: skip
    return input_block(hands_block(key), label, element, hint=hint)


def hands_modal(dilemma: Dilemma, reference: str) -> Block:
    blocks: list[Block] = [
        context(escape(dilemma_texts.header(dilemma.format, dilemma.title))),
        section(texts.HANDS_INTRO),
        *[_count(o.key, texts.option_label(o.key, o.label)) for o in dilemma.options],
        _count(PRESENT, texts.PRESENT_LABEL, texts.PRESENT_HINT),
    ]
    return modal(
        texts.HANDS_TITLE, blocks, close=texts.HANDS_CANCEL, callback_id=HANDS_CALLBACK, submit=texts.HANDS_SUBMIT,
        metadata=reference,
    )  # fmt: skip


def recorded_view(raised: int, present: int) -> Block:
    return modal(texts.HANDS_DONE_TITLE, [section(texts.hands_recorded(raised, present))], close=texts.HANDS_CLOSE)
