"""Shared pieces of the Web API methods: errors, argument decoding and the channel rules Slack applies."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.sandbox.simulator.blockkit import validate_message_blocks, validate_view
from bot.sandbox.simulator.workspace import Channel, User, Workspace

MAX_TEXT = 40_000
TRIGGER_TTL = 3.0


class ApiError(Exception):
    """A Slack error answer: ``{"ok": false, "error": error, **extra}``."""

    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra

    def to_json(self) -> dict[str, Any]:
        return {"ok": False, "error": self.error, **self.extra}


@dataclass
class Trigger:
    id: str
    user: str
    issued_at: float
    used: bool = False


@dataclass
class Context:
    ws: Workspace
    base_url: str
    triggers: dict[str, Trigger] = field(default_factory=dict)
    trigger_ttl: float = TRIGGER_TTL


Handler = Callable[[Context, dict[str, Any]], dict[str, Any]]


def invalid_arguments(*messages: str) -> ApiError:
    return ApiError("invalid_arguments", response_metadata={"messages": [f"[ERROR] {m}" for m in messages]})


def required(args: dict[str, Any], name: str, error: str | None = None) -> str:
    value = args.get(name)
    if value is None or value == "":
        if error is not None:
            raise ApiError(error)
        raise invalid_arguments(f"missing required field: {name}")
    return str(value)


def json_arg(args: dict[str, Any], name: str, error: str) -> Any:
    """A JSON argument; form-encoded calls send it as a JSON string."""
    value = args.get(name)
    if isinstance(value, str):
        if value == "":
            return None
        try:
            return json.loads(value)
        except ValueError as exc:
            raise ApiError(error) from exc
    return value


def flag(args: dict[str, Any], name: str) -> bool:
    value = args.get(name)
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)


def user_for(ctx: Context, user_id: str | None) -> User:
    user = ctx.ws.users.get(user_id or "")
    if user is None:
        raise ApiError("user_not_found")
    return user


def channel_for_bot(ctx: Context, channel_id: str | None, *, write: bool = True) -> Channel:
    """The channel the bot means; a user id stands for the bot's DM with that user, as in Slack."""
    ws = ctx.ws
    if not channel_id:
        raise ApiError("channel_not_found")
    if channel_id in ws.users and channel_id not in ws.channels:
        if ws.users[channel_id].deleted:
            raise ApiError("user_disabled")
        return ws.open_im(channel_id)
    channel = ws.channels.get(channel_id)
    if channel is None or (channel.is_private and not channel.bot_is_member and not channel.is_im):
        raise ApiError("channel_not_found")
    if write and channel.is_archived:
        raise ApiError("is_archived")
    if not channel.bot_is_member:
        raise ApiError("not_in_channel")
    return channel


def message_content(args: dict[str, Any], *, require_content: bool = True) -> tuple[str, list[dict[str, Any]] | None]:
    """Text and blocks of a message, checked as chat.postMessage checks them."""
    blocks = json_arg(args, "blocks", "invalid_blocks_format")
    attachments = json_arg(args, "attachments", "invalid_attachments")
    text = args.get("text")
    text = "" if text is None else str(text)
    if blocks is not None:
        if not isinstance(blocks, list):
            raise ApiError("invalid_blocks_format")
        problems = validate_message_blocks(blocks)
        if problems:
            raise ApiError("invalid_blocks", errors=problems)
        if not blocks:
            blocks = None
    if require_content and not text and not blocks and not attachments:
        raise ApiError("no_text")
    if len(text) > MAX_TEXT:
        raise ApiError("msg_too_long")
    return text, blocks


def view_arg(args: dict[str, Any]) -> dict[str, Any]:
    view = json_arg(args, "view", "invalid_arguments")
    if not isinstance(view, dict):
        raise invalid_arguments("missing required field: view")
    problems = validate_view(view)
    if problems:
        raise ApiError("invalid_arguments", response_metadata={"messages": [f"[ERROR] {p}" for p in problems]})
    return view
