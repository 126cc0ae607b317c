"""Transaction-scoped advisory locks: on PostgreSQL, a lock on a number rather than on a row.

Many votes on one post must not wait for one another, yet the close must wait for the votes in flight. A
shared row lock (FOR SHARE) does both, but when many transactions share a row PostgreSQL records them in a
multixact written to the row, which costs each vote more than the vote itself. A shared advisory lock lives only
in the server's lock table. Each lock goes into a SELECT's column list, so it is taken in the same round trip as
the read; it is held until the transaction ends.

On SQLite a writing transaction holds the whole database from its start, so there is nothing more to take, and
the lock compiles to NULL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import literal_column
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import NullType

# The first half of each lock's key: what kind of thing the second half (an ID) names.
DILEMMA_POST = 1


class SharedLock(FunctionElement[Any]):
    """`SharedLock(kind, id)`: held by many transactions at once; waits while an ExclusiveLock is held."""

    type = NullType()
    inherit_cache = True


class ExclusiveLock(FunctionElement[Any]):
    """`ExclusiveLock(kind, id)`: waits for every holder of the same SharedLock or ExclusiveLock to finish."""

    type = NullType()
    inherit_cache = True


@compiles(SharedLock, "postgresql")
def _shared_on_postgresql(element: SharedLock, compiler: SQLCompiler, **kw: Any) -> str:
    return f"pg_advisory_xact_lock_shared({compiler.process(element.clauses, **kw)})"


@compiles(ExclusiveLock, "postgresql")
def _exclusive_on_postgresql(element: ExclusiveLock, compiler: SQLCompiler, **kw: Any) -> str:
    return f"pg_advisory_xact_lock({compiler.process(element.clauses, **kw)})"


@compiles(SharedLock)
@compiles(ExclusiveLock)
def _elsewhere(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> str:
    return "NULL"


def shared(kind: int, key: ColumnElement[int] | QueryableAttribute[int]) -> SharedLock:
    return SharedLock(literal_column(str(int(kind))), key)  # a literal: PostgreSQL takes the kind as int4


def exclusive(kind: int, key: ColumnElement[int] | QueryableAttribute[int]) -> ExclusiveLock:
    return ExclusiveLock(literal_column(str(int(kind))), key)
