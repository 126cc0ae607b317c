"""What a pretend person does on the page, played to the bot as Slack would send it, over signed HTTP."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.sandbox.commands import NAMES
from bot.sandbox.simulator.workspace import Message

if TYPE_CHECKING:
    from bot.sandbox.runner import Sandbox
    from bot.sandbox.simulator.driver import Result

_MENTION = re.compile(r"(?<![\w<])([#@])([a-z0-9][a-z0-9._-]*)")


class Refused(Exception):
    """Something the page asked that Slack would not do; the message says why, for the person to read."""


def escape_as_slack(box: Sandbox, text: str) -> str:
    """Escape a command's text as Slack does for `should_escape` commands: &, <, > and known #channels, @people."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    with box.sim.lock:
        channels = {c.name: c.id for c in box.sim.ws.channels.values() if not c.is_im}
        users = {u.name: u.id for u in box.sim.ws.users.values()}

    def linked(match: re.Match[str]) -> str:
        sigil, name = match.group(1), match.group(2)
        known = channels.get(name) if sigil == "#" else users.get(name)
        if known is None:
            return match.group(0)
        return f"<#{known}|{name}>" if sigil == "#" else f"<@{known}|{name}>"

    return _MENTION.sub(linked, text)


def _checked(result: Result) -> dict[str, Any]:
    if result.status != 200:
        raise Refused(f"The bot answered with HTTP {result.status}.")
    return {"ok": True}


def send_text(box: Sandbox, user: str, channel: str, text: str, thread: str | None) -> dict[str, Any]:
    """The message box: a slash command goes to the bot; other text is posted (and heard by the bot in its DM)."""
    text = text.strip()
    if not text:
        raise Refused("Type a message or a command first.")
    if text.startswith("/"):
        command, _, rest = text.partition(" ")
        if command not in NAMES:
            raise Refused(f"{command} is not a command here. Type / to see the commands this app offers.")
        return _checked(box.driver.command(user, command, escape_as_slack(box, rest.strip()), channel=channel))
    dm = box.sim.open_im(user)
    if channel == dm and thread is None:
        return _checked(box.driver.dm(user, text))
    with box.sim.lock:
        ws = box.sim.ws
        ws.add_message(Message(channel, ws.next_ts(), text, None, user, False, thread_ts=thread))
    return {"ok": True}


def act(box: Sandbox, user: str, request: dict[str, Any]) -> dict[str, Any]:
    """A button press or a menu choice in a message or a view (modal or Home tab)."""
    target: dict[str, Any] = {}
    if request.get("view_id"):
        target["view"] = str(request["view_id"])
    else:
        target["message"] = {
            "channel": request.get("channel"),
            "ts": request.get("ts"),
            "is_ephemeral": bool(request.get("ephemeral")),
        }
    result = box.driver.click(
        user,
        action_id=str(request.get("action_id") or ""),
        block_id=request.get("block_id"),
        selected=request.get("selected"),
        **target,
    )
    return _checked(result)


def submit(box: Sandbox, user: str, view_id: str, values: dict[str, Any]) -> dict[str, Any]:
    result = box.driver.submit(user, view_id, values)
    answer = _checked(result)
    if result.errors:
        answer["errors"] = result.errors
    return answer


def close(box: Sandbox, user: str, view_id: str) -> dict[str, Any]:
    box.driver.close(user, view_id)
    return {"ok": True}


def open_home(box: Sandbox, user: str) -> dict[str, Any]:
    return _checked(box.driver.open_home(user))


def move_clock(box: Sandbox, request: dict[str, Any]) -> dict[str, Any]:
    """Run the clock at a later instant: a named upcoming duty's time, or so many hours on."""
    if request.get("to"):
        try:
            instant = datetime.fromisoformat(str(request["to"]))
        except ValueError as exc:
            raise Refused("That is not a time the clock can move to.") from exc
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=UTC)
        report = box.clock.move_to(instant + timedelta(seconds=1))
    else:
        hours = float(request.get("hours") or 0)
        if not 0 < hours <= 24 * 60:
            raise Refused("Move the clock on by between a minute and 60 days.")
        report = box.clock.move_by(timedelta(hours=hours))
    return {"ok": True, "ran": len(report.ran), "now": box.clock.now().isoformat()}
