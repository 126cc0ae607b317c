"""The words of the impact report, as the services need them to name its figures, tables and files. The view layer
(bot.texts.impact) provides them, given to the services at start-up through Deps."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from bot.services.impact.figures import Value


class ImpactTexts(Protocol):
    # The families of figures, and each figure.
    FAMILY_DILEMMAS: str
    FAMILY_CARDS: str
    FAMILY_CONCERNS: str
    FAMILY_PEOPLE: str
    POSTS: str
    RESPONSES: str
    PARTICIPATION: str
    COMMENTS: str
    AGREEMENT: str
    AGREEMENT_COLUMN: str
    BRIEFINGS: str
    BRIEFING_PRESENT: str
    BRIEFING_AGREEMENT: str
    CARD_DRAWS: str
    CARD_SHARES: str
    CARD_HANDS: str
    RECEIVED: str
    ACK_MEDIAN: str
    ACK_ON_TIME: str
    FEEDBACK_MEDIAN: str
    FEEDBACK_ON_TIME: str
    CAME_BACK: str
    AMBASSADORS: str
    INDUCTED: str
    EVENTS: str
    ATTENDANCE: str
    WALK_INS: str
    RATING: str
    CONFIDENCE_BEFORE: str
    CONFIDENCE_AFTER: str
    # The tables, and the names of their rows.
    CARDS_BY_SUIT: str
    BY_CATEGORY: str
    BY_CONTACT: str
    BY_OUTCOME: str
    BY_STANDARD: str
    BY_PRINCIPLE: str
    BY_TOPIC: str
    BY_CHANNEL: str
    BY_DEPARTMENT: str
    ANSWERS: str
    CPD_DISTRIBUTION: str
    COVERAGE: str
    TOTAL: str
    UNKNOWN_DEPARTMENT: str
    ANSWER_NAMES: dict[str, str]
    CONTACT_LABELS: dict[str, str]
    OUTCOME_NAMES: dict[str, str]
    # The files and messages that carry the report.
    RULE: str
    CHARTS_COMMENT: str
    EXPORT_COMMENT: str

    def period_label(self, start: date, end: date) -> str: ...

    def report_title(self, period: str) -> str: ...

    def show(self, value: Value) -> str: ...

    def change(self, current: Value, previous: Value) -> str: ...
