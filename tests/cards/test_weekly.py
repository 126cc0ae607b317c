"""Card of the week: set by admins with /ethicard weekly, posted by the clock, paused when the channel refuses."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.sandbox.simulator.server import SlackSimulator
from bot.texts import cards as texts
from bot.texts.common import ADMINS_ONLY
from storage.models import Duty
from storage.models.cards import CardTally, WeeklyCard
from tests.cards.conftest import OFFICER, OUTSIDE, TEAM, card_in, texts_of
from tests.support.cli import tick_at
from tests.support.harness import ADMIN, BotHarness

ROOT = Path(__file__).resolve().parents[2]
LONDON = ZoneInfo("Europe/London")


def _weekly(bot: BotHarness, text: str, user: str = ADMIN) -> str:
    result = bot.driver.command(user, "/ethicard", f"weekly {text}".strip(), channel=TEAM)
    assert result.status == 200
    return texts_of(result.wait_response())


def _schedule(bot: BotHarness, channel: str = TEAM) -> WeeklyCard:
    return bot.rows(WeeklyCard, WeeklyCard.channel_id == channel)[0]


def _pending(bot: BotHarness) -> list[Duty]:
    return bot.rows(Duty, Duty.kind == "cards.weekly", Duty.status == "pending")


def test_an_admin_sets_a_weekly_card_and_the_clock_posts_it_each_week(bot: BotHarness, people: SlackSimulator) -> None:
    answer = _weekly(bot, f"<#{TEAM}|response-team-a> mon 09:00")
    assert "every Monday at 09:00" in answer
    first = _schedule(bot).next_at
    assert first is not None
    local = first.astimezone(LONDON)
    assert (local.weekday(), local.hour, local.minute) == (0, 9, 0)

    bot.tick(first - timedelta(minutes=1))
    assert people.messages(TEAM) == []
    bot.tick(first)
    [posted] = people.messages(TEAM)
    assert texts.WEEKLY_FOOTER in texts_of(posted)
    assert card_in(posted)
    [upcoming] = _pending(bot)
    following = upcoming.due_at.astimezone(LONDON)
    assert (following.weekday(), following.hour, following.minute) == (0, 9, 0)
    assert timedelta(days=6, hours=23) <= upcoming.due_at - first <= timedelta(days=7, hours=1)  # a clock change
    assert sum(row.draws for row in bot.rows(CardTally)) == 1

    bot.tick(first)  # the same instant again does nothing
    assert len(people.messages(TEAM)) == 1
    bot.tick(upcoming.due_at)
    second = people.messages(TEAM)
    assert len(second) == 2
    assert card_in(second[1]) != card_in(second[0])  # drawn from the channel's deck


def test_the_cli_tick_posts_the_card_of_the_week(bot: BotHarness, people: SlackSimulator) -> None:
    _weekly(bot, f"<#{TEAM}|response-team-a> fri 16:30")
    due = _schedule(bot).next_at
    assert due is not None
    tick_at(bot, due)
    [posted] = people.messages(TEAM)
    assert texts.WEEKLY_FOOTER in texts_of(posted)


def test_only_admins_set_weekly_cards_and_bad_forms_get_the_weekly_help(
    bot: BotHarness, people: SlackSimulator
) -> None:
    assert ADMINS_ONLY in _weekly(bot, f"<#{TEAM}|team> mon 09:00", user=OFFICER)
    for bad in [
        "#team mon 09:00", f"<#{TEAM}|team> funday 09:00", f"<#{TEAM}|team> mon 25:00", f"<#{TEAM}|team> mon",
        f"<#{TEAM}|team> mon 9am", "off", "off #nowhere", "<!channel> mon 09:00",
    ]:  # fmt: skip
        assert texts.WEEKLY_HELP in _weekly(bot, bad), bad
    assert bot.rows(WeeklyCard) == []
    assert texts.WEEKLY_NONE in _weekly(bot, "")


def test_changing_or_stopping_the_weekly_card_replaces_or_cancels_its_run(
    bot: BotHarness, people: SlackSimulator
) -> None:
    _weekly(bot, f"<#{TEAM}|team> mon 09:00")
    monday = _schedule(bot).next_at
    _weekly(bot, f"<#{TEAM}|team> Thursday 7:15")
    [pending] = _pending(bot)
    local = pending.due_at.astimezone(LONDON)
    assert (local.weekday(), local.hour, local.minute) == (3, 7, 15)
    assert "Thursday at 07:15" in _weekly(bot, "")

    assert "has stopped" in _weekly(bot, f"off <#{TEAM}|team>")
    assert _pending(bot) == []
    assert monday is not None
    bot.tick(monday + timedelta(days=8))
    assert people.messages(TEAM) == []
    assert "There is no card of the week" in _weekly(bot, f"off <#{TEAM}|team>")


def test_a_channel_that_refuses_the_bot_pauses_the_weekly_card_and_admins_are_told(
    bot: BotHarness, people: SlackSimulator
) -> None:
    _weekly(bot, f"<#{OUTSIDE}|no-bot-here> wed 12:00")
    due = _schedule(bot, OUTSIDE).next_at
    assert due is not None
    bot.tick(due)
    assert people.messages(OUTSIDE) == []
    row = _schedule(bot, OUTSIDE)
    assert (row.status, row.paused_reason) == ("paused", "not_in_channel")
    assert _pending(bot) == []
    bot.tick(due + timedelta(minutes=1))  # the alerts written by the failure go out with the next tick
    alerts = people.wait_for(
        lambda: [m for m in people.dms(ADMIN) if "is paused" in m["text"]], what="the admins to be told"
    )
    assert "/invite @Standards Bot" in alerts[0]["text"]
    assert "paused" in _weekly(bot, "")

    people.set_bot_membership(OUTSIDE, True)
    _weekly(bot, f"<#{OUTSIDE}|no-bot-here> wed 12:00")
    resumed = _schedule(bot, OUTSIDE)
    assert resumed.status == "active"
    assert resumed.next_at is not None
    bot.tick(resumed.next_at)
    assert len(people.messages(OUTSIDE)) == 1
