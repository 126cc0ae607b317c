"""Small helpers every handler uses: reading a command's words, answering privately, admin checks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from slack_bolt import Respond

from bot.deps import Deps
from bot.texts import common

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
    raw = (text or "")[:MAX_ARGUMENT_CHARS]
    words = _WORD.findall(raw)
    verb = words[0].lower() if words else ""
    return CommandText(raw=raw, verb=verb, args=words[1:])


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


def is_admin(deps: Deps, user_id: str) -> bool:
    return deps.settings.is_admin(user_id)


def refuse_non_admin(respond: Respond) -> None:
    private(respond, common.ADMINS_ONLY)
