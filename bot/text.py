"""Plain-text safety shared by the services and the words they are shown in: nothing here is worded for people."""

from __future__ import annotations

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


def quote(text: str) -> str:
    """Free text as a mrkdwn quote, escaped so it cannot mention, ping or link."""
    return "\n".join(">" + line for line in escape(text).splitlines() or [""])
