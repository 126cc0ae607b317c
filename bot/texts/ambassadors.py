"""Words for /ambassador: applying, approvals, the welcome, reminders, the roster, coverage and the Home tab."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.services.ambassadors.applications import FormProblem

HELP = (
    "*`/ambassador`* is for the standards ambassador programme.\n"
    "• `/ambassador` or `/ambassador apply` apply to be an ambassador while a recruitment drive is open\n"
    "• `/ambassador help` this help\n"
    "• A manager who has not decided is reminded after 7 days; after 14 days, or straight away if they have left "
    "Slack, the standards team can decide in their place\n"
    "*For the standards team:*\n"
    "• `/ambassador drive open <YYYY-MM-DD>` take applications from today until that day; "
    "`drive close` stops them now; `drive` shows the drive\n"
    "• `/ambassador list` the roster: ambassadors, applicants and those who have left\n"
    "• `/ambassador coverage` ambassadors per department against its headcount, thinnest first\n"
    "• `/ambassador headcount <department> <number>` set a department's headcount (0 removes it); "
    "`headcount` lists them\n"
    "• `/ambassador inducted @person` record an induction; `/ambassador left @person` record that someone "
    "has left the scheme"
)

STEP_NAMES = {"line_manager": "line manager", "standards_manager": "standards manager", "admin": "standards team"}


def day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def count(number: int, thing: str, things: str | None = None) -> str:
    return f"{number:,} {thing if number == 1 else (things or thing + 's')}"


# Applying -------------------------------------------------------------------------------------------------------------
DRIVE_CLOSED = (
    "Applications to be a standards ambassador are closed just now. The standards team announces each "
    "recruitment drive; while one is open you can apply with `/ambassador apply`."
)
ALREADY_AMBASSADOR = "You are already a standards ambassador, so there is no need to apply. Thank you!"
FORM_FAILED = "Sorry, the form could not be opened just now. Please try `/ambassador apply` again."

# What an applicant is told of their application, by its stage.
APPLICANT_STAGES = {
    "both_managers": "waiting for your line manager and your standards manager to approve it",
    "line_manager": "waiting for your line manager to approve it",
    "standards_manager": "waiting for your standards manager to approve it",
    "standards_team": "with the standards team, who will decide in place of a manager",
    "confirming": "approved by both your managers and waiting for the standards team to confirm it",
    "confirmed": "confirmed",
    "declined": "declined",
}
# The same stages as the standards team sees them in the roster.
ROSTER_STAGES = {
    "both_managers": "waiting for both managers",
    "line_manager": "waiting for the line manager",
    "standards_manager": "waiting for the standards manager",
    "standards_team": "with the standards team in place of a manager",
    "confirming": "waiting for the standards team to confirm",
    "confirmed": "confirmed",
    "declined": "declined",
}


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


def too_long(limit: int) -> str:
    return f"Please keep this to {limit:,} characters."


def statement_too_short(words: int, minimum: int) -> str:
    return f"{count(words, 'word')}; at least {minimum:,} are needed."


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


# The welcome ----------------------------------------------------------------------------------------------------------
def welcome(user: str, manager: str, induction_due: date, target: int) -> str:
    return (
        f":tada: *Welcome to the standards ambassadors, <@{user}>!* The standards team has confirmed your "
        "application.\n*What happens next:*\n"
        f"• *Induction:* the standards team will arrange it with you, by {day(induction_due)}.\n"
        f"• *Monthly meetings:* you meet your standards manager <@{manager}> once a month; the bot reminds you "
        "both on the first Monday of each month.\n"
        f"• *CPD:* aim for at least {target} CPD events a year. `/cpd` shows what is coming up and lets you book."
    )


def welcome_channel(channel: str) -> str:
    return f"You are being added to <#{channel}>, where ambassadors talk and CPD events are announced."


WELCOME_NO_CHANNEL = "The standards team will add you to the ambassadors' channel."


def admin_no_channel(user: str) -> str:
    return (
        f"<@{user}> is now a standards ambassador. No ambassadors channel is set "
        "(`STANDARDS_BOT_AMBASSADORS_CHANNEL`), so please add them to it yourselves."
    )


def invite_failed(user: str, channel: str, error: str) -> str:
    return (
        f":warning: <@{user}>, a new standards ambassador, could not be added to <#{channel}> (`{error}`). "
        "Please add them yourselves; if the bot is not in that channel, invite it first with `/invite @Standards Bot`."
    )


# Monthly meetings -----------------------------------------------------------------------------------------------------
MONTHLY_FALLBACK = "This month's standards ambassador meetings"
MONTHLY_CAUSE = "_Sent on the first Monday of each month for the standards ambassador scheme._"


def monthly_manager(lines: list[str]) -> str:
    listed = "\n".join(lines)
    return f":calendar: *This month's ambassador meetings.* Please meet each ambassador you support:\n{listed}"


def monthly_manager_line(user: str, department: str, attended: int, target: int) -> str:
    """`department` comes escaped."""
    return f"• <@{user}> · {department} · CPD this year {attended}/{target}"


def monthly_ambassador(manager: str, attended: int, target: int) -> str:
    return (
        f":calendar: *Time for this month's meeting* with your standards manager <@{manager}>: please arrange it "
        f"if you have not already. CPD this year: {attended} of {target} events."
    )


# Drives ---------------------------------------------------------------------------------------------------------------
DRIVE_NEEDS_DATE = "Give the last day for applications as a date, for example `/ambassador drive open 2027-03-31`."
DRIVE_PAST = "That day has passed. Give today or a later day, as YYYY-MM-DD."
DRIVE_NONE_OPEN = "No recruitment drive is open."


def drive_opened(closes: date) -> str:
    return (
        f"Applications are open until the end of *{day(closes)}*. People apply with `/ambassador apply`; "
        "the bot closes the drive at midnight and tells you how many applied."
    )


def drive_already_open(opens: date, closes: date) -> str:
    return (
        f"A recruitment drive is already open ({day(opens)} to {day(closes)}). "
        "Close it first with `/ambassador drive close`."
    )


def drive_closed(applications: int) -> str:
    return (
        f"The recruitment drive is closed: {count(applications, 'application')}. "
        "Applications in progress carry on as usual."
    )


def drive_status(opens: date, closes: date, applications: int) -> str:
    return (
        f"A recruitment drive is open from {day(opens)} to {day(closes)}: {count(applications, 'application')} so far."
    )


def drive_last(opens: date, closes: date, applications: int) -> str:
    return (
        f"No recruitment drive is open. The last one ran from {day(opens)} to {day(closes)} "
        f"({count(applications, 'application')}). Open one with `/ambassador drive open <YYYY-MM-DD>`."
    )


DRIVE_NEVER = "No recruitment drive has been opened yet. Open one with `/ambassador drive open <YYYY-MM-DD>`."


def drive_ended(opens: date, closes: date, applications: int) -> str:
    return (
        f"The ambassador recruitment drive ({day(opens)} to {day(closes)}) has closed: "
        f"{count(applications, 'application')}. Applications in progress carry on as usual; `/ambassador list` "
        "shows where each one is."
    )


# The roster -----------------------------------------------------------------------------------------------------------
ROSTER_TITLE = "Standards ambassadors"
ROSTER_EMPTY = "There are no ambassadors or applications yet."


def roster_fallback(active: int, applying: int, left: int) -> str:
    return f"Standards ambassadors: {active} active, {applying} applying, {left} left."


def roster_group(name: str, size: int) -> str:
    return f"*{name} ({size})*"


ROSTER_ACTIVE = "Active"
ROSTER_APPLYING = "Applying"
ROSTER_LEFT = "Left"


def roster_more(hidden: int) -> str:
    return f"…and {count(hidden, 'more person', 'more people')} not shown here."


def induction(done: date | None, due: date, today: date) -> str:
    if done is not None:
        return f"inducted {day(done)}"
    if due < today:
        return f"*induction overdue* (due {day(due)})"
    return f"induction due {day(due)}"


def active_line(user: str, department: str, role: str, joined: date, induction_text: str, cpd: str) -> str:
    """`department` and `role` come escaped."""
    return f"• <@{user}> · {department} · {role} · joined {day(joined)} · {induction_text} · CPD {cpd}"


def applicant_line(user: str, department: str, role: str, applied: date, stage: str) -> str:
    return f"• <@{user}> · {department} · {role} · applied {day(applied)} · {ROSTER_STAGES[stage]}"


def left_line(user: str, department: str, role: str, joined: date, left: date | None) -> str:
    ended = f" · left {day(left)}" if left else ""
    return f"• <@{user}> · {department} · {role} · joined {day(joined)}{ended}"


# Coverage and headcounts ----------------------------------------------------------------------------------------------
COVERAGE_TITLE = "Ambassador coverage"
COVERAGE_INTRO = "Active ambassadors per department against its headcount, the thinnest first."
COVERAGE_EMPTY = (
    "No headcounts have been entered and no one is an ambassador yet. "
    "Add headcounts with `/ambassador headcount <department> <number>`."
)


def coverage_line(name: str, ambassadors: int, headcount: int | None) -> str:
    """`name` comes escaped."""
    if headcount is None:
        return f"• *{name}*: {count(ambassadors, 'ambassador')} (headcount not set)"
    per_hundred = 100 * ambassadors / headcount if headcount else 0.0
    return f"• *{name}*: {count(ambassadors, 'ambassador')} for {headcount:,} staff ({per_hundred:.2f} per 100 staff)"


HEADCOUNT_HELP = (
    "Give the department and then the number, for example `/ambassador headcount Response Policing 1200`. "
    "A number of 0 removes the department."
)
HEADCOUNT_NONE = "No headcounts yet. Add one with `/ambassador headcount <department> <number>`."
HEADCOUNT_TITLE = "*Department headcounts*"


def headcount_set(name: str, headcount: int) -> str:
    return f"The headcount of *{name}* is now {headcount:,}."


def headcount_removed(name: str) -> str:
    return f"*{name}* has been removed from the headcounts."


def headcount_unknown(name: str) -> str:
    return f"There is no headcount for *{name}* to remove."


def headcount_line(name: str, headcount: int) -> str:
    return f"• {name}: {headcount:,}"


# Inductions and leaving -----------------------------------------------------------------------------------------------
def needs_person(verb: str) -> str:
    return f"Name the person with an @-mention, for example `/ambassador {verb} @name`."


def not_ambassador(user: str) -> str:
    return f"<@{user}> is not an active standards ambassador."


def inducted(user: str, when: date) -> str:
    return f"Recorded: <@{user}> was inducted on {day(when)}."


def already_inducted(user: str, when: date) -> str:
    return f"<@{user}> was already recorded as inducted on {day(when)}."


def left(user: str, when: date) -> str:
    return f"Recorded: <@{user}> left the ambassador scheme on {day(when)}. Their monthly reminders stop."


# Home tab -------------------------------------------------------------------------------------------------------------
HOME_TITLE = "Standards ambassadors"
HOME_APPLY_BUTTON = "Apply to be an ambassador"


def home_ambassador(joined: date, manager: str, induction_text: str, attended: int, target: int) -> str:
    return (
        f"You have been a standards ambassador since {day(joined)}. Your standards manager is <@{manager}>; "
        f"{induction_text}.\n*CPD this year:* {attended} of {target} events. `/cpd` shows what is coming up."
    )


def home_applying(stage: str) -> str:
    return f"Your application to be a standards ambassador is {APPLICANT_STAGES[stage]}."


def home_open(closes: date) -> str:
    return (
        "Standards ambassadors help colleagues with the ethical side of the job. "
        f"Applications are open until the end of {day(closes)}."
    )
