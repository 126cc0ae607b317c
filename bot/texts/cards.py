"""Words for /ethicard."""

from __future__ import annotations

from datetime import datetime

# Re-exported: the days a card of the week can be set on, with their names.
from bot.services.cards import WEEKDAYS as WEEKDAYS

HELP = (
    "*`/ethicard`* draws a card from the ethics deck, privately, for you to share if you wish.\n"
    "• `/ethicard` a card from this channel's shuffled deck (no card comes twice until the deck is used up)\n"
    "• `/ethicard hearts` (or `diamonds`, `clubs`, `spades`, or the suit's theme) a card from one suit\n"
    "• `/ethicard 7h`, `QS`, `10d`, `ace of spades` a particular card\n"
    "• `/ethicard hand 3` deal up to 5 cards for a team discussion\n"
    "• `/ethicard help` this help\n"
    "Standards team only:\n"
    "• `/ethicard weekly #channel mon 09:00` post a card of the week in a channel\n"
    "• `/ethicard weekly off #channel` stop it; `/ethicard weekly` list the weekly cards\n"
    "• `/ethicard edit 7h` rewrite a card: preview it, then publish it in place of the shipped one, or retire it"
)
WEEKLY_HELP = (
    "To post a card of the week: `/ethicard weekly #channel mon 09:00` (a day from mon to sun and a 24-hour "
    "time). To stop it: `/ethicard weekly off #channel`. To see them all: `/ethicard weekly`."
)

SHARE = "Share to channel"
SHARE_HAND = "Share this hand to channel"
DRAW_ANOTHER = "Draw another"
MORE = "More"
SHOW = "Show card"
CLOSE = "Close"
DRAW_A_CARD = "Draw a card"
BROWSE_PLACEHOLDER = "Browse a suit"

HOME_TITLE = "Ethics cards"
HOME_INTRO = (
    "52 cards of the dilemmas people in policing meet most often, in four suits. Draw one to think about "
    "on your own, or browse a suit. In a channel, `/ethicard` draws from that channel's deck."
)

RESHUFFLED = ":arrows_counterclockwise: Every card in this deck has been drawn, so the deck has been reshuffled."
SUIT_RESHUFFLED = (
    ":arrows_counterclockwise: Every {suit} card in this deck has been drawn, so the deck has been reshuffled."
)
FACE_FALLBACK = "{name}: {headline}"
HAND_INTRO = "*Your hand of {count}* for a team discussion. Pick one, talk it through, then the next."
HAND_SHARED_INTRO = "*A hand of {count} cards* for a team discussion."
HAND_FALLBACK = "A hand of {count} ethics cards"
NO_MODEL_ANSWER = "There is no model answer: the point is the conversation."

SHARED_BY = "Shared by <@{user}> with `/ethicard`"
WEEKLY_FOOTER = "Card of the week, posted by the weekly schedule set with `/ethicard weekly`"
SHARED_DONE = "Shared in <#{channel}>."
SHARE_QUEUED = "Slack is busy; your card is saved and will appear in <#{channel}> shortly."
NOT_IN_CHANNEL = (
    "I could not post there because I am not a member of <#{channel}>. Invite me first by typing "
    "`/invite @Standards Bot` in the channel, then press *Share to channel* again."
)
CARD_GONE = "That card is no longer in the deck. Try `/ethicard` for another."

MODAL_SCENARIOS = "*Scenarios*"
MODAL_QUESTIONS = "*Questions to discuss*"
MODAL_WHY = "*Why it matters*"
MODAL_TOUCHES = "*Standards and principles*"
MODAL_SIGNPOSTS = "*Where to get help*"
MODAL_LINKS = "*Read more*"
STANDARD = "Standard {number}: {name}"
PRINCIPLE = "Code of Ethics: {name}"
SUIT_MODAL_TITLE = "{suit}"
SUIT_MODAL_INTRO = "*{symbol} {suit}: {theme}*\n13 cards. Press *Show card* to read one in full."

WEEKLY_SET = "The card of the week will be posted in <#{channel}> every {day} at {time} ({tz}). The first: {first}."
WEEKLY_OFF = "The card of the week in <#{channel}> has stopped."
WEEKLY_NONE_THERE = "There is no card of the week in <#{channel}>."
WEEKLY_NONE = "No channel has a card of the week. " + WEEKLY_HELP
WEEKLY_LIST_HEAD = "*Cards of the week*"
WEEKLY_LINE = "• <#{channel}>: {day} at {time} ({tz}), {state}"
WEEKLY_ACTIVE = "next on {next}"
WEEKLY_PAUSED = "*paused* ({reason}); set it again to resume"
WEEKLY_PAUSED_ALERT = (
    ":pause_button: The card of the week in <#{channel}> is paused: Slack answered `{reason}` when I tried to "
    "post it. Invite me to the channel (`/invite @Standards Bot`) or choose another, then set it again with "
    "`/ethicard weekly <#{channel}> {day} {time}`."
)


def when(moment: datetime) -> str:
    return moment.strftime("%A %-d %B %Y at %H:%M")


def clock_time(hour: int, minute: int) -> str:
    return f"{hour:02d}:{minute:02d}"
