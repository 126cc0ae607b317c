"""Block Kit for CPD events: the announcement with live counts, the private list of events, records."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.blocks.elements import MESSAGE_BLOCKS, Block, button, context, packed, plain, section, sections, verbatim
from bot.services.cpd.announcement import CHECK_IN_OPENS, EventCard
from bot.texts import cpd as texts
from bot.texts.common import escape
from dilemmas.references import CPD_TOPICS

RSVP_ACTIONS = {"going": "cpd_rsvp_going", "maybe": "cpd_rsvp_maybe", "cant": "cpd_rsvp_cant"}
# A message lists several events, and Slack wants each action_id once in it: there they carry ":<event>".
RSVP_ACTION_PATTERN = re.compile(r"^cpd_rsvp_(going|maybe|cant)(?::\d+)?$")
CHECK_IN_ACTION = "cpd_check_in"
CHECK_IN_ACTION_PATTERN = re.compile(r"^cpd_check_in(?::\d+)?$")
CANCEL_ACTION = "cpd_cancel"
FEEDBACK_ACTION = "cpd_feedback"


def topic_label(key: str) -> str:
    return CPD_TOPICS.get(key, texts.OTHER_TOPIC)


def when_text(card: EventCard, tz: ZoneInfo) -> str:
    return starts_text(card.starts_at, card.minutes, tz)


def starts_text(starts_at: datetime, minutes: int, tz: ZoneInfo) -> str:
    """The start as a Slack date (shown in each reader's own time zone), falling back to the organisation's."""
    local = starts_at.astimezone(tz)
    fallback = f"{local:%A %d %B %Y at %H:%M} {local.tzname()}"
    return texts.when(int(starts_at.timestamp()), fallback, minutes)


def place_text(place: str) -> str:
    if place.startswith(("https://", "http://")) and " " not in place and "|" not in place and ">" not in place:
        return f"<{escape(place)}|{texts.JOIN_ONLINE}>"  # a "&" in the address must reach Slack as &amp;
    return escape(place)


def _details(card: EventCard, tz: ZoneInfo) -> list[Block]:
    fields = [
        f"*{texts.WHEN}*\n{when_text(card, tz)}",
        f"*{texts.WHERE}*\n{place_text(card.place)}",
        f"*{texts.TOPIC}*\n{escape(topic_label(card.topic))}",
        f"*{texts.PLACES}*\n{texts.places_line(card.capacity, card.counts.going)}",
    ]
    if card.speaker:
        fields.append(f"*{texts.SPEAKER}*\n{escape(card.speaker)}")
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": card.title[:150]}},
        verbatim({"type": "section", "fields": [{"type": "mrkdwn", "text": f[:2000]} for f in fields]}),
    ]
    if card.description:
        blocks += [verbatim(block) for block in sections(escape(card.description))]
    return blocks


def rsvp_buttons(event_id: int, block_id: str, *, numbered: bool = False) -> Block:
    value = str(event_id)
    suffix = f":{event_id}" if numbered else ""
    return {
        "type": "actions",
        "block_id": block_id,
        "elements": [
            button(texts.GOING_BUTTON, RSVP_ACTIONS["going"] + suffix, value, "primary"),
            button(texts.MAYBE_BUTTON, RSVP_ACTIONS["maybe"] + suffix, value),
            button(texts.CANT_BUTTON, RSVP_ACTIONS["cant"] + suffix, value),
        ],
    }


def announcement(card: EventCard, tz: ZoneInfo) -> list[Block]:
    """The post in the ambassadors channel; its counts and buttons follow the event's phase."""
    c = card.counts
    blocks = _details(card, tz)
    blocks.append(context(texts.counts_line(c.going, c.waiting, c.maybe, c.cant)))
    if card.phase == "open":
        blocks.append(rsvp_buttons(card.id, f"cpd-rsvp-{card.id}"))
        blocks.append(context(texts.STATE_OPEN))
    elif card.phase == "started":
        check_in = button(texts.CHECK_IN_BUTTON, CHECK_IN_ACTION, str(card.id), "primary")
        blocks.append({"type": "actions", "block_id": f"cpd-check-in-{card.id}", "elements": [check_in]})
        blocks.append(context(texts.STATE_STARTED))
    elif card.phase == "finished":
        blocks.append(context(texts.STATE_FINISHED))
    else:
        blocks.append(section(texts.STATE_CANCELLED))
    blocks.append(context(texts.caused_by(card.id, card.created_by)))
    return blocks


def check_in_open(card: EventCard, now: datetime) -> bool:
    """From 15 minutes before the start until the end."""
    ends = card.starts_at + timedelta(minutes=card.minutes)
    return card.phase != "cancelled" and card.starts_at - CHECK_IN_OPENS <= now < ends


def upcoming(cards: Sequence[tuple[EventCard, str]], tz: ZoneInfo, *, for_admin: bool, now: datetime) -> list[Block]:
    """The private list for `/cpd`: each event with the reader's answer and the buttons to give one."""
    if not cards:
        return [section(texts.NO_UPCOMING)]
    blocks: list[Block] = [{"type": "header", "text": {"type": "plain_text", "text": texts.UPCOMING_TITLE}}]
    for card, answer in cards:
        number = f"#{card.id} · " if for_admin else ""
        c = card.counts
        lines = [
            f"*{escape(card.title)}*",
            f"{number}{when_text(card, tz)} · {place_text(card.place)}",
            f"{texts.places_line(card.capacity, c.going)} · {answer}",
        ]
        blocks.append(section("\n".join(lines)))
        if check_in_open(card, now):
            check_in = button(texts.CHECK_IN_BUTTON, f"{CHECK_IN_ACTION}:{card.id}", str(card.id), "primary")
            blocks.append({"type": "actions", "block_id": f"cpd-list-check-in-{card.id}", "elements": [check_in]})
        elif card.phase == "open":
            blocks.append(rsvp_buttons(card.id, f"cpd-list-{card.id}", numbered=True))
        if len(blocks) >= 46:
            break
    return blocks


def event_lines(cards: Sequence[EventCard], tz: ZoneInfo) -> list[Block]:
    """Numbered events for the standards team (`/cpd attendance` without a number)."""
    if not cards:
        return [section(texts.NO_EVENTS_YET)]
    lines = [
        f"*#{c.id}* {escape(c.title)} · {when_text(c, tz)} · {c.counts.going} going"
        + (" · cancelled" if c.phase == "cancelled" else "")
        for c in cards
    ]
    return [section(texts.RECENT_EVENTS), *(section(part) for part in packed(lines))]


def feedback_request(event_id: int, title: str) -> list[Block]:
    return [
        section(texts.feedback_request(escape(title))),
        {
            "type": "actions",
            "block_id": f"cpd-feedback-{event_id}",
            "elements": [button(texts.FEEDBACK_BUTTON, FEEDBACK_ACTION, str(event_id), "primary")],
        },
        context(texts.FEEDBACK_PRIVACY),
    ]


def record(title: str, summary: str, events: Sequence[tuple[str, datetime]], tz: ZoneInfo) -> list[Block]:
    lines = [f"• {escape(name)}, {when.astimezone(tz):%d %B}" for name, when in events] or [texts.RECORD_NONE]
    return [section(f"*{title}*\n{summary}"), section("\n".join(lines))]


def cancel_prompt(card: EventCard, answered: int, tz: ZoneInfo) -> list[Block]:
    """The standards team's last look before a cancellation, with Slack's own confirmation dialog."""
    confirm = {
        "title": plain(texts.CONFIRM_TITLE),
        "text": plain(texts.CONFIRM_TEXT),
        "confirm": plain(texts.CONFIRM_YES),
        "deny": plain(texts.CONFIRM_NO),
        "style": "danger",
    }
    cancel = {**button(texts.CANCEL_BUTTON, CANCEL_ACTION, str(card.id), "danger"), "confirm": confirm}
    prompt = texts.cancel_prompt(card.id, escape(card.title), when_text(card, tz), answered)
    return [section(prompt), {"type": "actions", "block_id": f"cpd-cancel-{card.id}", "elements": [cancel]}]


def feedback(
    heading: str, responses: int, minimum: int, average: float | None, ratings: Sequence[int], comments: Sequence[str]
) -> list[Block]:
    """The standards team's view of an event's anonymous feedback: nothing but the count below the minimum."""
    if responses < minimum or average is None:
        return [section(heading), section(texts.feedback_too_few(responses, minimum))]
    most = max(ratings) or 1
    bars = "\n".join(texts.rating_line(n, count, round(10 * count / most)) for n, count in enumerate(ratings, 1))
    blocks = [section(f"{heading}\n{texts.feedback_average(average, responses)}"), section(bars)]
    lines = [f"• {escape(comment)}" for comment in comments] or [texts.NO_COMMENTS]
    blocks.append(section(texts.COMMENTS))
    blocks += [verbatim(section(piece)) for piece in packed(lines)][: MESSAGE_BLOCKS - len(blocks)]
    return blocks
