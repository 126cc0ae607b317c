"""Posting a dilemma in a channel and closing it with the reveal; both go out through the outbox."""

from __future__ import annotations

import logging
import secrets
from collections import defaultdict
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot import clock, outbox
from bot.crypto import new_salt
from bot.features import Features
from bot.services.admin.scrub import request_scrub
from bot.services.dilemmas import bank
from bot.services.dilemmas.hands import totals_for_post
from dilemmas.models import Dilemma
from dilemmas.selection import choose_next
from storage import advisory
from storage.models import OutboxMessage
from storage.models.dilemmas import DilemmaComment, DilemmaPost, DilemmaSchedule, DilemmaVote

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger(__name__)

MIN_RESPONSES = 5
DEFAULT_OPEN = timedelta(days=5)
CLOSE_DUTY = "dilemma.close"
MEMBERS_COUNTED = "dilemma.members_counted"
# The hook of a post that could not be made (bot/services/dilemmas/schedules.py pauses its schedule).
POST_FAILED = "dilemma.post_failed"
UNDELIVERABLE = frozenset({"not_in_channel", "channel_not_found", "is_archived"})


def open_post_in(session: Session, team_id: str, channel_id: str) -> DilemmaPost | None:
    return session.scalar(
        select(DilemmaPost)
        .where(DilemmaPost.team_id == team_id, DilemmaPost.channel_id == channel_id, DilemmaPost.status == "open")
        .order_by(DilemmaPost.id.desc())
        .limit(1)
    )


def history(session: Session, team_id: str, channel_id: str) -> list[str]:
    """The dilemma ids this channel has had, oldest first."""
    return list(
        session.scalars(
            select(DilemmaPost.dilemma_id)
            .where(DilemmaPost.team_id == team_id, DilemmaPost.channel_id == channel_id)
            .order_by(DilemmaPost.id)
        )
    )


def history_by_channel(session: Session, team_id: str) -> dict[str, list[str]]:
    rows = session.execute(
        select(DilemmaPost.channel_id, DilemmaPost.dilemma_id)
        .where(DilemmaPost.team_id == team_id)
        .order_by(DilemmaPost.channel_id, DilemmaPost.id)
    )
    found: dict[str, list[str]] = defaultdict(list)
    for channel_id, dilemma_id in rows:
        found[channel_id].append(dilemma_id)
    return dict(found)


def choose_for_channel(
    session: Session,
    deps: Deps,
    team_id: str,
    channel_id: str,
    *,
    fmt: str | None = None,
    tags: list[str] | None = None,
) -> Dilemma | None:
    past = history(session, team_id, channel_id)
    return choose_next(
        bank.bank(session, deps, team_id), past, fmt=fmt, tags=tags or [], seed=f"{team_id}:{channel_id}"
    )


def open_post(
    session: Session,
    deps: Deps,
    *,
    team_id: str,
    channel_id: str,
    dilemma: Dilemma,
    now: datetime,
    closes_at: datetime | None = None,
    schedule: DilemmaSchedule | None = None,
) -> tuple[DilemmaPost, list[int]]:
    """Post `dilemma` in the channel (closing the one open there first); returns the post and outbox ids."""
    sent: list[int] = []
    current = open_post_in(session, team_id, channel_id)
    if current is not None:
        sent += close_post(session, deps, current, now, early=True)
    post = DilemmaPost(
        team_id=team_id,
        channel_id=channel_id,
        dilemma_id=dilemma.id,
        schedule_id=schedule.id if schedule else None,
        caused_by="schedule" if schedule else "command",
        status="open",
        salt=new_salt(),
        opened_at=now,
        closes_at=closes_at or now + DEFAULT_OPEN,
    )
    session.add(post)
    session.flush()
    blocks, texts = deps.messages.dilemma_blocks, deps.messages.dilemma_texts
    caused_by = texts.CAUSED_BY_SCHEDULE if schedule else texts.CAUSED_BY_COMMAND
    found = bank.find(session, deps, team_id, dilemma.id)
    from_question = found is not None and found.from_question
    message = outbox.enqueue(
        session,
        team_id=team_id,
        method="chat.postMessage",
        payload={
            "channel": channel_id,
            "text": texts.post_fallback(dilemma.format, dilemma.title),
            "blocks": blocks.post_blocks(
                dilemma, post.id, closes_at=post.closes_at, caused_by=caused_by, from_question=from_question
            ),
            "unfurl_links": False,
            "unfurl_media": False,
        },
        purpose="dilemma-post",
        on_sent="dilemma.posted",
        on_failed=POST_FAILED,
        hook_args={"post_id": post.id},
    )
    post.message_outbox_id = message.id
    clock.schedule(
        session, team_id=team_id, kind=CLOSE_DUTY, key=f"post:{post.id}", due_at=post.closes_at,
        payload={"post_id": post.id},
    )  # fmt: skip
    return post, [*sent, message.id]


def close_post(session: Session, deps: Deps, post: DilemmaPost, now: datetime, *, early: bool) -> list[int]:
    """Close voting: count, destroy the salt, update the post and reveal in its thread. Returns outbox ids."""
    # Lock the post so that a vote or comment in flight either lands before the count or sees the post closed:
    # votes hold its shared advisory lock (bot.services.dilemmas.votes), comments a shared lock on its row.
    locked = session.scalar(
        select(DilemmaPost)
        .add_columns(advisory.exclusive(advisory.DILEMMA_POST, DilemmaPost.id))
        .where(DilemmaPost.id == post.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if locked is None or locked.status != "open":
        return []
    post = locked
    tally = {
        option: count
        for option, count in session.execute(
            select(DilemmaVote.option, func.count()).where(DilemmaVote.post_id == post.id).group_by(DilemmaVote.option)
        )
    }
    comments = session.scalar(
        select(func.count()).where(DilemmaComment.post_id == post.id, DilemmaComment.status == "posted")
    )
    post.status, post.closed_at, post.salt = "closed", now, None
    _unlink_pseudonyms(session, post.id)
    request_scrub(session, post.team_id, now)  # the salt's bytes go from the database's files too
    post.tally, post.voters, post.comments = tally, sum(tally.values()), int(comments or 0)
    clock.cancel(session, team_id=post.team_id, kind=CLOSE_DUTY, key_prefix=f"post:{post.id}")
    parent = session.get(OutboxMessage, post.message_outbox_id) if post.message_outbox_id else None
    found = bank.find(session, deps, post.team_id, post.dilemma_id)
    if parent is None or parent.status == "failed" or found is None:
        return []  # the post never reached the channel (or left the bank): nothing there to update
    dilemma = found.dilemma
    blocks, texts = deps.messages.dilemma_blocks, deps.messages.dilemma_texts
    caused_by = texts.CAUSED_BY_SCHEDULE if post.caused_by == "schedule" else texts.CAUSED_BY_COMMAND
    update = outbox.enqueue(
        session,
        team_id=post.team_id,
        method="chat.update",
        refs={"ts": parent.id},
        payload={
            "channel": post.channel_id,
            "text": texts.post_fallback(dilemma.format, dilemma.title),
            "blocks": blocks.post_blocks(
                dilemma,
                post.id,
                closes_at=post.closes_at,
                caused_by=caused_by,
                closed=True,
                from_question=found.from_question,
            ),
        },
        purpose="dilemma-closed",
    )
    reveal = outbox.enqueue(
        session,
        team_id=post.team_id,
        method="chat.postMessage",
        refs={"thread_ts": parent.id},
        payload={**reveal_payload(session, deps, post, dilemma, early=early), "unfurl_links": False,
                 "unfurl_media": False},
        purpose="dilemma-reveal",
    )  # fmt: skip
    post.reveal_outbox_id = reveal.id  # a briefing recorded later updates it
    return [update.id, reveal.id]


def reveal_payload(session: Session, deps: Deps, post: DilemmaPost, dilemma: Dilemma, *, early: bool) -> dict[str, Any]:
    """The reveal of a closed post: its votes, and apart from them any briefings' shows of hands."""
    blocks, texts = deps.messages.dilemma_blocks, deps.messages.dilemma_texts
    return {
        "channel": post.channel_id,
        "text": texts.REVEAL_FALLBACK,
        "blocks": blocks.reveal_blocks(
            dilemma,
            {str(option): int(count) for option, count in (post.tally or {}).items()},
            minimum=MIN_RESPONSES,
            closed_by=texts.CLOSED_BY_COMMAND if early else texts.CLOSED_BY_SCHEDULE,
            signposts=deps.content.signposts,
            briefings=totals_for_post(session, post.id),
        ),
    }


def close_when_due(ctx: clock.DutyContext) -> None:
    post = ctx.session.get(DilemmaPost, int(ctx.payload["post_id"]))
    if post is not None:
        close_post(ctx.session, ctx.deps, post, ctx.now, early=False)


def record_posted(session: Session, message: OutboxMessage, deps: Deps) -> list[int]:
    """Keep the post's ts, and ask Slack how many people the channel has (participation is counted against it).
    The question is queued, not asked here: this hook runs inside a transaction."""
    post = session.get(DilemmaPost, int(message.hook_args["post_id"]))
    if post is None:
        return []
    post.message_ts = message.result_ts
    count = outbox.enqueue(
        session,
        team_id=post.team_id,
        method="conversations.info",
        payload={"channel": post.channel_id, "include_num_members": True},
        purpose="dilemma-member-count",
        on_sent=MEMBERS_COUNTED,
        hook_args={"post_id": post.id},
    )
    return [count.id]


def record_member_count(session: Session, message: OutboxMessage, deps: Deps) -> None:
    post = session.get(DilemmaPost, int(message.hook_args["post_id"]))
    found = outbox.sent_response().get("channel")
    members = found.get("num_members") if isinstance(found, dict) else None
    if post is not None and isinstance(members, int) and members > 0:
        post.member_count = members
    elif post is not None:
        log.warning("could not count the members of the channel of dilemma post %s", post.id)


def _unlink_pseudonyms(session: Session, post_id: int) -> None:
    """At the close, each vote and comment gets a random stand-in for its pseudonym: with nothing left to count
    per person, no two rows of one person stay alike, even to someone holding the database and the key."""
    for model in (DilemmaVote, DilemmaComment):
        ids = list(session.scalars(select(model.id).where(model.post_id == post_id)))
        if ids:  # one executemany, by primary key
            session.execute(update(model), [{"id": row_id, "pseudonym": secrets.token_hex(32)} for row_id in ids])


def register(features: Features) -> None:
    features.add_duty(CLOSE_DUTY, close_when_due)
    features.add_hook("dilemma.posted", record_posted)
    features.add_hook(MEMBERS_COUNTED, record_member_count)
