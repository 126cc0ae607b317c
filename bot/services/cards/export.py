"""`standards-bot content export`: the cards published in the database, as suit files of the deck's shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.cards.in_use import PUBLISHED
from dilemmas.references import RANKS
from storage.models.cards import AuthoredCard, AuthoredCardVersion


def _published(session: Session, team_id: str | None) -> list[tuple[str, str, dict[str, Any]]]:
    query = (
        select(AuthoredCard.suit, AuthoredCard.rank, AuthoredCardVersion.body)
        .join(AuthoredCardVersion, AuthoredCardVersion.id == AuthoredCard.live_version_id)
        .where(AuthoredCard.live_status == PUBLISHED)
        .order_by(AuthoredCard.id)
    )
    if team_id is not None:
        query = query.where(AuthoredCard.team_id == team_id)
    return [(suit, rank, dict(body)) for suit, rank, body in session.execute(query)]


def export(session: Session, out: Path, *, team_id: str | None = None) -> list[Path]:
    """The changed cards go to `out/cards/<suit>.yml`, holding only those cards: `content check` reads an
    organisation's own suit files as replacing the shipped cards of the same suit and rank."""
    by_suit: dict[str, dict[str, dict[str, Any]]] = {}
    for suit, rank, body in _published(session, team_id):
        by_suit.setdefault(suit, {}).setdefault(rank, body)  # the same card in two workspaces: the first is kept
    written: list[Path] = []
    for suit, cards in sorted(by_suit.items()):
        folder = out / "cards"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{suit}.yml"
        document = {"suit": suit, "cards": [cards[rank] for rank in RANKS if rank in cards]}
        path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8")
        written.append(path)
    return written
