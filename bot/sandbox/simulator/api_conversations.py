"""auth.test, conversations.* and users.info."""

from __future__ import annotations

import base64
from typing import Any

from bot.sandbox.simulator.api_common import ApiError, Context, Handler, channel_for_bot, flag, required, user_for
from bot.sandbox.simulator.workspace import BOT_ID, Channel


def auth_test(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return {
        "ok": True,
        "url": f"https://{ctx.ws.team_id.lower()}.slack.com/",
        "team": "Standards",
        "user": ctx.ws.users[ctx.ws.bot_user_id].name,
        "team_id": ctx.ws.team_id,
        "user_id": ctx.ws.bot_user_id,
        "bot_id": BOT_ID,
        "is_enterprise_install": False,
    }


def _visible(ctx: Context, channel_id: str | None) -> Channel:
    channel = ctx.ws.channels.get(channel_id or "")
    if channel is None or (channel.is_private and not channel.bot_is_member and not channel.is_im):
        raise ApiError("channel_not_found")
    return channel


def open_conversation(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ws = ctx.ws
    if args.get("channel"):
        channel = _visible(ctx, str(args["channel"]))
        return {"ok": True, "channel": {"id": channel.id}, "already_open": True}
    raw = args.get("users")
    users = raw if isinstance(raw, list) else [u.strip() for u in str(raw or "").split(",") if u.strip()]
    if not users:
        raise ApiError("users_list_not_supplied")
    for user_id in users:
        if user_for(ctx, user_id).deleted:
            raise ApiError("user_disabled")
    if len(users) == 1:
        already = ws.im_of(users[0]) is not None
        channel = ws.open_im(users[0])
    else:
        already = False
        channel = Channel(ws.new_id("G"), "mpdm-" + "--".join(sorted(users)), members=list(users), is_mpim=True)
        ws.add_channel(channel)
    data: dict[str, Any] = {"id": channel.id}
    if flag(args, "return_im"):
        data = channel.to_api()
    return {"ok": True, "channel": data, "no_op": already, "already_open": already}


def _cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


def _offset(cursor: str) -> int:
    try:
        kind, _, number = base64.b64decode(cursor.encode(), validate=True).decode().partition(":")
        if kind != "offset":
            raise ValueError(cursor)
        return int(number)
    except ValueError as exc:
        raise ApiError("invalid_cursor") from exc


def members(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    channel = _visible(ctx, args.get("channel"))
    everyone = list(channel.members)
    if channel.bot_is_member and ctx.ws.bot_user_id not in everyone and not channel.is_im:
        everyone.append(ctx.ws.bot_user_id)
    try:
        limit = int(args.get("limit") or 100)
    except ValueError as exc:
        raise ApiError("invalid_limit") from exc
    if not 1 <= limit <= 1000:
        raise ApiError("invalid_limit")
    start = _offset(str(args["cursor"])) if args.get("cursor") else 0
    page = everyone[start : start + limit]
    following = start + limit
    next_cursor = _cursor(following) if following < len(everyone) else ""
    return {"ok": True, "members": page, "response_metadata": {"next_cursor": next_cursor}}


def info(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    channel = _visible(ctx, args.get("channel"))
    return {"ok": True, "channel": channel.to_api()}


def users_info(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    user = user_for(ctx, required(args, "user", "user_not_found"))
    return {"ok": True, "user": user.to_api(ctx.ws.team_id)}


def join(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    channel = _visible(ctx, args.get("channel"))
    if channel.is_private or channel.is_im:
        raise ApiError("method_not_supported_for_channel_type")
    if channel.is_archived:
        raise ApiError("is_archived")
    channel.bot_is_member = True
    return {"ok": True, "channel": channel.to_api()}


def invite(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    """Add people to a channel the bot is in; as Slack does, one already there fails the whole call."""
    channel = channel_for_bot(ctx, args.get("channel"))
    if channel.is_im or channel.is_mpim:
        raise ApiError("method_not_supported_for_channel_type")
    raw = args.get("users")
    users = raw if isinstance(raw, list) else [u.strip() for u in str(raw or "").split(",") if u.strip()]
    if not users:
        raise ApiError("no_user")
    for user_id in users:
        if user_id == ctx.ws.bot_user_id:
            raise ApiError("cant_invite_self")
        if user_for(ctx, user_id).deleted:
            raise ApiError("cant_invite")
        if channel.has_member(user_id):
            raise ApiError("already_in_channel")
    channel.members.extend(users)
    return {"ok": True, "channel": channel.to_api()}


METHODS: dict[str, Handler] = {
    "auth.test": auth_test,
    "conversations.open": open_conversation,
    "conversations.members": members,
    "conversations.info": info,
    "conversations.join": join,
    "conversations.invite": invite,
    "users.info": users_info,
}
