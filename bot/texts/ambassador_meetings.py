"""Words for the monthly meetings as standards managers record them: the reminder's buttons, the small form for
the topics discussed, what a manager is told after a click, and the tallies on the roster and the Home tab."""

from __future__ import annotations

MET_BUTTON = "We met"
MISSED_BUTTON = "Not this month"
MANAGER_INTRO = (
    ":calendar: *This month's ambassador meetings.* Please meet each ambassador you support, then record it "
    "with the buttons: *We met* (with a note of the local trends you discussed, if you like) or *Not this month*. "
    "You can change your answer later."
)

FORM_TITLE = "Monthly meeting"
FORM_SUBMIT = "Save the note"
FORM_CLOSE = "No note"
TOPICS_LABEL = "Topics discussed (optional)"
TOPICS_HINT = "Local trends, themes or concerns you talked about. The standards team may see this note."
ERROR_UNAVAILABLE = "The note could not be saved just now. Please try again in a minute."
ERROR_NOT_YOURS = "Only the ambassador's standards manager can record this meeting."


def manager_line(user: str, department: str, attended: int, target: int, meetings: str) -> str:
    """`department` comes escaped."""
    return f"• <@{user}> · {department} · CPD this year {attended}/{target} · {meetings}"


def form_intro(ambassador: str, month: str) -> str:
    return f"Recorded: you met <@{ambassador}> in {month}. Add a note of what you discussed, or close this form."


def recorded(status: str, ambassador: str, month: str, met: bool) -> str:
    done = f"you met <@{ambassador}> in {month}" if met else f"you did not meet <@{ambassador}> in {month}"
    if status == "changed":
        return f"Changed: {done}."
    if status == "unchanged":
        return f"Already recorded: {done}."
    return f"Recorded: {done}."


INVALID = "That reminder's buttons no longer work. Use the buttons of this month's reminder."


def not_yours(ambassador: str) -> str:
    return f"You are not recorded as <@{ambassador}>'s standards manager, so this meeting was not recorded."


def tally(met: int, months: int) -> str:
    """How many of the last months had a meeting, e.g. "met 9 of the last 12 months"."""
    if months == 1:
        return "met this month" if met else "no meeting recorded this month"
    return f"met {met} of the last {months} months"


def home_ambassador(met: int, months: int) -> str:
    return f"*Monthly meetings with your standards manager:* {tally(met, months)}."


def home_team(ambassadors: int, met_this_month: int, met: int, possible: int) -> str:
    share = f" ({round(100 * met / possible)}%)" if possible else ""
    return (
        f"*Monthly meetings:* {met_this_month} of {ambassadors} active ambassadors have met their standards manager "
        f"this month. Over the last 12 months, {met} of {possible} possible monthly meetings took place{share}. "
        "`/ambassador list` shows each ambassador."
    )
