"""Words shared by every feature."""

from __future__ import annotations

# Re-exported: the words of every feature escape with these.
from bot.text import escape as escape
from bot.text import visible as visible

FAULT = (
    "Sorry, that did not work because of a fault on our side. It has been logged for the standards team. "
    "Please try again in a few minutes."
)
VIEW_FAILED = "Sorry, Slack would not open the form just now. Please try again."
ADMINS_ONLY = "Only the standards team can use that. Ask one of them if you need it done."


def unknown_form(command: str, text: str) -> str:
    shown = text if len(text) <= 40 else text[:40] + "…"
    return f"`{command}` does not know `{escape_code(shown)}`. Here is what it can do:"


def escape_code(text: str) -> str:
    """Text quoted back inside `code`: no backticks, and nothing Slack would expand."""
    return escape(text).replace("`", "'")


NOT_RECORDED = (
    "Sorry, that was not recorded: Standards Bot could not save it just now. Nothing has changed. "
    "Please try again in a minute."
)
