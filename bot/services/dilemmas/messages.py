"""The words and Block Kit the dilemma services queue with their changes, as the services need them. The view
layer (bot.blocks.dilemmas, bot.texts.dilemmas) provides them, given to the services at start-up through Deps."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from bot.services.dilemmas.hands import BriefingTotals
from dilemmas.models import Dilemma, Signpost


class DilemmaBlocks(Protocol):
    def post_blocks(
        self,
        dilemma: Dilemma,
        post_id: int,
        *,
        closes_at: datetime,
        caused_by: str,
        closed: bool = ...,
        from_question: bool = ...,
    ) -> list[dict[str, Any]]: ...

    def reveal_blocks(
        self,
        dilemma: Dilemma,
        tally: Mapping[str, int],
        *,
        minimum: int,
        closed_by: str,
        signposts: Mapping[str, Signpost],
        briefings: BriefingTotals | None = ...,
    ) -> list[dict[str, Any]]: ...

    def nudge_blocks(self, weekday: str, unix: int, fallback: str) -> list[dict[str, Any]]: ...

    def comment_blocks(self, comment_id: int, text: str) -> list[dict[str, Any]]: ...

    def removed_comment_blocks(self) -> list[dict[str, Any]]: ...


class DilemmaTexts(Protocol):
    CAUSED_BY_COMMAND: str
    CAUSED_BY_SCHEDULE: str
    CLOSED_BY_COMMAND: str
    CLOSED_BY_SCHEDULE: str
    COMMENT_FALLBACK: str
    COMMENT_REMOVED: str
    REVEAL_FALLBACK: str

    def post_fallback(self, fmt: str, title: str) -> str: ...

    def paused_alert(self, channel_id: str, error: str) -> str: ...

    def nudge_fallback(self, weekday: str) -> str: ...
