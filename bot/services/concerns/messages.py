"""The words and Block Kit the concern services queue with their changes, as the services need them. The view
layer (bot.blocks.concerns and concern_cases, bot.texts.concerns) provides them, given to the services at
start-up through Deps."""

from __future__ import annotations

from typing import Any, Protocol

from bot.services.concerns.cases import CaseCard


class CaseBlocks(Protocol):
    """The case team's side (bot.blocks.concern_cases)."""

    def case_post(self, card: CaseCard) -> dict[str, Any]: ...

    def thread_post(self, text: str, reference: str) -> dict[str, Any]: ...


class ConcernBlocks(Protocol):
    """The reporter's side (bot.blocks.concerns)."""

    def relay_blocks(self, text: str, answer_token: str | None) -> list[dict[str, Any]]: ...


class ConcernTexts(Protocol):
    # Why a case waits to be posted, and the standards team's alerts.
    REASON_UNSET: str
    REASON_PUBLIC: str
    ADMIN_WAITING: str
    ADMIN_CASE_CHANNEL_PUBLIC: str
    # The case channel's thread: handlers' actions and deadlines.
    THREAD_ACK: str
    THREAD_REPLY: str
    THREAD_REPLY_KEPT: str
    THREAD_NOTE: str
    THREAD_OUTCOME: str
    THREAD_STATUS: str
    THREAD_ANSWER: str
    NUDGE_ACK: str
    MISSED_ACK: str
    NUDGE_FEEDBACK: str
    MISSED_FEEDBACK: str
    # Relayed to the reporter.
    RELAY_ACK: dict[str, str]
    RELAY_FALLBACK: str
    RELAY_NEWS: str
    RELAY_NEWS_FALLBACK: str
    RELAY_ACK_NEWS: str
    RELAY_REPLY: str
    RELAY_OUTCOME: str
    RELAY_STATUS: str
    STATUS_NAMES: dict[str, str]

    def count(self, number: int, unit: str) -> str: ...
