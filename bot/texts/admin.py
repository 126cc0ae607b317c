"""Words for /standards."""

from __future__ import annotations

HELP = (
    "*`/standards`* is for the standards team.\n"
    "• `/standards report` participation and delivery\n"
    "• `/standards export` a CSV of anonymous counts\n"
    "• `/standards settings` the current configuration\n"
    "• `/standards help` this help"
)
