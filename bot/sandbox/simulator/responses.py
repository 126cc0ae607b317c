"""The response_url sink: what Slack does with JSON posted to a slash command's or an action's response_url."""

from __future__ import annotations

import secrets
import time
from typing import Any

from bot.sandbox.simulator.api_common import MAX_TEXT
from bot.sandbox.simulator.blockkit import validate_message_blocks
from bot.sandbox.simulator.records import ResponsePost, ResponseTarget
from bot.sandbox.simulator.workspace import Ephemeral, Message, Workspace

MAX_USES = 5
LIFETIME = 30 * 60.0


class ResponseSink:
    """Not thread-safe on its own: the simulator calls it with the workspace lock held."""

    def __init__(self, ws: Workspace, base_url: str) -> None:
        self.ws = ws
        self.base_url = base_url
        self.targets: dict[str, ResponseTarget] = {}
        self.posts: list[ResponsePost] = []
        self._issued: dict[str, float] = {}

    def new_url(
        self,
        *,
        user: str | None = None,
        channel: str | None = None,
        source: str = "manual",
        origin: dict[str, Any] | None = None,
        message_ts: str | None = None,
        message_is_ephemeral: bool = False,
    ) -> str:
        url_id = secrets.token_hex(8)
        url = f"{self.base_url}response/{url_id}"
        self.targets[url_id] = ResponseTarget(
            url_id, url, user, channel, source, dict(origin or {}), message_ts, message_is_ephemeral
        )
        self._issued[url_id] = time.monotonic()
        return url

    def receive(self, url_id: str, payload: Any) -> tuple[int, str]:
        """Apply one post; returns the HTTP status and body Slack would answer with."""
        target = self.targets.get(url_id)
        if target is None:
            return 404, "no_service"
        if target.uses >= MAX_USES or time.monotonic() - self._issued[url_id] > LIFETIME:
            return 404, "expired_url"
        if not isinstance(payload, dict):
            return 400, "invalid_payload"
        status, error, channel, ts, ephemeral = self._apply(target, payload)
        if status == 200:
            target.uses += 1
        self.posts.append(
            ResponsePost(
                url_id, payload, time.monotonic(), target.source, target.origin, status, error, channel, ts, ephemeral
            )
        )
        return status, error or "ok"

    def _apply(self, target: ResponseTarget, payload: dict[str, Any]) -> tuple[int, str | None, Any, Any, bool]:
        text = str(payload.get("text") or "")
        blocks = payload.get("blocks")
        if blocks is not None and (not isinstance(blocks, list) or validate_message_blocks(blocks)):
            return 400, "invalid_blocks", target.channel, None, True
        if len(text) > MAX_TEXT:
            return 400, "msg_too_long", target.channel, None, True
        if payload.get("delete_original"):
            return self._delete_original(target)
        if not text and not blocks:
            return 400, "no_text", target.channel, None, True
        blocks = blocks or None
        if payload.get("replace_original"):
            return self._replace_original(target, text, blocks)
        channel = target.channel or ""
        if payload.get("response_type") == "in_channel":
            thread_ts = payload.get("thread_ts")
            message = self.ws.add_message(
                Message(channel, self.ws.next_ts(), text, blocks, self.ws.bot_user_id, True, thread_ts=thread_ts)
            )
            return 200, None, channel, message.ts, False
        ephemeral = self.ws.add_ephemeral(
            Ephemeral(
                channel,
                target.user or "",
                text,
                blocks,
                self.ws.next_ts(),
                "response_url",
                thread_ts=payload.get("thread_ts"),
                response_url_id=target.id,
            )
        )
        return 200, None, channel, ephemeral.ts, True

    def _original(self, target: ResponseTarget) -> Message | Ephemeral | None:
        if target.message_ts is None or target.channel is None:
            return None
        if target.message_is_ephemeral:
            return self.ws.find_ephemeral(target.channel, target.message_ts)
        return self.ws.find_message(target.channel, target.message_ts)

    def _replace_original(self, target: ResponseTarget, text: str, blocks: Any) -> tuple[int, Any, Any, Any, bool]:
        original = self._original(target)
        if original is None:
            return 404, "message_not_found", target.channel, None, target.message_is_ephemeral
        original.text, original.blocks = text, blocks
        if isinstance(original, Message):
            original.edited = True
        return 200, None, original.channel, original.ts, target.message_is_ephemeral

    def _delete_original(self, target: ResponseTarget) -> tuple[int, Any, Any, Any, bool]:
        original = self._original(target)
        if original is None:
            return 404, "message_not_found", target.channel, None, target.message_is_ephemeral
        original.deleted = True
        return 200, None, original.channel, original.ts, target.message_is_ephemeral
