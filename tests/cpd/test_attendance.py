"""Check-in, the attendance form, anonymous feedback after the event, and each person's CPD record."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import inspect, select

from storage.models.ambassadors import Ambassador
from storage.models.cpd import CpdEvent, CpdFeedback, CpdFeedbackGiven, CpdRsvp
from tests.cpd.conftest import ASHA, BEN, CARYS, DEV, LONDON, announcement, create_event, dm_texts, rsvp
from tests.support.cli import tick_at
from tests.support.harness import ADMIN, TEAM_ID, BotHarness


def _soon() -> datetime:
    """A start ten minutes from now, so check-in (open from 15 minutes before) is open at once."""
    return (datetime.now(LONDON) + timedelta(minutes=10)).replace(second=0, microsecond=0)


def test_check_in_attendance_feedback_and_the_record(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    event = create_event(bot, _soon(), capacity=None, title="Vetting: the annual review")
    post = announcement(bot, event.id)
    for person in (ASHA, BEN, CARYS):
        rsvp(bot, person, post, "Going")
    rsvp(bot, DEV, post, "Can't go")

    tick_at(bot, event.starts_at)  # the start: answers close, check-in opens on the announcement
    started = bot.sim.wait_for(
        lambda: (m := announcement(bot, event.id)) and "Check in" in str(m["blocks"]) and m, what="the check-in button"
    )
    checked = bot.driver.click(ASHA, message=started, text="Check in")
    assert "You are checked in" in checked.wait_response()["text"]
    again = bot.driver.click(ASHA, message=started, text="Check in")
    assert "already checked in" in again.wait_response()["text"]

    assert bot.driver.command(ADMIN, "/cpd", f"attendance #{event.id}").status == 200
    form = bot.sim.wait_for(lambda: bot.sim.views_for(ADMIN)[-1:], what="the attendance form")[0]
    listed = [o["value"] for b in form["blocks"] if b["type"] == "input" for o in b["element"]["options"]]
    assert listed == [ASHA, BEN, CARYS]  # everyone who may come, in the order they answered; not Dev
    ticked = [
        o["value"] for b in form["blocks"] if b["type"] == "input" for o in b["element"].get("initial_options", [])
    ]
    assert ticked == [ASHA]
    [block_id] = [b["block_id"] for b in form["blocks"] if b["type"] == "input"]
    saved = bot.driver.submit(ADMIN, form, {f"{block_id}.{block_id}": [ASHA, BEN]})
    assert saved.response_action == "update"
    assert "2 attended" in str(bot.sim.view(form["id"]))
    attended = {r.user_id: r.attended for r in bot.rows(CpdRsvp, CpdRsvp.event_id == event.id)}
    assert attended == {ASHA: True, BEN: True, CARYS: False, DEV: False}

    tick_at(bot, event.starts_at + timedelta(minutes=90))  # the end: attendees are asked for feedback
    tick_at(bot, event.starts_at + timedelta(minutes=90))
    asks = {p: [m for m in bot.sim.dms(p) if "anonymous feedback" in str(m.get("text"))] for p in (ASHA, BEN, CARYS)}
    assert [len(asks[p]) for p in (ASHA, BEN, CARYS)] == [1, 1, 0]
    assert "has finished" in str(announcement(bot, event.id)["blocks"])

    comment = "Clear on the annual review; more on what triggers a re-vet, please"
    assert bot.driver.click(ASHA, message=asks[ASHA][0], text="Give feedback").status == 200
    feedback = bot.sim.wait_for(lambda: bot.sim.views_for(ASHA)[-1:], what="the feedback form")[0]
    assert bot.driver.submit(ASHA, feedback, {"rating": "4", "comment": comment}).response_action == "update"
    assert "saved anonymously" in str(bot.sim.view(feedback["id"]))
    bot.driver.close(ASHA, feedback)
    bot.driver.click(ASHA, message=asks[ASHA][0], text="Give feedback")
    second = bot.sim.wait_for(lambda: bot.sim.views_for(ASHA)[-1:], what="the feedback form again")[0]
    bot.driver.submit(ASHA, second, {"rating": "1"})
    assert "already given feedback" in str(bot.sim.view(second["id"]))
    [kept] = bot.rows(CpdFeedback)
    assert (kept.rating, kept.comment) == (4, comment)
    assert {c.key for c in inspect(CpdFeedback).columns} == {"id", "team_id", "event_id", "rating", "comment"}
    [given] = bot.rows(CpdFeedbackGiven)  # that Asha answered is known only by a pseudonym
    assert given.pseudonym != ASHA
    assert ASHA not in str(_feedback_tables(bot))
    assert {c.key for c in inspect(CpdRsvp).columns}.isdisjoint({"feedback_given", "rating", "comment"})

    mine = bot.driver.command(ASHA, "/cpd", "record").wait_response()
    assert "Vetting: the annual review" in str(mine["blocks"])
    assert "*1* of the 6 events a year attended; 5 to go." in str(mine["blocks"])
    theirs = bot.driver.command(ADMIN, "/cpd", f"record <@{BEN}|ps.ben>").wait_response()
    assert f"CPD record of <@{BEN}>" in str(theirs["blocks"])
    assert "Vetting: the annual review" in str(theirs["blocks"])
    refused = bot.driver.command(CARYS, "/cpd", f"record <@{BEN}|ps.ben>").wait_response()
    assert "Only the standards team" in refused["text"]
    assert "No events attended yet" in str(bot.driver.command(CARYS, "/cpd", "record").wait_response()["blocks"])

    with bot.deps.db.unit_of_work() as session:  # Asha is on the ambassadors' roster
        joined = datetime.now(LONDON).date()
        session.add(
            Ambassador(
                team_id=TEAM_ID, user_id=ASHA, department="Response", role="PC", standards_manager_id=ADMIN,
                status="active", joined_on=joined, induction_due_on=joined + timedelta(days=28),
            )
        )  # fmt: skip
    roster = str(bot.driver.command(ADMIN, "/ambassador", "list").wait_response()["blocks"])
    [asha_line] = [line for line in roster.split("\\n") if f"<@{ASHA}>" in line]
    assert "CPD 1/6" in asha_line

    report = str(bot.driver.command(ADMIN, "/standards", "report").wait_response()["blocks"])
    assert "CPD events" in report
    assert "3 going, 0 waiting, 0 maybe, 1 can't go" in report
    assert "2 attendances; 1 anonymous feedback responses, average shown from 5 responses" in report
    assert "4.0" not in report  # one person's rating is not shown on its own
    assert not any(person in report for person in (ASHA, BEN, CARYS, DEV))


def _feedback_tables(bot: BotHarness) -> list[tuple[object, ...]]:
    with bot.deps.db.unit_of_work() as session:
        return [
            tuple(row)
            for table in (CpdFeedback.__table__, CpdFeedbackGiven.__table__)
            for row in session.execute(select(table))
        ]


def _give_feedback(bot: BotHarness, person: str, rating: str, comment: str | None = None) -> str:
    [ask] = [m for m in bot.sim.dms(person) if "anonymous feedback" in str(m.get("text"))]
    assert bot.driver.click(person, message=ask, text="Give feedback").status == 200
    form = bot.sim.wait_for(lambda: bot.sim.views_for(person)[-1:], what=f"{person}'s feedback form")[0]
    values = {"rating": rating, **({"comment": comment} if comment else {})}
    assert bot.driver.submit(person, form, values).response_action == "update"
    shown = str(bot.sim.view(form["id"]))
    bot.driver.close(person, form)
    return shown


def test_feedback_is_shown_to_the_standards_team_only_from_five_answers_and_closes_after_two_weeks(
    cpd_bot: BotHarness,
) -> None:
    bot = cpd_bot
    people = [f"UFEED{n:05d}" for n in range(6)]
    for person in people:
        bot.sim.add_user(person, person.lower())
    event = create_event(bot, _soon(), capacity=None, title="Upstanders: direct, distract, delegate, delay")
    post = announcement(bot, event.id)
    for person in people:
        rsvp(bot, person, post, "Going")
    assert bot.driver.command(ADMIN, "/cpd", f"attendance {event.id}").status == 200
    form = bot.sim.wait_for(lambda: bot.sim.views_for(ADMIN)[-1:], what="the attendance form")[0]
    [block_id] = [b["block_id"] for b in form["blocks"] if b["type"] == "input"]
    bot.driver.submit(ADMIN, form, {f"{block_id}.{block_id}": people})
    tick_at(bot, event.starts_at + timedelta(minutes=90))

    ratings = ["5", "4", "4", "2"]
    comments = ["More cases <!channel> please", None, "Useful & practical", None]
    for person, rating, comment in zip(people, ratings, comments, strict=False):
        assert "saved anonymously" in _give_feedback(bot, person, rating, comment)
    early = str(bot.driver.command(ADMIN, "/cpd", f"feedback {event.id}").wait_response()["blocks"])
    assert "4 of the people who attended have answered" in early
    assert "Useful" not in early
    assert (
        "Only the standards team"
        in bot.driver.command(people[0], "/cpd", f"feedback {event.id}").wait_response()["text"]
    )

    assert "saved anonymously" in _give_feedback(bot, people[4], "3", "Could be shorter")
    shown = str(bot.driver.command(ADMIN, "/cpd", f"feedback {event.id}").wait_response()["blocks"])
    assert "*3.6* out of 5 on average, from 5 answers." in shown
    assert shown.index("Could be shorter") < shown.index("More cases") < shown.index("Useful")  # not in answer order
    assert "More cases &lt;!channel&gt; please" in shown
    assert "Useful &amp; practical" in shown
    report = str(bot.driver.command(ADMIN, "/standards", "report").wait_response()["blocks"])
    assert "5 anonymous feedback responses, average 3.6 out of 5" in report

    tick_at(bot, event.starts_at + timedelta(minutes=90, days=14))  # feedback closes; who answered is forgotten
    [closed] = bot.rows(CpdEvent, CpdEvent.id == event.id)
    assert closed.feedback_salt is None
    assert "Feedback on this event has closed" in _give_feedback(bot, people[5], "5")
    assert len(bot.rows(CpdFeedback)) == 5


def test_feedback_is_only_for_people_who_attended(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    event = create_event(bot, _soon(), capacity=None)
    rsvp(bot, ASHA, announcement(bot, event.id), "Going")
    tick_at(bot, event.starts_at)
    started = bot.sim.wait_for(
        lambda: (m := announcement(bot, event.id)) and "Check in" in str(m["blocks"]) and m, what="check-in"
    )
    bot.driver.click(BEN, message=started, text="Check in").wait_response()  # came without answering
    tick_at(bot, event.starts_at + timedelta(minutes=90))
    assert [t for t in dm_texts(bot, BEN) if "anonymous feedback" in t]
    assert not [t for t in dm_texts(bot, ASHA) if "anonymous feedback" in t]
    assert "cpd_check_in" not in str(announcement(bot, event.id)["blocks"])  # check-in closes at the end
