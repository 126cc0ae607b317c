"""What the page shows one pretend person: their channels, a conversation, their Home tab and open modals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.sandbox import people
from bot.sandbox.commands import COMMANDS
from bot.sandbox.simulator.workspace import Ephemeral, Message

if TYPE_CHECKING:
    from bot.sandbox.runner import Sandbox

BOT_DISPLAY = "Standards Bot"


def _message(m: Message, replies: int) -> dict[str, Any]:
    return {
        "ts": m.ts,
        "channel": m.channel,
        "user": m.user,
        "from_bot": m.from_bot,
        "text": m.text,
        "blocks": m.blocks,
        "files": m.files or [],
        "edited": m.edited,
        "thread_ts": m.thread_ts,
        "reply_count": replies,
        "ephemeral": False,
    }


def _ephemeral(e: Ephemeral) -> dict[str, Any]:
    return {
        "ts": e.ts,
        "channel": e.channel,
        "user": e.user,
        "from_bot": True,
        "text": e.text,
        "blocks": e.blocks,
        "files": [],
        "edited": False,
        "thread_ts": e.thread_ts,
        "reply_count": 0,
        "ephemeral": True,
    }


def conversation(box: Sandbox, user: str, channel: str, thread: str | None = None) -> list[dict[str, Any]]:
    """The messages `user` sees in `channel` (or in one of its threads), their own ephemerals included."""
    ws = box.sim.ws
    with box.sim.lock:
        stored = [m for m in ws.messages.get(channel, []) if not m.deleted]
        replies: dict[str, int] = {}
        for m in stored:
            if m.thread_ts and m.thread_ts != m.ts:
                replies[m.thread_ts] = replies.get(m.thread_ts, 0) + 1
        if thread is None:
            shown = [_message(m, replies.get(m.ts, 0)) for m in stored if m.top_level]
        else:
            shown = [_message(m, 0) for m in stored if thread in (m.ts, m.thread_ts)]
        shown += [
            _ephemeral(e)
            for e in ws.ephemerals
            if not e.deleted and e.user == user and e.channel == channel and e.thread_ts == thread
        ]
    return sorted(shown, key=lambda m: float(m["ts"]))


def rooms_of(box: Sandbox, user: str) -> list[dict[str, Any]]:
    with box.sim.lock:
        channels = box.sim.ws.channels
        return [
            {"id": r.id, "name": r.name, "purpose": r.purpose, "is_private": r.is_private}
            for r in people.ROOMS
            if r.id in channels and channels[r.id].has_member(user)
        ]


def snapshot(box: Sandbox, user: str, channel: str | None, thread: str | None) -> dict[str, Any]:
    """Everything the page needs to draw itself for `user` looking at `channel` (and perhaps a thread)."""
    dm = box.sim.open_im(user)
    rooms = rooms_of(box, user)
    if channel == "dm":
        channel = dm
    if channel is None or (channel != dm and channel not in {r["id"] for r in rooms}):
        channel = rooms[0]["id"] if rooms else dm  # a first visit, or a channel this person is not in
    return {
        "me": user,
        "demo": box.demo,
        "now": box.clock.now().isoformat(),
        "offset_seconds": int(box.clock.offset.total_seconds()),
        "people": [{"id": p.id, "name": p.name, "display": p.display, "role": p.role} for p in people.PEOPLE]
        + [{"id": box.sim.bot_user_id, "name": "standards-bot", "display": BOT_DISPLAY, "role": "the app"}],
        "channels": [{"id": r.id, "name": r.name} for r in people.ROOMS],
        "rooms": rooms,
        "dm": dm,
        "channel": channel,
        "messages": conversation(box, user, channel),
        "thread": {"ts": thread, "messages": conversation(box, user, channel, thread)} if thread else None,
        "home": box.sim.home(user),
        "modals": box.sim.views_for(user),
        "commands": [{"command": c.command, "hint": c.hint, "description": c.description} for c in COMMANDS],
        "upcoming": [{"kind": u.kind, "label": u.label, "due_at": u.due_at.isoformat()} for u in box.clock.upcoming()],
    }
