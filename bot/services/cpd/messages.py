"""The words and Block Kit the CPD services queue with their changes, as the services need them. The view layer
(bot.blocks.cpd, bot.texts.cpd) provides them, given to the services at start-up through Deps."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from bot.services.cpd.announcement import EventCard


class CpdBlocks(Protocol):
    def announcement(self, card: EventCard, tz: ZoneInfo) -> list[dict[str, Any]]: ...

    def feedback_request(self, event_id: int, title: str) -> list[dict[str, Any]]: ...

    def starts_text(self, starts_at: datetime, minutes: int, tz: ZoneInfo) -> str: ...

    def place_text(self, place: str) -> str: ...


class CpdTexts(Protocol):
    CALENDAR_FILE_TITLE: str
    CANCEL_CALENDAR_NOTE: str
    REMINDER_MAYBE: str
    SPEAKER: str

    def announcement_fallback(self, title: str) -> str: ...

    def reminder(self, title: str, when_text: str, place: str, days: int) -> str: ...

    def reminder_waiting(self, position: int) -> str: ...

    def feedback_request(self, title: str) -> str: ...

    def promoted(self, title: str, when_text: str) -> str: ...

    def changed(self, title: str, when_text: str, place: str) -> str: ...

    def cancelled(self, title: str, when_text: str) -> str: ...

    def calendar_comment(self, title: str, when_text: str) -> str: ...

    def calendar_removed(self, title: str) -> str: ...
