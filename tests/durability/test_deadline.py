"""A request's wait for the database is bounded as a whole, not statement by statement (PostgreSQL).

PostgreSQL's timeouts bound each statement: a transaction that waited for one lock, then for another, could
keep its person waiting past Slack's 3 seconds. Here a hand of cards waits for its channel's deck, held by
someone else for 1.5 s, then for the month's counts, held for 5 s.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, select

from bot.sandbox.simulator.server import SlackSimulator
from bot.texts.common import NOT_RECORDED
from dilemmas.loader import Content
from storage.models.cards import ChannelDeck
from storage.models.impact import CardMonthTally
from tests.cards.conftest import OFFICER, TEAM, cards_in
from tests.support.harness import BotHarness, start_bot

pytestmark = pytest.mark.slow


@pytest.fixture
def postgres_bot(postgres_url: str, sim: SlackSimulator, content: Content) -> Iterator[BotHarness]:
    sim.add_user(OFFICER, "pc.jones")
    sim.add_channel(TEAM, "response-team-a", members=[OFFICER])
    harness = start_bot(postgres_url, sim, content)
    yield harness
    harness.close()


def _hand(bot: BotHarness) -> tuple[float, dict]:
    result = bot.driver.command(OFFICER, "/ethicard", "hand 5", channel=TEAM)
    return result.elapsed, result.wait_response()


def test_a_hand_that_waits_for_one_lock_then_another_is_told_in_time_that_nothing_was_recorded(
    postgres_bot: BotHarness, postgres_url: str
) -> None:
    bot = postgres_bot
    for _ in range(4):  # the month's counts now have a row for every suit
        assert len(cards_in(_hand(bot)[1])) == 5
    others = create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with others.connect() as deck_holder, others.connect() as counts_holder:
            deck_holder.begin()
            deck_holder.execute(select(ChannelDeck).where(ChannelDeck.channel_id == TEAM).with_for_update()).all()
            counts_holder.begin()
            counts_holder.execute(select(CardMonthTally).with_for_update()).all()
            let_go = threading.Timer(1.5, deck_holder.rollback)
            let_go.start()
            elapsed, answer = _hand(bot)
            let_go.join()
            counts_holder.rollback()
    finally:
        others.dispose()

    assert elapsed < 3.0
    assert NOT_RECORDED in answer["text"]
    assert [deck.position for deck in bot.rows(ChannelDeck)] == [20]  # nothing of it was written
    assert sum(row.draws for row in bot.rows(CardMonthTally)) == 20
    # The connection whose statement was cancelled is not used again; the next hand is dealt as usual.
    for _ in range(3):
        assert len(cards_in(_hand(bot)[1])) == 5
    assert [deck.position for deck in bot.rows(ChannelDeck)] == [35]
