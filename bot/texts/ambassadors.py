"""Words for /ambassador."""

from __future__ import annotations

HELP = (
    "*`/ambassador`* is for the standards ambassador programme.\n"
    "• `/ambassador` or `/ambassador apply` apply during a recruitment drive\n"
    "• `/ambassador help` this help\n"
    "For the standards team: `list`, `coverage`"
)
