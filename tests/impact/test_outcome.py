"""A concern closed with an outcome from the short list is counted by outcome in the report."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.sandbox.simulator.server import SlackSimulator
from dilemmas.loader import Content
from storage.models import utcnow
from storage.models.concerns import ConcernCase
from tests.concerns.conftest import CASES, HANDLER, OUTSIDER, REPORTER, case_post, raise_concern
from tests.concerns.flows import submit_case_form, thread_texts
from tests.support.harness import ADMIN, BotHarness, start_bot


@pytest.fixture
def case_bot(database_url: str, sim: SlackSimulator, content: Content) -> Iterator[BotHarness]:
    sim.add_user(REPORTER, "pc.reporter")
    sim.add_user(HANDLER, "psd.handler")
    sim.add_user(OUTSIDER, "pc.curious")
    sim.add_channel(CASES, "psd-cases", members=[HANDLER, ADMIN], is_private=True)
    harness = start_bot(database_url, sim, content, STANDARDS_BOT_CASE_CHANNEL=CASES)
    yield harness
    harness.close()


def test_the_closing_form_records_an_outcome_that_the_report_counts(case_bot: BotHarness) -> None:
    for number in range(5):
        raised = raise_concern(case_bot, f"Gifts from a garage owner, number {number}", contact="silent")
        post = case_post(case_bot, raised.reference)
        values = {"status": "closed", "outcome": "Words of advice given", "outcome_kind": "advice-given"}
        result = submit_case_form(case_bot, HANDLER, post, "Set status", values)
        assert not result.errors
        case_bot.sim.wait_for(lambda p=post: "Words of advice given" in thread_texts(case_bot, p), what="the outcome")
    assert {case.outcome for case in case_bot.rows(ConcernCase)} == {"advice-given"}
    reopened = submit_case_form(case_bot, HANDLER, post, "Set status", {"status": "assessing"})
    assert not reopened.errors
    assert sorted(str(case.outcome) for case in case_bot.rows(ConcernCase)) == ["None", *["advice-given"] * 4]
    month = utcnow().astimezone(case_bot.deps.settings.tz).strftime("%Y-%m")
    report = case_bot.driver.command(ADMIN, "/standards", f"report {month}").wait_response()
    text = str(report["blocks"])
    assert "*Closed concerns by outcome*" in text
    assert "• Advice or guidance given: fewer than 5" in text  # four once one was opened again
