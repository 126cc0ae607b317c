"""A week of dilemmas over real HTTP: schedule, the clock posts, people vote and comment, the clock reveals."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import MetaData, create_engine, select

from bot.sandbox.simulator.server import SlackSimulator
from storage.models.dilemmas import DilemmaPost, DilemmaVote
from tests.dilemmas.conftest import (
    TEAM_A,
    TEAM_B,
    VOTERS_A,
    VOTERS_B,
    admin_says,
    cli_tick,
    comment,
    pending_post_duty,
    post_in,
    stale_click,
    texts_of,
    vote,
)
from tests.support.harness import BotHarness


def _thread_of(sim: SlackSimulator, channel: str, parent: dict, length: int) -> list[dict]:
    sim.wait_for(lambda: len(sim.thread(channel, parent["ts"])) >= length, what=f"{length} messages in the thread")
    return sim.thread(channel, parent["ts"])


def test_a_week_schedule_post_votes_comments_close_and_reveal(bot: BotHarness, people: SlackSimulator) -> None:
    answer = admin_says(bot, f"schedule <#{TEAM_A}|response-team-a> mon 09:00 for 5d format on-the-panel")
    assert "is set" in answer["text"]
    admin_says(bot, "schedule mon 09:00 for 5d", channel=TEAM_B)  # the channel it is typed in
    (due_a, due_b) = sorted(pending_post_duty(bot), key=lambda d: d.key)
    assert due_a.due_at == due_b.due_at
    assert due_a.due_at.weekday() == 0
    assert people.messages(TEAM_A) == []

    # The clock posts through the real command line, exactly on time.
    cli_tick(bot, due_a.due_at)
    post_a = people.wait_for(lambda: people.messages(TEAM_A), what="the dilemma in team A")[0]
    post_b = people.wait_for(lambda: people.messages(TEAM_B), what="the dilemma in team B")[0]
    assert "On the Panel:" in texts_of(post_a)
    assert "weekly dilemma schedule" in texts_of(post_a)  # says what caused it
    labels = [e["text"]["text"] for b in post_a["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert labels[0].startswith("A: ")
    assert "Add an anonymous comment" in labels
    assert "Discussion prompts" in labels
    assert len(pending_post_duty(bot)) == 2  # next week's posts are already planned

    # Seven people vote; one changes their mind; a double click and a retried delivery count once.
    choices = ["B", "B", "B", "A", "C", "B", "A"]
    for user, option in zip(VOTERS_A, choices, strict=True):
        assert "recorded anonymously" in vote(bot, user, post_a, option)["text"]
    assert "changed your vote" in vote(bot, VOTERS_A[4], post_a, "A")["text"]  # C -> A
    assert "already recorded" in vote(bot, VOTERS_A[0], post_a, "B")["text"]
    assert "already recorded" in vote(bot, VOTERS_A[0], post_a, "B", retry_num=1, retry_reason="http_timeout")["text"]
    for user in VOTERS_B:
        vote(bot, user, post_b, "A")
    prompts = bot.driver.click(VOTERS_A[1], message=post_a, action_id="dilemma_prompts").wait_response()
    assert "Questions to talk about" in prompts["text"] or "Questions to talk about" in texts_of(prompts)

    # Two people comment anonymously; one tries to ping the channel.
    assert comment(bot, VOTERS_A[2], post_a, "I would want to know about her caseload first.").status == 200
    assert comment(bot, VOTERS_A[5], post_a, "<!channel> ask <@UADMIN0001> <https://evil.example|here>").status == 200
    thread = _thread_of(people, TEAM_A, post_a, 3)
    # Each comment is delivered on its own, so two people's comments may reach the thread in either order.
    [ping] = [texts_of(message) for message in thread[1:] if "evil.example" in texts_of(message)]
    assert "&lt;!channel&gt;" in ping
    assert "<!channel>" not in ping
    assert "<@UADMIN0001>" not in ping
    assert "A colleague writes" in ping
    assert len(bot.rows(DilemmaVote, DilemmaVote.post_id == post_in(bot, TEAM_A).id)) == 7

    # The clock closes both at the time set, and reveals in each thread.
    bot.tick(due_a.due_at + timedelta(days=5, minutes=1))
    closed = people.wait_for(lambda: "Voting has closed" in texts_of(people.messages(TEAM_A)[0]))
    closed = people.messages(TEAM_A)[0]
    assert not any(e["action_id"].startswith("dilemma_vote_") for b in closed["blocks"] if b["type"] == "actions"
                   for e in b["elements"])  # fmt: skip
    reveal = _thread_of(people, TEAM_A, post_a, 4)[3]
    shown = texts_of(reveal)
    assert "7 responses" in shown
    assert "A ████░░░░░░    3 ( 43%)" in shown
    assert "B ██████░░░░    4 ( 57%)" in shown
    assert "C ░░░░░░░░░░    0 (  0%)" in shown
    dilemma = bot.deps.content.dilemmas[post_in(bot, TEAM_A).dilemma_id]
    assert dilemma.panel_view.reasoning.split("\n")[0][:60] in shown
    small = _thread_of(people, TEAM_B, post_b, 2)[1]
    assert "fewer than 5 responses" in texts_of(small)
    assert "3 responses" in texts_of(small)
    assert "█" not in texts_of(small)

    # Participation is recorded, and the salt that could re-link votes is gone.
    post = post_in(bot, TEAM_A)
    assert (post.voters, post.comments, post.member_count) == (7, 2, 9)  # 7 voters, the admin and the bot
    assert post.salt is None
    assert post.tally == {"A": 3, "B": 4}
    late = stale_click(bot, VOTERS_A[6], TEAM_A, post.id, "B")
    assert "has closed" in late["text"]
    assert len(bot.rows(DilemmaVote, DilemmaVote.post_id == post.id)) == 7

    # The whole database, dumped, holds none of the voters' or commenters' Slack user IDs.
    engine = create_engine(bot.settings.database_url)
    metadata = MetaData()
    metadata.reflect(engine)
    dump: list[str] = []
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            dump += [repr(tuple(row)) for row in connection.execute(select(table))]
    engine.dispose()
    everything = "\n".join(dump)
    assert "dilemma_votes" in metadata.tables
    assert len(dump) > 20
    for user in VOTERS_A + VOTERS_B:
        assert user not in everything, user
    assert bot.rows(DilemmaPost, DilemmaPost.salt.is_not(None)) == []
