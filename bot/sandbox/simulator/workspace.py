"""The simulated workspace: people, channels, messages, views and files, guarded by one lock."""

from __future__ import annotations

import copy
import itertools
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

BOT_NAME = "standards-bot"
BOT_ID = "B0STDBOT"
APP_ID = "A0STANDARDS"


@dataclass
class User:
    id: str
    name: str
    is_admin: bool = False
    deleted: bool = False
    tz: str = "Europe/London"
    is_bot: bool = False

    def to_api(self, team_id: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "team_id": team_id,
            "name": self.name,
            "real_name": self.name,
            "deleted": self.deleted,
            "is_admin": self.is_admin,
            "is_owner": False,
            "is_bot": self.is_bot,
            "is_app_user": False,
            "tz": self.tz,
            "profile": {"display_name": self.name, "real_name": self.name, "team": team_id},
        }


@dataclass
class Channel:
    id: str
    name: str
    members: list[str] = field(default_factory=list)
    is_private: bool = False
    bot_is_member: bool = True
    is_archived: bool = False
    im_user: str | None = None
    is_mpim: bool = False

    @property
    def is_im(self) -> bool:
        return self.im_user is not None

    def has_member(self, user_id: str) -> bool:
        return user_id in self.members

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "is_channel": not (self.is_im or self.is_private or self.is_mpim),
            "is_group": self.is_private and not self.is_mpim,
            "is_im": self.is_im,
            "is_mpim": self.is_mpim,
            "is_private": self.is_private or self.is_im or self.is_mpim,
            "is_archived": self.is_archived,
            "is_member": self.bot_is_member,
            "num_members": len(self.members) + (1 if self.bot_is_member and not self.is_im else 0),
        }
        if self.im_user is not None:
            data["user"] = self.im_user
        return data


@dataclass
class Message:
    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]] | None
    user: str
    from_bot: bool
    thread_ts: str | None = None
    reply_broadcast: bool = False
    deleted: bool = False
    edited: bool = False
    files: list[dict[str, Any]] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def top_level(self) -> bool:
        return self.thread_ts is None or self.thread_ts == self.ts or self.reply_broadcast

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": "message", "ts": self.ts, "text": self.text, "user": self.user}
        if self.from_bot:
            data.update(bot_id=BOT_ID, app_id=APP_ID)
        if self.blocks is not None:
            data["blocks"] = copy.deepcopy(self.blocks)
        if self.thread_ts is not None:
            data["thread_ts"] = self.thread_ts
        if self.edited:
            data["edited"] = {"user": self.user, "ts": self.ts}
        if self.files:
            data["files"] = copy.deepcopy(self.files)
        data.update(copy.deepcopy(self.extra))
        data["channel"] = self.channel
        return data


@dataclass
class Ephemeral:
    channel: str
    user: str
    text: str
    blocks: list[dict[str, Any]] | None
    ts: str
    via: str  # "chat.postEphemeral" or "response_url"
    thread_ts: str | None = None
    response_url_id: str | None = None
    seq: int = 0
    deleted: bool = False

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": "message",
            "ts": self.ts,
            "text": self.text,
            "channel": self.channel,
            "user": self.user,
            "is_ephemeral": True,
            "via": self.via,
        }
        if self.blocks is not None:
            data["blocks"] = copy.deepcopy(self.blocks)
        if self.thread_ts is not None:
            data["thread_ts"] = self.thread_ts
        if self.response_url_id is not None:
            data["response_url_id"] = self.response_url_id
        return data


@dataclass
class View:
    id: str
    type: str
    user: str
    payload: dict[str, Any]
    hash: str
    root_view_id: str
    previous_view_id: str | None = None
    is_open: bool = True
    state_values: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def external_id(self) -> str:
        return str(self.payload.get("external_id") or "")

    def to_api(self, team_id: str) -> dict[str, Any]:
        p = copy.deepcopy(self.payload)
        return {
            "id": self.id,
            "team_id": team_id,
            "type": self.type,
            "title": p.get("title"),
            "submit": p.get("submit"),
            "close": p.get("close"),
            "blocks": p.get("blocks", []),
            "private_metadata": p.get("private_metadata", ""),
            "callback_id": p.get("callback_id", ""),
            "external_id": p.get("external_id", ""),
            "state": {"values": copy.deepcopy(self.state_values)},
            "hash": self.hash,
            "clear_on_close": bool(p.get("clear_on_close", False)),
            "notify_on_close": bool(p.get("notify_on_close", False)),
            "root_view_id": self.root_view_id,
            "previous_view_id": self.previous_view_id,
            "app_id": APP_ID,
            "bot_id": BOT_ID,
            "user": self.user,
        }


@dataclass
class UploadedFile:
    id: str
    filename: str
    length: int
    content: bytes | None = None
    title: str | None = None
    channel: str | None = None
    thread_ts: str | None = None
    initial_comment: str | None = None
    shared: bool = False

    def to_api(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.filename,
            "title": self.title or self.filename,
            "size": len(self.content) if self.content is not None else self.length,
            "channels": [self.channel] if self.channel else [],
            "content": self.content,
            "channel": self.channel,
            "thread_ts": self.thread_ts,
            "initial_comment": self.initial_comment,
        }


class Workspace:
    """All state. Every read or change happens with ``lock`` held; helpers here assume the caller holds it."""

    def __init__(self, team_id: str, bot_user_id: str) -> None:
        self.lock = threading.RLock()
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self.users: dict[str, User] = {bot_user_id: User(bot_user_id, BOT_NAME, is_bot=True)}
        self.channels: dict[str, Channel] = {}
        self.messages: dict[str, list[Message]] = {}
        self.ephemerals: list[Ephemeral] = []
        self.views: dict[str, View] = {}
        self.modal_stacks: dict[str, list[str]] = {}
        self.homes: dict[str, str] = {}
        self.files: dict[str, UploadedFile] = {}
        self._ims: dict[str, str] = {}
        self._counter = itertools.count(1)
        self._last_us = 0

    # identifiers -----------------------------------------------------------------------------------------------
    def new_id(self, prefix: str) -> str:
        return f"{prefix}0SIM{next(self._counter):05d}"

    def next_ts(self) -> str:
        us = max(int(time.time() * 1_000_000), self._last_us + 1)
        self._last_us = us
        return f"{us // 1_000_000}.{us % 1_000_000:06d}"

    @staticmethod
    def new_hash() -> str:
        return f"{int(time.time())}.{secrets.token_hex(4)}"

    # people and channels ---------------------------------------------------------------------------------------
    def add_user(self, user: User) -> None:
        self.users[user.id] = user

    def add_channel(self, channel: Channel) -> None:
        self.channels[channel.id] = channel
        self.messages.setdefault(channel.id, [])

    def open_im(self, user_id: str) -> Channel:
        channel_id = self._ims.get(user_id)
        if channel_id is None:
            channel_id = self.new_id("D")
            self._ims[user_id] = channel_id
            self.add_channel(Channel(channel_id, channel_id, members=[user_id], is_private=True, im_user=user_id))
        return self.channels[channel_id]

    def im_of(self, user_id: str) -> str | None:
        return self._ims.get(user_id)

    # messages --------------------------------------------------------------------------------------------------
    def add_message(self, message: Message) -> Message:
        self.messages.setdefault(message.channel, []).append(message)
        return message

    def find_message(self, channel: str, ts: str) -> Message | None:
        for message in self.messages.get(channel, []):
            if message.ts == ts and not message.deleted:
                return message
        return None

    def add_ephemeral(self, ephemeral: Ephemeral) -> Ephemeral:
        ephemeral.seq = len(self.ephemerals)
        self.ephemerals.append(ephemeral)
        return ephemeral

    def find_ephemeral(self, channel: str, ts: str) -> Ephemeral | None:
        for ephemeral in self.ephemerals:
            if ephemeral.channel == channel and ephemeral.ts == ts and not ephemeral.deleted:
                return ephemeral
        return None

    # views -----------------------------------------------------------------------------------------------------
    def view_by_external_id(self, external_id: str) -> View | None:
        for view in self.views.values():
            if view.external_id == external_id:
                return view
        return None

    def open_stack(self, user_id: str) -> list[View]:
        return [self.views[v] for v in self.modal_stacks.get(user_id, [])]

    def close_views(self, user_id: str, *, all_views: bool) -> None:
        stack = self.modal_stacks.get(user_id, [])
        closing = list(stack) if all_views else stack[-1:]
        for view_id in closing:
            self.views[view_id].is_open = False
            stack.remove(view_id)
