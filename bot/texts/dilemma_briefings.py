"""Words for briefing packs, the show of hands, the results' "in briefings" and the mid-week reminder."""

from __future__ import annotations

from bot.texts.common import escape_code

WEEKDAY_NAMES = {
    "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
    "fri": "Friday", "sat": "Saturday", "sun": "Sunday",
}  # fmt: skip

# /dilemma brief ----------------------------------------------------------------------------------------------
REFUSED = (
    "Briefing packs are for standards ambassadors and the standards team, because a pack includes the panel's "
    "view. Ask your local ambassador if you would like to run a briefing."
)
NONE_POSTED = (
    "No dilemma has been posted in this channel yet. Name one from the bank: `/dilemma brief <dilemma-id>` "
    "(`/dilemma list` shows them)."
)
PACK_INTRO = (
    ":clipboard: *Briefing pack* (only you can see this). Read out the scenario and the options, ask for a show "
    "of hands, talk it through with the prompts, and keep the panel's view for the end. A PDF of the pack to "
    "print or show on screen follows in a direct message."
)
PROMPTS = "*Questions to talk about*"
FOR_THE_END = ":no_entry_sign: *For the end of the session: do not share this before the show of hands*"
HANDS_BUTTON = "Record the show of hands"
HANDS_NOTE = (
    "After the briefing, record how many hands went up for each option and how many people were in the room. "
    "Only the counts are kept, and they are shown in the results apart from the votes in Slack."
)
PDF_COMMENT = "The briefing pack for {title}, to print or show on screen. Keep the last page for the end."
PDF_PAGE = "Page {page}"


def pack_title(header: str) -> str:
    return f"Briefing pack: {header}"


def not_posted_note(dilemma_id: str) -> str:
    return (
        f"`{escape_code(dilemma_id)}` has not been posted in a channel yet, so the show of hands will count in the "
        "impact figures but appear in no channel's results."
    )


# The show of hands form --------------------------------------------------------------------------------------
HANDS_TITLE = "Show of hands"
HANDS_SUBMIT = "Record"
HANDS_CANCEL = "Cancel"
HANDS_INTRO = "How many hands went up for each option? Put 0 where none did."
PRESENT_LABEL = "How many people were in the room"
PRESENT_HINT = "Everyone there, including those who did not raise a hand."
HANDS_EMPTY = "Give a number, 0 if none."
HANDS_NOT_WHOLE = "Give a whole number, such as 12."
HANDS_TOO_BIG = "That is more than any briefing room holds; check the number."
HANDS_OVER_PRESENT = "More hands went up than there were people in the room; check the numbers."
HANDS_GONE = "That dilemma is no longer in the bank, so nothing was recorded."
HANDS_DONE_TITLE = "Recorded"
HANDS_CLOSE = "Close"


def option_label(key: str, label: str) -> str:
    return f"{key}: {label}"[:2000]


def hands_recorded(raised: int, present: int) -> str:
    return (
        f":white_check_mark: Recorded: {raised} hand{'' if raised == 1 else 's'} raised, {present} "
        f"{'person' if present == 1 else 'people'} in the room. Thank you; it is shown in the results as "
        "\u201cin briefings\u201d, apart from the votes in Slack."
    )


# The results ---------------------------------------------------------------------------------------------------
def in_briefings(held: int, present: int, raised: int) -> str:
    briefings = f"{held} briefing{'' if held == 1 else 's'}"
    return (
        f"*In briefings:* {briefings}, {present} {'person' if present == 1 else 'people'} in the room, {raised} "
        f"hand{'' if raised == 1 else 's'} raised (a show of hands, counted apart from the votes above)."
    )


def briefings_too_few(minimum: int) -> str:
    return f"Fewer than {minimum} hands were raised in briefings, so their spread is not shown."


# The mid-week reminder -----------------------------------------------------------------------------------------
NUDGE_CAUSE = "A reminder set on this channel's weekly dilemma schedule (`/dilemma schedule … nudge`)."


def nudge_fallback(weekday: str) -> str:
    return f"Still open until {WEEKDAY_NAMES.get(weekday, weekday)}: have your say."


def nudge(weekday: str, unix: int, fallback: str) -> str:
    return (
        f":hourglass_flowing_sand: *Still open until {WEEKDAY_NAMES.get(weekday, weekday)}: have your say.* "
        f"Voting closes <!date^{unix}^{{date_short_pretty}} at {{time}}|{fallback}>; vote anonymously with the "
        "buttons on the post above."
    )


# The PDF -------------------------------------------------------------------------------------------------------
PDF_SUBTITLE = "A briefing pack from the standards team. Keep the last page for the end of the session."
PDF_SCENARIO = "The scenario"
PDF_OPTIONS = "The options"
PDF_PROMPTS = "Questions to talk about"
PDF_FOR_THE_END = "For the end of the session"
PDF_FOR_THE_END_NOTE = "Share this only after the show of hands and the discussion."
PDF_HANDS = "Show of hands: count the hands for each option and the people in the room, then record them in Slack."


def pdf_panel_view(key: str, label: str, fmt: str) -> str:
    who = "The panel's view" if fmt == "on-the-panel" else "The standards team's view"
    return f"{who}: {key}, {label}"


def pdf_filename(dilemma_id: str) -> str:
    return f"briefing-pack-{dilemma_id}.pdf"
