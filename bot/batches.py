"""Work on one busy row, done for many requests at once by whichever of them comes first.

When many people answer one event at the same moment, every answer needs the event's row lock, and taking it
once per answer makes them file through one at a time: a lock hand-over, a few trips to the database and a
commit each. Votes on one post do not wait for one another, but each still pays for a transaction of its own.
Instead the requests of this process that wait on the same key are gathered. The first takes the work of
everyone queued when it starts, does it in one transaction in the order they arrived, and hands each request
its own result; those that arrive meanwhile queue for the next batch, which the first of them takes.

A request still queued when its deadline passes leaves the queue and is told nothing was recorded
(`DatabaseBusy`), as it would have been had it waited for the lock itself; once taken into a batch, it waits for
the batch (which runs within the deadline of the request that leads it).

If the batch fails, nothing of it was written. When the database itself could not take it (not in time, or not
reached: `UNAVAILABLE_ERRORS`), every request in it is told so. Any other failure may belong to one request alone
(a broken row, a fault on one path), so the batch is done again one request at a time, in the same order, each in
a transaction of its own: only the request that fails alone gets the failure, and the others their results.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from storage.db import UNAVAILABLE_ERRORS, DatabaseBusy, remaining_seconds

log = logging.getLogger(__name__)

Item = TypeVar("Item")
Result = TypeVar("Result")


@dataclass(eq=False)
class _Entry(Generic[Item]):
    item: Item
    wake: threading.Condition  # on the batches' one lock: each request is woken only when something is for it
    done: bool = False
    value: Any = None
    error: BaseException | None = field(default=None, repr=False)
    shared: bool = False  # the error is every request's of the batch: each raises a copy of its own


# What a request of a batch comes away with: its result, or the failure it is to raise.
_Outcome = tuple[Any, BaseException | None]


class Batches:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queued: dict[Hashable, list[_Entry[Any]]] = {}
        self._busy: set[Hashable] = set()

    def run(self, key: Hashable, item: Item, work: Callable[[Sequence[Item]], Sequence[Result]]) -> Result:
        """`work(items)` for this item and the others queued on `key`; this item's result."""
        entry: _Entry[Item] = _Entry(item, threading.Condition(self._lock))
        with self._lock:
            self._queued.setdefault(key, []).append(entry)
            while key in self._busy and not entry.done:
                left = remaining_seconds()
                queued = entry in self._queued.get(key, ())
                if left is not None and left <= 0 and queued:
                    self._leave(key, entry)
                    raise DatabaseBusy("the request's deadline passed while it waited for its batch")
                entry.wake.wait(timeout=left if left is not None and left > 0 and queued else None)
            if not entry.done:
                left = remaining_seconds()
                if left is not None and left <= 0:  # too late to lead: the others' batch must not fail with it
                    self._leave(key, entry)
                    raise DatabaseBusy("the request's deadline passed while it waited for its batch")
                self._busy.add(key)
                batch = self._queued.pop(key)
        if not entry.done:
            self._lead(key, batch, work)
        if entry.error is not None:
            mine = _copy_of(entry.error) if entry.shared else None
            if mine is not None:  # one exception raised in several threads would gather all their frames
                raise mine from entry.error
            raise entry.error
        return entry.value  # type: ignore[no-any-return]

    def _leave(self, key: Hashable, entry: _Entry[Any]) -> None:
        """Take a request out of the queue (the lock held); if no batch runs, the next in line is to lead."""
        queue = self._queued[key]
        queue.remove(entry)
        if not queue:
            del self._queued[key]
        elif key not in self._busy:
            queue[0].wake.notify()

    def _lead(self, key: Hashable, batch: list[_Entry[Any]], work: Callable[[Sequence[Any]], Sequence[Any]]) -> None:
        outcomes = _outcomes([entry.item for entry in batch], work)
        first = outcomes[0][1]
        shared = len(batch) > 1 and first is not None and all(error is first for _, error in outcomes)  # everyone's
        with self._lock:
            for entry, (value, error) in zip(batch, outcomes, strict=True):
                entry.done, entry.value, entry.error, entry.shared = True, value, error, shared
                entry.wake.notify()
            self._busy.discard(key)
            if queue := self._queued.get(key):  # the first of those who queued meanwhile leads the next batch
                queue[0].wake.notify()


def _outcomes(items: Sequence[Any], work: Callable[[Sequence[Any]], Sequence[Any]]) -> list[_Outcome]:
    """Each item's result or failure: the batch's, or, if it failed for a reason that may be one item's, each
    item's own, done alone in arrival order."""
    try:
        results = work(items)
        if len(results) != len(items):
            raise RuntimeError(f"a batch of {len(items)} gave {len(results)} results")
        return [(result, None) for result in results]
    except UNAVAILABLE_ERRORS as exc:  # alone, each would fail the same way, later
        return [(None, exc)] * len(items)
    except Exception as exc:
        if len(items) == 1:
            return [(None, exc)]
        log.warning("a batch of %d failed (%s): each is done again alone", len(items), type(exc).__name__)
        return [_outcomes([item], work)[0] for item in items]
    except BaseException as exc:  # stopping the process: handed to every request of the batch, as it is
        return [(None, exc)] * len(items)


def _copy_of(error: BaseException) -> BaseException | None:
    try:
        return copy.copy(error)
    except Exception:  # one that cannot be copied is raised as it is
        return None
