"""Words for /cpd: events, answers and places, reminders, attendance, feedback and each person's record."""

from __future__ import annotations

from bot.services.cpd.events import FIELD_LIMITS, FormProblem
from bot.services.cpd.rsvps import Answered
from bot.texts.common import escape, escape_code

HELP = (
    "*`/cpd`* shows continuing professional development events on professional standards.\n"
    "• `/cpd` upcoming events, with buttons to answer\n"
    "• `/cpd record` the events you attended this year, against the target of six\n"
    "• `/cpd suggest <topic>` (ambassadors) suggest a topic for a CPD event\n"
    "• `/cpd help` this help\n"
    "\n*For the standards team*\n"
    "• `/cpd new` a form for a new event, announced in the ambassadors channel\n"
    "• `/cpd edit <event>` change an event; a new time or place is sent to everyone who answered\n"
    "• `/cpd cancel <event>` cancel it and tell everyone who answered\n"
    "• `/cpd attendance [event]` tick who attended (without an event: the recent ones)\n"
    "• `/cpd feedback <event>` the anonymous ratings and comments, once five people have answered\n"
    "• `/cpd record @person` someone's record\n"
    "• `/cpd export <event>` who answered and who attended, as a CSV file in your direct messages\n"
    "• `/cpd suggestions` the topics ambassadors have suggested, with how many asked for each\n"
    "Events are numbered: `/cpd attendance 12` or `/cpd attendance #12`."
)

ANSWERS = {"going": "Going", "maybe": "Maybe", "cant": "Can't go"}
GOING_BUTTON, MAYBE_BUTTON, CANT_BUTTON = "Going", "Maybe", "Can't go"
CHECK_IN_BUTTON = "Check in"
FEEDBACK_BUTTON = "Give feedback"
OTHER_TOPIC = "Other"

# The form -------------------------------------------------------------------------------------------------------------
FORM_TITLE_NEW, FORM_TITLE_EDIT = "New CPD event", "Change the event"
FORM_SUBMIT_NEW, FORM_SUBMIT_EDIT, FORM_CLOSE = "Announce", "Save", "Cancel"
DONE = "Done"
TITLE_LABEL, TOPIC_LABEL, DATE_LABEL, TIME_LABEL = "Title", "Topic", "Date", "Start time"
DURATION_LABEL, PLACE_LABEL, CAPACITY_LABEL = "Length in minutes", "Place or online link", "Places"
SPEAKER_LABEL, DESCRIPTION_LABEL = "Speaker (optional)", "What it is about (optional)"
PLACE_HINT = "A room and building, or the link to join online."
CAPACITY_HINT = "Leave it blank for no limit. When the places are taken, people join a waiting list in order."
EDIT_NOTE = (
    "A new time or place is sent to everyone who has answered, with an updated calendar file. "
    "Fewer places than people going keeps everyone who already has one."
)

ERROR_REQUIRED = "Please fill this in."
ERROR_TOO_LONG = "Please keep this to {limit:,} characters."
ERROR_PAST = "This is in the past. Choose a date and time that are still to come."
ERROR_DURATION = "Give the length in whole minutes, between 5 and 720."
ERROR_CAPACITY_NEGATIVE = "Places cannot be below zero. Leave it blank for no limit."
ERROR_CAPACITY_ZERO = "With no places nobody could come. Give a number, or leave it blank for no limit."
ERROR_CAPACITY_NUMBER = "Give the number of places as a whole number, or leave it blank for no limit."
ERROR_GONE = "This event no longer exists."
ERROR_CAPACITY_TOO_MANY = "Give no more than 10,000 places, or leave it blank for no limit."
ERROR_NO_SUCH_TIME = "That time does not exist on that day: the clocks go forward. Choose another time."
ERROR_CANCELLED = "This event was cancelled, so it cannot be changed."
_FORM_PROBLEMS: dict[FormProblem, str] = {
    "required": ERROR_REQUIRED, "past": ERROR_PAST, "duration": ERROR_DURATION, "no_such_time": ERROR_NO_SUCH_TIME,
    "capacity_number": ERROR_CAPACITY_NUMBER, "capacity_negative": ERROR_CAPACITY_NEGATIVE,
    "capacity_zero": ERROR_CAPACITY_ZERO, "capacity_too_many": ERROR_CAPACITY_TOO_MANY,
}  # fmt: skip


def form_problem(field: str, problem: FormProblem) -> str:
    """What is wrong with a field of the event form, in words for the modal."""
    if problem == "too_long":
        return ERROR_TOO_LONG.format(limit=FIELD_LIMITS[field])
    return _FORM_PROBLEMS[problem]


def time_in_zone(timezone: str) -> str:
    return f"Times are in the organisation's time zone ({timezone})."


def created(event_id: int, channel: str | None) -> str:
    where = f"announced in <#{channel}>" if channel else "not announced, because no ambassadors channel is set"
    return f"Event *#{event_id}* is saved and {where}. People can also answer through `/cpd`."


def updated(event_id: int, told: int) -> str:
    if told:
        return f"Event *#{event_id}* is changed. The new time or place has been sent to {told} people who answered."
    return f"Event *#{event_id}* is changed."


# The announcement -----------------------------------------------------------------------------------------------------
WHEN, WHERE, TOPIC, SPEAKER, PLACES = "When", "Where", "Topic", "Speaker", "Places"
NO_LIMIT = "No limit"
JOIN_ONLINE = "Join online"
STATE_OPEN = "Answer with the buttons; you get a private confirmation and a calendar file."
STATE_STARTED = "Under way: if you are there, check in with the button."
STATE_FINISHED = "This event has finished. Thank you to everyone who came."
STATE_CANCELLED = ":no_entry: *This event has been cancelled.* Everyone who answered has been told."


def caused_by(event_id: int, admin: str) -> str:
    return f"Event #{event_id} · posted with `/cpd new` by <@{admin}>"


def places_line(capacity: int | None, going: int) -> str:
    return f"{going} of {capacity} taken" if capacity else f"{going} going, {NO_LIMIT.lower()}"


def counts_line(going: int, waiting: int, maybe: int, cant: int) -> str:
    return f"*Going* {going} · *Waiting list* {waiting} · *Maybe* {maybe} · *Can't go* {cant}"


def when(unix: int, fallback: str, minutes: int) -> str:
    return f"<!date^{unix}^{{date_long_pretty}} at {{time}}|{fallback}> ({minutes} minutes)"


def announcement_fallback(title: str) -> str:
    return f"CPD event: {escape(title)}. Answer Going, Maybe or Can't go."


# Answers --------------------------------------------------------------------------------------------------------------
GONE = "That event no longer exists."
CANCELLED = "That event has been cancelled, so answers are closed. Everyone who answered has been told."
PAST = "That event has already started, so answers are closed."


def answered_going(title: str, taken: int, capacity: int | None) -> str:
    places = f" ({taken} of {capacity} places taken)" if capacity else ""
    return f":white_check_mark: You have a place at *{title}*{places}."


def answered_waiting(title: str, position: int) -> str:
    return (
        f":hourglass: *{title}* is full, so you are number {position} on the waiting list. "
        "If a place comes up it is yours, and the bot will tell you."
    )


def answered_maybe(title: str) -> str:
    return f"You have answered *Maybe* to *{title}*. You will get the reminders; change your answer at any time."


def answered_cant(title: str) -> str:
    return f"You have answered *Can't go* to *{title}*. Thank you for letting us know."


def unchanged(answer_text: str) -> str:
    return f"That was already your answer. {answer_text}"


CALENDAR_NOTE = "A calendar file is in your direct messages with Standards Bot."
CALENDAR_FILE_TITLE = "Add to your calendar"


def calendar_comment(title: str, when_text: str) -> str:
    return f"Your place at *{title}*, {when_text}. Open the file to add it to your calendar."


def calendar_removed(title: str) -> str:
    return f"You can't go to *{title}*: the attached file takes it out of your calendar."


def promoted(title: str, when_text: str) -> str:
    return f":tada: A place has come up at *{title}* ({when_text}) and it is yours. You are now going."


# Changes and cancellation ---------------------------------------------------------------------------------------------
def changed(title: str, when_text: str, place: str) -> str:
    return f":warning: *{title}* has changed. It is now {when_text}, at {place}. Your answer stands."


def cancelled(title: str, when_text: str) -> str:
    return f":no_entry: *{title}* ({when_text}) has been cancelled. Sorry for any inconvenience."


CANCEL_CALENDAR_NOTE = "The attached file removes it from your calendar."
CANCEL_BUTTON = "Cancel the event"
CONFIRM_TITLE, CONFIRM_YES, CONFIRM_NO = "Cancel this event?", "Yes, cancel it", "Keep it"
CONFIRM_TEXT = "Everyone who answered is told at once. This cannot be undone."


def cancel_prompt(event_id: int, title: str, when_text: str, answered: int) -> str:
    return f"Cancel event *#{event_id}*, *{title}* ({when_text})? The {answered} people who answered will be told."


ALREADY_CANCELLED = "That event was already cancelled."


def cancelled_done(event_id: int, told: int) -> str:
    return f"Event *#{event_id}* is cancelled and {told} people who answered have been told."


# Reminders ------------------------------------------------------------------------------------------------------------
def reminder(title: str, when_text: str, place: str, days: int) -> str:
    soon = "tomorrow" if days == 1 else f"in {days} days"
    return f":calendar: Reminder: *{title}* is {soon}, {when_text}, at {place}."


def reminder_waiting(position: int) -> str:
    return f"You are number {position} on the waiting list; the bot tells you if a place comes up."


REMINDER_MAYBE = "You answered Maybe: please answer Going or Can't go with `/cpd`, so the place can go to someone else."

# Check-in and attendance ----------------------------------------------------------------------------------------------
CHECKED_IN = ":white_check_mark: You are checked in. Enjoy the session."
ALREADY_CHECKED_IN = "You are already checked in."
CHECK_IN_TOO_EARLY = "Check-in opens 15 minutes before the start."
CHECK_IN_TOO_LATE = "This event has finished. Ask the standards team to mark your attendance if you were there."
ATTENDANCE_TITLE, ATTENDANCE_SUBMIT = "Attendance", "Save"
ATTENDANCE_NONE = "Nobody has answered this event yet, and nobody has checked in."
ATTENDANCE_INTRO = "Tick everyone who attended. People who checked in are ticked already."
ATTENDANCE_MORE = "Only the first {shown} answers fit in this form; the rest are unchanged."
RECENT_EVENTS = "*Recent and upcoming events*: use `/cpd attendance <number>`"
NO_EVENTS_YET = "There are no events yet. Create one with `/cpd new`."


def attendance_saved(event_id: int, attended: int, asked: int) -> str:
    feedback = f" {asked} were asked for anonymous feedback." if asked else ""
    return f"Attendance for event *#{event_id}* is saved: {attended} attended.{feedback}"


def unknown_event(text: str) -> str:
    return f"There is no event `{escape_code(text)}`. Use the event's number, such as `/cpd attendance 12`."


NEEDS_EVENT = "Which event? Give its number, such as `/cpd edit 12`. `/cpd` lists them."

# Feedback -------------------------------------------------------------------------------------------------------------
FEEDBACK_TITLE, FEEDBACK_SUBMIT = "Feedback", "Send anonymously"
RATING_LABEL, COMMENT_LABEL = "How useful was it?", "Anything to add? (optional)"
RATINGS = {1: "1 - not useful", 2: "2", 3: "3", 4: "4", 5: "5 - very useful"}
FEEDBACK_PRIVACY = (
    "Your rating and comment are kept without your name or Slack ID. That you have answered is kept apart, "
    "under a pseudonym, so that you are asked once; it can no longer be linked to you once feedback closes."
)
FEEDBACK_THANKS = "Thank you. Your feedback has been saved anonymously."
FEEDBACK_ALREADY = "You have already given feedback on this event. Thank you."
FEEDBACK_NOT_ATTENDED = "Feedback is asked of the people who attended this event."


FEEDBACK_CLOSED = "Feedback on this event has closed. Thank you all the same."
COMMENTS = "*Comments*, in no particular order:"
NO_COMMENTS = "No comments."


def feedback_heading(event_id: int, title: str) -> str:
    return f"Feedback on event *#{event_id}*, *{title}*"


def feedback_too_few(responses: int, minimum: int) -> str:
    return (
        f"{responses} of the people who attended have answered. Ratings and comments are shown once {minimum} "
        f"have, so that no one's answer can be picked out."
    )


def feedback_average(average: float, responses: int) -> str:
    return f"*{average:.1f}* out of 5 on average, from {responses} answers."


def rating_line(rating: int, count: int, width: int) -> str:
    return f"`{rating}` {'█' * width}{'░' * (10 - width)} {count}"


def feedback_request(title: str) -> str:
    return f"Thank you for coming to *{title}*. Would you give one minute of anonymous feedback?"


# Listing and records --------------------------------------------------------------------------------------------------
UPCOMING_TITLE = "Upcoming CPD events"
NO_UPCOMING = "There are no CPD events coming up. The standards team announces them in the ambassadors channel."


def your_answer(answer: str | None, position: int | None) -> str:
    if answer is None:
        return "You have not answered yet."
    if answer == "waiting":
        return f"You are number {position} on the waiting list."
    return f"Your answer: *{ANSWERS.get(answer, answer)}*."


def record_title(whose: str | None, year: int) -> str:
    return f"CPD record of <@{whose}> for {year}" if whose else f"Your CPD record for {year}"


def record_summary(attended: int, target: int) -> str:
    left = target - attended
    if left <= 0:
        return f"*{attended}* events attended: the target of {target} a year is met. Thank you."
    return f"*{attended}* of the {target} events a year attended; {left} to go."


RECORD_NONE = "No events attended yet this year."


def confirmation(outcome: Answered) -> str:
    """The private answer to a click, with the person's place."""
    title = escape(outcome.title)
    if outcome.answer == "going":
        text = answered_going(title, outcome.taken, outcome.capacity)
    elif outcome.answer == "waiting":
        text = answered_waiting(title, outcome.position or 0)
    elif outcome.answer == "maybe":
        text = answered_maybe(title)
    else:
        text = answered_cant(title)
    if outcome.status == "unchanged":
        return unchanged(text)
    return f"{text} {CALENDAR_NOTE}" if outcome.calendar_sent else text
