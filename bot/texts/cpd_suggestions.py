"""Words for CPD topic suggestions: `/cpd suggest <topic>` for ambassadors, `/cpd suggestions` for the team."""

from __future__ import annotations

from bot.services.cpd.suggestions import PER_MONTH, TOPIC_LIMIT

NEEDS_TOPIC = "Say what you would like a CPD event on, for example `/cpd suggest Social media and vetting`."
SAVED = "Thank you: your suggestion is with the standards team, who see each topic and how many people asked for it."
REPEAT = "You have already suggested that topic; it is counted once for each person."
LIMIT = f"You have made {PER_MONTH} suggestions this month, the most one person can. Please suggest more next month."
NOT_AMBASSADOR = "Only standards ambassadors can suggest CPD topics. If you have an idea, tell your standards manager."
TITLE = "Suggested CPD topics"
NONE_YET = "No CPD topics have been suggested yet. Ambassadors suggest them with `/cpd suggest <topic>`."
NOTE = (
    f"Topics are grouped whatever their capitals; each person counts once per topic. Topics are cut at "
    f"{TOPIC_LIMIT} characters."
)


def count_line(topic: str, count: int) -> str:
    """`topic` comes escaped."""
    return f"• {topic}: {count} {'person' if count == 1 else 'people'}"


def summary(topics: int, total: int) -> str:
    return f"{total} {'suggestion' if total == 1 else 'suggestions'} of {topics} {'topic' if topics == 1 else 'topics'}"
