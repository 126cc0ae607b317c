"""`/concern`, the private form and direct messages to the bot; the case team's buttons and forms have their own
module, registered from here."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from sqlalchemy.exc import SQLAlchemyError

from bot import outbox
from bot.acknowledge import after_ack, arrived_at
from bot.blocks import concerns as blocks
from bot.deps import Deps
from bot.features import Features
from bot.middleware import deps_of
from bot.services.concerns import cases as concern_cases
from bot.services.concerns import reporter as concerns
from bot.services.concerns import try_limits
from bot.texts import concerns as texts
from handlers import concern_cases as concern_cases_handlers
from handlers.common import answer_help, open_view, parse_command_text, private, submitted_value
from storage.db import DatabaseBusy

log = logging.getLogger(__name__)

COMMAND = "/concern"
HOME_ORDER = 50


def register(app: App, features: Features) -> None:
    app.command(COMMAND)(on_command)
    app.action(blocks.OPEN_FORM_ACTION)(on_open_form)
    app.view(blocks.FORM_CALLBACK)(on_form_submitted)
    app.event("message", matchers=[_in_direct_message])(on_direct_message)
    app.action(blocks.ANSWER_ACTION)(on_answer_clicked)
    app.view(blocks.ANSWER_CALLBACK)(on_answer_submitted)
    concern_cases_handlers.register(app)
    features.add_home_section(HOME_ORDER, home_section)


# The reporter's side --------------------------------------------------------------------------------------------------
def on_command(ack: Ack, command: dict[str, str], respond: Respond, context: BoltContext, client: WebClient) -> None:
    ack()
    parsed = parse_command_text(command.get("text"))
    if parsed.verb == "":
        open_view(client, command["trigger_id"], _form(deps_of(context)), respond)
    elif parsed.verb == "status":
        _answer_status(deps_of(context), respond, context.team_id or "", parsed.rest, command.get("user_id", ""))
    else:
        answer_help(respond, COMMAND, texts.HELP, "" if parsed.verb == "help" else parsed.raw)


def _form(deps: Deps) -> dict[str, Any]:
    categories = [(category.key, category.label) for category in concern_cases.config(deps).categories]
    return blocks.form_modal(categories)


def _answer_status(deps: Deps, respond: Respond, team_id: str, code: str, user_id: str) -> None:
    if not code.strip():
        private(respond, texts.STATUS_NEEDS_CODE)
        return
    limit = try_limits.status_limit(deps.state)
    if not limit.allow(user_id):
        private(respond, texts.STATUS_TOO_MANY.format(tries=limit.tries, minutes=int(limit.window // 60)))
        return
    case_id = concerns.find_by_receipt(deps, team_id, code)
    status = None
    if case_id is not None:
        with deps.db.unit_of_work() as session:
            status = concerns.reporter_status(session, deps, team_id, case_id)
    if status is None:
        private(respond, texts.NO_SUCH_CASE)
        return
    private(respond, blocks.status_fallback(status), blocks.reporter_status(status))


def on_open_form(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    ack()
    after_ack(context, client.views_open, trigger_id=body["trigger_id"], view=_form(deps_of(context)))


def _in_direct_message(event: dict[str, Any]) -> bool:
    return event.get("channel_type") == "im"


def on_direct_message(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    # Edits, deletions, and anything a bot wrote are not someone writing to us.
    if event.get("subtype") or event.get("bot_id") or not event.get("user"):
        return
    notice = {"channel": event["channel"], "text": texts.DM_NOTICE_FALLBACK, "blocks": blocks.dm_notice()}
    after_ack(context, client.chat_postMessage, **notice)


def on_form_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    submission = concerns.Submission(
        category=submitted_value(view, "category"),
        what_happened=submitted_value(view, "what_happened"),
        what_would_help=submitted_value(view, "what_would_help"),
        contact=submitted_value(view, "contact"),
    )
    errors = concerns.validate(submission, concern_cases.config(deps))
    if errors:
        ack(response_action="errors", errors=texts.form_problems(errors))
        return
    receipt = concerns.new_receipt()  # its slow hash is made before the transaction opens
    try:
        with deps.db.unit_of_work() as session:
            received = concerns.submit(
                session,
                deps,
                team_id=context.team_id or "",
                user_id=body["user"]["id"],
                submission=submission,
                now=arrived_at(context),
                receipt=receipt,
            )
    except (SQLAlchemyError, DatabaseBusy) as exc:
        # The modal stays open with the text in it; the error's parameters are not logged (they hold the case).
        log.warning("could not save a concern: %s", type(exc).__name__)
        ack(response_action="errors", errors={"what_happened": texts.ERROR_UNAVAILABLE})
        return
    view_for_receipt = blocks.received_modal(
        received.reference,
        received.receipt_code,
        received.contact,
        waiting=received.waiting,
        signposts=concern_cases.signposts(deps),
        ack_days=deps.settings.ack_days,
        feedback_months=deps.settings.feedback_months,
    )
    ack(response_action="update", view=view_for_receipt)
    outbox.deliver_soon(deps, received.outbox_ids)


def on_answer_clicked(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    ack()
    deps = deps_of(context)
    token = str(action.get("value") or "")
    with deps.db.unit_of_work() as session:
        reference = concerns.reference_for_answer(session, deps, context.team_id or "", token)
    if reference is None:
        view = blocks.notice_modal(texts.ANSWER_TITLE, texts.CASE_GONE)
    else:
        view = blocks.answer_modal(token, reference)
    after_ack(context, client.views_open, trigger_id=body["trigger_id"], view=view)


def on_answer_submitted(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    text = submitted_value(view, "answer")
    errors = concerns.text_error("answer", text, required=True)
    if errors:
        ack(response_action="errors", errors=texts.form_problems(errors))
        return
    with deps.db.unit_of_work() as session:
        done = concerns.answer(
            session, deps, team_id=context.team_id or "", token=view.get("private_metadata", ""), text=text
        )
    if done is None:
        ack(response_action="update", view=blocks.notice_modal(texts.ANSWER_TITLE, texts.CASE_GONE))
        return
    reference, queued = done
    ack(
        response_action="update",
        view=blocks.notice_modal(texts.ANSWER_SENT_TITLE, texts.ANSWER_SENT.format(reference=reference)),
    )
    outbox.deliver_soon(deps, queued)


# Home tab -------------------------------------------------------------------------------------------------------------
def home_section(deps: Deps, team_id: str, user_id: str) -> list[dict[str, Any]]:
    return blocks.home_section(deps.settings.case_retention_days, concern_cases.signposts(deps))
