"""Places go in the order people answered: each click is recorded before it is acknowledged."""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from bot.sandbox.simulator.server import SlackSimulator
from dilemmas.loader import Content
from storage.models.cpd import CpdEvent, CpdRsvp
from tests.cpd.conftest import ASHA, BEN, CARYS, announcement, bot_with_ambassadors, create_event, in_days
from tests.support.harness import BotHarness

REPEATS = 20
WAITING_NUMBER = re.compile(r"number (\d+) on the waiting list")


def test_the_third_of_three_people_answering_going_in_turn_always_waits(
    cpd_bot: BotHarness, people: SlackSimulator
) -> None:
    bot = cpd_bot
    for n in range(REPEATS):
        event = create_event(bot, in_days(10 + n), capacity="2", title=f"Vetting clinic {n}")
        post = announcement(bot, event.id)
        for person in (ASHA, BEN, CARYS):  # one after another: each acknowledged before the next is sent
            result = bot.driver.click(person, message=post, text="Going")
            assert result.status == 200
            assert result.elapsed < 3.0
        answers = {row.user_id: row.answer for row in bot.rows(CpdRsvp, CpdRsvp.event_id == event.id)}
        assert answers == {ASHA: "going", BEN: "going", CARYS: "waiting"}, f"repeat {n}"


def test_an_answer_sent_before_the_start_counts_though_the_event_was_busy_until_after_it(cpd_bot: BotHarness) -> None:
    """Answers close at the start by when they arrived: one that waited for the event behind others is kept."""
    bot = cpd_bot
    event = create_event(bot, in_days(3), capacity="2", title="Lateness and the start")
    post = announcement(bot, event.id)
    starts = datetime.now(UTC) + timedelta(seconds=0.8)
    with bot.deps.db.transaction() as connection:
        connection.execute(update(CpdEvent).where(CpdEvent.id == event.id).values(starts_at=starts))
    with ThreadPoolExecutor(max_workers=1) as pool:
        with bot.deps.db.unit_of_work() as session:  # someone else's answer holds the event past its start
            session.scalar(select(CpdEvent).where(CpdEvent.id == event.id).with_for_update())
            sent_at = datetime.now(UTC)
            click = pool.submit(bot.driver.click, ASHA, message=post, text="Going")
            time.sleep((starts - datetime.now(UTC)).total_seconds() + 0.3)
        result = click.result()
    assert sent_at < starts
    assert result.status == 200
    assert "You have a place" in result.wait_response()["text"]
    [answer] = bot.rows(CpdRsvp, CpdRsvp.event_id == event.id)
    assert (answer.user_id, answer.answer) == (ASHA, "going")
    assert answer.answered_at < starts

    late = bot.driver.click(BEN, message=post, text="Going")  # one sent after the start is refused
    assert "already started" in late.wait_response()["text"]


CROWD = [f"UCROWD{n:04d}" for n in range(24)]


def test_two_dozen_going_at_once_fill_ten_places_and_queue_the_rest_each_told_their_own_place(
    database_url: str, sim: SlackSimulator, content: Content
) -> None:
    """Clicks at once on one event are recorded together (one lock for many): each person still gets their own
    answer, the places and the waiting list are exact, and no two people share a place in the queue."""
    with bot_with_ambassadors(database_url, sim, content, CROWD) as bot:
        event = create_event(bot, in_days(12), capacity="10", title="Use of force: the decision log")
        post = announcement(bot, event.id)
        with ThreadPoolExecutor(max_workers=len(CROWD)) as pool:
            results = list(pool.map(lambda person: bot.driver.click(person, message=post, text="Going"), CROWD))
        assert [result.status for result in results] == [200] * len(CROWD)
        told = {person: str(result.wait_response()["text"]) for person, result in zip(CROWD, results, strict=True)}
        rows = {row.user_id: row for row in bot.rows(CpdRsvp, CpdRsvp.event_id == event.id)}
    places = [person for person, text in told.items() if "You have a place" in text]
    waiting = {person: int(m.group(1)) for person, text in told.items() if (m := WAITING_NUMBER.search(text))}
    assert len(places) == 10
    assert sorted(waiting.values()) == list(range(1, 15))
    assert {person for person, row in rows.items() if row.answer == "going"} == set(places)
    assert {person for person, row in rows.items() if row.answer == "waiting"} == set(waiting)
    assert len({row.queue_number for row in rows.values()}) == len(CROWD)
    by_queue = sorted(waiting, key=lambda person: rows[person].queue_number)
    assert [waiting[person] for person in by_queue] == list(range(1, 15))  # each told the place they hold
