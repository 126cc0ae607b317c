"""chat.* methods: post, post ephemeral, update, delete."""

from __future__ import annotations

from typing import Any

from bot.sandbox.simulator.api_common import (
    ApiError,
    Context,
    Handler,
    channel_for_bot,
    flag,
    message_content,
    required,
)
from bot.sandbox.simulator.workspace import Ephemeral, Message


def _public(message: Message) -> dict[str, Any]:
    data = message.to_api()
    data.pop("channel", None)
    return data


def thread_root(ctx: Context, channel: str, thread_ts: str | None) -> str | None:
    """The parent ts for a reply; a reply's ts stands for its thread, as in Slack."""
    if not thread_ts:
        return None
    parent = ctx.ws.find_message(channel, str(thread_ts))
    if parent is None:
        raise ApiError("thread_not_found")
    return parent.thread_ts or parent.ts


def post_message(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    channel = channel_for_bot(ctx, args.get("channel"))
    text, blocks = message_content(args)
    thread_ts = thread_root(ctx, channel.id, args.get("thread_ts"))
    message = ctx.ws.add_message(
        Message(
            channel=channel.id,
            ts=ctx.ws.next_ts(),
            text=text,
            blocks=blocks,
            user=ctx.ws.bot_user_id,
            from_bot=True,
            thread_ts=thread_ts,
            reply_broadcast=bool(thread_ts) and flag(args, "reply_broadcast"),
        )
    )
    return {"ok": True, "channel": channel.id, "ts": message.ts, "message": _public(message)}


def post_ephemeral(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    channel = channel_for_bot(ctx, args.get("channel"))
    user_id = required(args, "user", "user_not_found")
    user = ctx.ws.users.get(user_id)
    if user is None:
        raise ApiError("user_not_found")
    if not channel.has_member(user.id):
        raise ApiError("user_not_in_channel")
    text, blocks = message_content(args)
    thread_ts = thread_root(ctx, channel.id, args.get("thread_ts"))
    ephemeral = ctx.ws.add_ephemeral(
        Ephemeral(channel.id, user.id, text, blocks, ctx.ws.next_ts(), "chat.postEphemeral", thread_ts=thread_ts)
    )
    return {"ok": True, "message_ts": ephemeral.ts}


def _own_message(ctx: Context, args: dict[str, Any], cant: str) -> Message:
    channel = channel_for_bot(ctx, args.get("channel"))
    ts = required(args, "ts", "message_not_found")
    message = ctx.ws.find_message(channel.id, ts)
    if message is None:
        raise ApiError("message_not_found")
    if not message.from_bot:
        raise ApiError(cant)
    return message


def update(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    message = _own_message(ctx, args, "cant_update_message")
    has_text, has_blocks = "text" in args, "blocks" in args
    text, blocks = message_content(args, require_content=False)
    if not has_text and not has_blocks:
        raise ApiError("no_text")
    new_blocks = blocks if has_blocks else message.blocks
    new_text = text if has_text else message.text
    if not new_text and not new_blocks:
        raise ApiError("no_text")
    message.text, message.blocks = new_text, new_blocks
    message.edited = True
    return {"ok": True, "channel": message.channel, "ts": message.ts, "text": message.text, "message": _public(message)}


def delete(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    message = _own_message(ctx, args, "cant_delete_message")
    message.deleted = True
    return {"ok": True, "channel": message.channel, "ts": message.ts}


METHODS: dict[str, Handler] = {
    "chat.postMessage": post_message,
    "chat.postEphemeral": post_ephemeral,
    "chat.update": update,
    "chat.delete": delete,
}
