"""Deleted means gone from every copy the bot controls: the database's files, not only its rows.

A salt set to NULL or a purged case row is no longer visible to queries, but its bytes can stay on disk: in
SQLite's main file (freed space) and its write-ahead log, and in PostgreSQL's dead row versions, which even a
plain VACUUM leaves in the table's pages. So:

- SQLite runs with `secure_delete` on (freed space is overwritten with zeros), and `scrub` checkpoints the
  write-ahead log into the main file and truncates it, so no earlier version of a page stays in the log;
- on PostgreSQL, `scrub` rewrites the named tables with VACUUM FULL (new files holding only live rows; the old
  files are removed). VACUUM FULL still copies a deleted row version that a transaction still open might read,
  so the rewrite waits until every transaction that began before the scrub has ended (in this database, and for
  the reason given below, on the whole server); if one lasts longer than OLDER_TRANSACTIONS_WAIT, the scrub is
  left for later.

What is outside the bot's reach is said in the README and THREAT-MODEL.md: PostgreSQL's own write-ahead log
and its archive, backups, and blocks a file system has not yet reused.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable

from sqlalchemy import Connection

from storage.db import Database

log = logging.getLogger(__name__)

# How long the scrub waits, on PostgreSQL, for transactions that began before it to end.
OLDER_TRANSACTIONS_WAIT = 10.0


def scrub(db: Database, tables: Iterable[str]) -> bool:
    """Remove the bytes of deleted rows of `tables` from the database's files. Must run outside any transaction.
    Returns False when it could not finish (a reader held an old snapshot); the caller tries again later."""
    names = sorted(set(tables))
    if db.is_postgres:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("SET statement_timeout = 0")  # a rewrite may take longer than a request
            if not _older_transactions_ended(connection, OLDER_TRANSACTIONS_WAIT):
                log.info("a transaction older than the scrub is still open; the scrub will be tried again")
                return False
            for name in names:
                connection.exec_driver_sql(f'VACUUM (FULL) "{name}"')
        return True
    with db.writer_turn():
        raw = db.engine.raw_connection()  # no transaction: a checkpoint cannot run inside one
        try:
            cursor = raw.cursor()
            busy, _frames, _copied = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            cursor.close()
        finally:
            raw.close()
    if busy:
        log.info("the write-ahead log could not be emptied yet (a reader was busy); it will be tried again")
    return not busy


def _older_transactions_ended(connection: Connection, wait_seconds: float) -> bool:
    """Whether every transaction that could still read a row version deleted before this call has ended (waiting
    up to `wait_seconds`): a snapshot in this database taken before it, and a transaction anywhere on the server
    begun before it. The second matters because VACUUM FULL, unlike a plain VACUUM, counts its own snapshot, whose
    oldest transaction may belong to another database: under load, a transaction of another database on the same
    server (another app's, or another test's) made VACUUM FULL copy a destroyed salt into the new file."""
    # In autocommit, this statement is a transaction of its own, and its ID is later than every deletion before it.
    now = str(connection.exec_driver_sql("SELECT pg_current_xact_id()::text").scalar_one())
    older = (
        f"SELECT pg_snapshot_xmin(pg_current_snapshot()) <= '{now}'::xid8 OR EXISTS (SELECT FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid() "
        f"AND (age(backend_xmin) > age('{now}'::xid8::xid) OR age(backend_xid) > age('{now}'::xid8::xid)))"
    )
    give_up = time.monotonic() + wait_seconds
    while connection.exec_driver_sql(older).scalar_one():
        if time.monotonic() >= give_up:
            return False
        time.sleep(0.05)
    return True
