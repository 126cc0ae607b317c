"""CPD feedback cannot be matched to who gave it by the order, the ID or the time of its row."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from sqlalchemy import inspect, text

from bot.services.cpd import attendance
from storage.models.cpd import CpdFeedback, CpdFeedbackGiven
from tests.cpd.conftest import LONDON, announcement, create_event, rsvp
from tests.support.cli import tick_at
from tests.support.harness import ADMIN, BotHarness

PEOPLE = [f"UORDER{n:04d}" for n in range(5)]
COMMENTS = [f"Answer number {n}: the role plays helped" for n in range(5)]


def _physical_order(bot: BotHarness) -> list[str]:
    """The comments as the table lies in the database's files (row by row), not as any index sorts them."""
    position = "rowid" if bot.deps.db.engine.dialect.name == "sqlite" else "ctid"
    with bot.deps.db.unit_of_work() as session:
        return [
            str(c) for c in session.execute(text(f"SELECT comment FROM cpd_feedback ORDER BY {position}")).scalars()
        ]


def _ids(bot: BotHarness) -> dict[str, str]:
    return {row.comment or "": row.id for row in bot.rows(CpdFeedback)}


def test_five_answers_in_a_known_order_leave_no_trace_of_that_order(
    cpd_bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A seeded source in place of the system's, so that the result is the same on every run; the bot draws the
    # order and the IDs from it exactly as it does from the system's.
    monkeypatch.setattr(attendance, "_random", random.Random(2))
    bot = cpd_bot
    for person in PEOPLE:
        bot.sim.add_user(person, person.lower())
    starts = (datetime.now(LONDON) + timedelta(minutes=10)).replace(second=0, microsecond=0)
    event = create_event(bot, starts, capacity=None, title="Professional boundaries in practice")
    post = announcement(bot, event.id)
    for person in PEOPLE:
        rsvp(bot, person, post, "Going")
    assert bot.driver.command(ADMIN, "/cpd", f"attendance {event.id}").status == 200
    form = bot.sim.wait_for(lambda: bot.sim.views_for(ADMIN)[-1:], what="the attendance form")[0]
    [block_id] = [b["block_id"] for b in form["blocks"] if b["type"] == "input"]
    bot.driver.submit(ADMIN, form, {f"{block_id}.{block_id}": PEOPLE})
    tick_at(bot, event.starts_at + timedelta(minutes=90))

    seen_ids: set[str] = set()
    for person, comment in zip(PEOPLE, COMMENTS, strict=True):  # one after another, in a known order
        [ask] = [m for m in bot.sim.dms(person) if "anonymous feedback" in str(m.get("text"))]
        assert bot.driver.click(person, message=ask, text="Give feedback").status == 200
        view = bot.sim.wait_for(lambda p=person: bot.sim.views_for(p)[-1:], what=f"{person}'s feedback form")[0]
        assert bot.driver.submit(person, view, {"rating": "4", "comment": comment}).response_action == "update"
        ids = set(_ids(bot).values())
        assert not ids & seen_ids  # every answer gives every row a new ID: an ID cannot tell how early it came
        seen_ids |= ids
    tick_at(bot, event.starts_at + timedelta(minutes=91))  # the scrub after the last answer

    # The "has answered" rows are in the order of answering; nothing about the feedback rows is.
    assert len(bot.rows(CpdFeedbackGiven)) == 5
    ids = _ids(bot)
    assert sorted(ids) == sorted(COMMENTS)
    assert all(len(value) == 32 and int(value, 16) >= 0 for value in ids.values())  # random, not a counter
    assert sorted(COMMENTS, key=lambda c: ids[c]) != COMMENTS
    assert _physical_order(bot) != COMMENTS
    shown = bot.driver.command(ADMIN, "/cpd", f"feedback {event.id}").wait_response()["blocks"]
    [comments] = [block for block in shown if COMMENTS[0] in str(block)]
    assert comments["text"]["verbatim"] is True  # people's words: Slack is not to turn them into links
    assert {column.key for column in inspect(CpdFeedback).columns} == {"id", "team_id", "event_id", "rating", "comment"}
