"""Words for /concern."""

from __future__ import annotations

HELP = (
    "*`/concern`* lets you raise a concern confidentially with the standards team.\n"
    "• `/concern` opens a private form\n"
    "• `/concern status <receipt code>` shows the status and any replies\n"
    "• `/concern help` this help"
)
