"""Words for /ethicard."""

from __future__ import annotations

HELP = (
    "*`/ethicard`* draws a card from the ethics deck, privately, for you to share if you wish.\n"
    "• `/ethicard` a card from this channel's shuffled deck\n"
    "• `/ethicard hearts` (or `diamonds`, `clubs`, `spades`, or the suit's theme) a card from one suit\n"
    "• `/ethicard 7h`, `QS`, `10d`, `ace of spades` a particular card\n"
    "• `/ethicard hand 3` deal up to 5 cards for a team discussion\n"
    "• `/ethicard help` this help"
)
