"""The buttons of CPD events (Going, Maybe, Can't go, Check in, Give feedback) and the attendance and feedback forms."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import outbox
from bot.acknowledge import arrived_at
from bot.blocks import cpd as blocks
from bot.blocks import cpd_forms as forms
from bot.blocks.confidence import confidence_question
from bot.middleware import deps_of
from bot.services.cpd import attendance as cpd_attendance
from bot.services.cpd import events as service
from bot.services.cpd import rsvps as cpd_rsvps
from bot.services.impact import confidence
from bot.texts import cpd as texts
from bot.texts.common import escape
from handlers.common import (
    admins_only,
    admins_only_form,
    open_view,
    private,
    submitted,
    submitted_choices,
    submitted_value,
)


def register(app: App) -> None:
    app.action(blocks.RSVP_ACTION_PATTERN)(on_rsvp)
    app.action(blocks.CHECK_IN_ACTION_PATTERN)(on_check_in)
    app.action(blocks.CANCEL_ACTION, middleware=[admins_only])(on_cancel)
    app.action(blocks.FEEDBACK_ACTION)(on_feedback_button)
    app.view(forms.FEEDBACK_CALLBACK)(on_feedback_submitted)
    app.view(forms.ATTENDANCE_CALLBACK, middleware=[admins_only_form(partial(forms.notice, texts.ATTENDANCE_TITLE))])(
        on_attendance_submitted
    )


def _event_id(action: dict[str, Any]) -> int:
    return service.event_ref(str(action.get("value") or "")) or 0


def _choice(action: dict[str, Any]) -> str:
    matched = blocks.RSVP_ACTION_PATTERN.match(str(action.get("action_id") or ""))
    return matched.group(1) if matched else ""


def on_rsvp(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    deps = deps_of(context)
    team_id, event_id = context.team_id or "", _event_id(action)
    click = cpd_rsvps.Click(body["user"]["id"], _choice(action), arrived_at(context))

    def record(clicks: Sequence[cpd_rsvps.Click]) -> list[cpd_rsvps.Answered]:
        with deps.db.unit_of_work() as session:
            return cpd_rsvps.answer_all(session, deps, team_id=team_id, event_id=event_id, clicks=clicks)

    # Clicks on one event at once are recorded together, under one lock of its row (bot.batches).
    outcome = deps.batches.run(("cpd-answers", team_id, event_id), click, record)
    refusals = {"missing": texts.GONE, "cancelled": texts.CANCELLED, "past": texts.PAST}
    words = refusals.get(outcome.status) or texts.confirmation(outcome)
    asks = outcome.status in {"recorded", "changed"} and outcome.answer in {"going", "waiting"}
    private(respond, words, confidence_question(words, _event_id(action)) if asks else None)
    outbox.deliver_soon(deps, list(outcome.sent))  # many people answer at once: keep this thread free


def on_cancel(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    deps = deps_of(context)
    with deps.db.unit_of_work() as session:
        saved = service.cancel(
            session, deps, team_id=context.team_id or "", event_id=_event_id(action), now=arrived_at(context)
        )
    if saved.status == "missing":
        answer = texts.GONE
    elif saved.status == "cancelled":
        answer = texts.ALREADY_CANCELLED
    else:
        answer = texts.cancelled_done(saved.event_id, saved.told)
    respond(text=answer, replace_original=True, response_type="ephemeral")
    outbox.deliver_soon(deps, list(saved.sent))


def on_check_in(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    deps = deps_of(context)
    with deps.db.unit_of_work() as session:
        outcome = cpd_attendance.check_in(
            session, deps, team_id=context.team_id or "", event_id=_event_id(action), user_id=body["user"]["id"],
            now=arrived_at(context),
        )  # fmt: skip
    answers = {
        "checked_in": texts.CHECKED_IN, "already": texts.ALREADY_CHECKED_IN, "early": texts.CHECK_IN_TOO_EARLY,
        "late": texts.CHECK_IN_TOO_LATE,
    }  # fmt: skip
    private(respond, answers.get(outcome.status, texts.GONE))
    outbox.deliver_soon(deps, list(outcome.sent))


def on_feedback_button(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext, client: WebClient
) -> None:
    ack()
    deps = deps_of(context)
    with deps.db.unit_of_work() as session:
        event = service.find(session, context.team_id or "", _event_id(action))
        title = event.title if event else None
    view = forms.feedback_form(_event_id(action), title) if title else forms.notice(texts.FEEDBACK_TITLE, texts.GONE)
    open_view(client, body["trigger_id"], view, respond)


def on_feedback_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    rating = int(submitted_value(view, "rating") or 0)
    comment = submitted_value(view, "comment").strip()
    if rating not in cpd_attendance.RATINGS:
        ack(response_action="errors", errors={"rating": texts.ERROR_REQUIRED})
        return
    if len(comment) > forms.COMMENT_MAX:
        ack(response_action="errors", errors={"comment": texts.ERROR_TOO_LONG.format(limit=forms.COMMENT_MAX)})
        return
    event_id = service.event_ref(view.get("private_metadata") or "") or 0
    after = confidence.parse_score(submitted_value(view, "confidence"))
    now = arrived_at(context)
    with deps.db.unit_of_work() as session:
        outcome = cpd_attendance.give_feedback(
            session, deps, team_id=context.team_id or "", event_id=event_id, user_id=body["user"]["id"],
            rating=rating, comment=comment, now=now,
        )  # fmt: skip
        if outcome.status == "saved" and after is not None:
            confidence.record_after(session, team_id=context.team_id or "", event_id=event_id, score=after, now=now)
    words = {
        "saved": texts.FEEDBACK_THANKS, "already": texts.FEEDBACK_ALREADY,
        "not_attended": texts.FEEDBACK_NOT_ATTENDED, "closed": texts.FEEDBACK_CLOSED,
    }  # fmt: skip
    ack(response_action="update", view=forms.notice(texts.FEEDBACK_TITLE, words.get(outcome.status, texts.GONE)))


def on_attendance_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    listed: list[str] = []
    ticked: list[str] = []
    for block in view.get("blocks") or []:
        if str(block.get("block_id", "")).startswith("attendance-"):
            listed += [o["value"] for o in block["element"].get("options") or []]
    for block_id in submitted(view):
        if block_id.startswith("attendance-"):
            ticked += submitted_choices(view, block_id)
    event_id = service.event_ref(view.get("private_metadata") or "") or 0
    with deps.db.unit_of_work() as session:
        outcome = cpd_attendance.save_attendance(
            session,
            deps,
            team_id=context.team_id or "",
            event_id=event_id,
            listed=listed,
            ticked=ticked,
            now=arrived_at(context),
        )
    if outcome.status != "saved":
        ack(response_action="update", view=forms.notice(texts.ATTENDANCE_TITLE, texts.GONE))
        return
    done = texts.attendance_saved(event_id, outcome.count, len(outcome.sent))
    ack(response_action="update", view=forms.notice(texts.ATTENDANCE_TITLE, f"*{escape(outcome.title)}*\n{done}"))
    outbox.deliver_soon(deps, list(outcome.sent))
