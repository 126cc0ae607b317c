"""The clock: duties are rows with a due time; `tick(now)` claims and runs each due one exactly once.

A claim is a conditional UPDATE (pending -> done) in the same transaction as the duty's own work, so a
crash rolls both back, a restart catches up on whatever fell due, and two clocks never run a duty twice
(on PostgreSQL the row is also locked with SKIP LOCKED, so a second clock passes over it at once).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot import outbox
from bot.features import features_of
from storage.db import rowcount
from storage.models import Duty, utcnow
from storage.upsert import insert_for

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger(__name__)

MAX_DUTY_ATTEMPTS = 5
# A tick delivers what the outbox holds until this long after it began (and for at least MIN_DELIVERY), then
# returns: what is left (a long fan-out under Slack's rate limits) is sent by the clock's delivery round every few
# seconds, or by the next tick. So `standards-bot tick` returns in a few seconds however much is queued.
DELIVERY_BUDGET = 4.0
MIN_DELIVERY = 0.5


@dataclass
class DutyContext:
    session: Session
    duty: Duty
    now: datetime
    deps: Deps
    # What the duty's prepare step found out (from Slack) before the transaction began.
    prepared: dict[str, Any] = field(default_factory=dict)
    # What the duty asks to be done once its transaction has committed (work that cannot run inside one).
    after_commit: list[Callable[[], None]] = field(default_factory=list)

    @property
    def payload(self) -> dict[str, Any]:
        return self.duty.payload


# The function that performs duties of a kind; each feature adds its own to Features (bot/features.py).
DutyHandler = Callable[[DutyContext], None]
# A duty that needs an answer from Slack asks it here, before its transaction opens: a transaction must never
# wait on the network (on SQLite it would hold up every writer, a rate limit's Retry-After included).
Preparer = Callable[["Deps", Duty, datetime], dict[str, Any]]


def schedule(
    session: Session, *, team_id: str, kind: str, key: str, due_at: datetime, payload: dict[str, Any] | None = None
) -> Duty:
    """Add a duty, or move a pending one with the same key; a duty already done is left as it is.

    Safe when two processes schedule the same key at once: the insert yields to the row already there."""
    if kind not in features_of(session).duties:
        raise KeyError(f"no duty handler for {kind!r}")
    values = {
        "team_id": team_id, "kind": kind, "key": key, "due_at": due_at, "payload": payload or {},
        "status": "pending", "attempts": 0, "created_at": utcnow(),
    }  # fmt: skip
    insert = insert_for(session)
    inserted = session.execute(
        insert(Duty).values(**values).on_conflict_do_nothing(index_elements=["team_id", "kind", "key"])
    )
    existing = session.scalar(select(Duty).where(Duty.team_id == team_id, Duty.kind == kind, Duty.key == key))
    assert existing is not None
    if rowcount(inserted) == 0 and existing.status == "pending":
        existing.due_at = due_at
        existing.payload = payload or {}
    return existing


def cancel(session: Session, *, team_id: str, kind: str, key_prefix: str) -> int:
    result = session.execute(
        update(Duty)
        .where(Duty.team_id == team_id, Duty.kind == kind, Duty.key.startswith(key_prefix), Duty.status == "pending")
        .values(status="cancelled")
    )
    return rowcount(result)


@dataclass
class TickReport:
    ran: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    delivery: outbox.DeliveryReport = field(default_factory=outbox.DeliveryReport)


def tick(
    deps: Deps, now: datetime | None = None, *, deliver: bool = True, budget: float | None = DELIVERY_BUDGET
) -> TickReport:
    """Run every duty due at `now`, then deliver what the outbox holds. Safe to run from several processes."""
    now = now or utcnow()
    started = time.monotonic()
    report = TickReport()
    with deps.db.unit_of_work() as session:
        for ensure in deps.features.standing_duties:
            ensure(session, now)
    tried: set[int] = set()
    while True:
        with deps.db.unit_of_work() as session:
            due = [
                (duty_id, kind)
                for duty_id, kind in session.execute(
                    select(Duty.id, Duty.kind)
                    .where(Duty.status == "pending", Duty.due_at <= now)
                    .order_by(Duty.due_at, Duty.id)
                    .limit(200)
                )
                if duty_id not in tried
            ]
        if not due:
            break
        for duty_id, kind in due:
            tried.add(duty_id)
            _run_one(deps, duty_id, now, report, prepare=kind in deps.features.preparers)
    if deliver:
        left = None if budget is None else max(budget - (time.monotonic() - started), MIN_DELIVERY)
        report.delivery = outbox.deliver_due(deps, now=now, budget=left)
    return report


def _prepare(deps: Deps, duty_id: int, now: datetime) -> dict[str, Any]:
    """Run the duty's prepare step, outside any transaction; a duty without one gets nothing."""
    with deps.db.unit_of_work() as session:
        row = session.get(Duty, duty_id)
        if row is None or row.status != "pending" or row.kind not in deps.features.preparers:
            return {}
        session.expunge(row)
    return deps.features.preparers[row.kind](deps, row, now)


def _run_one(deps: Deps, duty_id: int, now: datetime, report: TickReport, *, prepare: bool = False) -> None:
    label = f"duty {duty_id}"
    context: DutyContext | None = None
    try:
        prepared = _prepare(deps, duty_id, now) if prepare else {}
        with deps.db.unit_of_work() as session:
            if deps.db.is_postgres:
                locked = session.scalar(
                    select(Duty.id)
                    .where(Duty.id == duty_id, Duty.status == "pending")
                    .with_for_update(skip_locked=True)
                )
                if locked is None:
                    return
            claimed = session.execute(
                update(Duty)
                .where(Duty.id == duty_id, Duty.status == "pending", Duty.due_at <= now)
                .values(status="done", done_at=now, attempts=Duty.attempts + 1)
            )
            if rowcount(claimed) != 1:
                return
            row = session.get(Duty, duty_id)
            assert row is not None
            label = f"{row.kind}:{row.key}"
            handler = deps.features.duties.get(row.kind)
            if handler is None:
                raise LookupError(f"no handler for duty kind {row.kind!r}")
            context = DutyContext(session=session, duty=row, now=now, deps=deps, prepared=prepared)
            handler(context)
        report.ran.append(label)
        for then in context.after_commit if context is not None else ():
            then()
    except Exception as exc:  # a failing duty must not stop the others; it is retried with back-off
        log.exception("duty %s failed", label)
        report.failed.append(label)
        _record_failure(deps, duty_id, now, exc)


def _record_failure(deps: Deps, duty_id: int, now: datetime, exc: Exception) -> None:
    with deps.db.unit_of_work() as session:
        row = session.get(Duty, duty_id)
        if row is None or row.status != "pending":
            return
        row.attempts += 1
        row.last_error = f"{type(exc).__name__}: {str(exc)[:300]}"
        if row.attempts >= MAX_DUTY_ATTEMPTS:
            row.status = "failed"
        else:
            row.due_at = now + timedelta(minutes=2**row.attempts)


def failed_duties(session: Session, team_id: str) -> list[Duty]:
    return list(session.scalars(select(Duty).where(Duty.team_id == team_id, Duty.status == "failed")))
