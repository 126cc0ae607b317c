"""Fixtures of the impact report: a database holding the small fixed dataset, and a session on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from storage.db import Database
from tests.impact import dataset


@pytest.fixture
def seeded_url(database_url: str) -> str:
    db = Database(database_url)
    with db.unit_of_work() as session:
        dataset.seed(session)
    db.dispose()
    return database_url


@pytest.fixture
def session(seeded_url: str) -> Iterator[Session]:
    db = Database(seeded_url)
    with db.unit_of_work() as opened:
        yield opened
    db.dispose()
