"""`/cpd` and the event form: thin listeners that parse, call the CPD services and answer privately; the events' buttons
and their forms are in buttons.py, registered from here."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import outbox
from bot.acknowledge import arrived_at
from bot.blocks import cpd as blocks
from bot.blocks import cpd_forms as forms
from bot.deps import Deps
from bot.middleware import deps_of
from bot.services.cpd import announcement as cpd_announcement
from bot.services.cpd import attendance as cpd_attendance
from bot.services.cpd import events as service
from bot.services.cpd import records as cpd_records
from bot.texts import cpd as texts
from bot.texts.common import escape
from handlers.common import (
    admins_only_form,
    answer_help,
    is_admin,
    open_view,
    parse_command_text,
    private,
    refuse_non_admin,
    submitted,
    submitted_value,
    user_ref,
)
from handlers.cpd import buttons as cpd_buttons
from handlers.cpd import exports as cpd_exports
from handlers.cpd import suggestions as cpd_suggestions
from storage.models import utcnow

log = logging.getLogger(__name__)

COMMAND = "/cpd"
ADMIN_VERBS = {"new", "edit", "cancel", "attendance", "feedback", "export", "suggestions"}


def register(app: App) -> None:
    app.command(COMMAND)(on_command)
    # The form is only offered to admins; a forged one gets nowhere.
    app.view(forms.EVENT_CALLBACK, middleware=[admins_only_form(partial(forms.notice, texts.FORM_TITLE_NEW))])(
        on_event_form
    )
    cpd_buttons.register(app)


def on_command(ack: Ack, command: dict[str, str], respond: Respond, context: BoltContext, client: WebClient) -> None:
    ack()
    deps = deps_of(context)
    parsed = parse_command_text(command.get("text"))
    team_id, user_id = context.team_id or "", command.get("user_id", "")
    if parsed.verb in ADMIN_VERBS and not is_admin(deps, user_id):
        refuse_non_admin(respond)
    elif parsed.verb == "":
        _upcoming(deps, respond, team_id, user_id)
    elif parsed.verb == "record":
        _record(deps, respond, team_id, user_id, parsed.args)
    elif parsed.verb == "suggest":
        cpd_suggestions.suggest(deps, respond, team_id, user_id, parsed)
    elif parsed.verb == "suggestions":
        cpd_suggestions.listed(deps, respond, team_id)
    elif parsed.verb == "export":
        cpd_exports.export(deps, respond, team_id, user_id, parsed.rest)
    elif parsed.verb == "new":
        open_view(client, command["trigger_id"], forms.event_form(service.EventFormValues(), deps.settings.timezone),
                  respond)  # fmt: skip
    elif parsed.verb in ("edit", "cancel", "feedback") or (parsed.verb == "attendance" and parsed.args):
        _with_event(deps, respond, client, team_id, command["trigger_id"], parsed.verb, parsed.rest)
    elif parsed.verb == "attendance":
        with deps.db.unit_of_work() as session:
            cards = service.recent(session, team_id, arrived_at(context))
        private(respond, texts.RECENT_EVENTS, blocks.event_lines(cards, deps.settings.tz))
    else:
        answer_help(respond, COMMAND, texts.HELP, "" if parsed.verb == "help" else parsed.raw)


def _upcoming(deps: Deps, respond: Respond, team_id: str, user_id: str) -> None:
    with deps.db.unit_of_work() as session:
        found = service.upcoming(session, team_id, user_id, utcnow())
    cards = [(card, texts.your_answer(answer, position)) for card, answer, position in found]
    shown = blocks.upcoming(cards, deps.settings.tz, for_admin=is_admin(deps, user_id), now=utcnow())
    private(respond, texts.UPCOMING_TITLE if cards else texts.NO_UPCOMING, shown)


def _record(deps: Deps, respond: Respond, team_id: str, user_id: str, args: list[str]) -> None:
    whose = user_ref(args[0]) if args else None
    if args and whose is None:
        answer_help(respond, COMMAND, texts.HELP, " ".join(["record", *args]))
        return
    if whose is not None and whose != user_id and not is_admin(deps, user_id):
        refuse_non_admin(respond)
        return
    year = utcnow().astimezone(deps.settings.tz).year
    with deps.db.unit_of_work() as session:
        events = cpd_records.attended_events(session, team_id, whose or user_id, year, deps.settings.tz)
    title = texts.record_title(whose if whose not in (None, user_id) else None, year)
    summary = texts.record_summary(len(events), cpd_records.TARGET_PER_YEAR)
    private(
        respond,
        f"{title}: {summary}",
        blocks.record(title, summary, [(e.title, e.starts_at) for e in events], deps.settings.tz),
    )


def _with_event(
    deps: Deps, respond: Respond, client: WebClient, team_id: str, trigger_id: str, verb: str, ref: str
) -> None:
    """`edit`, `cancel`, `feedback` or `attendance` of the event numbered in `ref`."""
    if not ref.strip():
        private(respond, texts.NEEDS_EVENT)
        return
    event_id = service.event_ref(ref)
    with deps.db.unit_of_work() as session:
        event = service.find(session, team_id, event_id) if event_id is not None else None
        if event is None:
            private(respond, texts.unknown_event(ref.strip()[:40]))
            return
        if verb == "cancel":
            if event.status == "cancelled":
                private(respond, texts.ALREADY_CANCELLED)
                return
            card = cpd_announcement.card(session, event, utcnow())
            answered = card.counts.going + card.counts.waiting + card.counts.maybe + card.counts.cant
            private(respond, texts.CONFIRM_TITLE, blocks.cancel_prompt(card, answered, deps.settings.tz))
            return
        if verb == "feedback":
            summary = cpd_attendance.feedback_summary(session, event.id)
            heading = texts.feedback_heading(event.id, escape(event.title))
            shown = blocks.feedback(heading, summary.responses, cpd_attendance.FEEDBACK_MINIMUM, summary.average,
                                    summary.ratings, summary.comments)  # fmt: skip
            private(respond, heading, shown)
            return
        if verb == "edit":
            if event.status == "cancelled":
                private(respond, texts.ERROR_CANCELLED)
                return
            view = forms.event_form(service.form_values(event, deps), deps.settings.timezone, event_id=event.id)
        else:
            attendees = cpd_attendance.attendees(session, event)
            view = (
                forms.attendance_form(event.id, event.title, attendees)
                if attendees
                else forms.notice(texts.ATTENDANCE_TITLE, texts.ATTENDANCE_NONE)
            )
    open_view(client, trigger_id, view, respond)


def form_fields(view: dict[str, Any]) -> dict[str, str | None]:
    """Each input block's value as text: typed text, a chosen option's value, a date or a time."""
    return {block_id: submitted_value(view, block_id) or None for block_id in submitted(view)}


def on_event_form(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    now = arrived_at(context)
    event_id = service.event_ref(view.get("private_metadata") or "")
    with deps.db.unit_of_work() as session:
        changing = service.find(session, context.team_id or "", event_id) if event_id is not None else None
        starts_at = changing.starts_at if changing is not None else None
    details, errors = service.read_form(form_fields(view), deps, now, starts_at=starts_at)
    if details is None:
        ack(
            response_action="errors",
            errors={name: texts.form_problem(name, problem) for name, problem in errors.items()},
        )
        return
    team_id = context.team_id or ""
    with deps.db.unit_of_work() as session:
        if event_id is None:
            saved = service.create(session, deps, team_id=team_id, admin=body["user"]["id"], details=details, now=now)
        else:
            saved = service.change(session, deps, team_id=team_id, event_id=event_id, details=details, now=now)
    if saved.status in ("missing", "cancelled"):
        problem = texts.ERROR_GONE if saved.status == "missing" else texts.ERROR_CANCELLED
        ack(response_action="errors", errors={"title": problem})
        return
    if event_id is None:
        done = texts.created(saved.event_id, deps.settings.ambassadors_channel)
    else:
        done = texts.updated(saved.event_id, saved.told)
    ack(
        response_action="update",
        view=forms.notice(texts.FORM_TITLE_NEW if event_id is None else texts.FORM_TITLE_EDIT, done),
    )
    outbox.deliver_soon(deps, list(saved.sent))
