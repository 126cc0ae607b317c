"""The bank in use: the shipped YAML plus the dilemmas the standards team published in Slack.

Every process (web and clock) reads the database's items where a dilemma is chosen or shown, so a dilemma
published in one process is used by the others at once. Each version is parsed once per process.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from bot.services import content_form
from dilemmas.models import Dilemma
from storage.models.authoring import AuthoredDilemma, AuthoredDilemmaVersion
from storage.models.dilemmas import DilemmaPost
from storage.prepared import Prepared

if TYPE_CHECKING:
    from bot.deps import Deps

PUBLISHED, RETIRED, DRAFT = "published", "retired", "draft"
_CACHE_KEY = "dilemmas.parsed_versions"


@dataclass(frozen=True)
class Found:
    dilemma: Dilemma
    from_question: bool = False


def parsed(deps: Deps, version_id: int, body: dict[str, Any]) -> Dilemma:
    """A version's item as the model reads it; versions never change, so each is parsed once."""
    cache: dict[int, Dilemma] = deps.state.setdefault(_CACHE_KEY, {})
    return content_form.parsed_once(cache, Dilemma, version_id, body)


def _live(
    session: Session | Connection, team_id: str, *, dilemma_id: str | None = None
) -> list[tuple[str, str, int, Any, bool]]:
    query = (
        select(
            AuthoredDilemma.dilemma_id,
            AuthoredDilemma.live_status,
            AuthoredDilemmaVersion.id,
            AuthoredDilemmaVersion.body,
            AuthoredDilemma.question_id,
        )
        .join(AuthoredDilemmaVersion, AuthoredDilemmaVersion.id == AuthoredDilemma.live_version_id)
        .where(AuthoredDilemma.team_id == team_id)
    )
    if dilemma_id is not None:
        query = query.where(AuthoredDilemma.dilemma_id == dilemma_id)
    return [(d, str(s), v, b, q is not None) for d, s, v, b, q in session.execute(query)]


def bank(session: Session, deps: Deps, team_id: str) -> dict[str, Dilemma]:
    """The dilemmas that may be chosen: shipped ones, overridden by published ones, less the retired."""
    found = dict(deps.content.dilemmas)
    for dilemma_id, status, version_id, body, _ in _live(session, team_id):
        if status == PUBLISHED:
            found[dilemma_id] = parsed(deps, version_id, body)
        else:
            found.pop(dilemma_id, None)
    return found


def shown(session: Session, deps: Deps, team_id: str) -> dict[str, Dilemma]:
    """Every dilemma as its posts show it, for figures about posts already made: the shipped ones, each replaced by
    its published or retired version (a post of a dilemma retired since keeps its panel's view)."""
    return shown_with(session, deps.content.dilemmas, team_id, deps.state.setdefault(_CACHE_KEY, {}))


def shown_with(
    session: Session, shipped: Mapping[str, Dilemma], team_id: str, cache: dict[int, Dilemma] | None = None
) -> dict[str, Dilemma]:
    """`shown` for a caller with no Deps (the command line's impact report), given the shipped bank."""
    cache = {} if cache is None else cache
    found = dict(shipped)
    for dilemma_id, _, version_id, body, _ in _live(session, team_id):
        found[dilemma_id] = content_form.parsed_once(cache, Dilemma, version_id, body)
    return found


def find(session: Session | Connection, deps: Deps, team_id: str, dilemma_id: str) -> Found | None:
    """A dilemma as it is shown: published or retired (posts already made keep working), else the shipped one."""
    for _, _, version_id, body, from_question in _live(session, team_id, dilemma_id=dilemma_id):
        return Found(parsed(deps, version_id, body), from_question)
    shipped = deps.content.dilemmas.get(dilemma_id)
    return Found(shipped) if shipped is not None else None


# Every vote looks its dilemma up: prepared once (storage.prepared), the lookup reads only the live version's ID,
# whose dilemma this process has usually parsed already.
_LIVE_VERSION = Prepared.of(
    select(AuthoredDilemma.live_version_id).where(
        AuthoredDilemma.team_id == bindparam("b_team"), AuthoredDilemma.dilemma_id == bindparam("b_dilemma")
    )
)


# The same, for a query that reads a post: its dilemma's live version, in the post's own row.
LIVE_VERSION_OF_POST = (
    select(AuthoredDilemma.live_version_id)
    .where(AuthoredDilemma.team_id == DilemmaPost.team_id, AuthoredDilemma.dilemma_id == DilemmaPost.dilemma_id)
    .scalar_subquery()
)


def lookup(session: Session | Connection, deps: Deps, team_id: str, dilemma_id: str) -> Dilemma | None:
    """The dilemma as it is shown (as `find`), by the cheapest way there is."""
    connection = session if isinstance(session, Connection) else session.connection()
    row = _LIVE_VERSION.first(connection, {"b_team": team_id, "b_dilemma": dilemma_id})
    return shown_as(connection, deps, team_id, dilemma_id, row[0] if row is not None else None)


def shown_as(
    connection: Connection, deps: Deps, team_id: str, dilemma_id: str, live_version_id: int | None
) -> Dilemma | None:
    """The dilemma as it is shown, given its live version's ID as just read (None: the shipped one)."""
    if live_version_id is None:
        return deps.content.dilemmas.get(dilemma_id)
    known: dict[int, Dilemma] = deps.state.get(_CACHE_KEY, {})
    cached = known.get(live_version_id)
    if cached is not None:
        return cached
    found = find(connection, deps, team_id, dilemma_id)
    return found.dilemma if found else None


def choosable(session: Session, deps: Deps, team_id: str, dilemma_id: str) -> Dilemma | None:
    """The dilemma if it may be posted now: in the bank and not retired."""
    for _, status, version_id, body, _ in _live(session, team_id, dilemma_id=dilemma_id):
        return parsed(deps, version_id, body) if status == PUBLISHED else None
    return deps.content.dilemmas.get(dilemma_id)
