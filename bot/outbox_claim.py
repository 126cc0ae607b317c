"""Claiming an outbox message for delivery: a conditional update that takes a short lease, so two processes never
send one message at once, and a process that dies mid-send gives the message back when its lease runs out."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import or_, update

from storage.db import rowcount
from storage.models import OutboxMessage, utcnow

if TYPE_CHECKING:
    from bot.deps import Deps

LEASE = timedelta(minutes=2)


def claim(deps: Deps, message_id: int, cutoff: datetime) -> OutboxMessage | None:
    real_now = utcnow()
    with deps.db.unit_of_work() as session:
        claimed = session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == message_id,
                OutboxMessage.status == "pending",
                OutboxMessage.next_attempt_at <= cutoff,
                or_(OutboxMessage.lease_until.is_(None), OutboxMessage.lease_until < real_now),
            )
            .values(lease_until=real_now + LEASE, attempts=OutboxMessage.attempts + 1)
        )
        if rowcount(claimed) != 1:
            return None
        message = session.get(OutboxMessage, message_id)
        assert message is not None
        session.expunge(message)
        return message
