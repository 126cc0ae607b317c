"""Read-only questions tests ask the simulator; every answer is a copy taken under the lock."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from bot.sandbox.simulator.records import ApiCall
from bot.sandbox.simulator.workspace import Workspace

if TYPE_CHECKING:
    from bot.sandbox.simulator.responses import ResponseSink


class Queries:
    lock: threading.RLock
    ws: Workspace
    calls: list[ApiCall]

    @property
    def sink(self) -> ResponseSink:  # provided by the simulator
        raise NotImplementedError

    def calls_to(self, method: str) -> list[ApiCall]:
        with self.lock:
            return [call for call in self.calls if call.method == method]

    def messages(self, channel: str) -> list[dict[str, Any]]:
        """Top-level messages in a channel, oldest first, as they now read (updates applied, deletions gone)."""
        with self.lock:
            return [m.to_api() for m in self.ws.messages.get(channel, []) if m.top_level and not m.deleted]

    def thread(self, channel: str, ts: str) -> list[dict[str, Any]]:
        """A thread as conversations.replies gives it: the parent first, then the replies."""
        with self.lock:
            found = self.ws.find_message(channel, ts)
            root = (found.thread_ts or found.ts) if found else ts
            return [
                m.to_api()
                for m in self.ws.messages.get(channel, [])
                if not m.deleted and (m.ts == root or m.thread_ts == root)
            ]

    def message(self, channel: str, ts: str) -> dict[str, Any] | None:
        with self.lock:
            found = self.ws.find_message(channel, ts)
            return found.to_api() if found else None

    def ephemerals(self, user: str | None = None, channel: str | None = None) -> list[dict[str, Any]]:
        """Ephemeral messages (chat.postEphemeral and response_url), oldest first, without deleted ones."""
        with self.lock:
            return [
                e.to_api()
                for e in self.ws.ephemerals
                if not e.deleted and user in (None, e.user) and channel in (None, e.channel)
            ]

    def dms(self, user: str) -> list[dict[str, Any]]:
        """Messages in the bot's DM channel with this user (the user's own messages included)."""
        with self.lock:
            channel = self.ws.im_of(user)
        return self.messages(channel) if channel else []

    def views_for(self, user: str) -> list[dict[str, Any]]:
        """The modals open for this user, bottom of the stack first."""
        with self.lock:
            return [v.to_api(self.ws.team_id) for v in self.ws.open_stack(user)]

    def view(self, view_id: str) -> dict[str, Any] | None:
        with self.lock:
            found = self.ws.views.get(view_id)
            return found.to_api(self.ws.team_id) if found else None

    def home(self, user: str) -> dict[str, Any] | None:
        """The Home tab last published for this user, if any."""
        with self.lock:
            found = self.ws.views.get(self.ws.homes.get(user, ""))
            return found.to_api(self.ws.team_id) if found else None

    def files(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Files shared through files.completeUploadExternal, with their bytes under ``content``."""
        with self.lock:
            return [f.to_api() for f in self.ws.files.values() if f.shared and channel in (None, f.channel)]

    def all_text(self) -> str:
        """Every piece of text the app sent (messages, ephemerals, views, responses), one per line, for grepping."""
        with self.lock:
            pieces = list(self._texts())
        return "\n".join(p for p in pieces if p)

    def _texts(self) -> Iterator[str]:
        for call in self.calls:
            if not call.ok:
                continue
            for name in ("text", "initial_comment", "title"):
                if isinstance(call.args.get(name), str):
                    yield call.args[name]
            for name in ("blocks", "view", "files", "attachments"):
                if name in call.args:
                    yield from _strings(call.args[name])
        for post in self.sink.posts:
            if post.status == 200:
                yield from _strings(post.payload)


def _strings(value: Any) -> Iterator[str]:
    """The human-readable strings in a Block Kit structure (``text`` values and plain strings in text fields)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            yield value
            return
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("text", "title", "alt_text") and isinstance(item, str):
                yield item
            elif key not in ("type", "action_id", "block_id", "style", "url", "image_url", "value"):
                yield from _strings(item) if not isinstance(item, str) else iter(())
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
