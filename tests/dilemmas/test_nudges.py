"""The mid-week reminder over real HTTP and the real clock: once in the thread at its time, however often the clock
ticks, to the channel and naming nobody; none for a post closed early."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.sandbox.simulator.server import SlackSimulator
from bot.services.dilemmas.schedule_spec import ScheduleProblem, parse_schedule
from storage.models import Duty, OutboxMessage
from tests.dilemmas.conftest import TEAM_A, TEAM_B, admin_says, cli_tick, pending_post_duty, post_in
from tests.support.harness import BotHarness

REMINDER = "Still open until Friday: have your say"


def _words(value: object) -> list[str]:
    if isinstance(value, dict):
        found = ([item] if key == "text" and isinstance(item, str) else _words(item) for key, item in value.items())
        return [word for words in found for word in words]
    if isinstance(value, list):
        return [word for item in value for word in _words(item)]
    return []


def _thread_texts(sim: SlackSimulator, channel: str, ts: str) -> list[str]:
    """Every reply in the thread, as the words a person sees in it."""
    return ["\n".join(_words(message)) for message in sim.thread(channel, ts)[1:]]


def _scheduled_post(bot: BotHarness, sim: SlackSimulator, channel: str) -> tuple[str, Duty]:
    answer = admin_says(bot, "schedule mon 09:00 for 4d nudge 2d", channel=channel)
    assert "with a reminder 2 days before it closes" in answer["text"]
    (due,) = [d for d in pending_post_duty(bot) if d.payload["schedule_id"] and channel in _channels(bot, d)]
    cli_tick(bot, due.due_at)
    parent = sim.wait_for(lambda: sim.messages(channel), what="the scheduled dilemma")[0]
    post = post_in(bot, channel)
    (nudge,) = bot.rows(Duty, Duty.kind == "dilemma.nudge", Duty.key == f"post:{post.id}")
    assert nudge.due_at == post.closes_at - timedelta(days=2)
    return parent["ts"], nudge


def _channels(bot: BotHarness, duty: Duty) -> str:
    from storage.models.dilemmas import DilemmaSchedule

    (schedule,) = bot.rows(DilemmaSchedule, DilemmaSchedule.id == duty.payload["schedule_id"])
    return str(schedule.channel_id)


def test_the_reminder_is_posted_once_in_the_thread_at_its_time(bot: BotHarness, people: SlackSimulator) -> None:
    ts, nudge = _scheduled_post(bot, people, TEAM_A)
    bot.tick(nudge.due_at - timedelta(minutes=1))
    assert _thread_texts(people, TEAM_A, ts) == []

    bot.tick(nudge.due_at)
    cli_tick(bot, nudge.due_at)  # the same instant again, from the command line
    bot.tick(nudge.due_at + timedelta(hours=3))
    (reminder,) = _thread_texts(people, TEAM_A, ts)
    assert REMINDER in reminder
    assert "<@" not in reminder  # to the channel, never to named people
    assert "`/dilemma schedule … nudge`" in reminder  # says what caused it
    assert len(bot.rows(OutboxMessage, OutboxMessage.purpose == "dilemma-nudge")) == 1
    assert len(people.messages(TEAM_A)) == 1  # in the thread, not the channel


def test_no_reminder_after_an_early_close(bot: BotHarness, people: SlackSimulator) -> None:
    ts, nudge = _scheduled_post(bot, people, TEAM_B)
    admin_says(bot, "close", channel=TEAM_B)
    people.wait_for(lambda: _thread_texts(people, TEAM_B, ts), what="the reveal")
    bot.tick(nudge.due_at)
    cli_tick(bot, nudge.due_at + timedelta(minutes=5))
    (reveal,) = _thread_texts(people, TEAM_B, ts)
    assert "Voting has closed" in reveal
    assert bot.rows(OutboxMessage, OutboxMessage.purpose == "dilemma-nudge") == []


@pytest.mark.parametrize(
    ("words", "minutes"),
    [(["mon", "09:00", "for", "5d", "nudge", "2d"], 2 * 24 * 60), (["fri", "08:30", "nudge", "36h"], 36 * 60),
     (["mon", "09:00"], None)],
)  # fmt: skip
def test_the_schedule_reads_the_reminder(words: list[str], minutes: int | None) -> None:
    assert parse_schedule("CTEAMA0001", words, "Europe/London").nudge_minutes == minutes


@pytest.mark.parametrize("words", [["mon", "09:00", "for", "2d", "nudge", "2d"], ["mon", "09:00", "nudge", "soon"]])
def test_a_reminder_at_or_before_the_post_is_refused(words: list[str]) -> None:
    with pytest.raises(ScheduleProblem) as caught:
        parse_schedule("CTEAMA0001", words, "Europe/London")
    assert caught.value.code == "bad_nudge"


def test_the_admin_is_told_why_a_reminder_was_refused(bot: BotHarness, people: SlackSimulator) -> None:
    answer = admin_says(bot, "schedule mon 09:00 for 2d nudge 3d")
    assert "shorter than it stays open" in answer["text"]
    assert pending_post_duty(bot) == []
