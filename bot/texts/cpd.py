"""Words for /cpd."""

from __future__ import annotations

HELP = (
    "*`/cpd`* shows continuing professional development events.\n"
    "• `/cpd` upcoming events\n"
    "• `/cpd help` this help\n"
    "For the standards team: `new`, `attendance <event>`"
)
