"""Confidence on an event's topic, before and after, cannot be matched to who gave it by the order or the ID of
its row: not to the order of the answers to the event, nor to that of the "has answered" rows."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import inspect, text

from bot.sandbox.simulator.server import SlackSimulator
from bot.services.cpd import attendance
from bot.services.impact import confidence
from dilemmas.loader import Content
from storage.models.cpd import CpdFeedbackGiven
from storage.models.impact import CpdConfidence
from tests.cpd.conftest import LONDON, announcement, bot_with_ambassadors, create_event
from tests.support.cli import tick_at
from tests.support.harness import ADMIN, BotHarness

PEOPLE = [f"UCORDER{n:03d}" for n in range(5)]
SCORES = [1, 2, 3, 4, 5]  # one a person, so a score tells whose row it is


@pytest.fixture
def cpd_bot(database_url: str, sim: SlackSimulator, content: Content) -> Iterator[BotHarness]:
    with bot_with_ambassadors(database_url, sim, content, PEOPLE) as harness:
        yield harness


def _physical_order(bot: BotHarness, stage: str) -> list[int]:
    """The scores as the table lies in the database's files (row by row), not as any index sorts them."""
    position = "rowid" if bot.deps.db.engine.dialect.name == "sqlite" else "ctid"
    query = text(f"SELECT score FROM cpd_confidence WHERE stage = :stage ORDER BY {position}")
    with bot.deps.db.unit_of_work() as session:
        return [int(score) for score in session.execute(query, {"stage": stage}).scalars()]


def _ids(bot: BotHarness, stage: str) -> dict[int, str]:
    return {row.score: row.id for row in bot.rows(CpdConfidence, CpdConfidence.stage == stage)}


def _leave_no_trace(bot: BotHarness, stage: str) -> None:
    ids = _ids(bot, stage)
    assert sorted(ids) == SCORES
    assert all(len(value) == 32 and int(value, 16) >= 0 for value in ids.values())  # random, not a counter
    assert sorted(SCORES, key=lambda s: ids[s]) != SCORES
    assert _physical_order(bot, stage) != SCORES


def test_confidence_given_in_a_known_order_leaves_no_trace_of_that_order(
    cpd_bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Seeded sources in place of the system's, so that the result is the same on every run; the bot draws the
    # order and the IDs from them exactly as it does from the system's.
    monkeypatch.setattr(confidence, "_random", random.Random(3))
    monkeypatch.setattr(attendance, "_random", random.Random(4))
    bot = cpd_bot
    starts = (datetime.now(LONDON) + timedelta(minutes=10)).replace(second=0, microsecond=0)
    event = create_event(bot, starts, capacity=None, title="Declaring gifts and hospitality")
    post = announcement(bot, event.id)

    seen_ids: set[str] = set()
    for person, score in zip(PEOPLE, SCORES, strict=True):  # one after another, as they answer Going
        answer = bot.driver.click(person, message=post, text="Going").wait_response()
        bot.driver.click(person, message=answer, action_id=f"impact:confidence:{score}").wait_response()
        ids = {row.id for row in bot.rows(CpdConfidence)}
        assert not ids & seen_ids  # every answer gives every row a new ID: an ID cannot tell how early it came
        seen_ids |= ids
    tick_at(bot, event.starts_at)  # the scrub after the last answer, and the start
    _leave_no_trace(bot, "before")

    assert bot.driver.command(ADMIN, "/cpd", f"attendance {event.id}").status == 200
    form = bot.sim.wait_for(lambda: bot.sim.views_for(ADMIN)[-1:], what="the attendance form")[0]
    [block_id] = [b["block_id"] for b in form["blocks"] if b["type"] == "input"]
    bot.driver.submit(ADMIN, form, {f"{block_id}.{block_id}": PEOPLE})
    tick_at(bot, event.starts_at + timedelta(minutes=90))
    for person, score in zip(PEOPLE, SCORES, strict=True):  # feedback in the same known order
        [ask] = [m for m in bot.sim.dms(person) if "anonymous feedback" in str(m.get("text"))]
        assert bot.driver.click(person, message=ask, text="Give feedback").status == 200
        view = bot.sim.wait_for(lambda p=person: bot.sim.views_for(p)[-1:], what=f"{person}'s feedback form")[0]
        submitted = bot.driver.submit(person, view, {"rating": "4", "confidence": str(score)})
        assert submitted.response_action == "update"
        ids = {row.id for row in bot.rows(CpdConfidence)}
        assert not ids & seen_ids
        seen_ids |= ids
    tick_at(bot, event.starts_at + timedelta(minutes=91))  # the scrub after the last answer

    assert len(bot.rows(CpdFeedbackGiven)) == 5  # these are in the order of answering; the scores are not
    _leave_no_trace(bot, "before")
    _leave_no_trace(bot, "after")
    assert {column.key for column in inspect(CpdConfidence).columns} == {
        "id", "team_id", "event_id", "stage", "pseudonym", "score"
    }  # fmt: skip
