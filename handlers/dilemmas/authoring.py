"""`/dilemma new` and `/dilemma edit <id>`: the standards team writes a dilemma in a form, sees the post as a
channel will, and keeps it as a draft, publishes it, schedules it for a channel's next slot or retires it."""

from __future__ import annotations

import json
import re
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.acknowledge import after_ack, arrived_at
from bot.blocks import authoring as blocks
from bot.blocks import dilemmas as post_blocks
from bot.deps import Deps
from bot.middleware import deps_of
from bot.services.content_form import Choice
from bot.services.dilemmas import authoring as service
from bot.services.dilemmas.posts import DEFAULT_OPEN
from bot.texts import authoring as texts
from handlers.common import (
    admins_only,
    admins_only_form,
    open_view,
    private,
    submitted,
)
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
    app.action(blocks.SCHEDULE_ACTION, middleware=[admins_only])(on_schedule)
    app.action(re.compile(f"^{re.escape(post_blocks.PREVIEW_ACTION_PREFIX)}"))(on_preview_button)


def open_form(
    deps: Deps, client: WebClient, trigger_id: str, respond: Respond, team_id: str, dilemma_id: str | None
) -> None:
    """`/dilemma new` (no id) or `/dilemma edit <id>`."""
    values: dict[str, str | list[str]] = {}
    if dilemma_id is not None:
        with deps.db.unit_of_work() as session:
            body = service.current_body(session, deps, team_id, dilemma_id)
        if body is None:
            private(respond, texts.unknown(dilemma_id))
            return
        values = service.form_from_body(body)
    open_view(client, trigger_id, blocks.form(values, signpost_names(deps), editing=dilemma_id), respond)


def open_question_form(deps: Deps, client: WebClient, trigger_id: str, respond: Respond, question_id: int,
                       text: str) -> None:  # fmt: skip
    """The form, its scenario filled with a colleague's question."""
    values: dict[str, str | list[str]] = {"scenario": text}
    open_view(client, trigger_id, blocks.form(values, signpost_names(deps), question_id=question_id), respond)


def on_form(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        meta = {}
    editing = meta.get("editing") if isinstance(meta.get("editing"), str) else None
    question_id = meta.get("question") if isinstance(meta.get("question"), int) else None
    team_id = context.team_id or ""
    # The checks answer inside the form, beside the fields, so they come before the acknowledgement.
    with deps.db.unit_of_work() as session:
        result = service.submit(
            session, deps, team_id=team_id, values=form_values(view), editing=editing, question_id=question_id
        )
        from_question = result.authored_id is not None and service.from_question(session, team_id, result.authored_id)
    if result.status == "invalid" or result.dilemma is None or result.authored_id is None:
        inputs = set(submitted(view))
        errors = {name: message[:300] for name, message in result.errors.items() if name in inputs}
        ack(response_action="errors", errors=errors or {"title": next(iter(result.errors.values()), "")[:300]})
        return
    closes_at = arrived_at(context) + DEFAULT_OPEN
    shown = blocks.preview(result.dilemma, result.authored_id, closes_at=closes_at, from_question=from_question)
    ack(response_action="update", view=shown)


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
    words = {"draft": texts.drafted, "published": texts.published, "retired": texts.retired}
    answer = words[done.status](done.dilemma_id, done.version) if done.status in words else texts.GONE
    show(context, client, body, blocks.notice(answer))


def on_edit(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    deps = deps_of(context)
    team_id = context.team_id or ""
    with deps.db.unit_of_work() as session:
        found = service.editable(session, deps, team_id, authored_id(body))
    if found is None:
        show(context, client, body, blocks.notice(texts.GONE))
        return
    form = blocks.form(found.values, signpost_names(deps), editing=found.dilemma_id, question_id=found.question_id)
    show(context, client, body, form)


def on_preview_button(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """A button of the post in a preview: says, over the preview, what it does in a channel; records nothing."""
    ack()
    meaning = str(action.get("action_id") or "").removeprefix(post_blocks.PREVIEW_ACTION_PREFIX)
    trigger_id = body.get("trigger_id")
    if trigger_id:
        after_ack(context, client.views_push, trigger_id=trigger_id, view=blocks.preview_button_note(meaning))


def on_schedule(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
) -> None:
    ack()
    deps = deps_of(context)
    channel_id = str(action.get("selected_conversation") or action.get("selected_channel") or "")
    with deps.db.unit_of_work() as session:
        done = service.schedule_next(
            session, deps, team_id=context.team_id or "", user_id=body["user"]["id"],
            authored_id=authored_id(body), channel_id=channel_id, now=arrived_at(context),
        )  # fmt: skip
    if done.status == "scheduled":
        unix = int(done.due.timestamp()) if done.due else 0
        fallback = f"{done.due:%d %b %Y %H:%M} UTC" if done.due else "-"
        answer = texts.scheduled(done.dilemma_id, channel_id, unix, fallback)
    else:
        answer = texts.no_schedule(channel_id) if done.status == "no_schedule" else texts.GONE
    show(context, client, body, blocks.notice(answer))
