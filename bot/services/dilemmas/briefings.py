"""Briefing packs for staff briefings, and the show of hands a lead records afterwards.

A pack reveals the panel's view, so it is for standards ambassadors and the standards team only. The hands are
counts, kept with the post the pack came from and shown in its results apart from the Slack votes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import outbox
from bot.services.ambassadors.roster import is_active
from bot.services.dilemmas.posts import open_post_in, reveal_payload
from dilemmas.models import Dilemma
from storage.models.briefings import DilemmaBriefing
from storage.models.dilemmas import DilemmaPost

if TYPE_CHECKING:
    from bot.deps import Deps

PRESENT = "present"  # the field of the room's size; the others are the options' letters
MAX_PRESENT = 10_000  # more than any briefing room; stops a slip of the keyboard skewing the figures
_WHOLE = re.compile(r"[0-9]+")  # not str.isdigit, which takes superscripts
HandsProblem = Literal["empty", "not_whole", "too_big", "over_present"]


def may_brief(session: Session, deps: Deps, team_id: str, user_id: str) -> bool:
    """Ambassadors on the roster and admins: the pack gives away the panel's view before any vote closes."""
    return deps.settings.is_admin(user_id) or is_active(session, team_id, user_id)


@dataclass(frozen=True)
class Pack:
    status: Literal["ready", "unknown", "none_posted"]
    dilemma: Dilemma | None = None
    post_id: int | None = None


def pack_for(session: Session, deps: Deps, *, team_id: str, channel_id: str, dilemma_id: str | None) -> Pack:
    """The named dilemma, or the channel's current or most recent one; with the post whose results it joins."""
    if dilemma_id is None:
        post = open_post_in(session, team_id, channel_id) or _latest(session, team_id, channel_id=channel_id)
        dilemma = deps.content.dilemmas.get(post.dilemma_id) if post else None
        return Pack("ready", dilemma, post.id) if post and dilemma else Pack("none_posted")
    dilemma = deps.content.dilemmas.get(dilemma_id)
    if dilemma is None:
        return Pack("unknown")
    # Where it was posted in this channel, that post; else its latest post anywhere (a pack asked for in a DM).
    post = _latest(session, team_id, channel_id=channel_id, dilemma_id=dilemma.id) or _latest(
        session, team_id, dilemma_id=dilemma.id
    )
    return Pack("ready", dilemma, post.id if post else None)


def _latest(
    session: Session, team_id: str, *, channel_id: str | None = None, dilemma_id: str | None = None
) -> DilemmaPost | None:
    query = select(DilemmaPost).where(DilemmaPost.team_id == team_id)
    if channel_id is not None:
        query = query.where(DilemmaPost.channel_id == channel_id)
    if dilemma_id is not None:
        query = query.where(DilemmaPost.dilemma_id == dilemma_id)
    return session.scalar(query.order_by(DilemmaPost.id.desc()).limit(1))


@dataclass(frozen=True)
class Hands:
    counts: dict[str, int]
    present: int


def read_hands(dilemma: Dilemma, given: Mapping[str, str]) -> tuple[Hands | None, dict[str, HandsProblem]]:
    """The form's numbers, keyed by option letter and PRESENT: whole numbers, the hands at most the room."""
    problems: dict[str, HandsProblem] = {}
    numbers: dict[str, int] = {}
    for key in [*(option.key for option in dilemma.options), PRESENT]:
        text = given.get(key, "").strip()
        if not text:
            problems[key] = "empty"
        elif not _WHOLE.fullmatch(text):
            problems[key] = "not_whole"
        elif int(text) > MAX_PRESENT:
            problems[key] = "too_big"
        else:
            numbers[key] = int(text)
    if not problems and sum(numbers.values()) - numbers[PRESENT] > numbers[PRESENT]:
        problems[PRESENT] = "over_present"
    if problems:
        return None, problems
    present = numbers.pop(PRESENT)
    return Hands(numbers, present), {}


@dataclass(frozen=True)
class Recorded:
    status: Literal["recorded", "missing"]
    sent: tuple[int, ...] = field(default_factory=tuple)


def record_hands(
    session: Session, deps: Deps, *, team_id: str, dilemma_id: str, post_id: int | None, hands: Hands, now: datetime
) -> Recorded:
    """Keep the counts; a post already revealed has its reveal updated to show them."""
    post = session.get(DilemmaPost, post_id) if post_id else None
    if post is not None and (post.team_id != team_id or post.dilemma_id != dilemma_id):
        post = None
    dilemma = deps.content.dilemmas.get(dilemma_id)
    if dilemma is None:
        return Recorded("missing")
    session.add(
        DilemmaBriefing(
            team_id=team_id,
            dilemma_id=dilemma_id,
            post_id=post.id if post else None,
            hands=hands.counts,
            present=hands.present,
            held_at=now,
            created_at=now,
        )
    )
    session.flush()
    if post is None or post.status != "closed" or post.reveal_outbox_id is None:
        return Recorded("recorded")  # an open post shows the hands in its reveal at the close
    early = post.closed_at is not None and post.closed_at < post.closes_at
    update = outbox.enqueue(
        session,
        team_id=team_id,
        method="chat.update",
        refs={"ts": post.reveal_outbox_id},
        payload=reveal_payload(session, deps, post, dilemma, early=early),
        purpose="dilemma-reveal-briefings",
    )
    return Recorded("recorded", (update.id,))
