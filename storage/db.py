"""Engine and sessions: one session per unit of work, opened and closed outside the code that uses it.

Two promises are kept here for the rest of the bot:

- A request from Slack waits for the database for a bounded time (`Database.deadline`), so that its
  acknowledgement can still say in time that nothing was recorded; work with no deadline (the clock) waits
  as long as it must.
- Whether this thread is inside a unit of work is known (`in_unit_of_work`), so that a guard can refuse a
  network call made while a transaction holds locks.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, cast

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import CursorResult, Result, make_url
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

from storage.watchdog import Watchdog

# Statement parameters hold case text, receipts' lookups and user IDs: never in an error's text or a log.
HIDE_PARAMETERS = True
# Clock work waits this long for SQLite's write lock before giving up (and retrying at the next tick).
PATIENT_WAIT_MS = 30_000
# On PostgreSQL, a statement or lock wait of a request's transaction lasts at most this long by default: a
# request's whole deadline (bot.acknowledge).
REQUEST_WAIT_MS = 2_000
# A request's transaction that begins within this long of the request's start (nearly every first one) keeps
# that default rather than send a statement of its own to set it: its waits may end this much after the deadline,
# still well within Slack's 3 s with the time kept to say "not recorded" (bot.app.TELL_NOW_TIMEOUT).
DEFAULT_WAIT_GRACE_MS = 200
# The monotonic time by which the current request's transactions must have finished; None for no limit.
_DEADLINE: ContextVar[float | None] = ContextVar("database_deadline", default=None)
_STATE = threading.local()
_WATCHED_AS = "watchdog.watched_as"
# One for the process, whatever the number of engines (tests make hundreds): one thread that waits for deadlines.
_WATCHDOG = Watchdog()


class DatabaseBusy(Exception):
    """The database could not take this unit of work before the request's deadline; nothing was written."""


# The database itself could not take a transaction (not in time, or not reached): the same for whatever the
# transaction asked, unlike a fault in what one transaction asked of it (a broken row, a bug on one path).
UNAVAILABLE_ERRORS = (DatabaseBusy, OperationalError, InterfaceError, PoolTimeout)


def in_unit_of_work() -> bool:
    return getattr(_STATE, "depth", 0) > 0


def remaining_seconds() -> float | None:
    deadline = _DEADLINE.get()
    return None if deadline is None else deadline - time.monotonic()


def make_engine(url: str) -> Engine:
    """`url` as the settings give it (PostgreSQL already on the psycopg 3 driver: bot.settings)."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": PATIENT_WAIT_MS / 1000},
            pool_size=20,
            hide_parameters=HIDE_PARAMETERS,
        )
        _serialise_sqlite_writers(engine)
        return engine
    # No pre-ping (a round trip before every transaction): a connection that died with its server fails its
    # request, which is told that nothing was recorded, and SQLAlchemy then drops every pooled connection, so the
    # next request connects afresh. Statements wait at most REQUEST_WAIT_MS unless a transaction says otherwise.
    engine = create_engine(
        url,
        # A connection for each of a web worker's request threads (16) and its delivery threads (4): with fewer,
        # the pool's overflow connects and disconnects on every burst, each a new server process.
        pool_size=20,
        max_overflow=10,
        pool_timeout=10,
        connect_args={
            "connect_timeout": 2,
            "options": f"-c statement_timeout={REQUEST_WAIT_MS} -c lock_timeout={REQUEST_WAIT_MS}",
        },
        hide_parameters=HIDE_PARAMETERS,
    )
    _bound_postgres_waits(engine, _WATCHDOG)
    return engine


def _serialise_sqlite_writers(engine: Engine) -> None:
    """Take SQLite's write lock when a transaction begins, so concurrent writers queue instead of deadlocking."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={PATIENT_WAIT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA secure_delete=ON")  # freed space is zeroed: a destroyed salt leaves no bytes behind
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # The bot's own writers have already queued on the lock file (with the request's deadline), so SQLite's
        # lock is free here unless something outside the bot writes: only that waits for the busy timeout. Sent on
        # the driver's connection: every transaction begins here, and SQLAlchemy's execute costs more than BEGIN.
        connection.connection.driver_connection.execute("BEGIN IMMEDIATE")


def _bound_postgres_waits(engine: Engine, watchdog: Watchdog) -> None:
    """Within a request, no statement or lock wait may outlast the request's deadline (the connection's default
    covers a request's first transaction at no cost), nor may the transaction as a whole (the watchdog); work
    with no deadline (the clock) may wait as it must."""

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        deadline = _DEADLINE.get()
        if deadline is None:
            connection.exec_driver_sql("SET LOCAL statement_timeout = 0; SET LOCAL lock_timeout = 0")
            return
        pooled = connection.connection
        pooled.info[_WATCHED_AS] = watchdog.watch(pooled.driver_connection, pooled.info, deadline)
        left = deadline - time.monotonic()
        if left * 1000 < REQUEST_WAIT_MS - DEFAULT_WAIT_GRACE_MS:
            wait_ms = max(1, int(left * 1000))
            connection.exec_driver_sql(f"SET LOCAL statement_timeout = {wait_ms}; SET LOCAL lock_timeout = {wait_ms}")

    # Watched until the transaction ends; a connection that goes back to the pool some other way (invalidated
    # by an error) is let go there.
    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _on_end(connection: Any) -> None:
        if connection.invalidated:  # lost: nothing is left to cancel (the watchdog finds it closed)
            return
        info = connection.connection.info
        watchdog.unwatch(info.pop(_WATCHED_AS, None), info)

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        watchdog.unwatch(record.info.pop(_WATCHED_AS, None), record.info)

    @event.listens_for(engine, "checkout")
    def _on_checkout(_dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if Watchdog.spent(record.info):
            raise DisconnectionError("a cancel request was sent on this connection")  # the pool opens another


def _lock_file_of(url: str) -> _LockFile | None:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return _LockFile(database + "-writers.lock")


class _LockFile:
    """An exclusive lock on a file shared by every process of the bot, taken with the request's deadline.

    One descriptor per process is enough: the in-process lock lets only one thread at a time use it."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._descriptor: int | None = None
        self._pid = 0

    def _fd(self) -> int:
        if self._descriptor is None or self._pid != os.getpid():  # a forked worker opens its own
            self._descriptor, self._pid = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600), os.getpid()
        return self._descriptor

    @contextmanager
    def held(self) -> Iterator[None]:
        descriptor = self._fd()
        left = remaining_seconds()
        give_up = None if left is None else time.monotonic() + max(left, 0.0)
        pause = 0.0002
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if give_up is not None and time.monotonic() >= give_up:
                    raise DatabaseBusy("the database was busy for longer than the request could wait") from None
                time.sleep(pause)
                pause = min(pause * 2, 0.002)  # short pauses: whoever waits gets in soon after the lock is let go
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(self.url)
        # Copied into every session this database opens (Session.info), for the application's own use.
        self.session_info: dict[str, Any] = {}
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, info=self.session_info)
        # SQLite lets one writer in at a time and its busy handler polls with growing sleeps (up to 100 ms),
        # which is unfair under load: a waiter can starve for seconds. So writers queue on a lock in this
        # process, then on a lock file shared with the other processes, and find SQLite's own lock free.
        self._writer = threading.RLock() if not self.is_postgres else None
        self._lock_file = _lock_file_of(self.url) if not self.is_postgres else None

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def deadline(self, seconds: float) -> Iterator[None]:
        """Every unit of work opened inside this block must finish within `seconds` of its start."""
        token = _DEADLINE.set(time.monotonic() + seconds)
        try:
            yield
        finally:
            _DEADLINE.reset(token)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A session in one transaction: committed when the block ends, rolled back if it raises."""
        with self._writer_turn():
            _STATE.depth = getattr(_STATE, "depth", 0) + 1
            try:
                with self._sessions() as session, session.begin():
                    yield session
            finally:
                _STATE.depth -= 1

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction on a bare connection, without the ORM's session: for the hottest paths (a card draw),
        whose statements are prepared Core statements. The same locks, deadline and guard as a unit of work."""
        with self._writer_turn():
            _STATE.depth = getattr(_STATE, "depth", 0) + 1
            try:
                with self.engine.begin() as connection:
                    yield connection
            finally:
                _STATE.depth -= 1

    @contextmanager
    def writer_turn(self) -> Iterator[None]:
        """Hold this database's writer locks (SQLite) without opening a transaction: for maintenance."""
        with self._writer_turn():
            yield

    @contextmanager
    def _writer_turn(self) -> Iterator[None]:
        if self._writer is None:
            yield
            return
        left = remaining_seconds()
        if not self._writer.acquire(timeout=-1 if left is None else max(left, 0.0)):
            raise DatabaseBusy("the database was busy for longer than the request could wait")
        try:
            if self._lock_file is None or getattr(_STATE, "depth", 0) > 0:
                yield
                return
            with self._lock_file.held():
                yield
        finally:
            self._writer.release()

    def ping(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception:  # any failure to reach the database means "unhealthy"
            return False
        return True

    def dispose(self) -> None:
        # The lock file's descriptor stays open: another Database of this process (or a thread still finishing)
        # may hold the lock, and one descriptor per process costs nothing.
        self.engine.dispose()


def rowcount(result: Result[Any]) -> int:
    """The rows an UPDATE, DELETE or INSERT matched. Session.execute is typed as returning a plain Result, but for
    these statements it is always a CursorResult, which has the count."""
    return cast(CursorResult[Any], result).rowcount
