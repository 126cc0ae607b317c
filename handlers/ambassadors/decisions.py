"""The buttons on approval requests (Approve or Confirm, and Decline) and the form that takes a decline's reason."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import outbox
from bot.acknowledge import arrived_at
from bot.blocks import ambassadors as blocks
from bot.middleware import deps_of
from bot.services.ambassadors.approvals import Decision, decide, may_decide
from bot.texts import ambassador_applications as application_texts
from bot.texts.common import ADMINS_ONLY
from handlers.common import open_view, private, submitted_value

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.action(blocks.APPROVE_ACTION)(on_approve)
    app.action(blocks.DECLINE_ACTION)(on_decline)
    app.view(blocks.DECLINE_CALLBACK)(on_decline_submitted)


def _approval_id(raw: Any) -> int:
    text = str(raw or "")
    return int(text) if text.isdigit() else 0


def refusal(decision: Decision, actor: str) -> str:
    """Why nothing was done, in words for the person who clicked."""
    if decision.status == "already" and decision.decision and decision.decided_on:
        return application_texts.already(
            decision.decision, decision.step, decision.decided_by or actor, actor, decision.decided_on
        )
    words = {
        "not_yours": application_texts.NOT_YOURS,
        "admins_only": ADMINS_ONLY,
        "closed": application_texts.APPLICATION_CLOSED,
    }
    return words.get(decision.status, application_texts.APPLICATION_GONE)


def on_approve(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    deps, actor = deps_of(context), body["user"]["id"]
    with deps.db.unit_of_work() as session:
        decision = decide(
            session,
            deps,
            team_id=context.team_id or "",
            approval_id=_approval_id(action.get("value")),
            actor=actor,
            approve=True,
            now=arrived_at(context),
        )
    if decision.status != "decided":
        private(respond, refusal(decision, actor))
        return
    # The request DMs are replaced with the decision through the outbox, so every copy shows it.
    outbox.deliver_soon(deps, list(decision.sent))


def on_decline(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext, client: WebClient
) -> None:
    ack()
    deps, actor = deps_of(context), body["user"]["id"]
    approval_id = _approval_id(action.get("value"))
    with deps.db.unit_of_work() as session:
        decision = may_decide(
            session, deps, team_id=context.team_id or "", approval_id=approval_id, actor=actor, now=arrived_at(context)
        )
    if decision.status != "may_decide":
        private(respond, refusal(decision, actor))
        return
    open_view(client, body["trigger_id"], blocks.decline_modal(approval_id, decision.applicant), respond)


def on_decline_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    deps, actor = deps_of(context), body["user"]["id"]
    reason = submitted_value(view, blocks.REASON)
    if not reason.strip():
        ack(response_action="errors", errors={blocks.REASON: application_texts.ERROR_REASON})
        return
    if len(reason) > blocks.REASON_LIMIT:
        ack(response_action="errors", errors={blocks.REASON: application_texts.too_long(blocks.REASON_LIMIT)})
        return
    with deps.db.unit_of_work() as session:
        decision = decide(
            session,
            deps,
            team_id=context.team_id or "",
            approval_id=_approval_id(view.get("private_metadata")),
            actor=actor,
            approve=False,
            reason=reason,
            now=arrived_at(context),
        )
    if decision.status != "decided":
        ack(response_action="update", view=blocks.notice_modal(refusal(decision, actor)))
        return
    done = blocks.notice_modal(
        application_texts.decline_done(decision.applicant), title=application_texts.DECLINE_DONE_TITLE
    )
    ack(response_action="update", view=done)
    outbox.deliver_soon(deps, list(decision.sent))
