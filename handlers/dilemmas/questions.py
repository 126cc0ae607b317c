"""Ask the panel: `/dilemma ask` and the Home tab's button for everyone; the queue in the standards team's Home
tab, where a question becomes a draft dilemma or is declined. Nothing here passes the asker's ID to a service."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.acknowledge import after_ack, arrived_at
from bot.blocks import authoring as blocks
from bot.deps import Deps
from bot.features import Features
from bot.middleware import deps_of
from bot.services.dilemmas import questions as service
from bot.texts import authoring as texts
from handlers.common import admins_only, is_admin, open_view, private, submitted_value
from handlers.dilemmas.authoring import open_question_form

HOME_ORDER = 25


def register(app: App, features: Features) -> None:
    app.action(blocks.ASK_OPEN_ACTION)(on_ask_button)
    app.view(blocks.ASK_CALLBACK)(on_ask_form)
    app.action(blocks.QUESTION_DRAFT_ACTION, middleware=[admins_only])(on_to_draft)
    app.action(blocks.QUESTION_DECLINE_ACTION, middleware=[admins_only])(on_decline)
    features.add_home_section(HOME_ORDER, home_section)


def ask(client: WebClient, trigger_id: str, respond: Respond) -> None:
    """`/dilemma ask`."""
    open_view(client, trigger_id, blocks.ask_form(), respond)


def status(deps: Deps, respond: Respond, team_id: str, code: str) -> None:
    """`/dilemma ask status <code>`, answered only to the person who typed it."""
    if not code.strip():
        private(respond, texts.STATUS_NEEDS_CODE)
        return
    with deps.db.unit_of_work() as session:
        found = service.progress(session, team_id, code)
    private(respond, texts.PROGRESS[found])


def on_ask_button(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
    ack()
    ask(client, body["trigger_id"], respond)


def on_ask_form(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    text = submitted_value(view, blocks.ASK_BLOCK)
    with deps.db.unit_of_work() as session:
        asked = service.ask(session, deps, team_id=context.team_id or "", text=text, today=arrived_at(context).date())
    if asked.status == "empty":
        ack(response_action="errors", errors={blocks.ASK_BLOCK: texts.ASK_EMPTY})
        return
    if asked.status == "too_long":
        ack(response_action="errors", errors={blocks.ASK_BLOCK: texts.ask_too_long(service.MAX_QUESTION_CHARS)})
        return
    ack(response_action="update", view=blocks.asked(asked.code))


def _question_id(action: dict[str, Any]) -> int:
    try:
        return int(str(action.get("value")))
    except ValueError:
        return 0


def on_to_draft(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
) -> None:
    ack()
    deps = deps_of(context)
    with deps.db.unit_of_work() as session:
        found = service.question(session, context.team_id or "", _question_id(action))
        text = service.text_of(deps, found) if found is not None and found.status == "waiting" else None
    if text is None:
        private(respond, texts.QUESTION_GONE)
        return
    open_question_form(deps, client, body["trigger_id"], respond, _question_id(action), text)


def on_decline(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
) -> None:
    ack()
    deps = deps_of(context)
    user_id, team_id = body["user"]["id"], context.team_id or ""
    with deps.db.unit_of_work() as session:
        service.decline(session, team_id, _question_id(action), arrived_at(context))
    from handlers.home import build_home  # the Home tab, built again without the declined question

    after_ack(context, client.views_publish, user_id=user_id, view=build_home(deps, team_id, user_id))


def home_section(deps: Deps, team_id: str, user_id: str) -> list[dict[str, Any]]:
    part = blocks.home_ask()
    if not is_admin(deps, user_id):
        return part
    with deps.db.unit_of_work() as session:
        found = service.waiting(session, team_id)
        shown = [(q.id, service.text_of(deps, q), f"{q.asked_on:%d %b %Y}") for q in found[: blocks.QUEUE_SHOWN]]
    return [*part, *blocks.home_queue(shown, len(found))]
