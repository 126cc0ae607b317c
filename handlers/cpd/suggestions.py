"""`/cpd suggest <topic>` for ambassadors, and `/cpd suggestions` for the standards team: the topics counted."""

from __future__ import annotations

from slack_bolt import Respond

from bot.blocks.elements import MESSAGE_BLOCKS, context, packed, section
from bot.deps import Deps
from bot.services.cpd import suggestions as service
from bot.texts import cpd_suggestions as texts
from bot.texts.common import escape
from handlers.common import CommandText, private
from storage.models import utcnow

_WORDS = {
    "saved": texts.SAVED,
    "repeat": texts.REPEAT,
    "limit": texts.LIMIT,
    "not_ambassador": texts.NOT_AMBASSADOR,
    "empty": texts.NEEDS_TOPIC,
}


def suggest(deps: Deps, respond: Respond, team_id: str, user_id: str, parsed: CommandText) -> None:
    with deps.db.unit_of_work() as session:
        outcome = service.suggest(session, deps, team_id=team_id, user_id=user_id, topic=parsed.rest, now=utcnow())
    private(respond, _WORDS[outcome.status])


def listed(deps: Deps, respond: Respond, team_id: str) -> None:
    """The caller has checked that the person is an admin."""
    with deps.db.unit_of_work() as session:
        topics = service.counted(session, team_id)
    if not topics:
        private(respond, texts.NONE_YET)
        return
    heading = f"*{texts.TITLE}*: {texts.summary(len(topics), sum(t.count for t in topics))}"
    lines = [texts.count_line(escape(t.topic), t.count) for t in topics]
    shown = [section(part) for part in packed([heading, *lines])][: MESSAGE_BLOCKS - 1]
    private(respond, texts.TITLE, [*shown, context(texts.NOTE)])
