"""`/ambassador`, the application form and the Home tab section; the standards team's forms (admin.py) and the
approval buttons (decisions.py) have their own modules, registered from here."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackRequestError
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from bot import outbox
from bot.acknowledge import after_ack, arrived_at
from bot.blocks import ambassador_meetings as meeting_blocks
from bot.blocks import ambassadors as blocks
from bot.deps import Deps
from bot.features import Features
from bot.middleware import deps_of
from bot.services import ambassadors as service
from bot.services.ambassadors.applications import (
    DEPARTMENT,
    DEPARTMENT_OTHER,
    LINE_MANAGER,
    ROLE,
    STANDARDS_MANAGER,
    STATEMENT,
    Submission,
    Submitted,
)
from bot.texts import ambassador_applications as application_texts
from bot.texts import ambassador_meetings as meeting_texts
from bot.texts import ambassadors as texts
from handlers.ambassadors import admin as ambassador_admin
from handlers.ambassadors import decisions as ambassador_decisions
from handlers.ambassadors import meetings as ambassador_meetings
from handlers.common import answer_help, is_admin, parse_command_text, private, refuse_non_admin, submitted_value
from storage.models import utcnow

log = logging.getLogger(__name__)

COMMAND = "/ambassador"
HOME_ORDER = 60


def register(app: App, features: Features) -> None:
    app.command(COMMAND)(on_command)
    app.action(blocks.APPLY_ACTION)(on_apply_button)
    app.view(blocks.FORM_CALLBACK)(on_form_submitted)
    ambassador_decisions.register(app)
    ambassador_meetings.register(app)
    features.add_home_section(HOME_ORDER, home_section)


def on_command(ack: Ack, command: dict[str, str], respond: Respond, context: BoltContext, client: WebClient) -> None:
    ack()
    deps, team_id, user_id = deps_of(context), context.team_id or "", command.get("user_id", "")
    parsed = parse_command_text(command.get("text"))
    if parsed.verb in ("", "apply"):
        _open_form(deps, context, client, team_id, user_id, command["trigger_id"], lambda text: private(respond, text))
    elif parsed.verb in ambassador_admin.VERBS:
        if is_admin(deps, user_id):
            ambassador_admin.answer(deps, respond, team_id, user_id, parsed)
        else:
            refuse_non_admin(respond)
    else:
        answer_help(respond, COMMAND, texts.HELP, "" if parsed.verb == "help" else parsed.raw)


def on_apply_button(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    ack()
    trigger_id = body["trigger_id"]

    def tell(text: str) -> None:  # the Home tab has no reply thread, so answers come as a small modal
        try:
            client.views_open(trigger_id=trigger_id, view=blocks.notice_modal(text))
        except (SlackApiError, SlackRequestError, OSError):
            log.exception("could not answer the Home tab's Apply button")

    def tell_later(text: str) -> None:
        after_ack(context, tell, text)

    _open_form(deps_of(context), context, client, context.team_id or "", body["user"]["id"], trigger_id, tell_later)


def _open_form(
    deps: Deps,
    context: BoltContext,
    client: WebClient,
    team_id: str,
    user_id: str,
    trigger_id: str,
    tell: Callable[[str], None],
) -> None:
    with deps.db.unit_of_work() as session:
        gate = service.ambassador_applications.gate(session, deps, team_id=team_id, user_id=user_id, now=utcnow())
    if gate.status == "ambassador":
        tell(application_texts.ALREADY_AMBASSADOR)
    elif gate.status == "applied":
        tell(application_texts.already_applied(gate.stage))
    elif gate.status != "open" or gate.closes_on is None:
        tell(application_texts.DRIVE_CLOSED)
    else:
        view = blocks.application_form(gate.departments, deps.settings.statement_min_words, gate.closes_on)
        after_ack(context, _show_form, client, trigger_id, view, tell)


def _show_form(client: WebClient, trigger_id: str, view: dict[str, Any], tell: Callable[[str], None]) -> None:
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except (SlackApiError, SlackRequestError, OSError):
        log.exception("could not open the ambassador application form")
        tell(application_texts.FORM_FAILED)


# The problems a valid form can still meet when it is saved, and the form block that shows each.
_SAVE_PROBLEMS = {
    "closed": (DEPARTMENT, application_texts.ERROR_DRIVE_CLOSED),
    "applied": (DEPARTMENT, application_texts.ERROR_ALREADY_APPLIED),
    "ambassador": (DEPARTMENT, application_texts.ERROR_AMBASSADOR),
}


def on_form_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    deps, user_id = deps_of(context), body["user"]["id"]
    submission = Submission(
        department=submitted_value(view, DEPARTMENT),
        department_other=submitted_value(view, DEPARTMENT_OTHER),
        role=submitted_value(view, ROLE),
        line_manager=submitted_value(view, LINE_MANAGER),
        standards_manager=submitted_value(view, STANDARDS_MANAGER),
        statement=submitted_value(view, STATEMENT),
    )
    # The form's answer must be its errors, so these checks come before the acknowledgement; they are quick.
    errors = service.ambassador_applications.validate(submission, user_id, deps.settings.statement_min_words)
    if errors:
        ack(response_action="errors", errors=application_texts.form_problems(errors))
        return
    try:
        with deps.db.unit_of_work() as session:
            result = service.ambassador_applications.submit(
                session,
                deps,
                team_id=context.team_id or "",
                user_id=user_id,
                submission=submission,
                now=arrived_at(context),
            )
    except IntegrityError:  # the same form submitted twice at once: the first one was saved
        result = Submitted("applied")
    except SQLAlchemyError as exc:
        # The form stays open with the text in it; the error's parameters (the statement) are not logged.
        log.error("could not save an ambassador application: %s", type(exc).__name__)
        ack(response_action="errors", errors={STATEMENT: application_texts.ERROR_UNAVAILABLE})
        return
    if result.status in _SAVE_PROBLEMS:
        block_id, problem = _SAVE_PROBLEMS[result.status]
        ack(response_action="errors", errors={block_id: problem})
        return
    sent_view = blocks.application_sent(submission.line_manager, submission.standards_manager, result.words)
    ack(response_action="update", view=sent_view)
    outbox.deliver_soon(deps, list(result.sent))


def home_section(deps: Deps, team_id: str, user_id: str) -> list[dict[str, Any]]:
    now, admin = utcnow(), is_admin(deps, user_id)
    with deps.db.unit_of_work() as session:
        found = service.standing(session, deps, team_id=team_id, user_id=user_id, now=now)
        # The standards team sees how the monthly meetings are going across the scheme.
        team = service.ambassador_meeting_records.team_tally(session, deps, team_id=team_id, now=now) if admin else None
    shown = _own_section(found)
    if team is not None:
        text = meeting_texts.home_team(team.ambassadors, team.met_this_month, team.met, team.possible)
        shown += meeting_blocks.team_home(text, with_header=not shown)
    return shown


def _own_section(found: service.Standing) -> list[dict[str, Any]]:
    if found.kind == "ambassador" and found.joined and found.induction_due and found.today and found.meetings:
        induction = texts.induction(found.inducted_on, found.induction_due, found.today)
        text = texts.home_ambassador(found.joined, found.manager, induction, found.attended, found.target)
        text += "\n" + meeting_texts.home_ambassador(found.meetings.met, found.meetings.months)
        return blocks.home_section(text, apply_button=False)
    if found.kind == "applying":
        return blocks.home_section(texts.home_applying(found.stage), apply_button=False)
    if found.kind == "may_apply" and found.closes_on:
        return blocks.home_section(texts.home_open(found.closes_on), apply_button=True)
    return []
