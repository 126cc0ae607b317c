"""The deck in use: the shipped cards, each replaced by the card the standards team published in Slack for the
same suit and rank. The deck always holds 52 cards; retiring a rewritten card brings the shipped one back.

Every process (web and clock) reads the published cards from the database where a card is shown, so a card
published in one process is shown by the others at once. Each version is parsed once per process.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, select, tuple_
from sqlalchemy.orm import Session

from bot.services import content_form
from dilemmas.deck import CardKey
from dilemmas.models import Card
from storage.models.cards import AuthoredCard, AuthoredCardVersion
from storage.prepared import Prepared

if TYPE_CHECKING:
    from bot.deps import Deps

PUBLISHED, RETIRED, DRAFT = "published", "retired", "draft"
_CACHE_KEY = "cards.parsed_versions"


def parsed(deps: Deps, version_id: int, body: dict[str, Any]) -> Card:
    """A version's card as the model reads it; versions never change, so each is parsed once."""
    cache: dict[int, Card] = deps.state.setdefault(_CACHE_KEY, {})
    return content_form.parsed_once(cache, Card, version_id, body)


def _published(
    session: Session | Connection, team_id: str, keys: Iterable[CardKey] | None = None
) -> dict[CardKey, tuple[int, Any]]:
    query = (
        select(AuthoredCard.suit, AuthoredCard.rank, AuthoredCardVersion.id, AuthoredCardVersion.body)
        .join(AuthoredCardVersion, AuthoredCardVersion.id == AuthoredCard.live_version_id)
        .where(AuthoredCard.team_id == team_id, AuthoredCard.live_status == PUBLISHED)
    )
    if keys is not None:
        wanted = [(key.suit, key.rank) for key in keys]
        if not wanted:
            return {}
        query = query.where(tuple_(AuthoredCard.suit, AuthoredCard.rank).in_(wanted))
    return {CardKey(suit, rank): (version_id, body) for suit, rank, version_id, body in session.execute(query)}


def cards(session: Session | Connection, deps: Deps, team_id: str, keys: Iterable[CardKey]) -> list[Card]:
    """The cards as they are shown now, in the order asked for (one query for them all)."""
    wanted = list(keys)
    published = _published(session, team_id, wanted)
    found = []
    for key in wanted:
        live = published.get(key)
        found.append(parsed(deps, *live) if live is not None else deps.content.card(key.suit, key.rank))
    return found


# One card is shown on every draw, the hottest path of the bot: its lookup is prepared once (storage.prepared),
# and reads only the live version's ID, whose card this process has usually parsed already.
_LIVE_VERSION = Prepared.of(
    select(AuthoredCard.live_version_id).where(
        AuthoredCard.team_id == bindparam("b_team"),
        AuthoredCard.suit == bindparam("b_suit"),
        AuthoredCard.rank == bindparam("b_rank"),
        AuthoredCard.live_status == PUBLISHED,
    )
)


# Whether a team has any rewritten card in use: read with a channel's deck, where a card is drawn.
ANY_REWRITTEN = (
    select(AuthoredCard.id)
    .where(AuthoredCard.team_id == bindparam("b_team"), AuthoredCard.live_status == PUBLISHED)
    .exists()
    .label("rewritten")
)


def card(session: Session | Connection, deps: Deps, team_id: str, key: CardKey, *, rewritten: bool = True) -> Card:
    """The card in use for `key`; `rewritten` False (the team has no rewritten card in use) saves the look-up."""
    if not rewritten:
        return deps.content.card(key.suit, key.rank)
    connection = session if isinstance(session, Connection) else session.connection()
    row = _LIVE_VERSION.first(connection, {"b_team": team_id, "b_suit": key.suit, "b_rank": key.rank})
    if row is None or row[0] is None:
        return deps.content.card(key.suit, key.rank)
    known: dict[int, Card] = deps.state.get(_CACHE_KEY, {})
    return known.get(row[0]) or cards(connection, deps, team_id, [key])[0]


def deck(session: Session | Connection, deps: Deps, team_id: str) -> dict[tuple[str, str], Card]:
    """The whole deck in use, keyed as the shipped content is: (suit, rank)."""
    found = dict(deps.content.cards)
    for key, (version_id, body) in _published(session, team_id).items():
        found[(key.suit, key.rank)] = parsed(deps, version_id, body)
    return found
