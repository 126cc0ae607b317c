"""Block Kit for the case team's side of a concern: the case in the case channel, its thread, and the forms of
its buttons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.blocks.concern_parts import concern_modal, mrkdwn, select_options, split_mrkdwn, text_input, text_sections
from bot.blocks.elements import Block, button, context, plain, verbatim
from bot.blocks.outcomes import outcome_kind_input
from bot.services.concerns.cases import STATUSES, CaseCard
from bot.services.concerns.handling import AuditLine
from bot.texts import concerns as texts
from bot.texts.common import escape

REPLY_CALLBACK = "concern.reply"
NOTE_CALLBACK = "concern.note"
STATUS_CALLBACK = "concern.status"

CASE_ACTIONS = ("concern.ack", "concern.reply", "concern.note", "concern.set_status", "concern.audit")


def case_post(card: CaseCard) -> dict[str, Any]:
    """The case as posted in the case channel (chat.postMessage / chat.update arguments, less the channel)."""
    blocks: list[Block] = [
        {"type": "header", "text": plain(texts.CASE_HEADER.format(reference=card.reference))},
        mrkdwn(
            texts.CASE_FIELDS.format(
                category=escape(card.category),
                contact=texts.CASE_CONTACT_LABELS.get(card.contact, card.contact),
                status=texts.STATUS_NAMES.get(card.status, card.status),
                received=card.received,
            )
        ),
    ]
    if card.named_user:
        blocks.append(mrkdwn(texts.CASE_NAMED.format(user=card.named_user)))
    blocks += text_sections(texts.CASE_TEXT.format(text=""), card.text)
    if card.helps:
        blocks += text_sections(texts.CASE_HELPS.format(text=""), card.helps)
    value = str(card.case_id)
    labels = (texts.BUTTON_ACK, texts.BUTTON_REPLY, texts.BUTTON_NOTE, texts.BUTTON_STATUS, texts.BUTTON_AUDIT)
    buttons = [button(label, action, value) for label, action in zip(labels, CASE_ACTIONS, strict=True)]
    if card.status != "received":
        buttons = buttons[1:]  # acknowledged already
    blocks.append({"type": "actions", "block_id": f"case-{card.case_id}", "elements": buttons})
    blocks.append(context(texts.CASE_CAUSE.format(ack=card.ack_due, feedback=card.feedback_due)))
    fallback = texts.CASE_FALLBACK.format(reference=card.reference, category=card.category)
    return {"text": fallback, "blocks": blocks, "unfurl_links": False, "unfurl_media": False}


def thread_post(text: str, reference: str) -> dict[str, Any]:
    """A reply in the case's thread; `text` is mrkdwn whose free parts are already escaped."""
    return {
        "text": texts.THREAD_FALLBACK.format(reference=reference),
        "blocks": [verbatim(mrkdwn(part)) for part in split_mrkdwn(text)],
        "unfurl_links": False,
        "unfurl_media": False,
    }


def reply_modal(case_id: int, reference: str, contact: str) -> dict[str, Any]:
    hint = texts.REPLY_HINT_SILENT if contact == "silent" else texts.REPLY_HINT_RELAY
    blocks = [mrkdwn(f"*{reference}*"), text_input("reply", texts.REPLY_LABEL, hint=hint)]
    return concern_modal(
        texts.REPLY_TITLE, blocks, callback_id=REPLY_CALLBACK, submit=texts.SEND, metadata=str(case_id)
    )


def note_modal(case_id: int, reference: str) -> dict[str, Any]:
    blocks = [mrkdwn(f"*{reference}*"), text_input("note", texts.NOTE_LABEL)]
    return concern_modal(texts.NOTE_TITLE, blocks, callback_id=NOTE_CALLBACK, submit=texts.SAVE, metadata=str(case_id))


def status_modal(case_id: int, reference: str, current: str) -> dict[str, Any]:
    options = select_options((status, texts.STATUS_NAMES[status].capitalize()) for status in STATUSES)
    initial = next(option for option in options if option["value"] == current)
    blocks = [
        mrkdwn(f"*{reference}*"),
        {
            "type": "input",
            "block_id": "status",
            "label": plain(texts.STATUS_LABEL),
            "element": {"type": "static_select", "action_id": "status", "options": options, "initial_option": initial},
        },
        text_input("outcome", texts.OUTCOME_LABEL, optional=True),
        outcome_kind_input(),
    ]
    return concern_modal(
        texts.STATUS_TITLE, blocks, callback_id=STATUS_CALLBACK, submit=texts.SAVE, metadata=str(case_id)
    )


def audit_modal(reference: str, lines: Sequence[AuditLine]) -> dict[str, Any]:
    def who(line: AuditLine) -> str:
        if line.actor:
            return f"<@{line.actor}>"
        return texts.AUDIT_REPORTER if line.by_reporter else texts.AUDIT_BOT

    words = [
        texts.AUDIT_LINE.format(
            when=line.when, actor=who(line), action=texts.AUDIT_ACTIONS.get(line.action, line.action)
        )
        for line in lines
    ] or [texts.AUDIT_EMPTY]
    blocks = [mrkdwn(f"*{reference}*")]
    blocks += [mrkdwn(part) for part in split_mrkdwn("\n".join(words))][:99]
    return concern_modal(texts.AUDIT_TITLE, blocks, close=texts.RECEIVED_CLOSE)
