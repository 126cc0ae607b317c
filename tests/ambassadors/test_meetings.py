"""Monthly meetings recorded from the standards manager's reminder: *We met* (with a note of topics) and *Not this
month*, one record per manager, ambassador and month; the tallies on the roster and the Home tab."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot import clock
from bot.blocks.ambassador_meetings import manager_messages
from bot.sandbox.simulator.blockkit import validate_message_blocks
from bot.services.ambassadors.meeting_records import Tally
from bot.services.ambassadors.meetings import MONTHLY
from storage.models import utcnow
from storage.models.ambassadors import Ambassador, AmbassadorMeeting
from tests.ambassadors.conftest import (
    APPLICANT,
    OUTSIDER,
    SECOND,
    STANDARDS,
    dm_with,
    says,
    texts_of,
    today,
)
from tests.support.harness import ADMIN, TEAM_ID, BotHarness


def _months_ago(count: int) -> str:
    index = today().year * 12 + today().month - 1 - count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _seed(bot: BotHarness) -> None:
    """SECOND has been an ambassador for over a year and met their manager twice in earlier months; APPLICANT
    joined today."""
    with bot.deps.db.unit_of_work() as session:
        for user, joined in ((SECOND, today() - timedelta(days=400)), (APPLICANT, today())):
            session.add(
                Ambassador(
                    team_id=TEAM_ID, user_id=user, department="Custody", role="PC", standards_manager_id=STANDARDS,
                    status="active", joined_on=joined, induction_due_on=joined + timedelta(days=28),
                )
            )  # fmt: skip
        for months_ago, met in ((2, True), (5, True), (6, False), (13, True)):
            session.add(
                AmbassadorMeeting(
                    team_id=TEAM_ID, manager_id=STANDARDS, ambassador_id=SECOND, month=_months_ago(months_ago),
                    met=met, recorded_at=utcnow(),
                )
            )  # fmt: skip


def _reminder(bot: BotHarness) -> dict[str, Any]:
    """This month's reminder, sent by the clock as on the first Monday."""
    now = utcnow()
    with bot.deps.db.unit_of_work() as session:
        clock.schedule(session, team_id=TEAM_ID, kind=MONTHLY, key=f"{today():%Y-%m-%d}", due_at=now)
    bot.tick(now + timedelta(seconds=1))
    return dm_with(bot, STANDARDS, "This month's ambassador meetings")


def _click(bot: BotHarness, user: str, message: dict[str, Any], label: str, ambassador: str = SECOND) -> str:
    result = bot.driver.click(user, message=message, text=label, block_id=f"meeting-{ambassador}")
    assert result.status == 200
    return texts_of(result.wait_response())


def _home_says(bot: BotHarness, user: str, phrase: str) -> None:
    bot.driver.open_home(user)
    bot.sim.wait_for(lambda: phrase in texts_of(bot.sim.home(user) or {}), what=f"{phrase!r} on the Home tab")


def test_the_reminders_buttons_record_a_meeting_and_a_change(amb_bot: BotHarness) -> None:
    _seed(amb_bot)
    reminder = _reminder(amb_bot)
    validate_message_blocks(reminder["blocks"])
    words = texts_of(reminder)
    assert f"<@{SECOND}> · Custody · CPD this year 0/6 · met 2 of the last 12 months" in words
    assert f"<@{APPLICANT}> · Custody · CPD this year 0/6 · no meeting recorded this month" in words
    assert words.count("We met") >= 2
    assert words.count("Not this month") >= 2
    month = f"{today():%B %Y}"

    forms_before = len(amb_bot.sim.views_for(STANDARDS))
    assert _click(amb_bot, STANDARDS, reminder, "We met") == f"Recorded: you met <@{SECOND}> in {month}."
    form = amb_bot.sim.wait_for(lambda: amb_bot.sim.views_for(STANDARDS)[forms_before:], what="the note form")[0]
    assert form["callback_id"] == "ambassador.meeting.topics"
    [meeting] = amb_bot.rows(AmbassadorMeeting, AmbassadorMeeting.month == f"{today():%Y-%m}")
    assert (meeting.manager_id, meeting.ambassador_id, meeting.met, meeting.topics) == (STANDARDS, SECOND, True, None)
    first_time = meeting.recorded_at

    note = "County lines <!channel> and staff using personal phones for work"
    result = amb_bot.driver.submit(STANDARDS, form, {"topics": note})
    assert result.status == 200
    assert result.response_action is None, result.body
    [meeting] = amb_bot.rows(AmbassadorMeeting, AmbassadorMeeting.month == f"{today():%Y-%m}")
    assert (meeting.met, meeting.topics) == (True, note)

    assert "met 3 of the last 12 months" in says(amb_bot, "list")
    _home_says(amb_bot, SECOND, "*Monthly meetings with your standards manager:* met 3 of the last 12 months.")
    _home_says(amb_bot, ADMIN, "1 of 2 active ambassadors have met their standards manager this month")
    assert "Over the last 12 months, 3 of 13 possible monthly meetings took place" in texts_of(amb_bot.sim.home(ADMIN))

    # A second click changes the same record, at the time the click arrived; the note goes with the meeting.
    changed = _click(amb_bot, STANDARDS, reminder, "Not this month")
    assert changed == f"Changed: you did not meet <@{SECOND}> in {month}."
    [meeting] = amb_bot.rows(AmbassadorMeeting, AmbassadorMeeting.month == f"{today():%Y-%m}")
    assert (meeting.met, meeting.topics) == (False, None)
    assert meeting.recorded_at > first_time
    assert "Already recorded" in _click(amb_bot, STANDARDS, reminder, "Not this month")
    assert len(amb_bot.rows(AmbassadorMeeting, AmbassadorMeeting.ambassador_id == SECOND)) == 5
    assert "met 2 of the last 12 months" in says(amb_bot, "list")
    _home_says(amb_bot, SECOND, "met 2 of the last 12 months")

    assert _click(amb_bot, STANDARDS, reminder, "We met", APPLICANT).startswith("Recorded: you met")
    _home_says(amb_bot, APPLICANT, "*Monthly meetings with your standards manager:* met this month.")


def test_only_the_ambassadors_own_standards_manager_can_record_a_meeting(amb_bot: BotHarness) -> None:
    _seed(amb_bot)
    reminder = _reminder(amb_bot)
    answer = _click(amb_bot, OUTSIDER, reminder, "We met")
    assert answer == f"You are not recorded as <@{SECOND}>'s standards manager, so this meeting was not recorded."
    assert amb_bot.rows(AmbassadorMeeting, AmbassadorMeeting.month == f"{today():%Y-%m}") == []


def test_a_manager_with_many_ambassadors_gets_every_one_within_slacks_limits() -> None:
    many = [(f"U{n:09d}", "Response <!channel> Policing " * 20, n % 7, Tally(n % 13, 12)) for n in range(60)]
    messages = manager_messages(many, 6, "2026-05")
    assert len(messages) == 3
    for message in messages:
        assert validate_message_blocks(message["blocks"]) == []
    shown = [b["block_id"] for m in messages for b in m["blocks"] if b["type"] == "actions"]
    assert shown == [f"meeting-U{n:09d}" for n in range(60)]
    assert "<!channel>" not in str(messages)
