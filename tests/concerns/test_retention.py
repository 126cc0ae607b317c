"""Retention: closed cases are deleted after the period, leaving counts by category and month; the Home tab."""

from __future__ import annotations

from datetime import timedelta

from storage.models import OutboxMessage
from storage.models.concerns import ConcernAudit, ConcernCase, ConcernCount, ConcernMessage
from tests.concerns.conftest import CASES, HANDLER, REPORTER, case_post, raise_concern
from tests.concerns.flows import submit_case_form, thread_texts
from tests.support.harness import BotHarness


def test_closed_cases_are_purged_after_the_period_and_only_counts_remain(case_bot: BotHarness) -> None:
    closed = raise_concern(case_bot, "Racist jokes on the Friday shift chat", category="discrimination")
    still_open = raise_concern(case_bot, "A PCSO sells tickets for a friend's business", category="associations")
    post = case_post(case_bot, closed.reference)
    submit_case_form(case_bot, HANDLER, post, "Reply to reporter", {"reply": "Thank you, we are on it"})
    submit_case_form(case_bot, HANDLER, post, "Set status", {"status": "closed", "outcome": "Management action"})
    case_bot.sim.wait_for(lambda: "Management action" in thread_texts(case_bot, post), what="the outcome")
    [case] = case_bot.rows(ConcernCase, ConcernCase.reference == closed.reference)
    assert case.closed_at is not None
    case_bot.sim.wait_for(  # the reply's relay to the reporter is sent after the form closes
        lambda: not case_bot.rows(OutboxMessage, OutboxMessage.status == "pending"), what="every send to finish"
    )

    case_bot.tick(case.closed_at + timedelta(days=300))  # inside the period: kept
    assert len(case_bot.rows(ConcernCase)) == 2

    case_bot.tick(case.closed_at + timedelta(days=366))
    remaining = case_bot.rows(ConcernCase)
    assert [c.reference for c in remaining] == [still_open.reference]
    assert case_bot.rows(ConcernMessage, ConcernMessage.case_id == case.id) == []
    details = {row.detail for row in case_bot.rows(ConcernAudit, ConcernAudit.case_id == case.id)}
    assert details == {None}
    assert case_bot.rows(OutboxMessage, OutboxMessage.purpose.in_(("concern.relay", "concern.thread"))) == []
    counts = {(row.category, row.count) for row in case_bot.rows(ConcernCount)}
    assert counts == {("discrimination", 1), ("associations", 1)}
    assert post["ts"] not in {message["ts"] for message in case_bot.sim.messages(CASES)}  # deleted from Slack
    assert "Racist jokes" not in str(case_bot.sim.messages(CASES))
    status = case_bot.driver.command(REPORTER, "/concern", f"status {closed.code}").wait_response()
    assert status["text"].startswith("There is no case with that code")


def test_the_home_tab_offers_the_form_and_says_plainly_how_private_it_is(case_bot: BotHarness) -> None:
    case_bot.driver.open_home(REPORTER)
    home = case_bot.sim.wait_for(lambda: case_bot.sim.home(REPORTER), what="the Home tab")
    words = str(home)
    for phrase in (
        "How private is this?",
        "What the bot keeps",
        "What Slack keeps",
        "Who sees what",
        "365 days",
        "IOPC Report Line",
    ):
        assert phrase in words, phrase
    assert "Crimestoppers Integrity Line" not in words  # open only to forces that subscribe: see test_signposts
    result = case_bot.driver.click(REPORTER, view=home["id"], action_id="concern.open_form")
    assert result.status == 200
    [form] = case_bot.sim.wait_for(lambda: case_bot.sim.views_for(REPORTER), what="the form")
    assert form["callback_id"] == "concern.form"


def test_a_named_concern_shows_the_name_to_the_case_team_only(case_bot: BotHarness) -> None:
    raised = raise_concern(case_bot, "I was pressured to drop a complaint", contact="named")
    post = case_post(case_bot, raised.reference)
    assert f"<@{REPORTER}>" in str(post)
    [case] = case_bot.rows(ConcernCase)
    assert case.reporter_sealed is not None
    assert REPORTER.encode() not in case.reporter_sealed
