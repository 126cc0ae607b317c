"""Small helpers every handler uses: reading a command's words, answering privately, admin checks."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, BoltContext, BoltResponse, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackRequestError

from bot.acknowledge import HeldRespond
from bot.deps import Deps
from bot.middleware import deps_of
from bot.texts import common

log = logging.getLogger(__name__)
_WORD = re.compile(r"\S+")
MAX_ARGUMENT_CHARS = 2000


@dataclass(frozen=True)
class CommandText:
    raw: str
    verb: str
    args: list[str]

    @property
    def rest(self) -> str:
        parts = self.raw.strip().split(None, 1)
        return parts[1] if len(parts) > 1 else ""


def parse_command_text(text: str | None) -> CommandText:
    """Split a command's text into a verb and words. Slack escapes &, < and > (should_escape is on in the
    manifest, so that channels arrive as <#C123|name> and people as <@U123|name>); those are undone here."""
    raw = unescape((text or "")[:MAX_ARGUMENT_CHARS])
    words = _WORD.findall(raw)
    verb = words[0].lower() if words else ""
    return CommandText(raw=raw, verb=verb, args=words[1:])


_CHANNEL_REF = re.compile(r"^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$")
_USER_REF = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")
_BARE_CHANNEL = re.compile(r"^[CG][A-Z0-9]{6,}$")


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def channel_ref(word: str) -> str | None:
    """A channel ID from a mention such as <#C123|general>, or a bare ID; None for anything else."""
    match = _CHANNEL_REF.match(word)
    if match:
        return match.group(1)
    return word if _BARE_CHANNEL.match(word) else None


def user_ref(word: str) -> str | None:
    match = _USER_REF.match(word)
    return match.group(1) if match else None


def submitted(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A submitted view's input blocks: each block ID with the state of its one element."""
    values = view.get("state", {}).get("values", {}) or {}
    return {block_id: next(iter(actions.values()), {}) or {} for block_id, actions in values.items()}


def submitted_value(view: dict[str, Any], block_id: str) -> str:
    """What a person gave in one input block: typed text, a chosen option's value, a person, a date or a time;
    "" when they gave nothing."""
    entry = submitted(view).get(block_id, {})
    chosen = entry.get("selected_option") or {}
    given = entry.get("value") or chosen.get("value") or entry.get("selected_user")
    return str(given or entry.get("selected_date") or entry.get("selected_time") or "")


def submitted_choices(view: dict[str, Any], block_id: str) -> list[str]:
    """The values of the options a person ticked or picked in one checkbox or multi-select block."""
    return [str(option.get("value")) for option in submitted(view).get(block_id, {}).get("selected_options") or []]


def private(respond: Respond, text: str, blocks: list[dict[str, Any]] | None = None) -> None:
    respond(text=text, blocks=blocks or [], response_type="ephemeral", replace_original=False)


def help_blocks(intro: str | None, help_text: str) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    if intro:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": intro}})
    blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": help_text}})
    return blocks


def answer_help(respond: Respond, command: str, help_text: str, text: str = "") -> None:
    intro = common.unknown_form(command, text.strip()) if text.strip() else None
    private(respond, help_text, help_blocks(intro, help_text))


def later(respond: Respond, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Run `fn` once the acknowledgement has gone (slow work, such as drawing charts, must never delay it)."""
    if isinstance(respond, HeldRespond):
        respond.after(fn, *args, **kwargs)
    else:
        fn(*args, **kwargs)


def open_view(client: WebClient, trigger_id: str, view: dict[str, Any], respond: Respond) -> None:
    """Open a form once the acknowledgement has gone; if Slack will not (an expired trigger, say), tell the person
    privately instead of failing."""
    if isinstance(respond, HeldRespond):
        respond.after(_open_view, client, trigger_id, view, respond)
    else:
        _open_view(client, trigger_id, view, respond)


def _open_view(client: WebClient, trigger_id: str, view: dict[str, Any], respond: Respond) -> None:
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except (SlackApiError, SlackRequestError, OSError):
        log.exception("could not open a form")
        private(respond, common.VIEW_FAILED)


def is_admin(deps: Deps, user_id: str) -> bool:
    return deps.settings.is_admin(user_id)


def refuse_non_admin(respond: Respond) -> None:
    private(respond, common.ADMINS_ONLY)


def admins_only(
    ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext, next_: Callable[[], None]
) -> BoltResponse | None:
    """Listener middleware for a button that only the standards team is shown: a click from anyone else (an old
    message, a crafted request) is acknowledged, answered privately, and changes nothing."""
    if is_admin(deps_of(context), (body.get("user") or {}).get("id", "")):
        next_()
        return None
    acknowledged = ack()
    refuse_non_admin(respond)
    return acknowledged


def admins_only_form(notice: Callable[[str], dict[str, Any]]) -> Callable[..., BoltResponse | None]:
    """Listener middleware for a form that only the standards team is shown: one submitted by anyone else is
    replaced by `notice(ADMINS_ONLY)` and changes nothing."""

    def middleware(
        ack: Ack, body: dict[str, Any], context: BoltContext, next_: Callable[[], None]
    ) -> BoltResponse | None:
        if is_admin(deps_of(context), (body.get("user") or {}).get("id", "")):
            next_()
            return None
        return ack(response_action="update", view=notice(common.ADMINS_ONLY))

    return middleware
