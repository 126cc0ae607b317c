"""The monthly reminder's buttons: a standards manager records that they met an ambassador (then may note the
topics in a small form) or that they did not this month."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from sqlalchemy.exc import SQLAlchemyError

from bot.acknowledge import arrived_at
from bot.blocks import ambassador_meetings as blocks
from bot.middleware import deps_of
from bot.services.ambassadors import meeting_records as service
from bot.texts import ambassador_meetings as texts
from handlers.common import open_view, private, submitted_value

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.action(service.MET_ACTION_PATTERN)(on_met)
    app.action(service.MISSED_ACTION_PATTERN)(on_missed)
    app.view(service.TOPICS_CALLBACK)(on_topics)


def on_met(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext, client: WebClient
) -> None:
    ack()
    outcome = _record(body, action, respond, context, met=True)
    if outcome is not None:
        form = blocks.topics_form(str(action.get("value")), outcome.ambassador, outcome.month)
        open_view(client, body["trigger_id"], form, respond)


def on_missed(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    _record(body, action, respond, context, met=False)


def _record(
    body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext, *, met: bool
) -> service.Recorded | None:
    """Record the click and say so privately; the outcome when it was recorded, None when it was refused."""
    deps = deps_of(context)
    with deps.db.unit_of_work() as session:
        outcome = service.record(
            session, deps, team_id=context.team_id or "", manager=body["user"]["id"],
            value=str(action.get("value") or ""), met=met, now=arrived_at(context),
        )  # fmt: skip
    if outcome.status == "invalid":
        private(respond, texts.INVALID)
        return None
    if outcome.status == "not_yours":
        private(respond, texts.not_yours(outcome.ambassador))
        return None
    private(respond, texts.recorded(outcome.status, outcome.ambassador, service.month_name(outcome.month), met))
    return outcome


def on_topics(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    try:
        with deps.db.unit_of_work() as session:
            outcome = service.note_topics(
                session, deps, team_id=context.team_id or "", manager=body["user"]["id"],
                value=str(view.get("private_metadata") or ""), topics=submitted_value(view, service.TOPICS),
                now=arrived_at(context),
            )  # fmt: skip
    except SQLAlchemyError as exc:
        # The form stays open with the note in it; the error's parameters (the note) are not logged.
        log.error("could not save a meeting note: %s", type(exc).__name__)
        ack(response_action="errors", errors={service.TOPICS: texts.ERROR_UNAVAILABLE})
        return
    if outcome.status in ("invalid", "not_yours"):
        ack(response_action="errors", errors={service.TOPICS: texts.ERROR_NOT_YOURS})
        return
    ack()
