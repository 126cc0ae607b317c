"""Sending the standards team a CSV file they asked for: queued in the outbox with a private answer, and
uploaded into their direct messages once the acknowledgement has gone."""

from __future__ import annotations

from slack_bolt import Respond

from bot import outbox
from bot.deps import Deps
from handlers.common import later, private


def send_csv(
    deps: Deps, respond: Respond, *, team_id: str, user_id: str, filename: str, title: str, comment: str, content: str,
    sent: str, purpose: str,
) -> None:  # fmt: skip
    with deps.db.unit_of_work() as session:
        message = outbox.enqueue_dm_upload(
            session, team_id=team_id, user_id=user_id, purpose=purpose, comment=comment,
            files=[outbox.file_upload(filename, title, content)],
        )  # fmt: skip
        message_id = message.id
    private(respond, sent)
    later(respond, outbox.deliver_soon, deps, [message_id])  # the upload waits for the acknowledgement
