"""Work gathered from many request threads into batches: each request gets its own result, in arrival order."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from bot.batches import Batches
from storage.db import Database, DatabaseBusy


def test_requests_that_queue_behind_a_batch_go_together_in_the_next_in_arrival_order() -> None:
    seen: list[list[int]] = []

    def work(items: Sequence[int]) -> list[str]:
        seen.append(list(items))
        return [f"done {item}" for item in items]

    results = _queued_behind_a_first_batch(work, 5)
    assert seen == [[0], [1, 2, 3, 4, 5]]
    assert results == {n: f"done {n}" for n in range(6)}


def test_a_failed_batch_fails_every_request_in_it_and_the_next_batch_still_runs() -> None:
    batches = Batches()

    def failing(items: Sequence[int]) -> list[int]:
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError, match="went away"):
        batches.run("event-1", 1, failing)
    assert batches.run("event-1", 2, lambda items: [item * 10 for item in items]) == 20


def test_a_request_still_queued_at_its_deadline_leaves_unrecorded(tmp_path: Path) -> None:
    batches, started, release = Batches(), threading.Event(), threading.Event()
    done: list[Sequence[int]] = []

    def slow(items: Sequence[int]) -> list[int]:
        done.append(items)
        started.set()
        release.wait(5)
        return list(items)

    leader = threading.Thread(target=batches.run, args=("event-1", 1, slow))
    leader.start()
    assert started.wait(5)
    db = Database(f"sqlite:///{tmp_path / 'deadline.db'}")
    try:
        with db.deadline(0.2), pytest.raises(DatabaseBusy):
            batches.run("event-1", 2, slow)
    finally:
        release.set()
        leader.join(5)
        db.dispose()
    assert done == [[1]]  # the request that gave up was never recorded
    assert batches.run("event-1", 3, lambda items: list(items)) == 3


def test_a_request_whose_deadline_has_passed_does_not_lead_a_batch(tmp_path: Path) -> None:
    """Leading, it would run everyone's batch under a deadline already gone, and fail them all with it."""
    batches = Batches()
    ran: list[Sequence[int]] = []
    db = Database(f"sqlite:///{tmp_path / 'deadline.db'}")
    try:
        with db.deadline(-1.0), pytest.raises(DatabaseBusy):
            batches.run("event-1", 1, lambda items: ran.append(items) or list(items))
    finally:
        db.dispose()
    assert ran == []
    assert batches.run("event-1", 2, lambda items: list(items)) == 2


def _queued_behind_a_first_batch(work: Callable[[Sequence[int]], list[str]], count: int) -> dict[int, object]:
    """Request 0 leads a batch held open until requests 1..count have queued behind it, one after another;
    what each request came away with: its result or the exception it raised."""
    batches, started, release = Batches(), threading.Event(), threading.Event()

    def held_first(items: Sequence[int]) -> list[str]:
        if list(items) == [0]:
            started.set()
            release.wait(5)
        return work(items)

    outcomes: dict[int, object] = {}

    def request(n: int) -> None:
        try:
            outcomes[n] = batches.run("event-1", n, held_first)
        except Exception as exc:
            outcomes[n] = exc

    first = threading.Thread(target=request, args=(0,))
    first.start()
    assert started.wait(5)
    later = []
    for n in range(1, count + 1):
        thread = threading.Thread(target=request, args=(n,))
        thread.start()
        later.append(thread)
        time.sleep(0.02)
    release.set()
    for thread in [first, *later]:
        thread.join(5)
    return outcomes


def test_a_batch_that_fails_for_one_request_is_done_again_one_at_a_time_and_only_that_one_fails() -> None:
    seen: list[list[int]] = []

    def work(items: Sequence[int]) -> list[str]:
        seen.append(list(items))
        if 3 in items:  # a fault that belongs to request 3 alone (a broken row, say)
            raise ValueError("request 3 cannot be done")
        return [f"done {item}" for item in items]

    outcomes = _queued_behind_a_first_batch(work, 5)
    assert seen == [[0], [1, 2, 3, 4, 5], [1], [2], [3], [4], [5]]  # again alone, in arrival order
    assert {n: outcomes[n] for n in (0, 1, 2, 4, 5)} == {n: f"done {n}" for n in (0, 1, 2, 4, 5)}
    assert isinstance(outcomes[3], ValueError)


def test_a_batch_the_database_could_not_take_fails_every_request_without_trying_each_alone() -> None:
    seen: list[list[int]] = []
    original = DatabaseBusy("the database was busy for longer than the request could wait")

    def work(items: Sequence[int]) -> list[str]:
        seen.append(list(items))
        if len(items) > 1:
            raise original
        return [f"done {item}" for item in items]

    outcomes = _queued_behind_a_first_batch(work, 4)
    assert seen == [[0], [1, 2, 3, 4]]
    raised = [outcomes[n] for n in range(1, 5)]
    assert all(isinstance(error, DatabaseBusy) for error in raised)
    # Each request raised an exception of its own (its traceback its own), caused by the batch's one failure.
    assert len({id(error) for error in raised}) == 4
    assert all(isinstance(error, BaseException) and error.__cause__ is original for error in raised)
    assert original not in raised
