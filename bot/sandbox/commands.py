"""The slash commands the message box offers, with the usage hints and descriptions of `manifest.yml`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SlashCommand:
    command: str
    hint: str
    description: str


# Kept equal to manifest.yml's slash_commands by a test, so the sandbox offers what Slack would.
COMMANDS: tuple[SlashCommand, ...] = (
    SlashCommand(
        "/ethicard",
        "[hearts|diamonds|clubs|spades|7h|QS|hand 3|weekly|edit 7h|help]",
        "Draw a card from the ethics deck",
    ),
    SlashCommand(
        "/dilemma",
        "[help|ask|ask status CODE|brief [id]|post|close|list|schedule|new|edit ID]",
        "The weekly dilemma, asking the panel, briefing packs (and, for the standards team, writing and scheduling)",
    ),
    SlashCommand("/concern", "[status <receipt code>|help]", "Raise a concern confidentially, or check on one"),
    SlashCommand(
        "/cpd",
        "[help|record|suggest <topic>|new|edit <event>|cancel <event>|attendance <event>|feedback <event>"
        "|export <event>|suggestions]",
        "Upcoming CPD events (and, for the standards team, new events and attendance)",
    ),
    SlashCommand(
        "/ambassador",
        "[apply|help|list|coverage|drive|headcount|inducted|left|export]",
        "Apply to be a standards ambassador (and, for the standards team, the roster)",
    ),
    SlashCommand(
        "/standards",
        "[help|report [from] [to]|export [from] [to]|department #channel name|settings]",
        "For the standards team - impact report, export, departments and settings",
    ),
)

NAMES = frozenset(c.command for c in COMMANDS)
