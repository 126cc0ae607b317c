"""The case team's buttons on a case in the case channel, and their forms: each asks Slack again whether the person
is in the case channel before anything is done."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackRequestError

from bot import outbox
from bot.acknowledge import arrived_at
from bot.blocks import concern_cases as case_blocks
from bot.deps import Deps
from bot.middleware import deps_of
from bot.services.concerns import case_channel
from bot.services.concerns import handling as concern_handling
from bot.services.concerns import reporter as concerns
from bot.services.impact import outcomes
from bot.texts import concerns as texts
from handlers.common import is_admin, open_view, private, submitted_value

log = logging.getLogger(__name__)

MAX_MEMBER_PAGES = 100


def register(app: App) -> None:
    for action_id in case_blocks.CASE_ACTIONS:
        app.action(action_id)(on_case_action)
    app.view(case_blocks.REPLY_CALLBACK)(on_reply_submitted)
    app.view(case_blocks.NOTE_CALLBACK)(on_note_submitted)
    app.view(case_blocks.STATUS_CALLBACK)(on_status_submitted)


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
        view = case_blocks.reply_modal(case.case_id, case.reference, case.contact)
    elif name == "concern.note":
        view = case_blocks.note_modal(case.case_id, case.reference)
    else:
        view = case_blocks.status_modal(case.case_id, case.reference, case.status)
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
        open_view(client, trigger_id, case_blocks.audit_modal(*found), respond)


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
    errors = concerns.text_error(block_id, submitted_value(view, block_id), required=required)
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
            text=submitted_value(view, "reply"),
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
            session,
            deps,
            team_id=context.team_id or "",
            case_id=case_id,
            actor=user_id,
            text=submitted_value(view, "note"),
        )
    ack()
    outbox.deliver_soon(deps, queued)


def on_status_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    status, outcome = submitted_value(view, "status"), submitted_value(view, "outcome")
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
                        kind=submitted_value(view, "outcome_kind"))  # fmt: skip
    ack()
    outbox.deliver_soon(deps, queued)
