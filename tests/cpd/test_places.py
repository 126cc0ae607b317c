"""Places and the waiting list: answers over real HTTP, the announcement's live counts, confirmations and files."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from storage.models import OutboxMessage
from storage.models.cpd import CpdRsvp
from tests.cpd.conftest import (
    AMBASSADORS,
    ASHA,
    BEN,
    CARYS,
    DEV,
    announcement,
    calendar_files,
    calendar_sequence,
    counts_shown,
    create_event,
    dm_texts,
    in_days,
    rsvp,
)
from tests.support.harness import ADMIN, BotHarness


def _answers(bot: BotHarness, event_id: int) -> dict[str, str]:
    return {r.user_id: r.answer for r in bot.rows(CpdRsvp, CpdRsvp.event_id == event_id)}


def _shows(bot: BotHarness, event_id: int, expected: str) -> None:
    bot.sim.wait_for(lambda: expected in counts_shown(announcement(bot, event_id)), what=f"the counts {expected!r}")


def test_three_going_for_two_places_the_third_waits_and_is_promoted_when_one_cancels(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    event = create_event(bot, in_days(10), capacity="2")
    post = announcement(bot, event.id)
    assert "Notifiable associations: what to declare" in str(post["blocks"])
    assert f"posted with `/cpd new` by <@{ADMIN}>" in str(post["blocks"])

    assert "You have a place" in rsvp(bot, ASHA, post, "Going")
    assert "(2 of 2 places taken)" in rsvp(bot, BEN, post, "Going")
    waiting = rsvp(bot, CARYS, post, "Going")
    assert "number 1 on the waiting list" in waiting
    assert _answers(bot, event.id) == {ASHA: "going", BEN: "going", CARYS: "waiting"}
    _shows(bot, event.id, "*Going* 2 · *Waiting list* 1 · *Maybe* 0 · *Can't go* 0")
    assert "2 of 2 taken" in str(announcement(bot, event.id)["blocks"])

    for person in (ASHA, BEN, CARYS):  # a private confirmation came with a calendar file
        [ics] = bot.sim.wait_for(lambda p=person: calendar_files(bot, p), what=f"the calendar file for {person}")
        content = ics["content"].decode() if isinstance(ics["content"], bytes) else ics["content"]
        assert content.startswith("BEGIN:VCALENDAR")
        assert "SUMMARY:Notifiable associations: what to declare" in content
        assert f"UID:cpd-event-{event.id}-" in content

    assert "Can't go" in rsvp(bot, ASHA, post, "Can't go")
    assert _answers(bot, event.id) == {ASHA: "cant", BEN: "going", CARYS: "going"}
    told = bot.sim.wait_for(
        lambda: [t for t in dm_texts(bot, CARYS) if "A place has come up" in t], what="Carys to be told of her place"
    )
    assert "it is yours" in told[0]
    _shows(bot, event.id, "*Going* 2 · *Waiting list* 0 · *Maybe* 0 · *Can't go* 1")
    assert "A place has come up" not in " ".join(dm_texts(bot, BEN))
    first, removal = bot.sim.wait_for(lambda: calendar_files(bot, ASHA)[1:] and calendar_files(bot, ASHA))
    assert "METHOD:CANCEL" in removal["content"].decode()  # Asha's calendar loses the event again
    assert calendar_sequence(removal) > calendar_sequence(first)


def test_a_double_click_and_clicks_at_once_give_one_answer_and_exact_counts(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    event = create_event(bot, in_days(9), capacity="3")
    post = announcement(bot, event.id)
    assert "You have a place" in rsvp(bot, ASHA, post, "Going")
    assert "already your answer" in rsvp(bot, ASHA, post, "Going")

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: bot.driver.click(BEN, message=post, text="Going"), range(6)))
    assert [r.status for r in results] == [200] * 6
    replies = [r.wait_response()["text"] for r in results]
    assert sum("already your answer" not in reply for reply in replies) == 1
    assert _answers(bot, event.id) == {ASHA: "going", BEN: "going"}
    assert len(bot.rows(CpdRsvp, CpdRsvp.event_id == event.id, CpdRsvp.user_id == BEN)) == 1
    [ben_file] = bot.sim.wait_for(lambda: calendar_files(bot, BEN), what="one calendar file for Ben")
    assert ben_file["name"].endswith(".ics")

    assert "Maybe" in rsvp(bot, DEV, post, "Maybe")
    assert "Maybe" in rsvp(bot, CARYS, post, "Maybe")
    assert "You have a place" in rsvp(bot, CARYS, post, "Going")  # a change of mind takes the last place
    _shows(bot, event.id, "*Going* 3 · *Waiting list* 0 · *Maybe* 1 · *Can't go* 0")
    bot.sim.wait_for(lambda: not bot.rows(OutboxMessage, OutboxMessage.status == "pending"), what="sends to finish")
    assert len(calendar_files(bot, CARYS)) == 1  # the file is sent once, not with every change of answer


def test_the_announcement_is_not_updated_once_per_click(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    event = create_event(bot, in_days(9), capacity=None)
    post = announcement(bot, event.id)
    people = [f"UMANY{n:05d}" for n in range(30)]
    for person in people:
        bot.sim.add_user(person, person.lower())
    with ThreadPoolExecutor(max_workers=10) as pool:
        assert {r.status for r in pool.map(lambda p: bot.driver.click(p, message=post, text="Going"), people)} == {200}
    _shows(bot, event.id, "*Going* 30 · *Waiting list* 0")
    updates = [c for c in bot.sim.calls_to("chat.update") if c.args.get("channel") == AMBASSADORS and c.ok]
    assert 1 <= len(updates) < 30
