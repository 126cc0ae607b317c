"""The event's life on the clock: reminders 7 days and 1 day before, a change of time, a cancellation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import update

from bot import outbox
from bot.clock import tick
from bot.services.cpd import rsvps as cpd_rsvps
from storage.models import Duty, OutboxMessage
from storage.models.cpd import CpdEvent
from tests.cpd.conftest import (
    ASHA,
    BEN,
    CARYS,
    DEV,
    announcement,
    calendar_files,
    calendar_sequence,
    create_event,
    dm_texts,
    form_values,
    in_days,
    open_form,
    rsvp,
)
from tests.support.cli import tick_at
from tests.support.harness import ADMIN, TEAM_ID, BotHarness


def _reminders(bot: BotHarness, user: str) -> list[str]:
    return [t for t in dm_texts(bot, user) if "Reminder:" in t]


def test_reminders_go_to_going_and_maybe_exactly_once_each_through_the_cli_tick(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    event = create_event(bot, in_days(12), capacity="1")
    post = announcement(bot, event.id)
    rsvp(bot, ASHA, post, "Going")
    rsvp(bot, BEN, post, "Going")  # waits
    rsvp(bot, CARYS, post, "Maybe")
    rsvp(bot, DEV, post, "Can't go")

    week_before = event.starts_at - timedelta(days=7)
    tick_at(bot, week_before - timedelta(minutes=1))
    assert _reminders(bot, ASHA) == []
    tick_at(bot, week_before)
    tick_at(bot, week_before)  # the same instant again sends nothing more
    tick_at(bot, week_before + timedelta(hours=1))
    [asha] = _reminders(bot, ASHA)
    assert "is in 7 days" in asha
    [ben] = _reminders(bot, BEN)
    assert "number 1 on the waiting list" in ben
    [carys] = _reminders(bot, CARYS)
    assert "You answered Maybe" in carys
    assert _reminders(bot, DEV) == []

    day_before = event.starts_at - timedelta(days=1)
    tick_at(bot, day_before)
    tick_at(bot, day_before)
    assert [len(_reminders(bot, p)) for p in (ASHA, BEN, CARYS, DEV)] == [2, 2, 2, 0]
    assert "is tomorrow" in _reminders(bot, ASHA)[-1]
    done = bot.rows(Duty, Duty.kind == "cpd.reminder", Duty.status == "done")
    assert sorted(d.key for d in done) == [f"{event.id}:r1:1d", f"{event.id}:r1:7d"]


def test_a_new_time_tells_everyone_who_answered_and_moves_the_reminders(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    event = create_event(bot, in_days(14))
    post = announcement(bot, event.id)
    rsvp(bot, ASHA, post, "Going")
    rsvp(bot, DEV, post, "Can't go")

    later = in_days(30, hour=10)
    form = open_form(bot, f"edit #{event.id}")
    assert form["blocks"][1]["element"]["initial_value"] == "Notifiable associations: what to declare"
    result = bot.driver.submit(ADMIN, form, form_values(later, place="Online"))
    assert result.response_action == "update"
    assert "sent to 2 people" in str(bot.sim.view(form["id"]))

    for person in (ASHA, DEV):
        bot.sim.wait_for(lambda p=person: [t for t in dm_texts(bot, p) if "has changed" in t], what=f"{person} told")
    # Two files reach Asha (the first for Going, the second for the new time), sent by different delivery threads,
    # so in either order: a calendar takes the one with the higher SEQUENCE, which must be the new one.
    files = bot.sim.wait_for(lambda: calendar_files(bot, ASHA)[1:] and calendar_files(bot, ASHA), what="two files")
    [new] = [f for f in files if "LOCATION:Online" in _text(f)]
    [first] = [f for f in files if f is not new]
    content = _text(new)
    assert calendar_sequence(new) > calendar_sequence(first)
    assert f"DTSTART:{later.astimezone(UTC):%Y%m%dT%H%M%SZ}" in content
    assert "LOCATION:Online" in content
    assert calendar_files(bot, DEV) == []  # can't go: told, but no calendar file

    pending = bot.rows(Duty, Duty.kind == "cpd.reminder", Duty.status == "pending")
    assert {d.key for d in pending} == {f"{event.id}:r2:7d", f"{event.id}:r2:1d"}
    assert {d.due_at for d in pending} == {later - timedelta(days=7), later - timedelta(days=1)}
    tick_at(bot, event.starts_at - timedelta(days=1))  # the old time: nothing is sent
    assert _reminders(bot, ASHA) == []


def test_a_cancelled_event_tells_everyone_and_takes_no_more_answers(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    event = create_event(bot, in_days(8))
    post = announcement(bot, event.id)
    rsvp(bot, ASHA, post, "Going")
    rsvp(bot, DEV, post, "Can't go")
    listing = bot.driver.command(BEN, "/cpd", "").wait_response()

    prompt = bot.driver.command(ADMIN, "/cpd", f"cancel {event.id}").wait_response()
    assert "The 2 people who answered will be told" in str(prompt["blocks"])
    assert bot.rows(CpdEvent)[0].status == "scheduled"  # nothing happens before the button is pressed
    refused = bot.driver.click(BEN, message=prompt, text="Cancel the event")
    assert "Only the standards team" in refused.wait_response()["text"]
    answer = bot.driver.click(ADMIN, message=prompt, text="Cancel the event").wait_response()
    assert "is cancelled and 2 people who answered have been told" in answer["text"]
    for person in (ASHA, DEV):
        bot.sim.wait_for(lambda p=person: [t for t in dm_texts(bot, p) if "has been cancelled" in t], what="told")
    cancelling = bot.sim.wait_for(lambda: calendar_files(bot, ASHA)[1:], what="Asha's cancelling file")[0]
    assert "METHOD:CANCEL" in cancelling["content"].decode()
    assert "STATUS:CANCELLED" in cancelling["content"].decode()
    bot.sim.wait_for(lambda: "has been cancelled" in str(announcement(bot, event.id)["blocks"]), what="updated post")
    assert "cpd_rsvp_going" not in str(announcement(bot, event.id)["blocks"])

    late = bot.driver.click(BEN, message=listing, text="Going")
    assert "has been cancelled" in late.wait_response()["text"]
    assert bot.driver.command(ADMIN, "/cpd", f"cancel {event.id}").wait_response()["text"] == (
        "That event was already cancelled."
    )
    assert bot.rows(Duty, Duty.kind.startswith("cpd."), Duty.status == "pending") == []


def test_an_answer_after_the_start_is_refused_and_counts_stay(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    event = create_event(bot, in_days(3))
    post = announcement(bot, event.id)
    rsvp(bot, ASHA, post, "Going")
    with bot.deps.db.unit_of_work() as session:  # time passes: the event has started
        session.execute(
            update(CpdEvent).where(CpdEvent.id == event.id).values(starts_at=event.starts_at - timedelta(days=4))
        )
    assert "already started" in rsvp(bot, BEN, post, "Going")
    assert "already started" in rsvp(bot, ASHA, post, "Can't go")
    assert [e.answers_version for e in bot.rows(CpdEvent)] == [1]


def test_an_update_that_lands_late_is_followed_by_one_showing_the_current_phase(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    event = create_event(bot, in_days(2))
    bot.sim.wait_for(
        lambda: bot.rows(OutboxMessage, OutboxMessage.purpose == "cpd-announcement", OutboxMessage.status == "sent"),
        what="the announcement to be sent",
    )
    with bot.deps.db.unit_of_work() as session:  # an answer whose update is held up (say by a rate limit)
        answered = cpd_rsvps.answer(
            session, bot.deps, team_id=TEAM_ID, event_id=event.id, user_id=ASHA, choice="going", now=datetime.now(UTC)
        )
    [late] = [i for i in answered.sent if bot.rows(OutboxMessage, OutboxMessage.id == i)[0].method == "chat.update"]
    tick(bot.deps, event.starts_at, deliver=False)  # the start: check-in opens
    [started] = bot.rows(
        OutboxMessage,
        OutboxMessage.method == "chat.update",
        OutboxMessage.status == "pending",
        OutboxMessage.id != late,
    )
    outbox.deliver_due(bot.deps, only=[started.id])
    assert "Check in" in str(announcement(bot, event.id)["blocks"])
    outbox.deliver_due(bot.deps, only=[late])  # the held-up update lands last, showing the answer buttons ...
    shown = str(announcement(bot, event.id)["blocks"])
    assert "Check in" in shown  # ... and is followed at once by one showing the event under way
    assert "cpd_rsvp_going" not in shown
    assert "*Going* 1" in shown


def _text(file: dict[str, Any]) -> str:
    return file["content"].decode() if isinstance(file["content"], bytes) else str(file["content"])
