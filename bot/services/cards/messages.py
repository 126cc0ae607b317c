"""The words and Block Kit the card services queue with their changes, as the services need them. The view layer
(bot.blocks.cards, bot.texts.cards) provides them, given to the services at start-up through Deps."""

from __future__ import annotations

from typing import Any, Protocol

from dilemmas.deck import CardKey
from dilemmas.models import Card


class CardBlocks(Protocol):
    def fallback_text(self, key: CardKey, card: Card) -> str: ...

    def weekly_card(self, key: CardKey, card: Card) -> list[dict[str, Any]]: ...


class CardTexts(Protocol):
    WEEKLY_PAUSED_ALERT: str

    def clock_time(self, hour: int, minute: int) -> str: ...
