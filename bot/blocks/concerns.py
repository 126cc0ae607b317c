"""Block Kit for concerns: pure functions from plain values to blocks, views and messages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from bot.blocks.elements import button, context, modal, plain
from bot.blocks.outcomes import outcome_kind_input
from bot.services.concerns.cases import STATUSES, CaseCard, Signpost
from bot.services.concerns.handling import AuditLine
from bot.services.concerns.reporter import ReporterStatus
from bot.texts import concerns as texts
from bot.texts.common import escape

Block = dict[str, Any]

FORM_CALLBACK = "concern.form"
ANSWER_CALLBACK = "concern.answer"
REPLY_CALLBACK = "concern.reply"
NOTE_CALLBACK = "concern.note"
STATUS_CALLBACK = "concern.status"

OPEN_FORM_ACTION = "concern.open_form"
ANSWER_ACTION = "concern.answer"
CASE_ACTIONS = ("concern.ack", "concern.reply", "concern.note", "concern.set_status", "concern.audit")

_SECTION_LIMIT = 2900  # a section's text may be 3,000 characters; leave room for a heading


def _mrkdwn(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def chunks(text: str, limit: int = _SECTION_LIMIT) -> list[str]:
    """Split free text into pieces whose *escaped* length fits a section; escaping is applied here."""
    pieces: list[str] = []
    current = ""
    for char in text:
        escaped = escape(char)
        if len(current) + len(escaped) > limit:
            pieces.append(current)
            current = ""
        current += escaped
    if current or not pieces:
        pieces.append(current)
    return pieces


def text_sections(heading: str, text: str) -> list[Block]:
    """A person's text under a heading, set apart as a quote (so it cannot pass for the bot's own lines, such as a
    fake heading), and verbatim (so Slack does not turn what looks like a link or a channel into one)."""
    parts = chunks(text, _SECTION_LIMIT // 2 - len(heading))  # room for a ">" before every line
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": (heading + "\n" if index == 0 else "") + _quoted(part),
                                     "verbatim": True}}
        for index, part in enumerate(parts)
    ]  # fmt: skip


def _quoted(escaped: str) -> str:
    return "\n".join(">" + line for line in escaped.splitlines() or [""])


def signpost_text(signposts: Sequence[Signpost]) -> str:
    lines = [texts.OTHER_ROUTES]
    for signpost in signposts:
        name = f"<{signpost.url}|{signpost.name}>" if signpost.url else signpost.name
        lines.append(f"• *{name}*: {signpost.detail}")
    return "\n".join(lines)


def _modal(
    title: str,
    blocks: list[Block],
    *,
    callback_id: str = "",
    submit: str | None = None,
    close: str = texts.CANCEL,
    metadata: str = "",
) -> dict[str, Any]:
    return modal(title, blocks, close=close, callback_id=callback_id, submit=submit, metadata=metadata)


def _text_input(
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


def _options(pairs: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
    return [{"text": plain(label), "value": value} for value, label in pairs]


# The reporter's side --------------------------------------------------------------------------------------------------
def form_modal(categories: Sequence[tuple[str, str]]) -> dict[str, Any]:
    contact_options = [
        {"text": plain(texts.CONTACT_LABELS[key]), "value": key, "description": plain(hint)}
        for key, hint in (
            ("relay", texts.CONTACT_RELAY_HINT),
            ("silent", texts.CONTACT_SILENT_HINT),
            ("named", texts.CONTACT_NAMED_HINT),
        )
    ]
    blocks = [
        _mrkdwn(texts.FORM_INTRO),
        _mrkdwn(texts.FORM_WARNINGS),
        {
            "type": "input",
            "block_id": "category",
            "label": plain(texts.CATEGORY_LABEL),
            "element": {"type": "static_select", "action_id": "category", "options": _options(categories)},
        },
        _text_input("what_happened", texts.WHAT_HAPPENED_LABEL, hint=texts.WHAT_HAPPENED_HINT),
        _text_input("what_would_help", texts.WHAT_WOULD_HELP_LABEL, hint=texts.WHAT_WOULD_HELP_HINT, optional=True),
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
    return _modal(texts.FORM_TITLE, blocks, callback_id=FORM_CALLBACK, submit=texts.FORM_SUBMIT, close=texts.FORM_CLOSE)


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
        _mrkdwn(texts.RECEIVED_HEADLINE.format(reference=reference)),
        _mrkdwn(texts.RECEIPT_LABEL.format(code=code)),
        context(texts.RECEIPT_USE.format(code_hint=code)),
        _mrkdwn(texts.next_steps(contact, ack_days, feedback_months)),
    ]
    if waiting:
        blocks.append(_mrkdwn(texts.WAITING_FOR_TEAM))
    if signposts:
        blocks.append(_mrkdwn(signpost_text(signposts)))
    return _modal(texts.RECEIVED_TITLE, blocks, close=texts.RECEIVED_CLOSE)


def open_form_button() -> Block:
    return {"type": "actions", "elements": [button(texts.OPEN_FORM, OPEN_FORM_ACTION, "open", "primary")]}


def dm_notice() -> list[Block]:
    return [_mrkdwn(texts.DM_NOTICE), open_form_button()]


def reporter_status(status: ReporterStatus) -> list[Block]:
    headline = texts.STATUS_HEADLINE.format(
        reference=status.reference,
        category=escape(status.category),
        status=texts.STATUS_NAMES.get(status.status, status.status),
        received=status.received,
    )
    blocks = [_mrkdwn(headline)]
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
    blocks = [_mrkdwn(part) for part in _split_mrkdwn(text)]
    if answer_token:
        blocks.append({"type": "actions", "elements": [button(texts.ANSWER_BUTTON, ANSWER_ACTION, answer_token)]})
    return blocks


def answer_modal(token: str, reference: str) -> dict[str, Any]:
    blocks = [_mrkdwn(f"*{reference}*"), _text_input("answer", texts.ANSWER_LABEL)]
    return _modal(texts.ANSWER_TITLE, blocks, callback_id=ANSWER_CALLBACK, submit=texts.SEND, metadata=token)


def notice_modal(title: str, text: str) -> dict[str, Any]:
    return _modal(title, [_mrkdwn(text)], close=texts.RECEIVED_CLOSE)


# The case team's side -------------------------------------------------------------------------------------------------
def case_post(card: CaseCard) -> dict[str, Any]:
    """The case as posted in the case channel (chat.postMessage / chat.update arguments, less the channel)."""
    blocks: list[Block] = [
        {"type": "header", "text": plain(texts.CASE_HEADER.format(reference=card.reference))},
        _mrkdwn(
            texts.CASE_FIELDS.format(
                category=escape(card.category),
                contact=texts.CASE_CONTACT_LABELS.get(card.contact, card.contact),
                status=texts.STATUS_NAMES.get(card.status, card.status),
                received=card.received,
            )
        ),
    ]
    if card.named_user:
        blocks.append(_mrkdwn(texts.CASE_NAMED.format(user=card.named_user)))
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


def purged_post(reference: str) -> dict[str, Any]:
    text = texts.CASE_PURGED.format(reference=reference)
    return {"text": text, "blocks": [_mrkdwn(text)]}


def thread_post(text: str, reference: str) -> dict[str, Any]:
    """A reply in the case's thread; `text` is mrkdwn whose free parts are already escaped."""
    return {
        "text": texts.THREAD_FALLBACK.format(reference=reference),
        "blocks": [_mrkdwn(part) for part in _split_mrkdwn(text)],
        "unfurl_links": False,
        "unfurl_media": False,
    }


def _split_mrkdwn(text: str) -> list[str]:
    """Split long mrkdwn at line ends (then anywhere) so each section stays within Slack's limit."""
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > _SECTION_LIMIT:
            if current:
                parts.append(current)
                current = ""
            parts.append(line[:_SECTION_LIMIT])
            line = ">" + line[_SECTION_LIMIT:] if line.startswith(">") else line[_SECTION_LIMIT:]
        if current and len(current) + 1 + len(line) > _SECTION_LIMIT:
            parts.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    parts.append(current)
    return [part for part in parts if part] or [" "]


def reply_modal(case_id: int, reference: str, contact: str) -> dict[str, Any]:
    hint = texts.REPLY_HINT_SILENT if contact == "silent" else texts.REPLY_HINT_RELAY
    blocks = [_mrkdwn(f"*{reference}*"), _text_input("reply", texts.REPLY_LABEL, hint=hint)]
    return _modal(texts.REPLY_TITLE, blocks, callback_id=REPLY_CALLBACK, submit=texts.SEND, metadata=str(case_id))


def note_modal(case_id: int, reference: str) -> dict[str, Any]:
    blocks = [_mrkdwn(f"*{reference}*"), _text_input("note", texts.NOTE_LABEL)]
    return _modal(texts.NOTE_TITLE, blocks, callback_id=NOTE_CALLBACK, submit=texts.SAVE, metadata=str(case_id))


def status_modal(case_id: int, reference: str, current: str) -> dict[str, Any]:
    options = _options((status, texts.STATUS_NAMES[status].capitalize()) for status in STATUSES)
    initial = next(option for option in options if option["value"] == current)
    blocks = [
        _mrkdwn(f"*{reference}*"),
        {
            "type": "input",
            "block_id": "status",
            "label": plain(texts.STATUS_LABEL),
            "element": {"type": "static_select", "action_id": "status", "options": options, "initial_option": initial},
        },
        _text_input("outcome", texts.OUTCOME_LABEL, optional=True),
        outcome_kind_input(),
    ]
    return _modal(texts.STATUS_TITLE, blocks, callback_id=STATUS_CALLBACK, submit=texts.SAVE, metadata=str(case_id))


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
    blocks = [_mrkdwn(f"*{reference}*")]
    blocks += [_mrkdwn(part) for part in _split_mrkdwn("\n".join(words))][:99]
    return _modal(texts.AUDIT_TITLE, blocks, close=texts.RECEIVED_CLOSE)


# Home tab -------------------------------------------------------------------------------------------------------------
def home_section(retention_days: int, signposts: Sequence[Signpost]) -> list[Block]:
    blocks: list[Block] = [
        {"type": "header", "text": plain(texts.HOME_TITLE)},
        _mrkdwn(texts.HOME_INTRO),
        {"type": "actions", "elements": [button(texts.HOME_BUTTON, OPEN_FORM_ACTION, "home", "primary")]},
        {"type": "header", "text": plain(texts.HOME_PRIVACY_TITLE)},
    ]
    blocks += [_mrkdwn(part) for part in _split_mrkdwn(texts.HOME_PRIVACY.format(days=retention_days))]
    if signposts:
        blocks.append(_mrkdwn(signpost_text(signposts)))
    return blocks
