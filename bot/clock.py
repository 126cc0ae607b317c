"""The clock: duties are rows with a due time; `tick(now)` claims and runs each due one exactly once.

A claim is a conditional UPDATE (pending -> done) in the same transaction as the duty's own work, so a
crash rolls both back, a restart catches up on whatever fell due, and two clocks never run a duty twice
(on PostgreSQL the row is also locked with SKIP LOCKED, so a second clock passes over it at once).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot import outbox
from storage.models import Duty, utcnow

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger(__name__)

MAX_DUTY_ATTEMPTS = 5


@dataclass
class DutyContext:
    session: Session
    duty: Duty
    now: datetime
    deps: Deps

    @property
    def payload(self) -> dict[str, Any]:
        return self.duty.payload


DutyHandler = Callable[[DutyContext], None]
_HANDLERS: dict[str, DutyHandler] = {}


def duty(kind: str) -> Callable[[DutyHandler], DutyHandler]:
    """Register the function that performs duties of this kind."""

    def register(fn: DutyHandler) -> DutyHandler:
        _HANDLERS[kind] = fn
        return fn

    return register


def schedule(
    session: Session, *, team_id: str, kind: str, key: str, due_at: datetime, payload: dict[str, Any] | None = None
) -> Duty:
    """Add a duty, or move a pending one with the same key; a duty already done is left as it is.

    Safe when two processes schedule the same key at once: the insert yields to the row already there."""
    if kind not in _HANDLERS:
        raise KeyError(f"no duty handler for {kind!r}")
    values = {
        "team_id": team_id, "kind": kind, "key": key, "due_at": due_at, "payload": payload or {},
        "status": "pending", "attempts": 0, "created_at": utcnow(),
    }  # fmt: skip
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    inserted = session.execute(
        insert(Duty).values(**values).on_conflict_do_nothing(index_elements=["team_id", "kind", "key"])
    )
    existing = session.scalar(select(Duty).where(Duty.team_id == team_id, Duty.kind == kind, Duty.key == key))
    assert existing is not None
    if inserted.rowcount == 0 and existing.status == "pending":
        existing.due_at = due_at
        existing.payload = payload or {}
    return existing


def cancel(session: Session, *, team_id: str, kind: str, key_prefix: str) -> int:
    result = session.execute(
        update(Duty)
        .where(Duty.team_id == team_id, Duty.kind == kind, Duty.key.startswith(key_prefix), Duty.status == "pending")
        .values(status="cancelled")
    )
    return result.rowcount


@dataclass
class TickReport:
    ran: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    delivery: outbox.DeliveryReport = field(default_factory=outbox.DeliveryReport)


def tick(deps: Deps, now: datetime | None = None, *, deliver: bool = True) -> TickReport:
    """Run every duty due at `now`, then deliver what the outbox holds. Safe to run from several processes."""
    now = now or utcnow()
    report = TickReport()
    from bot.services import maintenance

    with deps.db.unit_of_work() as session:
        maintenance.ensure_scheduled(session, now)
    tried: set[int] = set()
    while True:
        with deps.db.unit_of_work() as session:
            due = [
                duty_id
                for duty_id in session.scalars(
                    select(Duty.id)
                    .where(Duty.status == "pending", Duty.due_at <= now)
                    .order_by(Duty.due_at, Duty.id)
                    .limit(200)
                )
                if duty_id not in tried
            ]
        if not due:
            break
        for duty_id in due:
            tried.add(duty_id)
            _run_one(deps, duty_id, now, report)
    if deliver:
        report.delivery = outbox.deliver_due(deps, now=now)
    return report


def _run_one(deps: Deps, duty_id: int, now: datetime, report: TickReport) -> None:
    label = f"duty {duty_id}"
    try:
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
            if claimed.rowcount != 1:
                return
            row = session.get(Duty, duty_id)
            assert row is not None
            label = f"{row.kind}:{row.key}"
            handler = _HANDLERS.get(row.kind)
            if handler is None:
                raise LookupError(f"no handler for duty kind {row.kind!r}")
            handler(DutyContext(session=session, duty=row, now=now, deps=deps))
        report.ran.append(label)
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
