"""Block Kit for dilemmas: the post, the reveal, anonymous comments, the comment form and admin listings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from bot.blocks.elements import (
    SECTION_LIMIT,
    Block,
    button,
    context,
    packed,
    section,
    signposts_text,
    split_escaped,
    verbatim,
)
from bot.services.dilemmas.hands import BriefingTotals
from bot.services.dilemmas.votes import MAX_COMMENT_CHARS, vote_action
from bot.texts import dilemma_briefings as briefing_texts
from bot.texts import dilemmas as texts
from bot.texts.common import escape
from dilemmas.models import Dilemma, Signpost

COMMENT_ACTION = "dilemma_comment"
PROMPTS_ACTION = "dilemma_prompts"
REMOVE_ACTION = "dilemma_comment_remove"
# The post's buttons as a preview shows them (bot.blocks.authoring), each this prefix and what it would do (vote_A,
# comment, prompts): they say what they would do, and record nothing.
PREVIEW_ACTION_PREFIX = "dilemma_preview_"
COMMENT_CALLBACK = "dilemma_comment_form"
COMMENT_BLOCK, COMMENT_INPUT = "comment", "text"
_BAR_WIDTH = 10


def options_text(dilemma: Dilemma) -> str:
    return "\n".join(f"*{o.key}: {escape(o.label)}*\n{escape(o.text)}" for o in dilemma.options)


def post_blocks(
    dilemma: Dilemma,
    post_id: int,
    *,
    closes_at: datetime,
    caused_by: str,
    closed: bool = False,
    from_question: bool = False,
    preview: bool = False,
) -> list[Block]:
    """The dilemma as posted in a channel; once `closed`, the same without its vote and comment buttons. In a
    `preview`, the buttons look the same but only say what they would do (`PREVIEW_ACTION_PREFIX`)."""

    def button_for(text: str, action_id: str, meaning: str, style: str | None = None) -> Block:
        if preview:
            return button(text, PREVIEW_ACTION_PREFIX + meaning, meaning, style)
        return button(text, action_id, str(post_id), style)

    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": texts.header(dilemma.format, dilemma.title)}}
    ]
    if from_question:
        blocks.append(context(texts.FROM_QUESTION))
    blocks += [
        section(escape(dilemma.scenario)),
        section(options_text(dilemma)),
    ]
    prompts = button_for(texts.PROMPTS_BUTTON, PROMPTS_ACTION, "prompts")
    if closed:
        blocks.append(section(texts.VOTING_CLOSED))
        blocks.append({"type": "actions", "block_id": f"dilemma-more-{post_id}", "elements": [prompts]})
    else:
        votes = [
            button_for(texts.vote_button(o.key, o.label), vote_action(o.key), f"vote_{o.key}") for o in dilemma.options
        ]
        blocks.append({"type": "actions", "block_id": f"dilemma-vote-{post_id}", "elements": votes})
        comment = button_for(texts.COMMENT_BUTTON, COMMENT_ACTION, "comment")
        blocks.append({"type": "actions", "block_id": f"dilemma-more-{post_id}", "elements": [comment, prompts]})
        unix = int(closes_at.timestamp())
        blocks.append(context(f"{texts.closes(unix, closes_at.strftime('%d %b %Y %H:%M UTC'))} {texts.ANONYMITY_NOTE}"))
    blocks.append(context(caused_by))
    return blocks


def bar_chart(dilemma: Dilemma, tally: Mapping[str, int]) -> str:
    """The spread of votes as a small text chart, one line per option, in a code block so it lines up."""
    total = sum(tally.values()) or 1
    lines = []
    for option in dilemma.options:
        count = tally.get(option.key, 0)
        filled = round(_BAR_WIDTH * count / total)
        bar = "█" * filled + "░" * (_BAR_WIDTH - filled)
        lines.append(f"{option.key} {bar} {count:>4} ({round(100 * count / total):>3}%)  {escape(option.label)}")
    return "```\n" + "\n".join(lines) + "\n```"


def reveal_blocks(
    dilemma: Dilemma,
    tally: Mapping[str, int],
    *,
    minimum: int,
    closed_by: str,
    signposts: Mapping[str, Signpost],
    briefings: BriefingTotals | None = None,
) -> list[Block]:
    """The thread reply at the close: how people voted (unless too few did), any briefings' shows of hands apart
    from the votes (under the same rule), then the panel's view."""
    voters = sum(tally.values())
    blocks = [section(f"{texts.REVEAL_TITLE} {texts.responses(voters)}.")]
    blocks.append(section(bar_chart(dilemma, tally) if voters >= minimum else texts.too_few(minimum)))
    if briefings is not None:
        raised = briefings.raised
        spread = bar_chart(dilemma, briefings.hands) if raised >= minimum else briefing_texts.briefings_too_few(minimum)
        blocks.append(section(f"{briefing_texts.in_briefings(briefings.held, briefings.present, raised)}\n{spread}"))
    chosen = next(o for o in dilemma.options if o.key == dilemma.panel_view.option)
    blocks.append(section(texts.panel_view(chosen.key, escape(chosen.label), dilemma.format)))
    blocks.append(section(escape(dilemma.panel_view.reasoning)))
    if dilemma.links:
        links = " · ".join(f"<{escape(link.url)}|{escape(link.title)}>" for link in dilemma.links)
        blocks.append(section(texts.LINKS + links))
    routes = [signposts[key] for key in dilemma.signposts if key in signposts]
    if routes:
        blocks.append(section(signposts_text(texts.SIGNPOSTS, routes)))
    blocks.append(context(closed_by))
    return blocks


def nudge_blocks(weekday: str, unix: int, fallback: str) -> list[Block]:
    """The mid-week reminder in the post's thread: to the channel, naming nobody."""
    return [section(briefing_texts.nudge(weekday, unix, fallback)), context(briefing_texts.NUDGE_CAUSE)]


def comment_blocks(comment_id: int, text: str) -> list[Block]:
    """An anonymous comment in the thread; the text is escaped so it cannot mention, ping or link."""
    blocks: list[Block] = [section(texts.COMMENT_FROM)]
    blocks += [verbatim(section(piece)) for piece in split_escaped(escape(text), SECTION_LIMIT - 100)]
    blocks.append({"type": "actions", "block_id": f"dilemma-comment-{comment_id}",
                   "elements": [button(texts.COMMENT_REMOVE_BUTTON, REMOVE_ACTION, str(comment_id))]})  # fmt: skip
    return blocks


def removed_comment_blocks() -> list[Block]:
    return [section(texts.COMMENT_REMOVED)]


def comment_modal(post_id: int, dilemma: Dilemma) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": COMMENT_CALLBACK,
        "private_metadata": str(post_id),
        "title": {"type": "plain_text", "text": texts.COMMENT_MODAL_TITLE},
        "submit": {"type": "plain_text", "text": texts.COMMENT_SUBMIT},
        "close": {"type": "plain_text", "text": texts.COMMENT_CANCEL},
        "blocks": [
            context(escape(texts.header(dilemma.format, dilemma.title))),
            {
                "type": "input",
                "block_id": COMMENT_BLOCK,
                "label": {"type": "plain_text", "text": texts.COMMENT_LABEL},
                "hint": {"type": "plain_text", "text": texts.COMMENT_HINT},
                "element": {
                    "type": "plain_text_input",
                    "action_id": COMMENT_INPUT,
                    "multiline": True,
                    "max_length": MAX_COMMENT_CHARS,
                },
            },
        ],
    }


def prompts_blocks(dilemma: Dilemma) -> list[Block]:
    lines = "\n".join(f"• {escape(prompt)}" for prompt in dilemma.prompts)
    return [section(f"{texts.PROMPTS_INTRO}\n{lines}")]


def current_blocks(dilemma: Dilemma) -> list[Block]:
    return [
        context(texts.CURRENT_INTRO),
        {"type": "header", "text": {"type": "plain_text", "text": texts.header(dilemma.format, dilemma.title)}},
        section(escape(dilemma.scenario)),
        section(options_text(dilemma)),
    ]


def _lines_as_sections(title: str, lines: Sequence[str]) -> list[Block]:
    return [section(part) for part in packed([title, *lines])]


def list_blocks(bank: Mapping[str, Dilemma], history: Mapping[str, list[str]]) -> list[Block]:
    """The bank, and each channel's posts (most recent first); history maps channel -> dilemma ids, oldest first."""
    blocks = _lines_as_sections(texts.BANK_TITLE, [texts.bank_line(d.id, d.format, d.title) for d in bank.values()])
    lines = [texts.history_line(channel, list(reversed(ids))[:10], len(ids)) for channel, ids in history.items()]
    blocks += _lines_as_sections(texts.HISTORY_TITLE, lines or [texts.NO_HISTORY])
    return blocks[:50]


def schedules_blocks(lines: Sequence[str]) -> list[Block]:
    return _lines_as_sections(texts.SCHEDULES_TITLE, lines or [texts.NO_SCHEDULES])[:50]
