"""Votes and comments are not linked: a person's comments carry another pseudonym than their vote while the post is
open, and at the close every vote and comment gets a random stand-in, so no two rows of one person stay alike."""

from __future__ import annotations

import secrets
from collections import Counter
from pathlib import Path

from sqlalchemy import text

from bot.sandbox.simulator.server import SlackSimulator
from dilemmas.loader import Content
from storage.db import make_engine
from storage.migrate import upgrade
from storage.models.dilemmas import DilemmaComment, DilemmaVote
from tests.dilemmas.conftest import TEAM_A, VOTERS_A, admin_says, comment, post_in, vote
from tests.support.harness import SECRET_KEY, BotHarness, start_bot


def test_a_persons_vote_and_comments_share_no_pseudonym_before_or_after_the_close(
    bot: BotHarness, people: SlackSimulator
) -> None:
    admin_says(bot, "post")
    message = people.wait_for(lambda: people.messages(TEAM_A), what="the dilemma post")[0]
    talker, quiet = VOTERS_A[0], VOTERS_A[1]
    for user in (talker, quiet):
        assert "recorded anonymously" in vote(bot, user, message, "A")["text"]
    for words in ("First thought on this one", "And a second thought"):
        assert comment(bot, talker, message, words).status == 200
        people.wait_for(lambda w=words: w in str(people.thread(TEAM_A, message["ts"])), what="the comment")
    post = post_in(bot, TEAM_A)
    assert post.salt is not None

    votes = {row.pseudonym for row in bot.rows(DilemmaVote, DilemmaVote.post_id == post.id)}
    comments = [row.pseudonym for row in bot.rows(DilemmaComment, DilemmaComment.post_id == post.id)]
    assert len(votes) == 2
    assert len(set(comments)) == 1  # counted per person, for the limit of comments
    assert votes.isdisjoint(comments)
    assert bot.deps.keyring.pseudonym(post.salt, talker) in votes

    assert "Closing the dilemma" in admin_says(bot, "close")["text"]
    people.wait_for(lambda: post_in(bot, TEAM_A).status == "closed", what="the close")
    after_votes = [row.pseudonym for row in bot.rows(DilemmaVote, DilemmaVote.post_id == post.id)]
    after_comments = [row.pseudonym for row in bot.rows(DilemmaComment, DilemmaComment.post_id == post.id)]
    assert len(after_votes) == 2
    assert len(after_comments) == 2
    everything = Counter(after_votes + after_comments)
    assert max(everything.values()) == 1  # no two rows alike
    assert votes.isdisjoint(everything)
    assert set(comments).isdisjoint(everything)
    assert post_in(bot, TEAM_A).salt is None
    assert post_in(bot, TEAM_A).voters == 2


def test_the_migration_unlinks_votes_and_comments_of_posts_already_closed(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0008_cpd")
    shared = "a" * 64
    with engine.begin() as connection:
        for post_id, status in ((1, "closed"), (2, "open")):
            connection.execute(
                text(
                    "INSERT INTO dilemma_posts (id, team_id, channel_id, dilemma_id, caused_by, status, opened_at, "
                    f"closes_at) VALUES ({post_id}, 'T1', 'C1', 'd', 'command', '{status}', '2026-01-05 09:00:00', "
                    "'2026-01-10 09:00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO dilemma_votes (team_id, post_id, pseudonym, option, updated_at) "
                    f"VALUES ('T1', {post_id}, '{shared}', 'A', '2026-01-05 10:00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO dilemma_comments (team_id, post_id, pseudonym, status, created_at) "
                    f"VALUES ('T1', {post_id}, '{shared}', 'posted', '2026-01-05 10:00:00')"
                )
            )
    upgrade(engine)
    with engine.begin() as connection:
        closed = [
            *connection.execute(text("SELECT pseudonym FROM dilemma_votes WHERE post_id = 1")).scalars(),
            *connection.execute(text("SELECT pseudonym FROM dilemma_comments WHERE post_id = 1")).scalars(),
        ]
        still_open = connection.execute(text("SELECT pseudonym FROM dilemma_votes WHERE post_id = 2")).scalar_one()
    engine.dispose()
    assert shared not in closed
    assert len(set(closed)) == 2
    assert still_open == shared  # an open post still needs them, to let people change their vote


def test_a_key_rotation_while_a_post_is_open_keeps_one_vote_and_the_comment_limit_per_person(
    bot: BotHarness, people: SlackSimulator, database_url: str, content: Content
) -> None:
    admin_says(bot, "post")
    message = people.wait_for(lambda: people.messages(TEAM_A), what="the dilemma post")[0]
    voter = VOTERS_A[2]
    assert "recorded anonymously" in vote(bot, voter, message, "A")["text"]
    for words in ("One before the rotation", "Two before the rotation"):
        assert comment(bot, voter, message, words).status == 200
        people.wait_for(lambda w=words: w in str(people.thread(TEAM_A, message["ts"])), what="the comment")
    bot.server.shutdown()  # redeployed with a new key, the old one listed as previous

    rotated = start_bot(
        database_url,
        people,
        content,
        STANDARDS_BOT_SECRET_KEY=secrets.token_hex(32),
        STANDARDS_BOT_PREVIOUS_SECRET_KEYS=SECRET_KEY,
    )
    try:
        assert "changed your vote" in vote(rotated, voter, message, "B")["text"]
        assert "already recorded" in vote(rotated, voter, message, "B")["text"]
        assert comment(rotated, voter, message, "Three, after it").status == 200
        people.wait_for(lambda: "Three, after it" in str(people.thread(TEAM_A, message["ts"])), what="the third")
        fourth = comment(rotated, voter, message, "Four is one too many")
        assert fourth.response_action == "errors"  # the limit of 3 still counts the two made under the old key
        assert "Four is one too many" not in str(people.thread(TEAM_A, message["ts"]))
        post = post_in(rotated, TEAM_A)
        assert [row.option for row in rotated.rows(DilemmaVote, DilemmaVote.post_id == post.id)] == ["B"]
        assert len(rotated.rows(DilemmaComment, DilemmaComment.post_id == post.id)) == 3
    finally:
        rotated.close()
