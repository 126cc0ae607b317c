"""Words for writing dilemmas in Slack (`/dilemma new`, `/dilemma edit`) and for asking the panel."""

from __future__ import annotations

from bot.texts.common import escape_code

# The form -------------------------------------------------------------------------------------------------------
FORM_TITLE_NEW = "New dilemma"
FORM_TITLE_EDIT = "Edit dilemma"
FORM_SUBMIT = "Preview"
FORM_CLOSE = "Cancel"
FORM_INTRO = (
    "Write the dilemma as the weekly post will show it. The same rules apply as to the bank's YAML files, the "
    "checks of `standards-bot content check` included. You see a preview before anything is saved."
)
FROM_QUESTION_INTRO = "This draft starts from a colleague's question to the panel. Make it anonymous and general."


def editing(dilemma_id: str) -> str:
    return f"Editing `{escape_code(dilemma_id)}`. Its earlier versions are kept."


LABELS = {
    "id": "Identifier",
    "title": "Title",
    "format": "Format",
    "scenario": "Scenario",
    "prompts": "Discussion prompts",
    "panel_option": "The panel's option",
    "reasoning": "The panel's reasoning",
    "standards": "Standards of Professional Behaviour",
    "principles": "Code of Ethics principles",
    "topics": "CPD topics",
    "ndm": "National Decision Model stages",
    "themes": "Themes",
    "signposts": "Signposts",
    "links": "Links",
}
HINTS = {
    "id": "Lower-case words joined by hyphens, such as otp-lift-home-after-shift. It cannot be changed later.",
    "scenario": "100 to 1,499 characters. A blank line starts a new paragraph.",
    "prompts": "Two or three, one on each line.",
    "reasoning": "At least 80 characters: why the panel chose this option.",
    "links": "Optional, one on each line: Title | https://…",
}


def option_label(key: str) -> str:
    return f"Option {key}: short label"


def option_text(key: str) -> str:
    return f"Option {key}: what it says"


# The preview and its choices -----------------------------------------------------------------------------------
PREVIEW_TITLE = "Preview"
PREVIEW_INTRO = "*Preview:* this is how the post will look in a channel. Nothing is in the bank yet."
PREVIEW_BUTTON_DOES = {
    "comment": "opens a form for an anonymous comment in the post's thread",
    "prompts": "shows the discussion prompts, privately, to the person who clicks",
}
PREVIEW_NOTHING_RECORDED = "Nothing is recorded from a preview."


def preview_button(meaning: str) -> str:
    """What a button of the preview does in a channel: `vote_A`, `comment` or `prompts`."""
    if meaning.startswith("vote_"):
        does = f"records an anonymous vote for option {meaning.removeprefix('vote_')[:1]}"
    else:
        does = PREVIEW_BUTTON_DOES.get(meaning, "does what its label says")
    return f"In a channel, this button {does}. {PREVIEW_NOTHING_RECORDED}"


SAVE_DRAFT = "Save as draft"
PUBLISH = "Publish"
EDIT = "Edit"
RETIRE = "Retire"
SCHEDULE_PLACEHOLDER = "Schedule for a channel's next slot"
CLOSE = "Close"
DONE_TITLE = "Dilemma"


def drafted(dilemma_id: str, version: int) -> str:
    return (
        f"`{escape_code(dilemma_id)}` is saved as a draft (version {version}). `/dilemma edit {dilemma_id}` to go on."
    )


def published(dilemma_id: str, version: int) -> str:
    return (
        f"`{escape_code(dilemma_id)}` is published (version {version}): schedules may choose it, and "
        f"`/dilemma post {dilemma_id}` posts it now."
    )


def retired(dilemma_id: str, version: int) -> str:
    return (
        f"`{escape_code(dilemma_id)}` is retired (version {version}): it will not be chosen again. Posts already "
        "made keep working."
    )


def scheduled(dilemma_id: str, channel_id: str, unix: int, fallback: str) -> str:
    return (
        f"`{escape_code(dilemma_id)}` is published and will be the next weekly post in <#{channel_id}>, "
        f"<!date^{unix}^{{date_long}} at {{time}}|{fallback}>."
    )


def no_schedule(channel_id: str) -> str:
    return f"<#{channel_id}> has no active weekly schedule. Set one with `/dilemma schedule` first."


GONE = "That dilemma is no longer there to change. Start again with `/dilemma new`."
NEEDS_ID = "Say which dilemma: `/dilemma edit <id>` (`/dilemma list` shows them)."


def unknown(dilemma_id: str) -> str:
    return f"There is no dilemma `{escape_code(dilemma_id[:60])}` in the bank. `/dilemma list` shows them."


# Ask the panel -------------------------------------------------------------------------------------------------
ASK_TITLE = "Ask the panel"
ASK_SUBMIT = "Send"
ASK_INTRO = (
    "Met a dilemma at work and want the panel's view? Describe it here and the standards team may turn it into "
    "a weekly dilemma for everyone. It is anonymous: the bot keeps no Slack ID, channel or time with it, only the "
    "day. Leave out names and anything that would identify a person or a case. This is not for reporting "
    "wrongdoing: use `/concern` for that, or call 999 in an emergency."
)
ASK_LABEL = "The dilemma you met"
ASK_EMPTY = "Please describe the dilemma."


def ask_too_long(limit: int) -> str:
    return f"Please keep it to {limit:,} characters."


def asked(code: str) -> str:
    return (
        "*Sent to the panel, anonymously.* Thank you.\n"
        f"Your receipt code is *`{code}`*. It is shown only this once: keep it if you want to see later what "
        f"became of your question, with `/dilemma ask status {code}`."
    )


ASKED_FALLBACK = "Sent to the panel, anonymously."
PROGRESS = {
    "unknown": "No question matches that receipt code. Check it and try again.",
    "waiting": "Your question is waiting for the standards team.",
    "drafted": "The standards team is writing your question up as a dilemma.",
    "published": "Your question is now a dilemma in the bank, ready to be posted.",
    "posted": "Your question has been posted as a weekly dilemma. Thank you for asking.",
    "declined": "The standards team decided not to use your question as a dilemma. Thank you for asking.",
}
STATUS_NEEDS_CODE = "Give your receipt code: `/dilemma ask status XXXX-XXXX-XXXX-XXXX-XXXX`."

HOME_TITLE = "Ask the panel"
HOME_INTRO = "Met a dilemma at work? Send it to the standards team anonymously; it may become a weekly dilemma."
HOME_BUTTON = "Ask the panel"
QUEUE_TITLE = "Questions for the panel"
QUEUE_EMPTY = "No questions are waiting."
TO_DRAFT = "Turn into a draft dilemma"
DECLINE = "Decline"


def queue_count(count: int, shown: int) -> str:
    more = f" (the oldest {shown} shown)" if count > shown else ""
    return f"{count} waiting{more}. Nothing here says who asked."


def asked_on(day: str) -> str:
    return f"Asked on {day}"


DECLINED = "Declined. If the asker kept their receipt, they can see that it will not be used."
QUESTION_GONE = "That question has already been dealt with."
