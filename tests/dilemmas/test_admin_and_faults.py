"""The standards team's commands, a channel the bot has left, comment limits and removal, catching up."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from bot.sandbox.simulator.server import SlackSimulator
from storage.models import OutboxMessage
from storage.models.dilemmas import DilemmaComment, DilemmaPost, DilemmaSchedule, DilemmaVote
from tests.dilemmas.conftest import (
    NO_BOT,
    TEAM_A,
    VOTERS_A,
    admin_says,
    comment,
    pending_post_duty,
    post_in,
    vote,
)
from tests.support.harness import ADMIN, BotHarness


def test_post_close_and_list_by_command(bot: BotHarness, people: SlackSimulator) -> None:
    answer = admin_says(bot, f"post otp-a-word-over-coffee <#{TEAM_A}|response-team-a>", channel=NO_BOT)
    assert "Posting `otp-a-word-over-coffee`" in answer["text"]
    posted = people.wait_for(lambda: people.messages(TEAM_A))[0]
    assert "A word over coffee" in str(posted["blocks"])
    assert "with `/dilemma post`" in str(posted["blocks"])
    assert "There is no dilemma `no-such-thing`" in admin_says(bot, "post no-such-thing")["text"]
    mine = bot.driver.command(VOTERS_A[0], "/dilemma", "", channel=TEAM_A).wait_response()
    assert "A word over coffee" in str(mine["blocks"])  # the open one, privately
    vote(bot, VOTERS_A[0], posted, "A")

    assert "Closing the dilemma" in admin_says(bot, "close")["text"]
    reveal = people.wait_for(
        lambda: len(people.thread(TEAM_A, posted["ts"])) == 2 and people.thread(TEAM_A, posted["ts"])
    )
    assert "fewer than 5" in str(reveal[1]["blocks"])
    assert "Closed early by the standards team" in str(reveal[1]["blocks"])
    assert "There is no open dilemma" in admin_says(bot, "close")["text"]

    listing = str(admin_says(bot, "list")["blocks"])
    assert "otp-a-word-over-coffee" in listing
    assert f"<#{TEAM_A}> (1 so far)" in listing
    refused = bot.driver.command(VOTERS_A[1], "/dilemma", "post", channel=TEAM_A).wait_response()
    assert "Only the standards team" in refused["text"]
    assert len(people.messages(TEAM_A)) == 1


def test_schedule_change_pause_resume_remove_and_list(bot: BotHarness, people: SlackSimulator) -> None:
    assert "is set" in admin_says(bot, "schedule mon 09:00")["text"]
    assert "is changed" in admin_says(bot, "schedule wed 14:30 for 2d tags social-media")["text"]
    (duty,) = pending_post_duty(bot)
    assert duty.due_at.weekday() == 2
    assert "open for 2 days" in str(admin_says(bot, "schedule list")["blocks"])
    assert "is paused" in admin_says(bot, f"schedule pause <#{TEAM_A}>")["text"]
    assert pending_post_duty(bot) == []
    assert "paused" in str(admin_says(bot, "schedule list")["blocks"])
    assert "running again" in admin_says(bot, f"schedule resume <#{TEAM_A}>")["text"]
    assert len(pending_post_duty(bot)) == 1
    assert "could not be read" in admin_says(bot, "schedule someday 09:00")["text"]
    assert "is removed" in admin_says(bot, f"schedule remove <#{TEAM_A}>")["text"]
    assert pending_post_duty(bot) == []
    assert bot.rows(DilemmaSchedule) == []


def test_a_clock_that_was_down_posts_once_on_its_return(bot: BotHarness, people: SlackSimulator) -> None:
    admin_says(bot, "schedule mon 09:00 for 5d")
    (duty,) = pending_post_duty(bot)
    back = duty.due_at + timedelta(days=16)  # two and a bit weeks late
    bot.tick(back)
    people.wait_for(lambda: people.messages(TEAM_A))
    assert len(people.messages(TEAM_A)) == 1
    (following,) = pending_post_duty(bot)
    assert following.due_at > back
    post = post_in(bot, TEAM_A)
    assert post.closes_at <= following.due_at  # never still open when the next one comes


def test_a_channel_the_bot_has_left_pauses_its_schedule_and_tells_admins(
    bot: BotHarness, people: SlackSimulator
) -> None:
    admin_says(bot, "schedule tue 10:00", channel=NO_BOT)
    (duty,) = pending_post_duty(bot)
    bot.tick(duty.due_at)
    bot.tick(duty.due_at + timedelta(minutes=1))  # the clock's next minute delivers the alerts written on failure
    alert = people.wait_for(lambda: [m for m in people.dms(ADMIN) if "schedule is paused" in m["text"]])
    assert f"<#{NO_BOT}>" in alert[0]["text"]
    (schedule,) = bot.rows(DilemmaSchedule)
    assert (schedule.status, schedule.paused_reason) == ("paused", "not_in_channel")
    assert pending_post_duty(bot) == []
    kept = bot.rows(OutboxMessage, OutboxMessage.purpose == "dilemma-post")
    assert [m.status for m in kept] == ["failed"]  # kept, listed for admins, retried from /standards report
    assert len(bot.rows(DilemmaPost)) == 1
    bot.tick(post_in(bot, NO_BOT).closes_at)  # closing a post that never arrived does not fail
    assert post_in(bot, NO_BOT).status == "closed"


def test_comments_are_limited_per_person_and_admins_can_remove_one(bot: BotHarness, people: SlackSimulator) -> None:
    admin_says(bot, "post")
    posted = people.wait_for(lambda: people.messages(TEAM_A))[0]
    writer = VOTERS_A[0]
    for n in range(3):
        assert comment(bot, writer, posted, f"thought number {n}").errors is None
    refused = comment(bot, writer, posted, "one more")
    assert refused.errors is not None
    assert "at most" in refused.errors["comment"] or "most one person" in refused.errors["comment"]
    assert comment(bot, VOTERS_A[1], posted, "   ").errors is not None  # blank
    people.wait_for(lambda: len(people.thread(TEAM_A, posted["ts"])) == 4)
    first = people.thread(TEAM_A, posted["ts"])[1]

    not_allowed = bot.driver.click(VOTERS_A[1], message=first, action_id="dilemma_comment_remove").wait_response()
    assert "Only the standards team" in not_allowed["text"]
    done = bot.driver.click(ADMIN, message=first, action_id="dilemma_comment_remove").wait_response()
    assert "has been removed" in done["text"]
    people.wait_for(lambda: "removed by the standards team" in people.thread(TEAM_A, posted["ts"])[1]["text"])
    assert "thought number 0" not in str(people.thread(TEAM_A, posted["ts"]))
    assert sorted((c.id, c.status) for c in bot.rows(DilemmaComment))[0][1] == "removed"
    assert len(bot.rows(DilemmaComment, DilemmaComment.status == "posted")) == 2


def test_a_double_click_in_flight_at_once_counts_one_vote(bot: BotHarness, people: SlackSimulator) -> None:
    admin_says(bot, "post")
    posted = people.wait_for(lambda: people.messages(TEAM_A))[0]
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda _: vote(bot, VOTERS_A[3], posted, "C"), range(4)))
    assert all("C:" in answer["text"] for answer in answers)
    assert len(bot.rows(DilemmaVote)) == 1
    assert "changed your vote" in vote(bot, VOTERS_A[3], posted, "A")["text"]
    assert [v.option for v in bot.rows(DilemmaVote)] == ["A"]
