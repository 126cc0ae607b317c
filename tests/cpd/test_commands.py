"""`/cpd` for everyone and for the standards team: help, refusals, the event form's inline errors, listings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from bot.blocks.cpd import announcement as announcement_blocks
from bot.blocks.cpd import event_lines
from bot.sandbox.simulator.blockkit import validate_message_blocks
from bot.services.cpd.announcement import Counts, EventCard
from storage.models import OutboxMessage
from storage.models.cpd import CpdEvent, CpdRsvp
from tests.cpd.conftest import (
    AMBASSADORS,
    ASHA,
    BEN,
    LONDON,
    announcement,
    create_event,
    form_values,
    in_days,
    open_form,
)
from tests.support.harness import ADMIN, BotHarness


def _reply(bot: BotHarness, user: str, text: str) -> str:
    answer = bot.driver.command(user, "/cpd", text).wait_response()
    return str(answer.get("text")) + str(answer.get("blocks"))


def test_help_and_refusals_are_private_and_plain(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    assert "upcoming events, with buttons" in _reply(bot, ASHA, "help")
    assert "There are no CPD events coming up" in _reply(bot, ASHA, "")
    for verb in ("new", "edit 1", "cancel 1", "attendance", "attendance 1"):
        assert "Only the standards team can use that" in _reply(bot, ASHA, verb), verb
    assert "does not know `frobnicate`" in _reply(bot, ASHA, "frobnicate")
    assert "There is no event `99`" in _reply(bot, ADMIN, "edit 99")
    assert "There is no event `&lt;!channel&gt;`" in _reply(bot, ADMIN, "cancel <!channel>")
    assert "Which event?" in _reply(bot, ADMIN, "edit")
    assert "There are no events yet" in _reply(bot, ADMIN, "attendance")
    event = create_event(bot, in_days(3))
    assert "Nobody has answered this event yet" in str(open_form(bot, f"attendance {event.id}")["blocks"])
    assert all(e["response_type"] == "ephemeral" for e in [p.payload for p in bot.sim.responses])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=300))
def test_any_text_gets_a_private_answer(cpd_bot: BotHarness, text: str) -> None:
    result = cpd_bot.driver.command(ASHA, "/cpd", text)
    assert result.status == 200
    assert result.wait_response()["response_type"] == "ephemeral"


@pytest.mark.parametrize(
    ("changes", "block", "words"),
    [
        ({"capacity": "-3"}, "capacity", "cannot be below zero"),
        ({"capacity": "0"}, "capacity", "nobody could come"),
        ({"title": "   "}, "title", "Please fill this in"),
        ({"duration": "2"}, "duration", "between 5 and 720"),
        ({"duration": "2000"}, "duration", "between 5 and 720"),
        ({"place": None}, "place", "Please fill this in"),
        ({"capacity": "99999999999"}, "capacity", "no more than 10,000"),
    ],
)
def test_the_form_keeps_the_modal_open_with_inline_errors(
    cpd_bot: BotHarness, changes: dict[str, str | None], block: str, words: str
) -> None:
    bot = cpd_bot
    form = open_form(bot)
    result = bot.driver.submit(ADMIN, form, form_values(in_days(5), **changes))
    assert result.status == 200
    assert result.errors is not None
    assert words in result.errors[block]
    assert bot.sim.views_for(ADMIN)[-1]["id"] == form["id"]  # still open
    assert bot.rows(CpdEvent) == []


def test_a_start_in_the_past_keeps_the_modal_open(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    form = open_form(bot)
    yesterday = datetime.now(LONDON) - timedelta(days=1)
    result = bot.driver.submit(ADMIN, form, form_values(yesterday))
    assert result.errors == {"date": "This is in the past. Choose a date and time that are still to come."}
    assert bot.rows(CpdEvent) == []


def test_the_list_shows_upcoming_events_with_the_readers_answer_and_buttons(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    first = create_event(bot, in_days(6), title="Whistleblowing: speaking up safely", topic="whistleblowing")
    create_event(bot, in_days(4), title="Complaints <!channel> & handling", topic="complaints")
    listing = bot.driver.command(ASHA, "/cpd", "").wait_response()
    words = str(listing["blocks"])
    assert words.index("Complaints") < words.index("Whistleblowing")  # soonest first
    assert "&lt;!channel&gt; &amp; handling" in words
    [posted] = [m for m in bot.sim.messages(AMBASSADORS) if "Complaints" in m["text"]]
    assert "<!channel>" not in posted["text"]  # nor in the notification's text
    assert "You have not answered yet" in words
    assert "#1 ·" not in words  # event numbers are for the standards team
    answered = bot.driver.click(ASHA, message=listing, action_id=f"cpd_rsvp_going:{first.id}")
    assert "You have a place at *Whistleblowing" in answered.wait_response()["text"]
    assert "Your answer: *Going*" in str(bot.driver.command(ASHA, "/cpd", "").wait_response()["blocks"])
    assert f"#{first.id} ·" in _reply(bot, ADMIN, "")
    assert f"*#{first.id}* Whistleblowing" in _reply(bot, ADMIN, "attendance")


def test_without_an_ambassadors_channel_the_event_is_kept_and_the_admin_told(
    bot: BotHarness,
) -> None:
    bot.sim.add_user(ASHA, "pc.asha")
    form = open_form(bot)
    result = bot.driver.submit(ADMIN, form, form_values(in_days(5)))
    assert result.response_action == "update"
    assert "not announced, because no ambassadors channel is set" in str(bot.sim.view(form["id"]))
    assert [e.announcement_outbox_id for e in bot.rows(CpdEvent)] == [None]
    assert bot.rows(OutboxMessage, OutboxMessage.purpose == "cpd-announcement") == []
    assert "Notifiable associations" in _reply(bot, ASHA, "")


def test_an_announcement_the_channel_refuses_is_kept_for_the_standards_team(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    bot.sim.set_bot_membership(AMBASSADORS, False)
    event = create_event(bot, in_days(5))
    [kept] = bot.sim.wait_for(
        lambda: bot.rows(OutboxMessage, OutboxMessage.purpose == "cpd-announcement", OutboxMessage.status == "failed"),
        what="the announcement to be kept as failed",
    )
    assert kept.last_error == "not_in_channel"
    bot.sim.wait_for(lambda: [m for m in bot.sim.dms(ADMIN) if "could not be delivered" in m["text"]], what="alert")
    bot.sim.set_bot_membership(AMBASSADORS, True)
    listing = bot.driver.command(ASHA, "/cpd", "").wait_response()  # people can still answer through /cpd
    answered = bot.driver.click(ASHA, message=listing, action_id=f"cpd_rsvp_going:{event.id}")
    assert "You have a place" in answered.wait_response()["text"]
    bot.sim.wait_for(lambda: bot.sim.files(), what="the calendar file")
    assert bot.sim.calls_to("chat.update") == []  # no update of a post that never arrived
    alerts = [m for m in bot.sim.dms(ADMIN) if "could not be delivered" in m["text"]]
    assert len(alerts) == 1


def test_a_deleted_announcement_is_alerted_once_and_no_longer_updated(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    event = create_event(bot, in_days(5))
    post = announcement(bot, event.id)
    with bot.sim.lock:
        found = bot.sim.ws.find_message(AMBASSADORS, post["ts"])
        assert found is not None
        found.deleted = True
    listing = bot.driver.command(ASHA, "/cpd", "").wait_response()
    bot.driver.click(ASHA, message=listing, action_id=f"cpd_rsvp_going:{event.id}").wait_response()
    bot.sim.wait_for(lambda: [m for m in bot.sim.dms(ADMIN) if "could not be delivered" in m["text"]], what="alert")
    bot.driver.click(ASHA, message=listing, action_id=f"cpd_rsvp_maybe:{event.id}").wait_response()
    bot.driver.click(BEN, message=listing, action_id=f"cpd_rsvp_going:{event.id}").wait_response()
    bot.sim.wait_for(lambda: not bot.rows(OutboxMessage, OutboxMessage.status == "pending"), what="sends to finish")
    assert [c.error for c in bot.sim.calls_to("chat.update")] == ["message_not_found"]
    assert len([m for m in bot.sim.dms(ADMIN) if "could not be delivered" in m["text"]]) == 1


def test_a_forged_event_form_from_someone_else_creates_nothing(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    form = open_form(bot)
    with bot.sim.lock:  # the same form, submitted as if it were Asha's
        stored = bot.sim.ws.views[form["id"]]
        stored.user = ASHA
        bot.sim.ws.modal_stacks.setdefault(ASHA, []).append(stored.id)
    result = bot.driver.submit(ASHA, form, form_values(in_days(5)))
    assert result.response_action == "update"
    assert "Only the standards team" in str(result.body)
    assert bot.rows(CpdEvent) == []


def test_a_time_the_clocks_skip_is_refused(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    spring = datetime(datetime.now(LONDON).year + 1, 3, 31, tzinfo=LONDON)
    last_sunday = spring - timedelta(days=(spring.weekday() + 1) % 7)  # the clocks go forward at 01:00
    form = open_form(bot)
    values = form_values(last_sunday, time="01:30")
    result = bot.driver.submit(ADMIN, form, values)
    assert result.errors == {
        "time": "That time does not exist on that day: the clocks go forward. Choose another time."
    }


def test_an_event_under_way_can_still_be_changed_but_not_moved_into_the_past(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    event = create_event(bot, in_days(3))
    with bot.deps.db.unit_of_work() as session:  # time passes: it started an hour ago
        session.execute(
            update(CpdEvent)
            .where(CpdEvent.id == event.id)
            .values(starts_at=(datetime.now(UTC) - timedelta(hours=1)).replace(second=0, microsecond=0))
        )
    form = open_form(bot, f"edit {event.id}")
    fixed = bot.driver.submit(ADMIN, form, {"place": "https://meet.example.org/cpd-12"})
    assert fixed.response_action == "update", fixed.body
    [changed] = bot.rows(CpdEvent)
    assert changed.place == "https://meet.example.org/cpd-12"
    bot.driver.close(ADMIN, form)
    again = open_form(bot, f"edit {event.id}")
    moved = bot.driver.submit(ADMIN, again, {"time": "00:00", "date": "2020-01-01"})
    assert moved.errors == {"date": "This is in the past. Choose a date and time that are still to come."}


def test_check_in_is_offered_in_the_list_from_fifteen_minutes_before(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    soon = create_event(bot, (datetime.now(LONDON) + timedelta(minutes=10)).replace(second=0, microsecond=0))
    later = create_event(bot, in_days(2), title="Later")
    listing = bot.driver.command(BEN, "/cpd", "").wait_response()
    assert f"cpd_check_in:{soon.id}" in str(listing["blocks"])
    assert f"cpd_check_in:{later.id}" not in str(listing["blocks"])
    assert f"cpd_rsvp_going:{later.id}" in str(listing["blocks"])
    checked = bot.driver.click(BEN, message=listing, action_id=f"cpd_check_in:{soon.id}")
    assert "You are checked in" in checked.wait_response()["text"]
    [ben] = bot.rows(CpdRsvp, CpdRsvp.event_id == soon.id)
    assert (ben.user_id, ben.answer, ben.attended) == (BEN, "going", True)
    bot.sim.wait_for(lambda: "*Going* 1" in str(announcement(bot, soon.id)["blocks"]), what="the walk-in counted")


def test_the_list_of_recent_events_fits_slack_whatever_the_titles() -> None:
    tz = LONDON
    cards = [
        EventCard(
            id=n, title=("A long title about notifiable associations & business interests " * 3)[:150],
            topic="vetting", starts_at=datetime(2027, 1, 1, 12, tzinfo=UTC) + timedelta(days=n), minutes=60,
            place="Room 1", capacity=None, speaker=None, description="<!channel> " * 400, created_by=ADMIN,
            phase="open", counts=Counts(),
        )
        for n in range(15)
    ]  # fmt: skip
    listed = event_lines(cards, tz)
    assert validate_message_blocks(listed) == []
    assert all(f"*#{n}*" in str(listed) for n in range(15))  # nothing cut off
    posted = announcement_blocks(cards[0], tz)
    assert validate_message_blocks(posted) == []
    assert "<!channel>" not in str(posted)
    texts_shown = "".join(b["text"]["text"] for b in posted if b["type"] == "section" and "text" in b)
    assert texts_shown.count("&lt;!channel&gt;") == 400  # the whole description, over several sections
