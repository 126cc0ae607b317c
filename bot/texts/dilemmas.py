"""Words for /dilemma: the weekly post, votes, anonymous comments, the reveal and the standards team's commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.texts.common import escape_code

# Re-exported: the schedules' reminder is worded with the briefing texts.
from bot.texts.dilemma_briefings import nudge_fallback as nudge_fallback

if TYPE_CHECKING:
    from bot.services.dilemmas.schedule_spec import ScheduleProblem

HELP = (
    "*`/dilemma`* brings the weekly dilemma to your team and keeps answers anonymous.\n"
    "• `/dilemma` the dilemma open in this channel, privately\n"
    "• `/dilemma help` this help\n"
    "• `/dilemma ask` send the standards team a dilemma you met, anonymously (you get a receipt code)\n"
    "• `/dilemma ask status <receipt code>` see what became of it\n"
    "• `/dilemma brief [dilemma-id]` (ambassadors and the standards team) a briefing pack of this channel's "
    "dilemma, or the one named, with the panel's view for the end, a PDF, and a form for the show of hands\n"
    "Vote with the buttons on the post; you can change your vote until it closes. Nobody is shown who voted "
    "what, the standards team included. The bot keeps your vote and your comments under two different "
    "pseudonyms, not your Slack ID, and when voting closes it deletes the salt that links them to you and "
    "replaces them with random stand-ins; until then, someone holding both the database and the bot's secret "
    "key could make the link. Replies in the thread show your name.\n"
    "\n*For the standards team*\n"
    "• `/dilemma post [dilemma-id] [#channel]` post one now (the next unused one if no id is given)\n"
    "• `/dilemma close [#channel]` close the open one now and reveal the results\n"
    "• `/dilemma list` the bank, and what each channel has had\n"
    "• `/dilemma schedule #channel mon 09:00 [for 5d] [format on-the-panel|what-would-you-do] "
    "[tags social-media,courage] [tz Europe/London] [nudge 2d]` post weekly (set it again to change it); "
    "`nudge` adds one reminder in the post's thread that long before it closes\n"
    "• `/dilemma schedule pause|resume|remove #channel`\n"
    "• `/dilemma schedule list`\n"
    "• `/dilemma new` write a dilemma in a form, preview it, then save it as a draft, publish it, schedule it for "
    "a channel's next weekly post, or retire it\n"
    "• `/dilemma edit <id>` change one (every change is kept as a version)\n"
    "`for` takes days, hours or minutes (`5d`, `36h`, `90m`; at most 7 days). "
    "Tags are CPD topics, principles, decision-model stages or `standard-1` … `standard-10`."
)

FORMAT_NAMES = {"on-the-panel": "On the Panel", "what-would-you-do": "What would you do?"}
WEEKDAY_NAMES = {
    "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
    "fri": "Friday", "sat": "Saturday", "sun": "Sunday",
}  # fmt: skip

# The post ----------------------------------------------------------------------------------------------------
CAUSED_BY_SCHEDULE = "Posted by this channel's weekly dilemma schedule (`/dilemma schedule`)."
CAUSED_BY_COMMAND = "Posted by the standards team with `/dilemma post`."
ANONYMITY_NOTE = (
    "Votes and comments are anonymous: nobody is shown who voted or wrote what, and the bot keeps a pseudonym, "
    "not your Slack ID, which it can no longer link to you once voting closes. The results appear in the thread "
    "then. Discuss in the thread (replies there show your name)."
)
FROM_QUESTION = "This one comes from a colleague's question to the panel (`/dilemma ask`)."
COMMENT_BUTTON = "Add an anonymous comment"
PROMPTS_BUTTON = "Discussion prompts"
VOTING_CLOSED = "Voting has closed. The results and the panel's view are in the thread."


def header(fmt: str, title: str) -> str:
    return f"{FORMAT_NAMES.get(fmt, fmt)}: {title}"[:150]


def vote_button(key: str, label: str) -> str:
    return f"{key}: {label}"[:75]


def closes(unix: int, fallback: str) -> str:
    return f"Voting closes <!date^{unix}^{{date_short_pretty}} at {{time}}|{fallback}>."


def post_fallback(fmt: str, title: str) -> str:
    return f"{header(fmt, title)}. Vote anonymously on the options below, and discuss in the thread."


# Votes -------------------------------------------------------------------------------------------------------
def vote_recorded(key: str, label: str) -> str:
    return (
        f":ballot_box_with_check: Your vote for *{key}: {label}* is recorded anonymously. "
        "You can change it until voting closes."
    )


def vote_changed(key: str, label: str) -> str:
    return f":ballot_box_with_check: You changed your vote to *{key}: {label}*. It is still anonymous."


def vote_unchanged(key: str, label: str) -> str:
    return f"Your vote for *{key}: {label}* was already recorded; nothing has changed."


VOTE_CLOSED = "Voting on this dilemma has closed, so your vote was not counted. The results are in its thread."
POST_GONE = "That dilemma is no longer in the bot's records, so nothing was recorded."

# Comments ----------------------------------------------------------------------------------------------------
COMMENT_MODAL_TITLE = "Anonymous comment"
COMMENT_SUBMIT = "Post anonymously"
COMMENT_CANCEL = "Cancel"
COMMENT_LABEL = "Your comment"
COMMENT_HINT = (
    'It is posted in the thread as from "a colleague". The bot keeps a pseudonym, not your Slack ID, to limit '
    "how many comments one person adds, and can no longer link it to you once voting closes. Mentions and links "
    "show as plain text."
)
COMMENT_FROM = ":speech_balloon: *A colleague writes:*"
COMMENT_FALLBACK = "A colleague writes (anonymous comment)."
COMMENT_REMOVE_BUTTON = "Remove (standards team)"
COMMENT_REMOVED = "_This anonymous comment was removed by the standards team._"
COMMENT_POSTED = ':speech_balloon: Your comment will appear in the thread in a moment, as from "a colleague".'
COMMENT_EMPTY = "Write something first, or cancel."
COMMENT_CLOSED = "This dilemma has closed, so it no longer takes comments."


def comment_limit(limit: int) -> str:
    return f"You have already added {limit} comments to this dilemma, which is the most one person can add."


def comment_too_long(limit: int) -> str:
    return f"A comment can be at most {limit:,} characters long; please shorten it."


COMMENT_REMOVE_DONE = "The comment has been removed from the thread."
COMMENT_ALREADY_REMOVED = "That comment was already removed."

# The reveal --------------------------------------------------------------------------------------------------
REVEAL_TITLE = ":bar_chart: *Voting has closed.*"
CLOSED_BY_SCHEDULE = "Closed at the time set when it was posted."
CLOSED_BY_COMMAND = "Closed early by the standards team with `/dilemma close`."


def responses(count: int) -> str:
    return f"{count} response" + ("" if count == 1 else "s")


def too_few(minimum: int) -> str:
    return f"There were fewer than {minimum} responses, so the spread of votes is not shown, to keep them anonymous."


def panel_view(key: str, label: str, fmt: str) -> str:
    who = "The panel's view" if fmt == "on-the-panel" else "The standards team's view"
    return f"*{who}: {key}, {label}*"


LINKS = "*Read more:* "
SIGNPOSTS = "*If this raises something for you:*"
REVEAL_FALLBACK = "Voting has closed: the results and the panel's view."

# Discussion prompts (private) --------------------------------------------------------------------------------
PROMPTS_INTRO = "*Questions to talk about* (only you can see this):"

# /dilemma without an argument --------------------------------------------------------------------------------
NOTHING_OPEN = "There is no dilemma open in this channel just now."
CURRENT_INTRO = "This is the dilemma open in this channel (only you can see this copy); vote on the post itself."

# Admin commands ----------------------------------------------------------------------------------------------
NO_CHANNEL = "Name a channel such as `#team-a`, or use the command in the channel itself."
BANK_EMPTY_FOR = "No dilemma in the bank matches that schedule's format and tags."


def unknown_dilemma(dilemma_id: str) -> str:
    return f"There is no dilemma `{escape_code(dilemma_id[:60])}` in the bank. `/dilemma list` shows them all."


def posted(dilemma_id: str, channel_id: str) -> str:
    return f"Posting `{dilemma_id}` in <#{channel_id}>. It closes at the usual time, or use `/dilemma close`."


def nothing_to_close(channel_id: str) -> str:
    return f"There is no open dilemma in <#{channel_id}>."


def closing(channel_id: str) -> str:
    return f"Closing the dilemma in <#{channel_id}>; the results will appear in its thread."


def schedule_saved(channel_id: str, when: str, changed: bool, next_unix: int, next_fallback: str) -> str:
    verb = "changed" if changed else "set"
    return (
        f"The weekly dilemma for <#{channel_id}> is {verb}: {when}. "
        f"The next one is <!date^{next_unix}^{{date_short_pretty}} at {{time}}|{next_fallback}>."
    )


def schedule_description(
    weekday: str, hour: int, minute: int, tz: str, open_minutes: int, nudge_minutes: int | None = None
) -> str:
    reminder = f", with a reminder {duration(nudge_minutes)} before it closes" if nudge_minutes else ""
    return (
        f"{WEEKDAY_NAMES.get(weekday, weekday)}s at {hour:02d}:{minute:02d} ({tz}), open for {duration(open_minutes)}"
        f"{reminder}"
    )


def duration(minutes: int) -> str:
    if minutes % (24 * 60) == 0:
        days = minutes // (24 * 60)
        return f"{days} day" + ("" if days == 1 else "s")
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour" + ("" if hours == 1 else "s")
    return f"{minutes} minutes"


def schedule_paused(channel_id: str) -> str:
    return f"The weekly dilemma for <#{channel_id}> is paused. `/dilemma schedule resume <#{channel_id}>` restarts it."


def schedule_resumed(channel_id: str) -> str:
    return f"The weekly dilemma for <#{channel_id}> is running again."


def schedule_removed(channel_id: str) -> str:
    return f"The weekly dilemma for <#{channel_id}> is removed. Posts already made stay as they are."


def no_schedule(channel_id: str) -> str:
    return f"<#{channel_id}> has no weekly dilemma schedule."


NO_SCHEDULES = "No channel has a weekly dilemma schedule yet."
SCHEDULES_TITLE = "*Weekly dilemma schedules*"


def schedule_line(channel_id: str, description: str, status: str, reason: str | None) -> str:
    state = "" if status == "active" else f" — *paused*{f' ({reason})' if reason else ''}"
    return f"• <#{channel_id}>: {description}{state}"


def bad_schedule(problem: ScheduleProblem) -> str:
    return (
        f"That schedule could not be read: {schedule_problem(problem)}. "
        "For example: `/dilemma schedule #team-a mon 09:00 for 5d`."
    )


BAD_WEEKDAY = "give the day as mon, tue, wed, thu, fri, sat or sun"
BAD_TIME = "give the time as HH:MM, such as 09:00"
BAD_DURATION = "give how long it stays open as days, hours or minutes, such as 5d, 36h or 90m, up to 7 days"
BAD_FORMAT = "the format is on-the-panel or what-would-you-do"
BAD_TIMEZONE = "the time zone is a name such as Europe/London"
MISSING_VALUE = "a word such as for, nudge, format, tags or tz needs a value after it"
BAD_NUDGE = "give the reminder as days, hours or minutes before the close, such as 2d, shorter than it stays open"


def bad_tags(unknown: list[str]) -> str:
    shown = ", ".join(escape_code(tag[:40]) for tag in unknown[:5])
    return f"these tags are not known: {shown} (see `/dilemma help`)"


def unexpected_word(word: str) -> str:
    return f"`{escape_code(word[:40])}` was not expected there"


def schedule_problem(problem: ScheduleProblem) -> str:
    """What is wrong with a schedule's words, in words for the person."""
    if problem.code == "bad_tags":
        return bad_tags(list(problem.words))
    if problem.code == "unexpected_word":
        return unexpected_word(problem.words[0])
    plain = {"bad_weekday": BAD_WEEKDAY, "bad_time": BAD_TIME, "bad_duration": BAD_DURATION, "bad_format": BAD_FORMAT,
             "bad_timezone": BAD_TIMEZONE, "missing_value": MISSING_VALUE, "bad_nudge": BAD_NUDGE}  # fmt: skip
    return plain[problem.code]


# The paused-schedule alert to admins -------------------------------------------------------------------------
def paused_alert(channel_id: str, error: str) -> str:
    return (
        f":warning: The weekly dilemma could not be posted in <#{channel_id}> (`{error}`), so its schedule is "
        "paused. Nothing is lost: the post is kept and listed in `/standards report`. Invite the bot to the "
        f"channel (or pick another), then `/dilemma schedule resume <#{channel_id}>`."
    )


# /dilemma list -----------------------------------------------------------------------------------------------
BANK_TITLE = "*The dilemma bank*"
HISTORY_TITLE = "*What each channel has had* (most recent first)"
NO_HISTORY = "No dilemma has been posted yet."


def bank_line(dilemma_id: str, fmt: str, title: str) -> str:
    return f"• `{dilemma_id}` {FORMAT_NAMES.get(fmt, fmt)}: {title}"


def history_line(channel_id: str, dilemma_ids: list[str], total: int) -> str:
    shown = ", ".join(f"`{d}`" for d in dilemma_ids)
    return f"• <#{channel_id}> ({total} so far): {shown}"
