"""Words for the App Home tab."""

from __future__ import annotations

TITLE = "Standards Bot"
INTRO = (
    "Standards Bot helps you think through the ethical side of the job and raise things safely. "
    "Use `/ethicard` for a card from the ethics deck, `/dilemma` for this week's dilemma, "
    "`/concern` to raise a concern confidentially and `/cpd` for upcoming events."
)
