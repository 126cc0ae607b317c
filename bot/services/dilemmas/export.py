"""`standards-bot content export`: the dilemmas published in the database, as YAML files of the bank's shape."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.dilemmas.bank import PUBLISHED
from storage.models.authoring import AuthoredDilemma, AuthoredDilemmaVersion


@dataclass(frozen=True)
class Exported:
    written: list[Path]
    replacing: list[Path]  # items that replace a shipped dilemma of the same id


def _published(session: Session, team_id: str | None) -> list[tuple[str, dict[str, Any]]]:
    query = (
        select(AuthoredDilemma.dilemma_id, AuthoredDilemmaVersion.body)
        .join(AuthoredDilemmaVersion, AuthoredDilemmaVersion.id == AuthoredDilemma.live_version_id)
        .where(AuthoredDilemma.live_status == PUBLISHED)
        .order_by(AuthoredDilemma.dilemma_id, AuthoredDilemma.id)
    )
    if team_id is not None:
        query = query.where(AuthoredDilemma.team_id == team_id)
    return [(dilemma_id, dict(body)) for dilemma_id, body in session.execute(query)]


def export(session: Session, out: Path, shipped: set[str], *, team_id: str | None = None) -> Exported:
    """New dilemmas go to `out/bank/<id>.yml`, where `content check` reads an organisation's own; changed
    shipped ones to `out/replacing/<id>.yml`, to be copied over the file of the same id in dilemmas/bank."""
    written: list[Path] = []
    replacing: list[Path] = []
    seen: set[str] = set()
    for dilemma_id, body in _published(session, team_id):
        if dilemma_id in seen:  # the same id in two workspaces: the first is kept
            continue
        seen.add(dilemma_id)
        folder = out / ("replacing" if dilemma_id in shipped else "bank")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{dilemma_id}.yml"
        path.write_text(yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8")
        (replacing if dilemma_id in shipped else written).append(path)
    return Exported(written, replacing)
