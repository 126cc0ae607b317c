"""Words for rewriting an ethics card in Slack (`/ethicard edit 7h`)."""

from __future__ import annotations

from datetime import datetime

# The form -------------------------------------------------------------------------------------------------------
FORM_TITLE = "Edit card"
FORM_SUBMIT = "Preview"
FORM_CLOSE = "Cancel"
FORM_INTRO = (
    "Rewrite the card as people will read it. The same rules apply as to the deck's YAML files, the checks of "
    "`standards-bot content check` included. You see a preview before anything is saved. Once published, this "
    "card replaces the shipped one of the same suit and rank; retiring it brings the shipped card back."
)


def editing(name: str) -> str:
    return f"Editing the *{name}*. Its earlier versions are kept."


STATUS_WORDS = {"draft": "saved as a draft", "published": "published", "retired": "retired"}


def version_line(number: int, status: str, user_id: str, at: datetime) -> str:
    return f"Version {number}: {STATUS_WORDS.get(status, status)} by <@{user_id}>, {at:%d %b %Y %H:%M} UTC"


LABELS = {
    "headline": "Headline",
    "prompt": "Prompt",
    "scenarios": "Scenarios",
    "questions": "Questions",
    "why_it_matters": "Why it matters",
    "standards": "Standards of Professional Behaviour",
    "principles": "Code of Ethics principles",
    "topics": "CPD topics",
    "ndm": "National Decision Model stages",
    "themes": "Themes",
    "signposts": "Signposts",
    "links": "Links",
}
HINTS = {
    "headline": "10 to 150 characters, a question to the reader: use 'you'.",
    "prompt": "10 to 200 characters, under the headline on the card's face.",
    "scenarios": "One to three, one on each line, 20 to 600 characters each.",
    "questions": "Two to four, one on each line.",
    "why_it_matters": "40 to 700 characters.",
    "links": "Optional, up to three, one on each line: Title | https://…",
}

# The preview and its choices -----------------------------------------------------------------------------------
PREVIEW_TITLE = "Preview"
PREVIEW_INTRO = "*Preview:* this is the card as people will see it. Nothing has changed in the deck yet."
SAVE_DRAFT = "Save as draft"
PUBLISH = "Publish"
EDIT = "Edit"
RETIRE = "Retire"
CLOSE = "Close"
DONE_TITLE = "Ethics card"


def drafted(name: str, code: str, version: int) -> str:
    return f"The *{name}* is saved as a draft (version {version}). `/ethicard edit {code}` to go on."


def published(name: str, code: str, version: int) -> str:
    return (
        f"The *{name}* is published (version {version}): it replaces the shipped card in the deck. "
        f"`/ethicard {code}` shows it."
    )


def retired(name: str, code: str, version: int) -> str:
    return f"The *{name}* is retired (version {version}): the shipped card is back in the deck."


GONE = "That card is no longer there to change. Start again with `/ethicard edit <card>`."
NEEDS_CARD = "Say which card: `/ethicard edit 7h` (a rank and a suit, such as `QS`, `10d` or `ace of spades`)."
