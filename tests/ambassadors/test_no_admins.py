"""With no admins configured, an application still moves: the applicant is told plainly that no one can confirm
it yet, and the report counts what waits for the standards team."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from bot.sandbox.simulator.server import SlackSimulator
from bot.services.ambassadors import report_section
from dilemmas.loader import Content
from storage.models import OutboxMessage
from storage.models.ambassadors import RecruitmentDrive
from tests.ambassadors.conftest import (
    APPLICANT,
    FORTNIGHT,
    LINE,
    REQUEST,
    SECOND,
    STANDARDS,
    apply,
    approval,
    dm_with,
    dms_with,
    press,
    texts_of,
    today,
)
from tests.support.harness import ADMIN, TEAM_ID, BotHarness, start_bot


@pytest.fixture
def no_admins(database_url: str, people: SlackSimulator, content: Content) -> Iterator[BotHarness]:
    harness = start_bot(database_url, people, content, STANDARDS_BOT_ADMINS="")
    with harness.deps.db.unit_of_work() as session:  # opened by a standards team no longer configured
        session.add(
            RecruitmentDrive(
                team_id=TEAM_ID, opens_on=today(), closes_on=today() + timedelta(days=30), status="open",
                opened_by=ADMIN,
            )
        )  # fmt: skip
    yield harness
    harness.close()


def test_with_no_admins_set_the_applicant_is_told_plainly_and_the_report_counts_it(no_admins: BotHarness) -> None:
    bot = no_admins
    apply(bot, APPLICANT)
    for approver in (LINE, STANDARDS):
        press(bot, approver, dm_with(bot, approver, REQUEST), "Approve")
    both = texts_of(dm_with(bot, APPLICANT, "Both your managers have approved"))
    assert "No one in the standards team is set up to confirm applications yet" in both
    assert "will confirm it shortly" not in both

    apply(bot, SECOND)
    dm_with(bot, LINE, f"<@{SECOND}> would like")
    bot.tick(approval(bot, "line_manager", SECOND).asked_at + FORTNIGHT)
    told = dms_with(bot, SECOND, "No one in the standards team is set up to confirm applications yet")
    assert len(told) == 2
    assert f"Your line manager <@{LINE}> has not decided in 14 days" in "\n".join(map(texts_of, told))
    assert approval(bot, "line_manager", SECOND).escalated_at is not None
    assert bot.rows(OutboxMessage, OutboxMessage.purpose == "ambassador.request-on-behalf") == []

    with bot.deps.db.unit_of_work() as session:
        section = report_section(session, TEAM_ID)
    assert dict(section.rows)["applications waiting for the standards team"] == 2
    assert "applications: 2 in progress (2 waiting for the standards team)" in section.lines[1]
