"""`/dilemma` and the weekly post's buttons: thin listeners that parse, call the service and answer privately."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import outbox
from bot.acknowledge import arrived_at
from bot.blocks import dilemma_briefings as briefing_blocks
from bot.blocks import dilemmas as blocks
from bot.deps import Deps
from bot.features import Features
from bot.middleware import deps_of
from bot.services import dilemmas as service
from bot.services.dilemmas.schedules import next_due
from bot.texts import authoring as authoring_texts
from bot.texts import dilemmas as texts
from handlers.common import (
    admins_only,
    answer_help,
    channel_ref,
    is_admin,
    open_view,
    parse_command_text,
    private,
    refuse_non_admin,
    submitted_value,
)
from handlers.dilemmas import authoring, briefings, questions

COMMAND = "/dilemma"
ADMIN_VERBS = {"post", "close", "list", "schedule", "new", "edit"}


def register(app: App, features: Features) -> None:
    app.command(COMMAND)(on_command)
    authoring.register(app)
    questions.register(app, features)
    app.action(service.dilemma_votes.VOTE_ACTIONS)(on_vote)
    app.action(blocks.COMMENT_ACTION)(on_comment_button)
    app.action(blocks.PROMPTS_ACTION)(on_prompts)
    app.action(blocks.REMOVE_ACTION, middleware=[admins_only])(on_remove_comment)
    app.view(blocks.COMMENT_CALLBACK)(on_comment_submitted)
    app.action(briefing_blocks.HANDS_ACTION)(briefings.on_hands_button)
    app.view(briefing_blocks.HANDS_CALLBACK)(briefings.on_hands_submitted)


def _deliver(deps: Deps, sent: Sequence[int]) -> None:
    outbox.deliver_soon(deps, list(sent))


def _int(value: Any) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


# /dilemma ------------------------------------------------------------------------------------------------------
def on_command(ack: Ack, command: dict[str, str], respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    deps = deps_of(context)
    parsed = parse_command_text(command.get("text"))
    team_id, here, user_id = context.team_id or "", command.get("channel_id", ""), command.get("user_id", "")
    now = arrived_at(context)
    if parsed.verb == "":
        _show_current(deps, respond, team_id, here)
    elif parsed.verb == "brief":  # ambassadors too: the service says who may
        briefings.brief(deps, respond, team_id=team_id, here=here, user_id=user_id, args=parsed.args)
    elif parsed.verb in ADMIN_VERBS and not is_admin(deps, user_id):
        refuse_non_admin(respond)
    elif parsed.verb == "post":
        _post(deps, respond, team_id, here, parsed.args, now)
    elif parsed.verb == "close":
        _close(deps, respond, team_id, _channel(parsed.args[:1], here), now)
    elif parsed.verb == "list":
        with deps.db.unit_of_work() as session:
            history = service.dilemma_posts.history_by_channel(session, team_id)
            in_use = service.bank.bank(session, deps, team_id)
        private(respond, texts.BANK_TITLE, blocks.list_blocks(in_use, history))
    elif parsed.verb == "schedule":
        _schedule(deps, respond, team_id, here, parsed.args, now)
    elif parsed.verb == "new":
        authoring.open_form(deps, client, command["trigger_id"], respond, team_id, None)
    elif parsed.verb == "edit":
        if parsed.args:
            authoring.open_form(deps, client, command["trigger_id"], respond, team_id, parsed.args[0])
        else:
            private(respond, authoring_texts.NEEDS_ID)
    elif parsed.verb == "ask" and parsed.args[:1] == ["status"]:
        questions.status(deps, respond, team_id, "".join(parsed.args[1:]))
    elif parsed.verb == "ask":
        questions.ask(client, command["trigger_id"], respond)
    else:
        answer_help(respond, COMMAND, texts.HELP, "" if parsed.verb == "help" else parsed.raw)


def _channel(words: Sequence[str], here: str) -> str | None:
    """The channel named in `words`, else the one the command was used in (not a DM)."""
    for word in words:
        found = channel_ref(word)
        if found:
            return found
    return here if here[:1] in ("C", "G") else None


def _show_current(deps: Deps, respond: Respond, team_id: str, here: str) -> None:
    with deps.db.unit_of_work() as session:
        dilemma = service.current_dilemma(session, deps, team_id, here)
    if dilemma is None:
        answer_help(respond, COMMAND, texts.HELP)
        return
    private(respond, texts.header(dilemma.format, dilemma.title), blocks.current_blocks(dilemma))


def _post(deps: Deps, respond: Respond, team_id: str, here: str, args: list[str], now: datetime) -> None:
    channel_id = _channel(args, here)
    named = [word for word in args if channel_ref(word) is None]
    if channel_id is None:
        private(respond, texts.NO_CHANNEL)
        return
    with deps.db.unit_of_work() as session:
        result = service.post_now(
            session, deps, team_id=team_id, channel_id=channel_id, dilemma_id=named[0] if named else None, now=now
        )
    if result.status == "unknown":
        private(respond, texts.unknown_dilemma(result.dilemma_id or ""))
    elif result.status == "none_left":
        private(respond, texts.BANK_EMPTY_FOR)
    else:
        private(respond, texts.posted(result.dilemma_id or "", channel_id))
        _deliver(deps, result.sent)


def _close(deps: Deps, respond: Respond, team_id: str, channel_id: str | None, now: datetime) -> None:
    if channel_id is None:
        private(respond, texts.NO_CHANNEL)
        return
    with deps.db.unit_of_work() as session:
        sent = service.close_now(session, deps, team_id=team_id, channel_id=channel_id, now=now)
    if sent is None:
        private(respond, texts.nothing_to_close(channel_id))
        return
    private(respond, texts.closing(channel_id))
    _deliver(deps, sent)


def _schedule(deps: Deps, respond: Respond, team_id: str, here: str, args: list[str], now: datetime) -> None:
    action = args[0].lower() if args else ""
    schedules = service.dilemma_schedules
    if action in ("", "list"):
        with deps.db.unit_of_work() as session:
            lines = [
                texts.schedule_line(
                    s.channel_id,
                    texts.schedule_description(
                        s.weekday, s.hour, s.minute, s.timezone, s.open_minutes, s.nudge_minutes
                    ),
                    s.status,
                    s.paused_reason,
                )
                for s in schedules.schedules(session, team_id)
            ]
        private(respond, texts.SCHEDULES_TITLE, blocks.schedules_blocks(lines))
        return
    if action in ("pause", "resume", "remove"):
        channel_id = _channel(args[1:2], here)
        if channel_id is None:
            private(respond, texts.NO_CHANNEL)
            return
        with deps.db.unit_of_work() as session:
            found = schedules.schedule_of(session, team_id, channel_id)
            if found is None:
                answer = texts.no_schedule(channel_id)
            elif action == "pause":
                schedules.pause_schedule(session, found)
                answer = texts.schedule_paused(channel_id)
            elif action == "resume":
                schedules.resume_schedule(session, found, now)
                answer = texts.schedule_resumed(channel_id)
            else:
                schedules.remove_schedule(session, found)
                answer = texts.schedule_removed(channel_id)
        private(respond, answer)
        return
    named = channel_ref(args[0])
    channel_id = named or _channel([], here)
    if channel_id is None:
        private(respond, texts.NO_CHANNEL)
        return
    try:
        spec = service.parse_schedule(channel_id, args[1:] if named else args, deps.settings.timezone)
    except service.ScheduleProblem as problem:
        private(respond, texts.bad_schedule(problem))
        return
    with deps.db.unit_of_work() as session:
        saved, changed = schedules.save_schedule(session, team_id, spec, now)
        due = next_due(session, saved)
    when = texts.schedule_description(
        spec.weekday, spec.hour, spec.minute, spec.timezone, spec.open_minutes, spec.nudge_minutes
    )
    unix = int(due.timestamp()) if due else 0
    private(respond, texts.schedule_saved(channel_id, when, changed, unix, f"{due:%d %b %Y %H:%M} UTC" if due else "-"))


# Buttons on the post -------------------------------------------------------------------------------------------
def on_vote(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    deps = deps_of(context)
    post_id = _int(action.get("value"))
    option = service.dilemma_votes.voted_option(str(action.get("action_id", "")))
    if post_id is None:
        private(respond, texts.POST_GONE)
        return
    team_id = context.team_id or ""
    ballot = service.dilemma_votes.Ballot(body["user"]["id"], option, arrived_at(context))

    def record(ballots: Sequence[service.dilemma_votes.Ballot]) -> list[service.dilemma_votes.Outcome]:
        with deps.db.transaction() as connection:
            return service.dilemma_votes.cast_votes(connection, deps, team_id=team_id, post_id=post_id, ballots=ballots)

    # Votes on one post at once are recorded together, in one transaction (bot.batches).
    outcome = deps.batches.run(("dilemma-votes", team_id, post_id), ballot, record)
    if outcome.status == "closed":
        private(respond, texts.VOTE_CLOSED)
        return
    if outcome.dilemma is None or outcome.status == "missing":
        private(respond, texts.POST_GONE)
        return
    label = next(o.label for o in outcome.dilemma.options if o.key == outcome.option)
    words = {"recorded": texts.vote_recorded, "changed": texts.vote_changed, "unchanged": texts.vote_unchanged}
    private(respond, words[outcome.status](outcome.option or "", label))


def on_prompts(ack: Ack, action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    deps = deps_of(context)
    post_id = _int(action.get("value"))
    with deps.db.unit_of_work() as session:
        found = service.dilemma_votes.post_dilemma(session, deps, context.team_id or "", post_id or 0)
    if found.dilemma is None:
        private(respond, texts.POST_GONE)
        return
    private(respond, texts.PROMPTS_INTRO, blocks.prompts_blocks(found.dilemma))


def on_comment_button(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
) -> None:
    ack()
    deps = deps_of(context)
    post_id = _int(action.get("value")) or 0
    with deps.db.unit_of_work() as session:
        found = service.dilemma_votes.post_dilemma(session, deps, context.team_id or "", post_id)
    if found.status != "open" or found.dilemma is None:
        private(respond, texts.COMMENT_CLOSED if found.status == "closed" else texts.POST_GONE)
        return
    open_view(client, body["trigger_id"], blocks.comment_modal(post_id, found.dilemma), respond)


def on_comment_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    text = submitted_value(view, blocks.COMMENT_BLOCK)
    # The checks answer inside the form, so they come before the acknowledgement; they take milliseconds.
    with deps.db.unit_of_work() as session:
        outcome = service.dilemma_votes.add_comment(
            session, deps, team_id=context.team_id or "", post_id=_int(view.get("private_metadata")) or 0,
            user_id=body["user"]["id"], text=text, now=arrived_at(context),
        )  # fmt: skip
    problems = {
        "empty": texts.COMMENT_EMPTY,
        "too_long": texts.comment_too_long(service.dilemma_votes.MAX_COMMENT_CHARS),
        "limit": texts.comment_limit(service.dilemma_votes.COMMENTS_PER_PERSON),
        "closed": texts.COMMENT_CLOSED,
        "missing": texts.POST_GONE,
    }
    if outcome.status in problems:
        ack(response_action="errors", errors={blocks.COMMENT_BLOCK: problems[outcome.status]})
        return
    ack()
    _deliver(deps, outcome.sent)


def on_remove_comment(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    deps = deps_of(context)
    with deps.db.unit_of_work() as session:
        outcome = service.dilemma_votes.remove_comment(
            session, deps, team_id=context.team_id or "", comment_id=_int(action.get("value")) or 0
        )
    answers = {"removed": texts.COMMENT_REMOVE_DONE, "already": texts.COMMENT_ALREADY_REMOVED}
    private(respond, answers.get(outcome.status, texts.POST_GONE))
    _deliver(deps, outcome.sent)
