"""The outbox's failed messages as admins see them: listed in `/standards report`, and sent again on request."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import OutboxMessage, utcnow

# Questions asked through the outbox (so that no transaction waits on Slack): when one cannot be answered,
# its hook carries on without the answer, and admins are not alerted, since nothing failed to reach anyone.
QUESTIONS = frozenset({"conversations.info", "users.info"})


def failed_messages(session: Session, team_id: str, limit: int = 20) -> list[OutboxMessage]:
    return list(
        session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.team_id == team_id,
                OutboxMessage.status == "failed",
                OutboxMessage.method.not_in(QUESTIONS),
            )
            .order_by(OutboxMessage.id.desc())
            .limit(limit)
        )
    )


def retry_failed(session: Session, message_id: int) -> bool:
    row = session.get(OutboxMessage, message_id)
    if row is None or row.status != "failed":
        return False
    row.status, row.attempts, row.next_attempt_at = "pending", 0, utcnow()
    return True
