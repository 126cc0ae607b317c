"""Words shared by every feature."""

from __future__ import annotations

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


# Characters that change how the text around them is shown without being seen: direction overrides and isolates
# (which can make one line read as another) and zero-width characters (which hide words from a search).
_INVISIBLE = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF]
)


def visible(text: str) -> str:
    """The text without invisible direction controls and zero-width characters."""
    return text.translate(_INVISIBLE)


def escape(text: str) -> str:
    """Escape what Slack's mrkdwn would turn into a mention, a ping or a link, and drop invisible controls."""
    return visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


NOT_RECORDED = (
    "Sorry, that was not recorded: Standards Bot could not save it just now. Nothing has changed. "
    "Please try again in a minute."
)
