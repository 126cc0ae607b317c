"""Words for /ambassador: the help, an application's stages, the welcome, monthly meetings, drives, the roster,
coverage and inductions. Applying and the managers' approvals are in ambassador_applications.py."""

from __future__ import annotations

from datetime import date

HELP = (
    "*`/ambassador`* is for the standards ambassador programme.\n"
    "• `/ambassador` or `/ambassador apply` apply to be an ambassador while a recruitment drive is open\n"
    "• `/ambassador help` this help\n"
    "• Standards managers record each monthly meeting with the buttons on the first Monday's reminder\n"
    "• A manager who has not decided is reminded after 7 days; after 14 days, or straight away if they have left "
    "Slack, the standards team can decide in their place\n"
    "*For the standards team:*\n"
    "• `/ambassador drive open <YYYY-MM-DD>` take applications from today until that day; "
    "`drive close` stops them now; `drive` shows the drive\n"
    "• `/ambassador list` the roster: ambassadors, applicants and those who have left, with each ambassador's "
    "monthly meetings; `/ambassador export` the roster as a CSV file in your direct messages\n"
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


# An application's stages ------------------------------------------------------------------------------------------
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


def active_line(
    user: str, department: str, role: str, joined: date, induction_text: str, cpd: str, meetings: str
) -> str:
    """`department` and `role` come escaped."""
    return f"• <@{user}> · {department} · {role} · joined {day(joined)} · {induction_text} · CPD {cpd} · {meetings}"


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
