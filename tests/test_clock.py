"""The clock: due duties run once, catch up after downtime, and never twice under two concurrent clocks."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bot.clock import DutyContext, schedule, tick
from bot.deps import Deps
from bot.outbox import enqueue
from bot.wiring import register_all
from storage.models import Duty, OutboxMessage
from tests.support.harness import make_settings

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TEAM = "T0STANDARDS"


def _announce(ctx: DutyContext) -> None:
    time.sleep(ctx.payload.get("sleep", 0))
    enqueue(
        ctx.session,
        team_id=ctx.duty.team_id,
        method="chat.postMessage",
        payload={"channel": "C1", "text": f"announcement {ctx.duty.key}"},
        purpose="test",
    )


def _explode(ctx: DutyContext) -> None:
    enqueue(ctx.session, team_id=TEAM, method="chat.postMessage", payload={"channel": "C1", "text": "x"})
    raise RuntimeError("the duty failed")


def _deps(database_url: str) -> Deps:
    deps = Deps.from_settings(make_settings(database_url, "http://127.0.0.1:9/api/"))
    register_all(deps.features)
    deps.features.add_duty("test.announce", _announce)
    deps.features.add_duty("test.explode", _explode)
    return deps


def _announcements(deps: Deps) -> list[str]:
    with deps.db.unit_of_work() as session:
        return sorted(m.payload["text"] for m in session.scalars(select(OutboxMessage)))


def test_due_duties_run_once_and_a_second_tick_at_the_same_instant_does_nothing(database_url: str) -> None:
    deps = _deps(database_url)
    with deps.db.unit_of_work() as session:
        schedule(session, team_id=TEAM, kind="test.announce", key="a", due_at=T0)
        schedule(session, team_id=TEAM, kind="test.announce", key="later", due_at=T0 + timedelta(days=1))
    first = tick(deps, T0, deliver=False)
    second = tick(deps, T0, deliver=False)
    assert [label for label in first.ran if label.startswith("test.")] == ["test.announce:a"]
    assert second.ran == []
    assert _announcements(deps) == ["announcement a"]
    deps.close()


def test_a_clock_that_was_down_catches_up_on_everything_that_fell_due(database_url: str) -> None:
    deps = _deps(database_url)
    with deps.db.unit_of_work() as session:
        for day in range(3):
            schedule(session, team_id=TEAM, kind="test.announce", key=f"day{day}", due_at=T0 + timedelta(days=day))
    report = tick(deps, T0 + timedelta(days=3, hours=2), deliver=False)
    assert sorted(label for label in report.ran if label.startswith("test.")) == [
        "test.announce:day0", "test.announce:day1", "test.announce:day2",
    ]  # fmt: skip
    assert _announcements(deps) == ["announcement day0", "announcement day1", "announcement day2"]
    deps.close()


def test_a_failing_duty_rolls_back_its_effects_and_is_retried_later(database_url: str) -> None:
    deps = _deps(database_url)
    with deps.db.unit_of_work() as session:
        schedule(session, team_id=TEAM, kind="test.explode", key="boom", due_at=T0)
    report = tick(deps, T0, deliver=False)
    assert report.failed == ["test.explode:boom"]
    assert _announcements(deps) == []
    with deps.db.unit_of_work() as session:
        row = session.scalar(select(Duty).where(Duty.key == "boom"))
        assert row is not None
        assert (row.status, row.attempts) == ("pending", 1)
        assert row.due_at > T0
        assert row.last_error == "RuntimeError: the duty failed"
    deps.close()


def test_two_clocks_ticking_at_once_run_each_duty_exactly_once(database_url: str) -> None:
    setup = _deps(database_url)
    with setup.db.unit_of_work() as session:
        for n in range(30):
            schedule(session, team_id=TEAM, kind="test.announce", key=f"k{n:02d}", due_at=T0, payload={"sleep": 0.01})
    clocks = [_deps(database_url), _deps(database_url)]
    barrier = threading.Barrier(2)
    reports = []
    errors: list[BaseException] = []

    def run(deps: Deps) -> None:
        barrier.wait()
        try:
            reports.append(tick(deps, T0, deliver=False))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(deps,)) for deps in clocks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    ran = [label for report in reports for label in report.ran if label.startswith("test.")]
    assert sorted(ran) == [f"test.announce:k{n:02d}" for n in range(30)]
    if database_url.startswith("postgresql"):
        assert all(report.ran for report in reports), "both clocks should have taken part"
    with setup.db.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 30
    assert _announcements(setup) == sorted(f"announcement k{n:02d}" for n in range(30))
    for deps in [setup, *clocks]:
        deps.close()
