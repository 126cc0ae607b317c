"""Block Kit for the monthly meetings: the standards manager's reminder with a pair of buttons for each ambassador,
the small form for the topics discussed, and the standards team's line on the Home tab."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.blocks.elements import (
    MESSAGE_BLOCKS,
    Block,
    button,
    context,
    input_block,
    modal,
    plain,
    section,
    split_escaped,
)
from bot.services.ambassadors.meeting_records import (
    MET_ACTION,
    MISSED_ACTION,
    TOPICS,
    TOPICS_CALLBACK,
    TOPICS_LIMIT,
    Tally,
    action_id,
    button_value,
    month_name,
)
from bot.texts import ambassador_meetings as texts
from bot.texts import ambassadors as ambassador_texts
from bot.texts.common import escape

# Each ambassador takes two blocks (a line and its buttons); the intro and the cause take two more.
PER_MESSAGE = (MESSAGE_BLOCKS - 2) // 2


def manager_messages(
    ambassadors: Sequence[tuple[str, str, int, Tally]], target: int, month: str
) -> list[dict[str, Any]]:
    """The standards manager's reminder: (user, department, CPD events attended, meetings) for each ambassador,
    each with *We met* and *Not this month*; a manager with many ambassadors gets more than one message."""
    messages: list[dict[str, Any]] = []
    for start in range(0, len(ambassadors), PER_MESSAGE):
        blocks: list[Block] = [section(texts.MANAGER_INTRO)] if start == 0 else []
        for user, department, attended, tally in ambassadors[start : start + PER_MESSAGE]:
            meetings = texts.tally(tally.met, tally.months)
            blocks.append(
                section(texts.manager_line(user, split_escaped(escape(department), 300)[0], attended, target, meetings))
            )
            value = button_value(user, month)
            buttons = [
                button(texts.MET_BUTTON, action_id(MET_ACTION, user), value, "primary"),
                button(texts.MISSED_BUTTON, action_id(MISSED_ACTION, user), value),
            ]
            blocks.append({"type": "actions", "block_id": f"meeting-{user}", "elements": buttons})
        blocks.append(context(ambassador_texts.MONTHLY_CAUSE))
        messages.append({"text": ambassador_texts.MONTHLY_FALLBACK, "blocks": blocks})
    return messages


def topics_form(value: str, ambassador: str, month: str) -> dict[str, Any]:
    element = {
        "type": "plain_text_input",
        "action_id": TOPICS,
        "max_length": TOPICS_LIMIT,
        "multiline": True,
    }
    blocks = [
        section(texts.form_intro(ambassador, month_name(month))),
        input_block(TOPICS, texts.TOPICS_LABEL, element, hint=texts.TOPICS_HINT, optional=True),
    ]
    return modal(
        texts.FORM_TITLE,
        blocks,
        close=texts.FORM_CLOSE,
        callback_id=TOPICS_CALLBACK,
        submit=texts.FORM_SUBMIT,
        metadata=value,
    )


def team_home(text: str, *, with_header: bool) -> list[Block]:
    header: list[Block] = [{"type": "header", "text": plain(ambassador_texts.HOME_TITLE)}] if with_header else []
    return [*header, section(text)]
