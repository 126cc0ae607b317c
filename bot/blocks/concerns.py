"""Block Kit for the reporter's side of a concern: the form, the receipt, the status, relayed answers, and the
Home tab's section."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.blocks.concern_parts import concern_modal, mrkdwn, select_options, split_mrkdwn, text_input, text_sections
from bot.blocks.elements import Block, button, context, plain, signposts_text, verbatim
from bot.services.concerns.reporter import ReporterStatus
from bot.texts import concerns as texts
from bot.texts.common import escape
from dilemmas.models import Signpost

FORM_CALLBACK = "concern.form"
ANSWER_CALLBACK = "concern.answer"

OPEN_FORM_ACTION = "concern.open_form"
ANSWER_ACTION = "concern.answer"


# The reporter's side --------------------------------------------------------------------------------------------------
def form_modal(categories: Sequence[tuple[str, str]]) -> dict[str, Any]:
    contact_options = [
        {"text": plain(label), "value": key, "description": plain(hint)} for key, (label, hint) in texts.CHOICES.items()
    ]
    blocks = [
        mrkdwn(texts.FORM_INTRO),
        mrkdwn(texts.FORM_WARNINGS),
        {
            "type": "input",
            "block_id": "category",
            "label": plain(texts.CATEGORY_LABEL),
            "element": {"type": "static_select", "action_id": "category", "options": select_options(categories)},
        },
        text_input("what_happened", texts.WHAT_HAPPENED_LABEL, hint=texts.WHAT_HAPPENED_HINT),
        text_input("what_would_help", texts.WHAT_WOULD_HELP_LABEL, hint=texts.WHAT_WOULD_HELP_HINT, optional=True),
        {
            "type": "input",
            "block_id": "contact",
            "label": plain(texts.CONTACT_LABEL),
            "element": {
                "type": "radio_buttons",
                "action_id": "contact",
                "options": contact_options,
                "initial_option": contact_options[0],
            },
        },
    ]
    return concern_modal(
        texts.FORM_TITLE, blocks, callback_id=FORM_CALLBACK, submit=texts.FORM_SUBMIT, close=texts.FORM_CLOSE
    )


def received_modal(
    reference: str,
    code: str,
    contact: str,
    *,
    waiting: bool,
    signposts: Sequence[Signpost],
    ack_days: int,
    feedback_months: int,
) -> dict[str, Any]:
    blocks = [
        mrkdwn(texts.RECEIVED_HEADLINE.format(reference=reference)),
        mrkdwn(texts.RECEIPT_LABEL.format(code=code)),
        context(texts.RECEIPT_USE.format(code_hint=code)),
        mrkdwn(texts.next_steps(contact, ack_days, feedback_months)),
    ]
    if waiting:
        blocks.append(mrkdwn(texts.WAITING_FOR_TEAM))
    if signposts:
        blocks.append(mrkdwn(signposts_text(texts.OTHER_ROUTES, signposts)))
    return concern_modal(texts.RECEIVED_TITLE, blocks, close=texts.RECEIVED_CLOSE)


def open_form_button() -> Block:
    return {"type": "actions", "elements": [button(texts.OPEN_FORM, OPEN_FORM_ACTION, "open", "primary")]}


def dm_notice() -> list[Block]:
    return [mrkdwn(texts.DM_NOTICE), open_form_button()]


def reporter_status(status: ReporterStatus) -> list[Block]:
    headline = texts.STATUS_HEADLINE.format(
        reference=status.reference,
        category=escape(status.category),
        status=texts.STATUS_NAMES.get(status.status, status.status),
        received=status.received,
    )
    blocks = [mrkdwn(headline)]
    if status.outcome:
        blocks += text_sections(texts.STATUS_OUTCOME.format(outcome=""), status.outcome)
    if not status.conversation:
        blocks.append(context(texts.STATUS_NO_REPLIES))
    for exchange in status.conversation:
        label = texts.STATUS_REPLY if exchange.from_team else texts.STATUS_ANSWER
        blocks += text_sections(label.format(when=exchange.when, text=""), exchange.text)
    if status.answer_token:
        answer = button(texts.ANSWER_BUTTON, ANSWER_ACTION, status.answer_token)
        blocks = [*blocks[:49], {"type": "actions", "elements": [answer]}]
    return blocks[:50]


def status_fallback(status: ReporterStatus) -> str:
    return texts.STATUS_HEADLINE.format(
        reference=status.reference,
        category=escape(status.category),
        status=texts.STATUS_NAMES.get(status.status, status.status),
        received=status.received,
    )


def relay_blocks(text: str, answer_token: str | None) -> list[Block]:
    """A message the bot passes to the reporter; `text` is already in mrkdwn and escaped where needed."""
    blocks = [verbatim(mrkdwn(part)) for part in split_mrkdwn(text)]
    if answer_token:
        blocks.append({"type": "actions", "elements": [button(texts.ANSWER_BUTTON, ANSWER_ACTION, answer_token)]})
    return blocks


def answer_modal(token: str, reference: str) -> dict[str, Any]:
    blocks = [mrkdwn(f"*{reference}*"), text_input("answer", texts.ANSWER_LABEL)]
    return concern_modal(texts.ANSWER_TITLE, blocks, callback_id=ANSWER_CALLBACK, submit=texts.SEND, metadata=token)


def notice_modal(title: str, text: str) -> dict[str, Any]:
    return concern_modal(title, [mrkdwn(text)], close=texts.RECEIVED_CLOSE)


# Home tab -------------------------------------------------------------------------------------------------------------
def home_section(retention_days: int, signposts: Sequence[Signpost]) -> list[Block]:
    blocks: list[Block] = [
        {"type": "header", "text": plain(texts.HOME_TITLE)},
        mrkdwn(texts.HOME_INTRO),
        {"type": "actions", "elements": [button(texts.HOME_BUTTON, OPEN_FORM_ACTION, "home", "primary")]},
        {"type": "header", "text": plain(texts.HOME_PRIVACY_TITLE)},
    ]
    blocks += [mrkdwn(part) for part in split_mrkdwn(texts.HOME_PRIVACY.format(days=retention_days))]
    if signposts:
        blocks.append(mrkdwn(signposts_text(texts.OTHER_ROUTES, signposts)))
    return blocks
