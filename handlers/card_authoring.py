"""`/ethicard edit 7h`: the standards team rewrites a card in a form, sees it as `/ethicard` will show it, and
keeps it as a draft, publishes it in place of the shipped card, or retires it (the shipped card comes back)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.acknowledge import arrived_at
from bot.blocks import card_authoring as blocks
from bot.deps import Deps
from bot.middleware import deps_of
from bot.services.cards import authoring as service
from bot.services.content_form import Choice
from bot.texts import card_authoring as texts
from dilemmas import deck
from dilemmas.deck import CardKey
from handlers.common import admins_only, admins_only_form, open_view, private, submitted
from handlers.content_form import authored_id, form_values, show, signpost_names

CHOICES: dict[str, Choice] = {
    blocks.DRAFT_ACTION: "draft",
    blocks.PUBLISH_ACTION: "publish",
    blocks.RETIRE_ACTION: "retire",
}


def register(app: App) -> None:
    app.view(blocks.FORM_CALLBACK, middleware=[admins_only_form(blocks.notice)])(on_form)
    app.action(blocks.DRAFT_ACTION, middleware=[admins_only])(on_choice)
    app.action(blocks.PUBLISH_ACTION, middleware=[admins_only])(on_choice)
    app.action(blocks.RETIRE_ACTION, middleware=[admins_only])(on_choice)
    app.action(blocks.EDIT_ACTION, middleware=[admins_only])(on_edit)


def open_form(deps: Deps, client: WebClient, trigger_id: str, respond: Respond, team_id: str, words: str) -> None:
    """`/ethicard edit <card>`, for the standards team."""
    key = deck.parse_card(words) if words.strip() else None
    if key is None:
        private(respond, texts.NEEDS_CARD)
        return
    with deps.db.unit_of_work() as session:
        found = service.editable(session, deps, team_id, key)
    open_view(client, trigger_id, blocks.form(key, found.values, signpost_names(deps), found.history), respond)


def on_form(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    key = deck.from_code(blocks.metadata_card(view))
    if key is None:
        ack(response_action="update", view=blocks.notice(texts.GONE))
        return
    # The checks answer inside the form, beside the fields, so they come before the acknowledgement.
    with deps.db.unit_of_work() as session:
        result = service.submit(session, deps, team_id=context.team_id or "", key=key, values=form_values(view))
    if result.status == "invalid" or result.card is None or result.authored_id is None:
        inputs = set(submitted(view))
        errors = {name: message[:300] for name, message in result.errors.items() if name in inputs}
        ack(response_action="errors", errors=errors or {"headline": next(iter(result.errors.values()), "")[:300]})
        return
    ack(response_action="update", view=blocks.preview(key, result.card, result.authored_id, deps.content.signposts))


def _answer(status: str, key: CardKey | None, version: int) -> str:
    words = {"draft": texts.drafted, "published": texts.published, "retired": texts.retired}
    if key is None or status not in words:
        return texts.GONE
    return words[status](f"{key.symbol} {key.name}", key.code, version)


def on_choice(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
) -> None:
    ack()
    deps = deps_of(context)
    choice = CHOICES[str(action.get("action_id"))]
    with deps.db.unit_of_work() as session:
        done = service.decide(
            session, deps, team_id=context.team_id or "", user_id=body["user"]["id"],
            authored_id=authored_id(body), choice=choice, now=arrived_at(context),
        )  # fmt: skip
    show(context, client, body, blocks.notice(_answer(done.status, done.key, done.version)))


def on_edit(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    deps = deps_of(context)
    with deps.db.unit_of_work() as session:
        found = service.editable_by_id(session, deps, context.team_id or "", authored_id(body))
    if found is None:
        show(context, client, body, blocks.notice(texts.GONE))
        return
    show(context, client, body, blocks.form(found.key, found.values, signpost_names(deps), found.history))
