"""What the app did: every Web API call and every post to a response_url, in order."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ApiCall:
    """One Web API call as the simulator answered it (``at`` is ``time.monotonic()``)."""

    method: str
    args: dict[str, Any]
    at: float
    ok: bool
    error: str | None = None

    def summary(self) -> str:
        shown = json.dumps(self.args, default=str)
        if len(shown) > 160:
            shown = shown[:157] + "..."
        outcome = "ok" if self.ok else f"error={self.error}"
        return f"{self.method} {outcome} {shown}"


@dataclass
class ResponseTarget:
    """A response_url handed to the app, and what produced it."""

    id: str
    url: str
    user: str | None
    channel: str | None
    source: str  # "command", "block_actions", or "manual"
    origin: dict[str, Any] = field(default_factory=dict)  # e.g. {"command": "/x", "text": ...} or {"action_id": ...}
    message_ts: str | None = None  # the message an action came from
    message_is_ephemeral: bool = False
    uses: int = 0


@dataclass(frozen=True)
class ResponsePost:
    """One JSON body posted to a response_url, linked to the command or action that produced the url."""

    response_url_id: str
    payload: dict[str, Any]
    at: float
    source: str
    origin: dict[str, Any]
    status: int
    error: str | None = None
    channel: str | None = None
    ts: str | None = None  # the ephemeral or message this post created or changed
    ephemeral: bool = True
