"""After something is destroyed (a dilemma's salt, CPD feedback's salt, a purged case), its bytes are scrubbed
from the database's files too (storage/scrub.py), by a duty that runs once its deleting transaction has committed.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from uuid import uuid4

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import clock
from bot.features import Features
from storage.models import Duty
from storage.scrub import scrub

log = logging.getLogger(__name__)

SCRUB = "privacy.scrub"
RETRY_AFTER = timedelta(minutes=1)
# Every table a destroyed salt, pseudonym, rewritten anonymous answer or purged case text may have lived in.
TABLES = (
    "dilemma_posts", "dilemma_votes", "dilemma_comments", "cpd_events", "cpd_feedback_given", "cpd_feedback",
    "cpd_confidence", "concern_cases", "concern_messages", "concern_audit", "concern_sent", "outbox",
    "panel_questions",
)  # fmt: skip


def request_scrub(session: Session, team_id: str, now: datetime) -> None:
    """Ask for a scrub once this transaction has committed.

    Deletions while a scrub is still to be claimed share it: it is claimed after this transaction commits (on
    SQLite the claim queues for the write lock; on PostgreSQL a scrub claimed meanwhile waits for this
    transaction, which began before it, to end). Once one has been claimed, the next deletion asks for another:
    a scrub already run, or running, may have missed it."""
    waiting = select(Duty.id).where(Duty.team_id == team_id, Duty.kind == SCRUB, Duty.status == "pending").limit(1)
    if session.scalar(waiting) is None:  # a key of its own: duties of one tick share one `now`
        clock.schedule(session, team_id=team_id, kind=SCRUB, key=f"at:{now:%Y%m%d%H%M%S}:{uuid4().hex}", due_at=now)


def scrub_after_deletion(ctx: clock.DutyContext) -> None:
    team_id, now, deps = ctx.duty.team_id, ctx.now, ctx.deps

    def run() -> None:
        if scrub(deps.db, TABLES):
            log.info("deleted data scrubbed from the database's files")
            return
        with deps.db.unit_of_work() as session:
            clock.schedule(
                session, team_id=team_id, kind=SCRUB, key=f"retry:{now:%Y%m%d%H%M%S}", due_at=now + RETRY_AFTER
            )

    ctx.after_commit.append(run)


def register(features: Features) -> None:
    features.add_duty(SCRUB, scrub_after_deletion)
