"""Words of the confidence question: at Going, and in the feedback form after the event."""

from __future__ import annotations

SCORES = {1: "1 not at all", 2: "2", 3: "3", 4: "4", 5: "5 very"}
BEFORE_QUESTION = (
    "*Optional:* how confident do you feel about this event's topic today, from 1 (not at all) to 5 (very)?"
)
AFTER_QUESTION = "How confident do you now feel about the topic? (1 not at all, 5 very)"
PRIVACY = "The standards team sees only the average of five answers or more, before and after the event, never yours."
SAVED = "Thank you: your confidence ({score} out of 5) is noted. You can change it until the event starts."
NOT_GOING = "Your confidence is asked only of people going to the event."
CLOSED = "The event has started, so confidence before it can no longer be given."
