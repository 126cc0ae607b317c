"""The INSERT of the database in use, for upserts: SQLite's and PostgreSQL's both have on_conflict_do_nothing and
on_conflict_do_update, which SQLAlchemy's generic insert does not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

Insert = Callable[..., Any]  # sqlite.insert or postgresql.insert
T = TypeVar("T")

INSERTS: dict[str, Insert] = {"sqlite": sqlite_insert, "postgresql": postgresql_insert}


def insert_for(session: Session) -> Insert:
    """The insert of the database this session is bound to."""
    return INSERTS[session.get_bind().dialect.name]


def per_dialect(build: Callable[[Insert], T]) -> dict[str, T]:
    """A statement built once for each database, for hot paths that pick theirs by the connection's dialect name."""
    return {name: build(insert) for name, insert in INSERTS.items()}
