"""`/concern`, the private form, direct messages to the bot, and the case team's buttons and forms."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackRequestError
from sqlalchemy.exc import SQLAlchemyError

from bot import outbox
from bot.acknowledge import after_ack, arrived_at
from bot.blocks import concerns as blocks
from bot.deps import Deps
from bot.middleware import deps_of
from bot.services.concerns import case_channel, try_limits
from bot.services.concerns import cases as concern_cases
from bot.services.concerns import handling as concern_handling
from bot.services.concerns import reporter as concerns
from bot.services.impact import outcomes
from bot.texts import concerns as texts
from handlers.common import answer_help, is_admin, open_view, parse_command_text, private
from handlers.home import add_section
from storage.db import DatabaseBusy

log = logging.getLogger(__name__)

COMMAND = "/concern"
HOME_ORDER = 50
MAX_MEMBER_PAGES = 100


def register(app: App) -> None:
    app.command(COMMAND)(on_command)
    app.action(blocks.OPEN_FORM_ACTION)(on_open_form)
    app.view(blocks.FORM_CALLBACK)(on_form_submitted)
    app.event("message", matchers=[_in_direct_message])(on_direct_message)
    app.action(blocks.ANSWER_ACTION)(on_answer_clicked)
    app.view(blocks.ANSWER_CALLBACK)(on_answer_submitted)
    for action_id in blocks.CASE_ACTIONS:
        app.action(action_id)(on_case_action)
    app.view(blocks.REPLY_CALLBACK)(on_reply_submitted)
    app.view(blocks.NOTE_CALLBACK)(on_note_submitted)
    app.view(blocks.STATUS_CALLBACK)(on_status_submitted)
    add_section(HOME_ORDER, home_section)


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


def _value(view: dict[str, Any], block_id: str) -> str:
    entry = next(iter(view.get("state", {}).get("values", {}).get(block_id, {}).values()), {})
    if entry.get("selected_option"):
        return str(entry["selected_option"].get("value") or "")
    return str(entry.get("value") or "")


def on_form_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    submission = concerns.Submission(
        category=_value(view, "category"),
        what_happened=_value(view, "what_happened"),
        what_would_help=_value(view, "what_would_help"),
        contact=_value(view, "contact"),
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
    text = _value(view, "answer")
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


# The case team's side -------------------------------------------------------------------------------------------------
def is_case_handler(deps: Deps, client: WebClient, user_id: str) -> bool | None:
    """True if the person is in the case channel now; None if Slack cannot say (then nothing is done)."""
    channel = deps.settings.case_channel
    if channel is None:
        return False
    cursor: str | None = None
    try:
        # Asked at each action too, so a channel made public since the start is refused at once.
        if case_channel.remember(deps, client.conversations_info(channel=channel).get("channel") or {}) is not None:
            return False  # in a public channel, membership proves nothing
        for _ in range(MAX_MEMBER_PAGES):
            page = client.conversations_members(channel=channel, limit=200, cursor=cursor)
            if user_id in (page.get("members") or []):
                return True
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
            if cursor is None:
                return False
    except (SlackApiError, SlackRequestError, OSError):
        log.warning("could not read the case channel's members; refusing the action")
    return None


def _refuse(deps: Deps, team_id: str, case_id: int, user_id: str, action: str, verdict: bool | None) -> str:
    with deps.db.unit_of_work() as session:
        concern_handling.record_refusal(session, team_id, case_id, user_id, action)
    return texts.REFUSED if verdict is False else texts.REFUSED_UNCHECKED


def _case_id(raw: Any) -> int | None:
    text = str(raw or "")
    return int(text) if text.isdigit() else None


def on_case_action(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    deps, team_id, user_id = deps_of(context), context.team_id or "", body["user"]["id"]
    case_id, name = _case_id(action.get("value")), action["action_id"]
    if case_id is None:
        return
    verdict = is_case_handler(deps, client, user_id)
    if verdict is not True:
        private(respond, _refuse(deps, team_id, case_id, user_id, name, verdict))
        return
    if name == "concern.ack":
        with deps.db.unit_of_work() as session:
            queued = concern_handling.acknowledge(
                session, deps, team_id=team_id, case_id=case_id, actor=user_id, now=arrived_at(context)
            )
        outbox.deliver_soon(deps, queued)
    elif name == "concern.audit":
        _show_audit(deps, client, respond, body["trigger_id"], team_id, case_id, user_id)
    else:
        _open_case_form(deps, client, respond, body["trigger_id"], team_id, case_id, user_id, name)


def _open_case_form(
    deps: Deps,
    client: WebClient,
    respond: Respond,
    trigger_id: str,
    team_id: str,
    case_id: int,
    user_id: str,
    name: str,
) -> None:
    with deps.db.unit_of_work() as session:
        case = concern_handling.brief(session, team_id, case_id)
        if case is not None:
            concern_handling.record_opened(session, team_id, case_id, user_id, name)
    if case is None:
        return
    if name == "concern.reply":
        view = blocks.reply_modal(case.case_id, case.reference, case.contact)
    elif name == "concern.note":
        view = blocks.note_modal(case.case_id, case.reference)
    else:
        view = blocks.status_modal(case.case_id, case.reference, case.status)
    open_view(client, trigger_id, view, respond)


def _show_audit(
    deps: Deps, client: WebClient, respond: Respond, trigger_id: str, team_id: str, case_id: int, user_id: str
) -> None:
    if not is_admin(deps, user_id):
        private(respond, texts.AUDIT_ADMINS_ONLY)
        return
    with deps.db.unit_of_work() as session:
        found = concern_handling.audit_log(session, deps, team_id=team_id, case_id=case_id, actor=user_id)
    if found is not None:
        open_view(client, trigger_id, blocks.audit_modal(*found), respond)


def _checked_submission(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    block_id: str,
    *,
    required: bool = True,
) -> tuple[Deps, int, str] | None:
    """Validate a case-team form and check membership again; answer errors in the form itself."""
    deps, team_id, user_id = deps_of(context), context.team_id or "", body["user"]["id"]
    case_id = _case_id(view.get("private_metadata"))
    errors = concerns.text_error(block_id, _value(view, block_id), required=required)
    if errors or case_id is None:
        ack(response_action="errors", errors=texts.form_problems(errors) or {block_id: texts.CASE_GONE})
        return None
    verdict = is_case_handler(deps, client, user_id)
    if verdict is not True:
        message = _refuse(deps, team_id, case_id, user_id, str(view.get("callback_id")), verdict)
        ack(response_action="errors", errors={block_id: message})
        return None
    return deps, case_id, user_id


def on_reply_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    checked = _checked_submission(ack, body, view, context, client, "reply")
    if checked is None:
        return
    deps, case_id, user_id = checked
    with deps.db.unit_of_work() as session:
        queued = concern_handling.reply(
            session,
            deps,
            team_id=context.team_id or "",
            case_id=case_id,
            actor=user_id,
            text=_value(view, "reply"),
            now=arrived_at(context),
        )
    ack()
    outbox.deliver_soon(deps, queued)


def on_note_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    checked = _checked_submission(ack, body, view, context, client, "note")
    if checked is None:
        return
    deps, case_id, user_id = checked
    with deps.db.unit_of_work() as session:
        queued = concern_handling.note(
            session, deps, team_id=context.team_id or "", case_id=case_id, actor=user_id, text=_value(view, "note")
        )
    ack()
    outbox.deliver_soon(deps, queued)


def on_status_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    status, outcome = _value(view, "status"), _value(view, "outcome")
    errors = concern_handling.status_errors(status, outcome)
    if errors:
        ack(response_action="errors", errors=texts.form_problems(errors))
        return
    checked = _checked_submission(ack, body, view, context, client, "outcome", required=False)
    if checked is None:
        return
    deps, case_id, user_id = checked
    with deps.db.unit_of_work() as session:
        queued = concern_handling.set_status(
            session,
            deps,
            team_id=context.team_id or "",
            case_id=case_id,
            actor=user_id,
            status=status,
            outcome=outcome,
            now=arrived_at(context),
        )
        outcomes.record(session, team_id=context.team_id or "", case_id=case_id, status=status,
                        kind=_value(view, "outcome_kind"))  # fmt: skip
    ack()
    outbox.deliver_soon(deps, queued)


# Home tab -------------------------------------------------------------------------------------------------------------
def home_section(deps: Deps, team_id: str, user_id: str) -> list[dict[str, Any]]:
    return blocks.home_section(deps.settings.case_retention_days, concern_cases.signposts(deps))
