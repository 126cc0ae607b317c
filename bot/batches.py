"""Work on one busy row, done for many requests at once by whichever of them comes first.

When many people answer one event at the same moment, every answer needs the event's row lock, and taking it
once per answer makes them file through one at a time: a lock hand-over, a few trips to the database and a
commit each. Votes on one post do not wait for one another, but each still pays for a transaction of its own.
Instead the requests of this process that wait on the same key are gathered. The first takes the work of
everyone queued when it starts, does it in one transaction in the order they arrived, and hands each request
its own result; those that arrive meanwhile queue for the next batch, which the first of them takes.

A request still queued when its deadline passes leaves the queue and is told nothing was recorded
(`DatabaseBusy`), as it would have been had it waited for the lock itself; once taken into a batch, it waits for
the batch (which runs within the deadline of the request that leads it). If the batch fails, every
request in it gets the failure: nothing of the batch was written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from storage.db import DatabaseBusy, remaining_seconds

Item = TypeVar("Item")
Result = TypeVar("Result")


@dataclass(eq=False)
class _Entry(Generic[Item]):
    item: Item
    wake: threading.Condition  # on the batches' one lock: each request is woken only when something is for it
    done: bool = False
    value: Any = None
    error: BaseException | None = field(default=None, repr=False)


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
        results: Sequence[Any] = ()
        error: BaseException | None = None
        try:
            results = work([entry.item for entry in batch])
            if len(results) != len(batch):
                raise RuntimeError(f"a batch of {len(batch)} gave {len(results)} results")
        except BaseException as exc:  # handed to every request of the batch, each of which raises it
            error = exc
        with self._lock:
            for n, entry in enumerate(batch):
                entry.done, entry.error = True, error
                entry.value = results[n] if error is None else None
                entry.wake.notify()
            self._busy.discard(key)
            if queue := self._queued.get(key):  # the first of those who queued meanwhile leads the next batch
                queue[0].wake.notify()
