"""Statements for the hottest paths, compiled once for each database and run on the driver's own cursor.

A card draw runs four one-row statements before its acknowledgement. Through SQLAlchemy's execute each costs
several times the statement itself (the compiled cache's lookup, the parameters' and the result's set-up, the
events); here the statement is compiled once, its parameters are put in the driver's form with the column
types' own bind processors (so a datetime is stored exactly as SQLAlchemy stores it), and the driver runs it
inside the connection's transaction. Results come back as the driver's plain tuples.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

from storage.upsert import INSERTS, Insert

Row = tuple[Any, ...]


class _Compiled:
    def __init__(self, statement: ClauseElement, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        self.compiled = compiled
        self.sql = compiled.string
        self.processors: dict[str, Callable[[Any], Any]] = {}
        for name, bind in compiled.binds.items():
            processor = bind.type.bind_processor(dialect)
            if processor is not None:
                self.processors[name] = processor
        # SQLite's driver takes "?" and a tuple in this order; psycopg takes %(name)s and a mapping.
        self.positions: Sequence[str] | None = compiled.positiontup if compiled.positional else None

    def parameters(self, given: Mapping[str, Any]) -> Sequence[Any] | Mapping[str, Any]:
        values = self.compiled.construct_params(dict(given))
        for name, processor in self.processors.items():
            values[name] = processor(values[name])
        if self.positions is None:
            return values
        return tuple(values[name] for name in self.positions)


class Prepared:
    """One statement, compiled for each database the first time it runs there (with that engine's own dialect),
    or before, when a web worker starts (compile_all)."""

    every: ClassVar[list[Prepared]] = []

    def __init__(self, build: Callable[[Insert], ClauseElement]) -> None:
        self._build = build  # given the database's INSERT, for upserts; others ignore it
        self._by_dialect: dict[str, _Compiled] = {}
        Prepared.every.append(self)

    @classmethod
    def of(cls, statement: ClauseElement) -> Prepared:
        return cls(lambda _insert: statement)

    def _compiled(self, dialect: Dialect) -> _Compiled:
        found = self._by_dialect.get(dialect.name)
        if found is None:  # two threads may both compile it the first time: the same result, no harm
            found = self._by_dialect[dialect.name] = _Compiled(self._build(INSERTS[dialect.name]), dialect)
        return found

    def _run(self, connection: Connection, parameters: Mapping[str, Any]) -> Any:
        """Run on this connection, in its transaction; the driver's cursor, to fetch from at once if it reads."""
        compiled = self._compiled(connection.dialect)
        cursor = _cursor(connection)
        try:
            cursor.execute(compiled.sql, compiled.parameters(parameters))
        except connection.dialect.loaded_dbapi.Error as exc:
            raise _as_sqlalchemy_error(connection, compiled.sql, exc) from exc
        return cursor

    def rows(self, connection: Connection, parameters: Mapping[str, Any]) -> list[Row]:
        return [tuple(row) for row in self._run(connection, parameters).fetchall()]

    def first(self, connection: Connection, parameters: Mapping[str, Any]) -> Row | None:
        # Read to the end, so that SQLite's statement is done with and holds nothing open on the kept cursor.
        rows = self._run(connection, parameters).fetchall()
        return tuple(rows[0]) if rows else None

    def execute(self, connection: Connection, parameters: Mapping[str, Any]) -> int:
        """Run a statement that writes; the number of rows it wrote."""
        return int(self._run(connection, parameters).rowcount)

    def execute_many(self, connection: Connection, parameter_sets: Sequence[Mapping[str, Any]]) -> int:
        """Run a statement that writes once for each set of parameters, in one call to the driver (psycopg sends
        them together); the number of rows written in all."""
        if len(parameter_sets) == 1:  # psycopg's executemany sets up a pipeline, which one statement does not need
            return self.execute(connection, parameter_sets[0])
        compiled = self._compiled(connection.dialect)
        cursor = _cursor(connection)
        try:
            cursor.executemany(compiled.sql, [compiled.parameters(parameters) for parameters in parameter_sets])
        except connection.dialect.loaded_dbapi.Error as exc:
            raise _as_sqlalchemy_error(connection, compiled.sql, exc) from exc
        return int(cursor.rowcount)


def _as_sqlalchemy_error(connection: Connection, sql: str, error: Any) -> StatementError:
    """The driver's error as SQLAlchemy raises it for its own statements (a cancelled statement or a lost
    connection is an OperationalError), so that callers, and the answer "not recorded", see one family; a lost
    connection is invalidated, as SQLAlchemy does, so that the pool does not hand it out again."""
    if connection.dialect.is_disconnect(error, connection.connection.driver_connection, None):
        connection.invalidate(error)
    wrapped: StatementError = DBAPIError.instance(
        sql, None, error, connection.dialect.loaded_dbapi.Error, hide_parameters=True, dialect=connection.dialect
    )
    return wrapped


_CURSOR = "prepared.cursor"


def _cursor(connection: Connection) -> Any:
    """One cursor per database connection, kept with it in the pool (its `info` is emptied when the connection is
    closed or replaced): a new cursor for each statement cost psycopg more than sending the statement."""
    pooled = connection.connection
    driver = pooled.driver_connection
    found = pooled.info.get(_CURSOR)
    if found is None or found[0] is not driver:
        found = pooled.info[_CURSOR] = (driver, driver.cursor())  # type: ignore[union-attr]
    return found[1]


def compile_all(dialect: Dialect) -> None:
    """Compile every prepared statement for this database now, rather than in the first requests that use them."""
    for statement in Prepared.every:
        statement._compiled(dialect)
