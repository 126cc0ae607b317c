"""`/standards` end to end: the report and the export hold counts only, and only admins get them."""

from __future__ import annotations

import pytest

from bot import outbox
from bot.sandbox.simulator.server import SlackSimulator
from tests.support.harness import ADMIN, SECRET_KEY, SIGNING_SECRET, TEAM_ID, BotHarness

OFFICER = "UOFFICER01"
CHANNEL = "CTEAM00001"


@pytest.fixture
def people(sim: SlackSimulator) -> SlackSimulator:
    sim.add_user(OFFICER, "pc.jones")
    sim.add_channel(CHANNEL, "response-team-a", members=[OFFICER, ADMIN])
    return sim


def test_the_report_shows_counts_and_a_failed_post_with_a_retry_that_delivers_it(
    bot: BotHarness, people: SlackSimulator
) -> None:
    bot.driver.command(OFFICER, "/ethicard", "", channel=CHANNEL).wait_response()
    people.add_channel("CGONE00001", "gone", members=[ADMIN], bot_is_member=False)
    with bot.deps.db.unit_of_work() as session:
        outbox.enqueue(
            session, team_id=TEAM_ID, method="chat.postMessage", payload={"channel": "CGONE00001", "text": "kept"},
            purpose="a test post",
        )  # fmt: skip
    outbox.deliver_due(bot.deps)

    report = bot.driver.command(ADMIN, "/standards", "report", channel=CHANNEL).wait_response()
    text = str(report.get("blocks"))
    assert "a test post" in text
    assert "not_in_channel" in text
    assert "Ethics cards" in text
    assert "1 draws" in text
    assert OFFICER not in text

    people.set_bot_membership("CGONE00001", True)
    bot.driver.click(ADMIN, message=report, text="Retry")
    people.wait_for(lambda: people.messages("CGONE00001"), what="the retried post")
    assert [m["text"] for m in people.messages("CGONE00001")] == ["kept"]


def test_the_export_is_a_csv_of_counts_sent_privately(bot: BotHarness, people: SlackSimulator) -> None:
    answer = bot.driver.command(ADMIN, "/standards", "export", channel=CHANNEL).wait_response()
    assert "direct message" in answer["text"]
    files = people.wait_for(lambda: people.files(), what="the CSV in a DM")
    content = files[0]["content"]
    content = content.decode() if isinstance(content, bytes) else content
    assert content.splitlines()[0] == "section,metric,value"
    assert "Ethics cards,hearts draws,0" in content
    assert not people.messages(CHANNEL)


@pytest.mark.parametrize("form", ["report", "export", "settings"])
def test_only_admins_get_the_report_export_and_settings(bot: BotHarness, people: SlackSimulator, form: str) -> None:
    answer = bot.driver.command(OFFICER, "/standards", form, channel=CHANNEL).wait_response()
    assert "Only the standards team" in answer["text"]


def test_settings_never_show_secrets(bot: BotHarness, people: SlackSimulator) -> None:
    answer = bot.driver.command(ADMIN, "/standards", "settings", channel=CHANNEL).wait_response()
    assert "STANDARDS_BOT_TIMEZONE`: Europe/London" in answer["text"]
    assert "STANDARDS_BOT_STATEMENT_MIN_WORDS`: 400" in answer["text"]
    assert "STANDARDS_BOT_ACK_DAYS`: 7" in answer["text"]
    assert "STANDARDS_BOT_FEEDBACK_MONTHS`: 3" in answer["text"]
    assert "STANDARDS_BOT_SIGNPOSTS`: not set" in answer["text"]
    for secret in ("xoxb-", SIGNING_SECRET, SECRET_KEY, SECRET_KEY[:16]):
        assert secret not in str(answer)
