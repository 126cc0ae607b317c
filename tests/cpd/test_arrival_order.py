"""Places go in the order people answered: each click is recorded before it is acknowledged."""

from __future__ import annotations

from bot.sandbox.simulator.server import SlackSimulator
from storage.models.cpd import CpdRsvp
from tests.cpd.conftest import ASHA, BEN, CARYS, announcement, create_event, in_days
from tests.support.harness import BotHarness

REPEATS = 20


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
