"""`/concern`: help for now; the feature's own listeners are added here."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond

from bot.texts import concerns as texts
from handlers.common import answer_help, parse_command_text

COMMAND = "/concern"


def register(app: App) -> None:
    app.command(COMMAND)(on_command)


def on_command(ack: Ack, command: dict[str, str], respond: Respond) -> None:
    ack()
    parsed = parse_command_text(command.get("text"))
    answer_help(respond, COMMAND, texts.HELP, "" if parsed.verb in {"", "help"} else parsed.raw)
