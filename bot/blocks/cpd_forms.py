"""Block Kit modals for CPD: the event form, the attendance form and the anonymous feedback form."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.blocks.confidence import confidence_after_field
from bot.blocks.elements import Block, input_block, modal, plain
from bot.services.cpd.attendance import Attendee
from bot.services.cpd.events import DESCRIPTION_MAX, OTHER_TOPIC, PLACE_MAX, SPEAKER_MAX, TITLE_MAX, EventFormValues
from bot.texts import cpd as texts
from bot.texts.common import escape
from dilemmas.references import CPD_TOPICS

View = dict[str, Any]
EVENT_CALLBACK = "cpd.event_form"
ATTENDANCE_CALLBACK = "cpd.attendance"
FEEDBACK_CALLBACK = "cpd.feedback"
COMMENT_MAX = 1000
ATTENDANCE_PER_BLOCK = 10  # Slack's limit of checkbox options in one element
ATTENDANCE_MAX_BLOCKS = 90


def _field(block_id: str, label: str, element: dict[str, Any], *, optional: bool = False, hint: str = "") -> Block:
    """An input whose element answers under the block's own id, so a form's values read as {block_id: value}."""
    return input_block(block_id, label, {"action_id": block_id, **element}, optional=optional, hint=hint)


def _text(initial: str, *, max_length: int, multiline: bool = False) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "plain_text_input", "max_length": max_length, "multiline": multiline}
    if initial:
        element["initial_value"] = initial[:max_length]
    return element


def _option(value: str, label: str) -> dict[str, Any]:
    return {"text": plain(label[:75]), "value": value}


def event_form(values: EventFormValues, timezone: str, *, event_id: int | None = None) -> View:
    topics = [_option(key, label) for key, label in CPD_TOPICS.items()] + [_option(OTHER_TOPIC, texts.OTHER_TOPIC)]
    topic: dict[str, Any] = {"type": "static_select", "options": topics}
    if values.topic is not None:
        topic["initial_option"] = next(o for o in topics if o["value"] == values.topic)
    date: dict[str, Any] = {"type": "datepicker"}
    if values.date:
        date["initial_date"] = values.date
    time: dict[str, Any] = {"type": "timepicker", "timezone": timezone}
    if values.time:
        time["initial_time"] = values.time
    duration = {"type": "number_input", "is_decimal_allowed": False, "initial_value": str(values.minutes)}
    capacity: dict[str, Any] = {"type": "number_input", "is_decimal_allowed": False}
    if values.capacity is not None:
        capacity["initial_value"] = str(values.capacity)
    blocks: list[Block] = [
        _field("title", texts.TITLE_LABEL, _text(values.title, max_length=TITLE_MAX)),
        _field("topic", texts.TOPIC_LABEL, topic),
        _field("date", texts.DATE_LABEL, date),
        _field("time", texts.TIME_LABEL, time, hint=texts.time_in_zone(timezone)),
        _field("duration", texts.DURATION_LABEL, duration),
        _field("place", texts.PLACE_LABEL, _text(values.place, max_length=PLACE_MAX), hint=texts.PLACE_HINT),
        _field("capacity", texts.CAPACITY_LABEL, capacity, optional=True, hint=texts.CAPACITY_HINT),
        _field("speaker", texts.SPEAKER_LABEL, _text(values.speaker, max_length=SPEAKER_MAX), optional=True),
        _field(
            "description",
            texts.DESCRIPTION_LABEL,
            _text(values.description, max_length=DESCRIPTION_MAX, multiline=True),
            optional=True,
        ),
    ]
    if event_id is not None:
        blocks.insert(0, {"type": "context", "elements": [{"type": "mrkdwn", "text": texts.EDIT_NOTE}]})
        return modal(
            texts.FORM_TITLE_EDIT,
            blocks,
            close=texts.FORM_CLOSE,
            callback_id=EVENT_CALLBACK,
            submit=texts.FORM_SUBMIT_EDIT,
            metadata=str(event_id),
        )
    return modal(
        texts.FORM_TITLE_NEW, blocks, close=texts.FORM_CLOSE, callback_id=EVENT_CALLBACK, submit=texts.FORM_SUBMIT_NEW
    )


def notice(title: str, text: str) -> View:
    blocks: list[Block] = [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]
    return modal(title, blocks, close=texts.DONE)


def attendance_form(event_id: int, title: str, attendees: Sequence[Attendee]) -> View:
    """Checkboxes of everyone who answered or checked in, ten to a block, ticked if they attended."""
    shown = list(attendees)[: ATTENDANCE_PER_BLOCK * ATTENDANCE_MAX_BLOCKS]
    blocks: list[Block] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"*{escape(title)}*\n{texts.ATTENDANCE_INTRO}"}}
    ]
    for start in range(0, len(shown), ATTENDANCE_PER_BLOCK):
        group = shown[start : start + ATTENDANCE_PER_BLOCK]
        options = [
            {"text": {"type": "mrkdwn", "text": f"<@{a.user_id}> · {texts.ANSWERS.get(a.answer, 'waiting list')}"},
             "value": a.user_id}
            for a in group
        ]  # fmt: skip
        element: dict[str, Any] = {"type": "checkboxes", "options": options}
        ticked = [o for o, a in zip(options, group, strict=True) if a.attended]
        if ticked:
            element["initial_options"] = ticked
        label = f"{start + 1}-{start + len(group)}"
        blocks.append(_field(f"attendance-{start // ATTENDANCE_PER_BLOCK}", label, element, optional=True))
    if len(attendees) > len(shown):
        blocks.append(
            {
                "type": "context",
                "elements": [{"type": "mrkdwn", "text": texts.ATTENDANCE_MORE.format(shown=len(shown))}],
            }
        )
    return modal(
        texts.ATTENDANCE_TITLE,
        blocks,
        close=texts.FORM_CLOSE,
        callback_id=ATTENDANCE_CALLBACK,
        submit=texts.ATTENDANCE_SUBMIT,
        metadata=str(event_id),
    )


def feedback_form(event_id: int, title: str) -> View:
    ratings = {"type": "radio_buttons", "options": [_option(str(n), label) for n, label in texts.RATINGS.items()]}
    blocks: list[Block] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"*{escape(title)}*"}},
        _field("rating", texts.RATING_LABEL, ratings),
        confidence_after_field(),
        _field("comment", texts.COMMENT_LABEL, _text("", max_length=COMMENT_MAX, multiline=True), optional=True),
        {"type": "context", "elements": [{"type": "mrkdwn", "text": texts.FEEDBACK_PRIVACY}]},
    ]
    return modal(
        texts.FEEDBACK_TITLE,
        blocks,
        close=texts.FORM_CLOSE,
        callback_id=FEEDBACK_CALLBACK,
        submit=texts.FEEDBACK_SUBMIT,
        metadata=str(event_id),
    )
