"""Anonymous votes and comments: each person is known to a post only by a keyed pseudonym with its salt."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Connection, bindparam, func, select, update
from sqlalchemy.orm import Session

from bot import outbox
from bot.services.dilemmas import bank
from bot.text import visible
from dilemmas.models import OPTION_KEYS, Dilemma
from storage import advisory
from storage.models.dilemmas import DilemmaComment, DilemmaPost, DilemmaVote
from storage.prepared import Prepared

if TYPE_CHECKING:
    from bot.deps import Deps

COMMENTS_PER_PERSON = 3
MAX_COMMENT_CHARS = 3000
# Comments are counted under a pseudonym of their own, so a person's comments are never linked to their vote.
COMMENT_PSEUDONYM = "comment"


# A vote button's action ID names the option it votes for: one spelling for the buttons and their listener.
VOTE_ACTION_PREFIX = "dilemma_vote_"
VOTE_ACTIONS = re.compile(rf"^{VOTE_ACTION_PREFIX}[{''.join(OPTION_KEYS)}]$")

VoteStatus = Literal[
    "missing", "open", "closed", "recorded", "changed", "unchanged",  # voting
    "empty", "too_long", "limit", "posted",  # commenting
    "already", "removed",  # removing a comment
]  # fmt: skip


def vote_action(option: str) -> str:
    return VOTE_ACTION_PREFIX + option


def voted_option(action_id: str) -> str:
    return action_id.removeprefix(VOTE_ACTION_PREFIX)


@dataclass(frozen=True)
class Outcome:
    """What happened, for the handler to put into words; `sent` lists outbox ids to deliver now."""

    status: VoteStatus
    dilemma: Dilemma | None = None
    option: str | None = None
    sent: tuple[int, ...] = ()


def _open_post(session: Session, team_id: str, post_id: int) -> DilemmaPost | None:
    # FOR SHARE on PostgreSQL: votes do not wait for one another, but the close waits for votes in flight.
    return session.scalar(
        select(DilemmaPost).where(DilemmaPost.id == post_id, DilemmaPost.team_id == team_id).with_for_update(read=True)
    )


def post_dilemma(session: Session, deps: Deps, team_id: str, post_id: int) -> Outcome:
    """Whether a post still takes votes and comments, and its dilemma."""
    post = session.scalar(select(DilemmaPost).where(DilemmaPost.id == post_id, DilemmaPost.team_id == team_id))
    if post is None:
        return Outcome("missing")
    dilemma = bank.lookup(session, deps, team_id, post.dilemma_id)
    status: VoteStatus = "open" if post.status == "open" and post.salt is not None and dilemma is not None else "closed"
    return Outcome(status, dilemma)


# A vote click is a hot path: its statements are prepared once (storage.prepared) and run on a bare connection
# without the ORM's unit of work.
#
# The close must count every vote in flight, and votes must not wait for one another. So a vote takes the post's
# shared advisory lock as it reads the post (storage.advisory), and the close takes it exclusively: the close
# waits for the votes that hold it, and a vote that reads the post after the close finds it closed. A vote that
# read the post while the close was waiting for the lock saw it open in an older snapshot; its write is made only
# if the post is still open when the write runs, so it cannot land after the count.
_VOTE_POST = Prepared.of(
    select(
        DilemmaPost.status, DilemmaPost.salt, DilemmaPost.dilemma_id, bank.LIVE_VERSION_OF_POST,
        advisory.shared(advisory.DILEMMA_POST, DilemmaPost.id),
    ).where(DilemmaPost.id == bindparam("b_post"), DilemmaPost.team_id == bindparam("b_team"))
)  # fmt: skip
_VOTE_BEFORE = Prepared.of(
    select(DilemmaVote.option).where(
        DilemmaVote.post_id == bindparam("b_post"), DilemmaVote.pseudonym == bindparam("b_pseudonym")
    )
)
# The votes held by up to this many people at once, on one prepared statement: a batch's pseudonyms are read in
# groups of this size, the last group filled up with repeats (building a statement for each batch's own number
# of people cost more than reading the votes).
HELD_AT_ONCE = 8
_VOTES_HELD = Prepared.of(
    select(DilemmaVote.pseudonym, DilemmaVote.option).where(
        DilemmaVote.post_id == bindparam("b_post"),
        DilemmaVote.pseudonym.in_([bindparam(f"b_pseudonym{n}") for n in range(HELD_AT_ONCE)]),
    )
)
_VOTE_FIELDS = {
    "team_id": "b_team", "post_id": "b_post", "pseudonym": "b_pseudonym", "option": "b_option",
    "updated_at": "b_now",
}  # fmt: skip


def _vote_statement(insert: Any) -> Any:
    columns = DilemmaVote.__table__.c
    still_open = (
        select(DilemmaPost.id)
        .where(DilemmaPost.id == bindparam("b_post", type_=columns.post_id.type), DilemmaPost.status == "open")
        .exists()
    )
    values = select(*(bindparam(name, type_=columns[field].type) for field, name in _VOTE_FIELDS.items()))
    statement = insert(DilemmaVote).from_select(list(_VOTE_FIELDS), values.where(still_open))
    return statement.on_conflict_do_update(
        index_elements=["post_id", "pseudonym"],
        set_={"option": statement.excluded.option, "updated_at": statement.excluded.updated_at},
    )


_VOTE = Prepared(_vote_statement)


@dataclass(frozen=True)
class Ballot:
    """One person's vote on a post, as their click arrived."""

    user_id: str
    option: str
    now: datetime  # when the click arrived


def cast_vote(
    connection: Connection, deps: Deps, *, team_id: str, post_id: int, user_id: str, option: str, now: datetime
) -> Outcome:
    """Record or change a vote: one per person per post, safe under concurrent clicks on either backend."""
    [outcome] = cast_votes(connection, deps, team_id=team_id, post_id=post_id, ballots=[Ballot(user_id, option, now)])
    return outcome


def cast_votes(
    connection: Connection, deps: Deps, *, team_id: str, post_id: int, ballots: Sequence[Ballot]
) -> list[Outcome]:
    """Record votes on one post, in the order given, in the caller's transaction: the post is read once, the
    votes already held are read in one statement for every HELD_AT_ONCE people, and the new ones are written
    together."""
    post = _VOTE_POST.first(connection, {"b_post": post_id, "b_team": team_id})
    if post is None:
        return [Outcome("missing") for _ in ballots]
    status_now, salt, dilemma_id, live_version_id, _lock = post
    dilemma = bank.shown_as(connection, deps, team_id, dilemma_id, live_version_id)
    if status_now != "open" or salt is None or dilemma is None:
        return [Outcome("closed", dilemma) for _ in ballots]
    offered = {o.key for o in dilemma.options}
    pseudonyms = {
        ballot.user_id: _current_pseudonym(connection, deps, DilemmaVote, post_id, bytes(salt), ballot.user_id, kind="")
        for ballot in ballots
        if ballot.option in offered
    }
    held = _options_held(connection, post_id, list(pseudonyms.values()))
    outcomes: list[Outcome] = []
    latest: dict[str, Ballot] = {}  # one write per person: a second click in the same batch replaces the first
    for ballot in ballots:
        if ballot.option not in offered:
            outcomes.append(Outcome("missing", dilemma))
            continue
        pseudonym = pseudonyms[ballot.user_id]
        before, held[pseudonym], latest[pseudonym] = held.get(pseudonym), ballot.option, ballot
        status: VoteStatus = "recorded" if before is None else ("unchanged" if before == ballot.option else "changed")
        outcomes.append(Outcome(status, dilemma, ballot.option))
    writes = [
        {"b_post": post_id, "b_pseudonym": pseudonym, "b_team": team_id, "b_option": b.option, "b_now": b.now}
        for pseudonym, b in latest.items()
    ]
    if writes and not _VOTE.execute_many(connection, writes):  # closed while they waited for the lock: none written
        return [Outcome("closed", dilemma) if outcome.option else outcome for outcome in outcomes]
    return outcomes


def _options_held(connection: Connection, post_id: int, pseudonyms: list[str]) -> dict[str, str]:
    """The options these pseudonyms have voted for on the post."""
    if len(pseudonyms) == 1:  # the usual case, on its prepared statement
        found = _VOTE_BEFORE.first(connection, {"b_post": post_id, "b_pseudonym": pseudonyms[0]})
        return {pseudonyms[0]: found[0]} if found is not None else {}
    held: dict[str, str] = {}
    for start in range(0, len(pseudonyms), HELD_AT_ONCE):
        group = pseudonyms[start : start + HELD_AT_ONCE]
        group += [group[-1]] * (HELD_AT_ONCE - len(group))
        parameters = {"b_post": post_id, **{f"b_pseudonym{n}": pseudonym for n, pseudonym in enumerate(group)}}
        held.update((str(pseudonym), str(option)) for pseudonym, option in _VOTES_HELD.rows(connection, parameters))
    return held


def add_comment(
    session: Session, deps: Deps, *, team_id: str, post_id: int, user_id: str, text: str, now: datetime
) -> Outcome:
    """Post an anonymous comment in the post's thread, at most COMMENTS_PER_PERSON per person per post."""
    if not visible(text).strip():  # nothing anyone would see
        return Outcome("empty")
    if len(text) > MAX_COMMENT_CHARS:
        return Outcome("too_long")
    post = _open_post(session, team_id, post_id)
    if post is None:
        return Outcome("missing")
    dilemma = bank.lookup(session, deps, team_id, post.dilemma_id)
    if post.status != "open" or post.salt is None or post.message_outbox_id is None:
        return Outcome("closed", dilemma)
    pseudonym = _current_pseudonym(session, deps, DilemmaComment, post.id, post.salt, user_id, kind=COMMENT_PSEUDONYM)
    already = session.scalar(
        select(func.count()).where(DilemmaComment.post_id == post.id, DilemmaComment.pseudonym == pseudonym)
    )
    if (already or 0) >= COMMENTS_PER_PERSON:
        return Outcome("limit", dilemma)
    comment = DilemmaComment(team_id=team_id, post_id=post.id, pseudonym=pseudonym, status="posted", created_at=now)
    session.add(comment)
    session.flush()
    blocks, texts = deps.messages.dilemma_blocks, deps.messages.dilemma_texts
    message = outbox.enqueue(
        session,
        team_id=team_id,
        method="chat.postMessage",
        refs={"thread_ts": post.message_outbox_id},
        payload={
            "channel": post.channel_id,
            "text": texts.COMMENT_FALLBACK,
            "blocks": blocks.comment_blocks(comment.id, text),
            "unfurl_links": False,
            "unfurl_media": False,
        },
        purpose="dilemma-comment",
        seal_with=deps.keyring,  # the comment's words are kept only encrypted, until and after sending
    )
    comment.message_outbox_id = message.id
    return Outcome("posted", dilemma, sent=(message.id,))


def remove_comment(session: Session, deps: Deps, *, team_id: str, comment_id: int) -> Outcome:
    """Replace an anonymous comment in the thread with a note that the standards team removed it."""
    comment = session.scalar(
        select(DilemmaComment).where(DilemmaComment.id == comment_id, DilemmaComment.team_id == team_id)
    )
    if comment is None or comment.message_outbox_id is None:
        return Outcome("missing")
    if comment.status == "removed":
        return Outcome("already")
    comment.status = "removed"
    blocks, texts = deps.messages.dilemma_blocks, deps.messages.dilemma_texts
    message = outbox.enqueue(
        session,
        team_id=team_id,
        method="chat.update",
        refs={"ts": comment.message_outbox_id},
        payload={"text": texts.COMMENT_REMOVED, "blocks": blocks.removed_comment_blocks()},
        purpose="dilemma-comment-removed",
    )
    return Outcome("removed", sent=(message.id,))


def _current_pseudonym(
    session: Session | Connection,
    deps: Deps,
    model: type[DilemmaVote] | type[DilemmaComment],
    post_id: int,
    salt: bytes,
    user_id: str,
    *,
    kind: str,
) -> str:
    """The person's pseudonym under the current key. Rows made under a previous key (a rotation while the post
    is open) are moved to it first, so the person keeps one vote and their count of comments."""
    current, *previous = deps.keyring.pseudonyms(salt, user_id, kind=kind)
    if not previous:
        return current
    mine = (model.post_id == post_id, model.pseudonym == current)
    if model is DilemmaVote and session.scalar(select(model.id).where(*mine)) is not None:
        return current  # one vote per person: one already under the current key is the newer
    session.execute(
        update(model).where(model.post_id == post_id, model.pseudonym.in_(previous)).values(pseudonym=current)
    )
    return current
