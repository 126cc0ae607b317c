"""Deleted means gone from every copy the bot controls: the database's files, not only its rows.

A salt set to NULL or a purged case row is no longer visible to queries, but its bytes can stay on disk: in
SQLite's main file (freed space) and its write-ahead log, and in PostgreSQL's dead row versions, which even a
plain VACUUM leaves in the table's pages. So:

- SQLite runs with `secure_delete` on (freed space is overwritten with zeros), and `scrub` checkpoints the
  write-ahead log into the main file and truncates it, so no earlier version of a page stays in the log;
- on PostgreSQL, `scrub` rewrites the named tables with VACUUM FULL (new files holding only live rows; the old
  files are removed).

What is outside the bot's reach is said in the README and THREAT-MODEL.md: PostgreSQL's own write-ahead log
and its archive, backups, and blocks a file system has not yet reused.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from storage.db import Database

log = logging.getLogger(__name__)


def scrub(db: Database, tables: Iterable[str]) -> bool:
    """Remove the bytes of deleted rows of `tables` from the database's files. Must run outside any transaction.
    Returns False when it could not finish (a reader held an old snapshot); the caller tries again later."""
    names = sorted(set(tables))
    if db.is_postgres:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("SET statement_timeout = 0")  # a rewrite may take longer than a request
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
