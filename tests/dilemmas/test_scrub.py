"""A closed dilemma's salt is gone from the database's files, not only from its rows, once the clock has scrubbed."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.sandbox.simulator.server import SlackSimulator
from bot.services.admin.scrub import SCRUB, request_scrub
from storage.models import Duty
from tests.dilemmas.conftest import TEAM_A, VOTERS_A, admin_says, post_in, vote
from tests.support.databases import database_file_bytes
from tests.support.harness import TEAM_ID, BotHarness


def _open_post_with_five_votes(bot: BotHarness, people: SlackSimulator) -> bytes:
    """A dilemma posted in team A with five votes: its salt."""
    admin_says(bot, "post")
    [message] = people.wait_for(lambda: people.messages(TEAM_A), what="the dilemma")
    for voter in VOTERS_A[:5]:
        vote(bot, voter, message, "A")
    salt = post_in(bot, TEAM_A).salt
    assert salt is not None
    return bytes(salt)


def test_a_closed_dilemmas_salt_is_in_no_file_of_the_database_after_the_scrub(
    bot: BotHarness, people: SlackSimulator, database_url: str
) -> None:
    salt = _open_post_with_five_votes(bot, people)
    assert salt in database_file_bytes(database_url, "dilemma_posts"), (
        "the live salt should be found: the search must be able to see it"
    )

    admin_says(bot, f"close <#{TEAM_A}|response-team-a>")
    assert post_in(bot, TEAM_A).salt is None
    bot.tick()  # the scrub runs once the close has committed
    assert salt not in database_file_bytes(database_url, "dilemma_posts")


@pytest.mark.parametrize("where", ["this database", "another database on the server"])
def test_the_scrub_waits_for_a_transaction_that_could_still_read_the_salt(
    bot: BotHarness, people: SlackSimulator, database_url: str, where: str
) -> None:
    """VACUUM FULL keeps a deleted row version that an open transaction might still read: a scrub run while a
    transaction begun before the close is open must wait for it, not leave the salt in the new file. In another
    database, a transaction begun before the close holds back VACUUM FULL's own snapshot, with the same effect."""
    if make_url(database_url).get_backend_name() == "sqlite":
        pytest.skip("SQLite's checkpoint waits for readers of its own accord (storage/scrub.py)")
    salt = _open_post_with_five_votes(bot, people)
    other = where != "this database"
    engine = create_engine(make_url(database_url).set(database="postgres") if other else database_url)
    reading, done = threading.Event(), threading.Event()

    def reader() -> None:  # begun before the close, and open for a second after it (no table of the bot locked)
        isolation = "READ COMMITTED" if other else "REPEATABLE READ"
        with engine.connect().execution_options(isolation_level=isolation) as connection, connection.begin():
            # in this database a snapshot, elsewhere a transaction ID, taken before the close
            connection.execute(text("SELECT pg_current_xact_id()" if other else "SELECT 1")).scalar_one()
            reading.set()
            done.wait(10)
            time.sleep(1.0)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        assert reading.wait(10)
        admin_says(bot, f"close <#{TEAM_A}|response-team-a>")
        assert post_in(bot, TEAM_A).salt is None
        done.set()
        bot.tick()  # the scrub, while the older transaction is still open
    finally:
        done.set()
        thread.join(10)
        engine.dispose()
    assert salt not in database_file_bytes(database_url, "dilemma_posts")


def test_a_deletion_after_a_scrub_has_run_is_scrubbed_by_the_next(
    bot: BotHarness, people: SlackSimulator, database_url: str
) -> None:
    """Deletions share a scrub only while it waits to run: one that comes after it (here within the same minute,
    when scrubs were keyed by the minute) gets a scrub of its own at the next tick."""
    first = _open_post_with_five_votes(bot, people)
    admin_says(bot, f"close <#{TEAM_A}|response-team-a>")
    bot.tick()
    assert first not in database_file_bytes(database_url, "dilemma_posts")

    admin_says(bot, "post")
    second = post_in(bot, TEAM_A).salt  # the new post, made before the command's acknowledgement
    assert second is not None
    assert bytes(second) != first
    assert bytes(second) in database_file_bytes(database_url, "dilemma_posts")
    admin_says(bot, f"close <#{TEAM_A}|response-team-a>")
    bot.tick()
    assert bytes(second) not in database_file_bytes(database_url, "dilemma_posts")


def test_scrubs_asked_for_at_the_same_instant_are_one_until_it_is_claimed(bot: BotHarness) -> None:
    now = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    for _ in range(3):
        with bot.deps.db.unit_of_work() as session:
            request_scrub(session, TEAM_ID, now)
    assert [duty.status for duty in bot.rows(Duty, Duty.kind == SCRUB)] == ["pending"]
    bot.tick(now)
    with bot.deps.db.unit_of_work() as session:
        request_scrub(session, TEAM_ID, now)  # the same instant, after the first was claimed: a scrub of its own
    assert sorted(duty.status for duty in bot.rows(Duty, Duty.kind == SCRUB)) == ["done", "pending"]
    bot.tick(now)
    assert [duty.status for duty in bot.rows(Duty, Duty.kind == SCRUB)] == ["done", "done"]
