"""The impact report's agreement by Standard, principle and topic counts the dilemmas written in Slack: a dilemma
published with the form, posted, voted on and closed, then the report's export read over real HTTP."""

from __future__ import annotations

import csv
import io

from bot.sandbox.simulator.server import SlackSimulator
from bot.texts import impact as impact_texts
from dilemmas.references import STANDARDS
from storage.models import utcnow
from tests.dilemmas.authoring_flows import close_forms, form_values, top_view, wait_for_view_saying
from tests.dilemmas.conftest import TEAM_A, VOTERS_A, admin_says, vote
from tests.support.harness import ADMIN, BotHarness

DILEMMA_ID = "wwyd-drone-over-the-allotments"


def test_a_dilemma_published_in_slack_is_counted_in_the_breakdowns(bot: BotHarness, people: SlackSimulator) -> None:
    assert bot.driver.command(ADMIN, "/dilemma", "new", channel=TEAM_A).status == 200
    assert not bot.driver.submit(ADMIN, top_view(bot), form_values()).errors
    bot.driver.click(ADMIN, view=wait_for_view_saying(bot, "Preview:"), action_id="dilemma_author_publish")
    wait_for_view_saying(bot, "is published")
    close_forms(bot)

    admin_says(bot, f"post {DILEMMA_ID}")
    post = people.wait_for(lambda: people.messages(TEAM_A), what="the post")[-1]
    for voter, option in zip(VOTERS_A, "CCCCCAA", strict=True):  # the panel chose C: 5 of 7 agree
        vote(bot, voter, post, option)
    admin_says(bot, "close")
    people.wait_for(lambda: people.thread(TEAM_A, post["ts"])[1:], what="the reveal")

    month = utcnow().astimezone(bot.deps.settings.tz)
    answer = bot.driver.command(ADMIN, "/standards", f"export {month:%Y-%m}", channel=TEAM_A).wait_response()
    assert "direct message" in answer["text"]

    def sheet() -> str | None:
        found = [f for f in bot.sim.files() if f["name"].startswith("standards-impact") and f["name"].endswith(".csv")]
        content = found[0]["content"] if found else None
        return content.decode() if isinstance(content, bytes) else content

    rows = list(csv.reader(io.StringIO(bot.sim.wait_for(sheet, timeout=20.0, what="the CSV export"))))
    period = f"{month:%B %Y}"
    by_figure = {(row[1], row[2], row[3]): row[4] for row in rows[1:]}
    for standard in (1, 10):  # the tags given in the form
        assert by_figure[(impact_texts.BY_STANDARD, STANDARDS[standard], period)] == "71.4", rows
