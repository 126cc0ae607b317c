"""A vote counts as of its click: a change of mind acknowledged before the close is what the reveal counts."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import select

from bot.sandbox.simulator.server import SlackSimulator
from bot.services.dilemmas import votes
from bot.services.dilemmas.posts import close_post
from bot.texts import common as common_texts
from bot.texts import dilemmas as dilemma_texts
from storage import advisory
from storage.models import utcnow
from storage.models.dilemmas import DilemmaPost, DilemmaVote
from tests.dilemmas.conftest import TEAM_A, admin_says, post_in, vote
from tests.support.harness import ADMIN, BotHarness

CHANGERS = [f"UCHANGE{n:03d}" for n in range(20)]


def test_a_vote_changed_by_a_second_click_always_counts_the_last_click(bot: BotHarness, sim: SlackSimulator) -> None:
    for person in CHANGERS:
        sim.add_user(person, person.lower())
    sim.add_channel(TEAM_A, "response-team-a", members=[ADMIN, *CHANGERS])
    admin_says(bot, "post")
    [message] = sim.wait_for(lambda: sim.messages(TEAM_A), what="the dilemma")
    for person in CHANGERS:  # B, then A: the second click is sent only once the first was acknowledged
        for option in ("B", "A"):
            result = bot.driver.click(person, message=message, action_id=f"dilemma_vote_{option}")
            assert result.status == 200
            assert result.elapsed < 3.0
    post = post_in(bot, TEAM_A)
    assert sorted(vote.option for vote in bot.rows(DilemmaVote, DilemmaVote.post_id == post.id)) == ["A"] * 20
    admin_says(bot, f"close <#{TEAM_A}|response-team-a>")
    reveal = sim.wait_for(
        lambda: [m for m in sim.thread(TEAM_A, message["ts"]) if m["ts"] != message["ts"]], what="the reveal"
    )
    assert "20 responses" in str(reveal)
    tally = post_in(bot, TEAM_A).tally or {}
    assert tally.get("A") == 20
    assert sum(tally.values()) == 20


def test_a_vote_that_waited_for_a_close_in_progress_is_refused_not_lost(bot: BotHarness, sim: SlackSimulator) -> None:
    """A vote that reaches the post while a close is counting either lands before the count or is refused:
    never told it was counted and then left out of the reveal."""
    for person in CHANGERS[:2]:
        sim.add_user(person, person.lower())
    sim.add_channel(TEAM_A, "response-team-a", members=[ADMIN, *CHANGERS[:2]])
    admin_says(bot, "post")
    [message] = sim.wait_for(lambda: sim.messages(TEAM_A), what="the dilemma")
    assert "recorded" in vote(bot, CHANGERS[0], message, "A")["text"]
    post = post_in(bot, TEAM_A)
    with ThreadPoolExecutor(max_workers=1) as pool:
        with bot.deps.db.unit_of_work() as session:  # the close has taken the post and counted; not yet committed
            close_post(session, bot.deps, post, utcnow(), early=True)
            late = pool.submit(vote, bot, CHANGERS[1], message, "B")
            time.sleep(0.5)  # the vote is waiting for the post
        answer = late.result()["text"]
    assert answer == dilemma_texts.VOTE_CLOSED
    closed = post_in(bot, TEAM_A)
    assert closed.tally == {"A": 1}
    assert [vote.option for vote in bot.rows(DilemmaVote, DilemmaVote.post_id == post.id)] == ["A"]


CROWD = [f"UCROWDV{n:03d}" for n in range(12)]


def test_votes_at_once_are_each_answered_as_recorded_in_turn_and_the_last_recorded_counts(
    bot: BotHarness, sim: SlackSimulator
) -> None:
    """Many votes on one post at once (each person clicking A and B together) are recorded together: each
    person is told one was recorded and the other changed it, and the database holds the one they were told of last."""
    for person in CROWD:
        sim.add_user(person, person.lower())
    sim.add_channel(TEAM_A, "response-team-a", members=[ADMIN, *CROWD])
    admin_says(bot, "post")
    [message] = sim.wait_for(lambda: sim.messages(TEAM_A), what="the dilemma")
    clicks = [(person, option) for person in CROWD for option in ("A", "B")]
    with ThreadPoolExecutor(max_workers=len(clicks)) as pool:
        answers = list(pool.map(lambda click: vote(bot, click[0], message, click[1])["text"], clicks))
    post = post_in(bot, TEAM_A)
    assert post.salt is not None
    held = {v.pseudonym: v.option for v in bot.rows(DilemmaVote, DilemmaVote.post_id == post.id)}
    assert len(held) == len(CROWD)
    told_last: dict[str, str] = {}
    for (person, option), text in zip(clicks, answers, strict=True):
        if "changed your vote" in text:
            assert person not in told_last
            told_last[person] = option
        else:
            assert "is recorded anonymously" in text, text
    assert set(told_last) == set(CROWD)
    for person, option in told_last.items():
        assert held[bot.deps.keyring.pseudonyms(bytes(post.salt), person, kind="")[0]] == option


def test_votes_recorded_together_read_each_persons_vote_held_however_many_they_are(
    bot: BotHarness, sim: SlackSimulator
) -> None:
    """A batch reads the votes its people already hold in groups (votes.HELD_AT_ONCE): 20 people, then the same
    20 again, each changing or keeping their vote, are each told what became of their own."""
    sim.add_channel(TEAM_A, "response-team-a", members=[ADMIN])
    admin_says(bot, "post")
    sim.wait_for(lambda: sim.messages(TEAM_A), what="the dilemma")
    post = post_in(bot, TEAM_A)
    people = [f"UHELD{n:03d}" for n in range(20)]

    def cast(options: list[str]) -> list[str]:
        ballots = [votes.Ballot(person, option, utcnow()) for person, option in zip(people, options, strict=True)]
        with bot.deps.db.transaction() as connection:
            found = votes.cast_votes(connection, bot.deps, team_id=post.team_id, post_id=post.id, ballots=ballots)
        return [outcome.status for outcome in found]

    first = ["A" if n % 2 else "B" for n in range(20)]
    assert cast(first) == ["recorded"] * 20
    second = ["A" if n % 3 else "B" for n in range(20)]
    assert cast(second) == ["unchanged" if a == b else "changed" for a, b in zip(first, second, strict=True)]
    held = {v.pseudonym: v.option for v in bot.rows(DilemmaVote, DilemmaVote.post_id == post.id)}
    assert post.salt is not None
    assert [held[bot.deps.keyring.pseudonyms(bytes(post.salt), person, kind="")[0]] for person in people] == second


def test_a_fault_in_one_persons_vote_does_not_cost_the_others_voting_with_them_theirs(
    bot: BotHarness, sim: SlackSimulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Votes that queued together are recorded together; if one of them hits a fault of its own (injected here,
    as a bug on one person's path), the others are still recorded and told so, and only that person hears of it."""
    crowd, faulty = CROWD[:6], CROWD[6]
    for person in [*crowd, faulty]:
        sim.add_user(person, person.lower())
    sim.add_channel(TEAM_A, "response-team-a", members=[ADMIN, *crowd, faulty])
    admin_says(bot, "post")
    [message] = sim.wait_for(lambda: sim.messages(TEAM_A), what="the dilemma")
    post = post_in(bot, TEAM_A)
    pseudonym_of = votes._current_pseudonym

    def failing_for_one(*args: Any, **kwargs: Any) -> str:
        if faulty in args:  # the user ID, among the arguments
            raise KeyError("a fault on this person's path")
        return pseudonym_of(*args, **kwargs)

    monkeypatch.setattr(votes, "_current_pseudonym", failing_for_one)
    with ThreadPoolExecutor(max_workers=len(crowd) + 1) as pool:
        with bot.deps.db.unit_of_work() as session:  # the post held, so the clicks queue behind the first
            session.execute(
                select(DilemmaPost.id, advisory.exclusive(advisory.DILEMMA_POST, DilemmaPost.id)).where(
                    DilemmaPost.id == post.id
                )
            )
            answers = [pool.submit(vote, bot, person, message, "A") for person in [*crowd, faulty]]
            time.sleep(0.5)
        texts = [answer.result()["text"] for answer in answers]
    assert all("is recorded anonymously" in text for text in texts[:-1]), texts
    assert texts[-1] == common_texts.FAULT
    assert len(bot.rows(DilemmaVote, DilemmaVote.post_id == post.id)) == len(crowd)
