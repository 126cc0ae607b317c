"""Words for an application to be an ambassador: the form, the managers' approvals and reminders, and what the
applicant is told at each step. With the few it takes from bot.texts.ambassadors (the welcome and the standards
team's alerts), this module is every word the ambassador services queue (their `messages` protocol)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from bot.texts.ambassadors import APPLICANT_STAGES, STEP_NAMES, count, day

# Re-exported: the services reach these through this module (see the docstring).
from bot.texts.ambassadors import WELCOME_NO_CHANNEL as WELCOME_NO_CHANNEL
from bot.texts.ambassadors import admin_no_channel as admin_no_channel
from bot.texts.ambassadors import drive_ended as drive_ended
from bot.texts.ambassadors import invite_failed as invite_failed
from bot.texts.ambassadors import welcome as welcome
from bot.texts.ambassadors import welcome_channel as welcome_channel

if TYPE_CHECKING:
    from bot.services.ambassadors.applications import FormProblem

# Applying -------------------------------------------------------------------------------------------------------------
DRIVE_CLOSED = (
    "Applications to be a standards ambassador are closed just now. The standards team announces each "
    "recruitment drive; while one is open you can apply with `/ambassador apply`."
)
ALREADY_AMBASSADOR = "You are already a standards ambassador, so there is no need to apply. Thank you!"
FORM_FAILED = "Sorry, the form could not be opened just now. Please try `/ambassador apply` again."


def already_applied(stage: str) -> str:
    answer = f"You have already applied to be a standards ambassador: your application is {APPLICANT_STAGES[stage]}."
    return answer + (" You are welcome to apply again in the next recruitment drive." if stage == "declined" else "")


FORM_TITLE = "Become an ambassador"
FORM_SUBMIT = "Apply"
FORM_CLOSE = "Cancel"


def form_intro(closes: date) -> str:
    return (
        "Standards ambassadors are volunteers who help colleagues with the ethical side of the job. Your line "
        "manager and your standards manager each approve your application, then the standards team confirms it. "
        f"This recruitment drive takes applications until the end of *{day(closes)}*."
    )


DEPARTMENT_LABEL = "Department or area"
DEPARTMENT_OTHER_OPTION = "Other / not listed"
DEPARTMENT_OTHER_LABEL = "If not listed: your department or area"
DEPARTMENT_OTHER_HINT = "Only needed if you chose “Other / not listed” above."
ROLE_LABEL = "Role or rank"
ROLE_HINT = "For example: PC, Sergeant, Custody Detention Officer."
LINE_MANAGER_LABEL = "Line manager"
LINE_MANAGER_HINT = "They will be asked to approve your application."
STANDARDS_MANAGER_LABEL = "Standards manager"
STANDARDS_MANAGER_HINT = (
    "A senior leader in your area or department who is the professional standards department's contact there. "
    "As an ambassador you would meet them each month."
)
STATEMENT_LABEL = "Your statement"


def statement_hint(minimum: int) -> str:
    hint = "Why you would like to be a standards ambassador, and what you would bring"
    return f"{hint}: at least {count(minimum, 'word')}." if minimum else f"{hint}."


ERROR_DEPARTMENT = "Please choose or type your department or area."
ERROR_DEPARTMENT_OTHER = "Please type your department or area, as it is not in the list."
ERROR_ROLE = "Please give your role or rank."
ERROR_MANAGER = "Please choose your {step}."
ERROR_SELF_MANAGER = "You cannot approve your own application: please choose someone else."
ERROR_SAME_MANAGER = "Your standards manager must be someone other than your line manager."
ERROR_DRIVE_CLOSED = (
    "Sorry, the recruitment drive closed while you were writing, so this was not sent. "
    "You can copy your statement and use it in the next drive."
)
ERROR_ALREADY_APPLIED = "You have already applied to be a standards ambassador, so this was not sent again."
ERROR_AMBASSADOR = "You are already a standards ambassador, so there is no need to apply."
ERROR_UNAVAILABLE = "Sorry, your application could not be saved just now. Your text is still here: please try again."


def form_problems(problems: Mapping[str, FormProblem]) -> dict[str, str]:
    """What is wrong with each input of the application form, in words for the applicant."""
    return {block_id: form_problem(problem) for block_id, problem in problems.items()}


def form_problem(problem: FormProblem) -> str:
    if problem.code == "too_long":
        return too_long(problem.limit)
    if problem.code == "too_short":
        return statement_too_short(problem.words, problem.limit)
    if problem.code == "no_manager":
        return ERROR_MANAGER.format(step=STEP_NAMES[problem.step])
    plain = {"no_department": ERROR_DEPARTMENT, "no_department_other": ERROR_DEPARTMENT_OTHER, "no_role": ERROR_ROLE,
             "self_manager": ERROR_SELF_MANAGER, "same_manager": ERROR_SAME_MANAGER}  # fmt: skip
    return plain[problem.code]


def too_long(limit: int) -> str:
    return f"Please keep this to {limit:,} characters."


def statement_too_short(words: int, minimum: int) -> str:
    return f"{count(words, 'word')}; at least {minimum:,} are needed."


SENT_TITLE = "Application sent"
SENT_CLOSE = "Done"


def sent(line_manager: str, standards_manager: str) -> str:
    return (
        f"Thank you. Your application has gone to your line manager <@{line_manager}> and your standards "
        f"manager <@{standards_manager}> for approval. The bot will tell you privately at each step."
    )


def sent_words(words: int) -> str:
    return f"Your statement: {count(words, 'word')}."


def applicant_sent(line_manager: str, standards_manager: str) -> str:
    return (
        f"Your application to be a standards ambassador has gone to your line manager <@{line_manager}> and your "
        f"standards manager <@{standards_manager}>. You will hear here at each step."
    )


# Asking for a decision ------------------------------------------------------------------------------------------------
APPROVE = "Approve"
CONFIRM = "Confirm"
DECLINE = "Decline"


def request_headline(applicant: str, step: str) -> str:
    return (
        f"*<@{applicant}> would like to be a standards ambassador* and has named you as their "
        f"{STEP_NAMES[step]}. Do you support their application?"
    )


def request_on_behalf(applicant: str, step: str, approver: str, error: str) -> str:
    return (
        f":warning: *<@{approver}>, named as <@{applicant}>'s {STEP_NAMES[step]}, cannot be reached in Slack* "
        f"(`{error}`): they may have left. Their approval of this ambassador application is needed; any of the "
        "standards team can decide in their place."
    )


def request_left(applicant: str, step: str, approver: str) -> str:
    return (
        f":warning: *<@{approver}>, named as <@{applicant}>'s {STEP_NAMES[step]}, has left Slack* (their account is "
        "deactivated). Their approval of this ambassador application is needed; any of the standards team can "
        "decide in their place."
    )


def request_overdue(applicant: str, step: str, approver: str) -> str:
    return (
        f":hourglass: *<@{approver}>, <@{applicant}>'s {STEP_NAMES[step]}, has not decided on this ambassador "
        f"application in 14 days.* Any of the standards team can decide in their place, though <@{approver}> "
        "can still decide until someone does."
    )


def reminder_headline(applicant: str, step: str, asked_on: date) -> str:
    return (
        f":bell: *Reminder: <@{applicant}> is still waiting for your decision* on their application to be a "
        f"standards ambassador, which you were asked about on {day(asked_on)} as their {STEP_NAMES[step]}. "
        "Do you support it?"
    )


def request_confirm(applicant: str, line_manager: str, standards_manager: str) -> str:
    return (
        f"*Both managers approved <@{applicant}>'s application* to be a standards ambassador (line manager "
        f"<@{line_manager}>, standards manager <@{standards_manager}>). Confirm to welcome them to the scheme, "
        "or decline with a reason."
    )


def request_fallback(applicant: str) -> str:
    return f"<@{applicant}> has applied to be a standards ambassador: a decision is needed."


def request_details(department: str, role: str) -> str:
    """`department` and `role` come escaped."""
    return f"*Department or area:* {department}\n*Role or rank:* {role}"


def statement_heading(words: int) -> str:
    return f"*Their statement* ({count(words, 'word')}):"


def request_cause(applicant: str) -> str:
    return f"Sent by Standards Bot because <@{applicant}> applied with `/ambassador apply`."


# After a decision -----------------------------------------------------------------------------------------------------
def decided(decision: str, step: str, actor: str, approver: str | None, applicant: str, when: date) -> str:
    """What a request DM says once the step is decided, whoever reads it."""
    on_behalf = f" for <@{approver}>" if approver and approver != actor else ""
    if decision == "declined":
        return f":x: *Declined* by <@{actor}>{on_behalf} on {day(when)}: <@{applicant}>'s ambassador application."
    done = ":white_check_mark:"
    if step == "admin":
        return f"{done} *Confirmed* by <@{actor}> on {day(when)}: <@{applicant}> is now a standards ambassador."
    return f"{done} *Approved* by <@{actor}>{on_behalf} on {day(when)}: <@{applicant}>'s ambassador application."


def no_longer_needed(applicant: str) -> str:
    return f"No decision is needed from you any more: <@{applicant}>'s ambassador application has been closed."


def superseded(applicant: str) -> str:
    return (
        f"No decision is needed from you any more: <@{applicant}> has applied again in a new recruitment drive, "
        "and that application replaces this one."
    )


SUPERSEDED_REASON = "superseded by a new application"  # kept on the application that was replaced


def already(decision: str, step: str, decided_by: str, actor: str, when: date) -> str:
    verb = "confirmed" if step == "admin" and decision == "approved" else decision
    if decided_by == actor:
        return f"You already {verb} this on {day(when)}."
    return f"This was already {verb} by <@{decided_by}> on {day(when)}."


NOT_YOURS = "Only the person asked to approve this step can decide it."
APPLICATION_CLOSED = "No decision is needed any more: this application has been closed."
APPLICATION_GONE = "That application no longer exists."

DECLINE_TITLE = "Decline application"
DECLINE_REASON_LABEL = "Reason"
DECLINE_REASON_HINT = "Sent to the applicant as you write it."
DECLINE_DONE_TITLE = "Declined"
DECLINE_CLOSE = "Cancel"
ERROR_REASON = "Please give a reason: it is sent to the applicant."
NOTICE_TITLE = "Ambassador application"
NOTICE_CLOSE = "Close"


def decline_intro(applicant: str) -> str:
    return f"<@{applicant}> will get your reason in a private message from the bot. Please be kind and specific."


def decline_done(applicant: str) -> str:
    return f"Declined. <@{applicant}> has been told, with your reason."


# What the applicant is told -------------------------------------------------------------------------------------------
def applicant_approved_by_one(
    step: str, approver: str, waiting_step: str, waiting_for: str, *, by_team: bool = False
) -> str:
    who = f"Your {STEP_NAMES[step]} <@{approver}>"
    if by_team:
        who = f"The standards team, in place of your {STEP_NAMES[step]} <@{approver}>,"
    return (
        f"{who} has approved your application to be a standards ambassador. "
        f"It is now waiting for your {STEP_NAMES[waiting_step]} <@{waiting_for}>."
    )


APPLICANT_BOTH_APPROVED = (
    "Both your managers have approved your application to be a standards ambassador. "
    "The standards team will confirm it shortly."
)
NO_TEAM_YET = (
    "No one in the standards team is set up to confirm applications yet, so it cannot go further for now. "
    "Please let them know."
)
APPLICANT_BOTH_APPROVED_NO_TEAM = (
    "Both your managers have approved your application to be a standards ambassador, and it now needs the "
    f"standards team to confirm it. {NO_TEAM_YET}"
)


def applicant_declined(step: str, approver: str | None) -> str:
    who = "the standards team" if step == "admin" or approver is None else f"your {STEP_NAMES[step]} <@{approver}>"
    return (
        f"Your application to be a standards ambassador has not been taken forward this time. "
        f"It was declined by {who}, who gave this reason:"
    )


APPLICANT_DECLINED_AFTER = "Thank you for applying. You are welcome to apply again in a future recruitment drive."


# Why a manager's step passed to the standards team.
_HANDED_OVER = {
    "unreachable": "cannot be reached in Slack",
    "left": "has left Slack",
    "overdue": "has not decided in 14 days",
}


def applicant_with_team(step: str, approver: str, why: str = "unreachable") -> str:
    return (
        f"Your {STEP_NAMES[step]} <@{approver}> {_HANDED_OVER[why]}, so your ambassador application is now "
        "with the standards team, who will decide in their place. There is nothing you need to do."
    )


def applicant_no_team(step: str, approver: str, why: str = "unreachable") -> str:
    return (
        f"Your {STEP_NAMES[step]} <@{approver}> {_HANDED_OVER[why]}, so your ambassador application now needs "
        f"the standards team to decide in their place. {NO_TEAM_YET}"
    )


def applicant_still_waiting(step: str, approver: str, days_left: int) -> str:
    return (
        f"Your ambassador application is still waiting for your {STEP_NAMES[step]} <@{approver}>, so the bot has "
        f"reminded them. If they have not decided within {count(days_left, 'more day')}, the standards team will "
        "decide in their place. There is nothing you need to do."
    )
