"""Deadlines: nudges before acknowledgement and feedback are due, and a flag when missed, through the real CLI."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.sandbox.simulator.server import SlackSimulator
from bot.services.concerns import cases
from dilemmas.loader import Content
from storage.models.concerns import ConcernCase
from tests.concerns.conftest import CASES, REPORTER, case_post, raise_concern
from tests.concerns.flows import button, dm_with, thread_texts
from tests.support.cli import run_cli
from tests.support.harness import BotHarness, start_bot

ROOT = Path(__file__).resolve().parents[2]


def _tick_cli(bot: BotHarness, at: datetime) -> subprocess.CompletedProcess[str]:
    return run_cli(bot, "tick", "--at", at.isoformat())


def test_deadline_nudges_and_missed_flags_fire_through_standards_bot_tick(case_bot: BotHarness) -> None:
    raised = raise_concern(case_bot, "Somebody is selling seized phones")
    post = case_post(case_bot, raised.reference)
    [case] = case_bot.rows(ConcernCase)
    received = case.received_at

    before = _tick_cli(case_bot, received + timedelta(days=4))
    assert before.returncode == 0, before.stderr
    assert "has not been acknowledged" not in thread_texts(case_bot, post)

    nudge = _tick_cli(case_bot, received + timedelta(days=5, minutes=1))
    assert nudge.returncode == 0, nudge.stderr
    case_bot.sim.wait_for(lambda: "has not been acknowledged yet" in thread_texts(case_bot, post), what="the nudge")
    assert "case deadlines schedule" in thread_texts(case_bot, post)  # says which schedule caused it

    case_bot.tick(received + timedelta(days=7, minutes=1))
    assert "7-day acknowledgement target" in thread_texts(case_bot, post)


def test_acknowledging_and_replying_stop_the_reminders(case_bot: BotHarness) -> None:
    from tests.concerns.conftest import HANDLER
    from tests.concerns.flows import submit_case_form

    raised = raise_concern(case_bot, "Leaked custody images")
    post = case_post(case_bot, raised.reference)
    case_bot.driver.click(HANDLER, message=post, action_id=button(post, "Acknowledge"))
    case_bot.sim.wait_for(lambda: "Acknowledged by" in thread_texts(case_bot, post), what="the acknowledgement")
    [case] = case_bot.rows(ConcernCase)
    case_bot.tick(case.received_at + timedelta(days=8))
    assert "acknowledg" not in thread_texts(case_bot, post).replace("Acknowledged by", "")

    feedback_nudge = case.received_at + timedelta(days=80)
    case_bot.tick(feedback_nudge)
    assert "needs feedback to the reporter" in thread_texts(case_bot, post)
    submit_case_form(case_bot, HANDLER, post, "Reply to reporter", {"reply": "We are looking into it"})
    case_bot.sim.wait_for(lambda: "We are looking into it" in thread_texts(case_bot, post), what="the reply")
    case_bot.tick(case.received_at + timedelta(days=95))
    assert "3-month feedback target" not in thread_texts(case_bot, post)


@pytest.fixture
def quick_bot(database_url: str, people: SlackSimulator, content: Content) -> Iterator[BotHarness]:
    harness = start_bot(
        database_url,
        people,
        content,
        STANDARDS_BOT_CASE_CHANNEL=CASES,
        STANDARDS_BOT_ACK_DAYS="3",
        STANDARDS_BOT_FEEDBACK_MONTHS="1",
    )
    yield harness
    harness.close()


def test_a_force_sets_its_own_acknowledgement_and_feedback_targets(quick_bot: BotHarness) -> None:
    raised = raise_concern(quick_bot, "A PC keeps a found wallet", contact="relay-dm")
    assert "within 3 days and to give you feedback within 1 month" in str(raised.view)
    dm = dm_with(quick_bot, REPORTER, raised.reference)
    assert "aims to acknowledge it within 3 days" in str(dm)
    post = case_post(quick_bot, raised.reference)
    [case] = quick_bot.rows(ConcernCase)
    received = case.received_at
    assert f"acknowledge by {cases.day(quick_bot.deps, received + timedelta(days=3))}" in str(post)
    assert f"feedback by {cases.day(quick_bot.deps, cases.add_months(received, 1))}" in str(post)

    quick_bot.tick(received + timedelta(days=1))
    assert "has not been acknowledged" not in thread_texts(quick_bot, post)
    quick_bot.tick(received + timedelta(days=1, hours=12, minutes=1))  # halfway: less than four days allowed
    quick_bot.sim.wait_for(lambda: "has not been acknowledged yet" in thread_texts(quick_bot, post), what="nudge")
    quick_bot.tick(received + timedelta(days=3, minutes=1))
    assert "the 3-day acknowledgement target" in thread_texts(quick_bot, post)
    quick_bot.tick(cases.add_months(received, 1) - timedelta(days=14, minutes=-1))
    assert "needs feedback to the reporter" in thread_texts(quick_bot, post)
    quick_bot.tick(cases.add_months(received, 1) + timedelta(minutes=1))
    assert "the 1-month feedback target" in thread_texts(quick_bot, post)
    assert "deadline (" not in thread_texts(quick_bot, post)  # never presented as a legal deadline
