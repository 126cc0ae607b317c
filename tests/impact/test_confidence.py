"""Confidence on an event's topic over real HTTP: asked after Going, asked again in the feedback form, kept with
no user ID, and shown in the report as a mean before and after from five answers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from bot.sandbox.simulator.server import SlackSimulator
from dilemmas.loader import Content
from storage.models.impact import CpdConfidence
from tests.cpd.conftest import LONDON, announcement, bot_with_ambassadors, create_event
from tests.support.cli import tick_at
from tests.support.harness import ADMIN, BotHarness

PEOPLE = [f"UCONF{n:05d}" for n in range(6)]


@pytest.fixture
def cpd_bot(database_url: str, sim: SlackSimulator, content: Content) -> Iterator[BotHarness]:
    with bot_with_ambassadors(database_url, sim, content, PEOPLE) as harness:
        yield harness


def _soon() -> datetime:
    return (datetime.now(LONDON) + timedelta(minutes=10)).replace(second=0, microsecond=0)


def test_confidence_before_and_after_reaches_the_report_as_two_means(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    event = create_event(bot, _soon(), capacity=None, title="Vetting: the annual review")
    post = announcement(bot, event.id)
    going, maybe = PEOPLE[:5], PEOPLE[5]
    answers = {}
    for person, score in zip(going, ["2", "3", "3", "4", "3"], strict=True):
        answers[person] = bot.driver.click(person, message=post, text="Going").wait_response()
        assert "how confident do you feel about this event's topic" in str(answers[person]["blocks"])
        noted = bot.driver.click(person, message=answers[person], text=score).wait_response()
        assert f"your confidence ({score} out of 5) is noted" in noted["text"]
    bot.driver.click(going[0], message=answers[going[0]], text="3").wait_response()  # a change of mind replaces it
    maybe_answer = bot.driver.click(maybe, message=post, text="Maybe").wait_response()
    assert "confident" not in str(maybe_answer)
    before = bot.rows(CpdConfidence, CpdConfidence.stage == "before")
    assert sorted(row.score for row in before) == [3, 3, 3, 3, 4]  # the first person's 2 became a 3
    assert all(row.pseudonym and not row.pseudonym.startswith("U") for row in before)

    tick_at(bot, event.starts_at)
    assert bot.driver.command(ADMIN, "/cpd", f"attendance {event.id}").status == 200
    form = bot.sim.wait_for(lambda: bot.sim.views_for(ADMIN)[-1:], what="the attendance form")[0]
    [block_id] = [b["block_id"] for b in form["blocks"] if b["type"] == "input"]
    bot.driver.submit(ADMIN, form, {f"{block_id}.{block_id}": going})
    tick_at(bot, event.starts_at + timedelta(minutes=90))
    for person, after in zip(going, ["4", "4", "5", "4", "3"], strict=True):
        [ask] = [m for m in bot.sim.dms(person) if "anonymous feedback" in str(m.get("text"))]
        bot.driver.click(person, message=ask, text="Give feedback")
        feedback = bot.sim.wait_for(lambda p=person: bot.sim.views_for(p)[-1:], what="the feedback form")[0]
        assert "How confident do you now feel about the topic?" in str(feedback)
        assert bot.driver.submit(person, feedback, {"rating": "4", "confidence": after}).response_action == "update"
    after_rows = bot.rows(CpdConfidence, CpdConfidence.stage == "after")
    assert sorted(row.score for row in after_rows) == [3, 4, 4, 4, 5]
    assert all(row.pseudonym is None for row in after_rows)
    for person in PEOPLE:
        assert person not in str([(r.pseudonym, r.score) for r in before + after_rows])

    month = event.starts_at.astimezone(LONDON).strftime("%Y-%m")
    report = bot.driver.command(ADMIN, "/standards", f"report {month}").wait_response()
    text = str(report["blocks"])
    assert "Confidence on the topic before (out of 5): *3.2*" in text  # 3, 3, 3, 3, 4
    assert "Confidence on the topic after (out of 5): *4.0*" in text  # 4, 4, 5, 4, 3
