"""Words for /dilemma."""

from __future__ import annotations

HELP = (
    "*`/dilemma`* brings the weekly dilemma to your team and keeps answers anonymous.\n"
    "• `/dilemma` the current dilemma in this channel, privately\n"
    "• `/dilemma help` this help\n"
    "For the standards team: `post [dilemma-id] [#channel]`, `close [#channel]`, `list`, `schedule …`"
)
