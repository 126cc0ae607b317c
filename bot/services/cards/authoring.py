"""Cards rewritten in Slack by the standards team: the form read into the deck's model, checked by the deck's
rules, and each change kept as a version (draft, published or retired) with who made it and when.

A card is never added or removed: the deck always holds 52. A published card replaces the shipped card of the
same suit and rank; retiring it brings the shipped card back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.services import content_form as form
from bot.services.cards import in_use
from bot.services.dilemmas import bank
from dilemmas import checks
from dilemmas.deck import CardKey
from dilemmas.loader import Content
from dilemmas.models import Card
from storage.models.cards import AuthoredCard, AuthoredCardVersion

if TYPE_CHECKING:
    from bot.deps import Deps

# The form's fields (its input blocks): the model's fields, with the lists one item a line.
TEXT_FIELDS = ("headline", "prompt", "scenarios", "questions", "why_it_matters", "links")
HISTORY_SHOWN = 5


@dataclass(frozen=True)
class Checked:
    card: Card | None
    errors: dict[str, str] = field(default_factory=dict)  # field -> the model's or the deck's words


@dataclass(frozen=True)
class Submitted:
    status: Literal["ok", "invalid"]
    errors: dict[str, str] = field(default_factory=dict)
    authored_id: int | None = None
    card: Card | None = None


def body_from_form(values: form.FormValues, rank: str) -> dict[str, Any]:
    """The card as a suit's YAML file holds it."""
    return {
        "rank": rank,
        "headline": form.text(values, "headline"),
        "prompt": form.text(values, "prompt"),
        "scenarios": form.lines(form.text(values, "scenarios")),
        "questions": form.lines(form.text(values, "questions")),
        "why_it_matters": " ".join(form.lines(form.text(values, "why_it_matters"))),
        **form.shared_from_form(values),
    }


def form_from_body(body: Mapping[str, Any]) -> dict[str, str | list[str]]:
    """What the form shows for a card: the inverse of body_from_form."""
    return {
        "headline": str(body.get("headline", "")),
        "prompt": str(body.get("prompt", "")),
        "scenarios": "\n".join(body.get("scenarios", [])),
        "questions": "\n".join(body.get("questions", [])),
        "why_it_matters": str(body.get("why_it_matters", "")),
        **form.shared_to_form(body),
    }


def _field_of(location: Sequence[int | str]) -> str:
    """The form field a validation error belongs beside."""
    if not location:
        return "headline"  # the model's own check: no model answer on the card's face
    head = str(location[0])
    if head == "tags":
        return str(location[1]) if len(location) > 1 else "standards"
    return head if head in TEXT_FIELDS or head in form.LIST_FIELDS else "headline"


def validate(body: Mapping[str, Any]) -> Checked:
    """The deck's model, with each problem beside its field (the first problem of each field)."""
    try:
        return Checked(Card.model_validate(body))
    except ValidationError as exc:
        return Checked(None, form.problems_by_field(exc, _field_of))


def deck_problems(session: Session, deps: Deps, team_id: str, key: CardKey, card: Card) -> dict[str, str]:
    """The rules `standards-bot content check` applies to the deck and bank as a whole, with this card in the
    deck in use: only the problems this card causes."""
    cards = in_use.deck(session, deps, team_id)
    dilemmas = bank.bank(session, deps, team_id)
    before = Content(cards=cards, dilemmas=dilemmas)
    after = Content(cards={**cards, (key.suit, key.rank): card}, dilemmas=dilemmas)
    name = checks.card_name(key.suit, key.rank)
    errors: dict[str, str] = {}
    for pair in checks.similarities(after):
        if pair.score <= checks.NEAR_DUPLICATE_ABOVE:
            break
        names = (pair.first.name, pair.second.name)
        if name in names:
            other = names[1] if names[0] == name else names[0]
            errors.setdefault(
                "scenarios",
                f"a near-duplicate of {other}: similarity {pair.score:.3f}, "
                f"above the limit of {checks.NEAR_DUPLICATE_ABOVE:.2f}",
            )
    earlier = {str(problem) for problem in checks.check_coverage(before) + checks.check_themes(before)}
    for problem in checks.check_coverage(after) + checks.check_themes(after):
        if str(problem) not in earlier:
            errors.setdefault(problem.field.removeprefix("tags."), f"{problem.item}: {problem.message}")
    return errors


def authored(session: Session, team_id: str, key: CardKey) -> AuthoredCard | None:
    return session.scalar(
        select(AuthoredCard).where(
            AuthoredCard.team_id == team_id, AuthoredCard.suit == key.suit, AuthoredCard.rank == key.rank
        )
    )


def _versions(session: Session, item: AuthoredCard) -> list[AuthoredCardVersion]:
    query = select(AuthoredCardVersion).where(AuthoredCardVersion.authored_id == item.id)
    return list(session.scalars(query.order_by(AuthoredCardVersion.number.desc())))


def current_body(session: Session, deps: Deps, team_id: str, key: CardKey) -> dict[str, Any]:
    """The card as the form should show it: waiting on a preview, else its latest version, else the shipped one."""
    item = authored(session, team_id, key)
    if item is not None:
        if item.pending is not None:
            return dict(item.pending)
        versions = _versions(session, item)
        if versions:
            return dict(versions[0].body)
    return deps.content.card(key.suit, key.rank).model_dump(mode="json")


@dataclass(frozen=True)
class Version:
    number: int
    status: str
    changed_by: str
    changed_at: datetime


def history(session: Session, team_id: str, key: CardKey) -> list[Version]:
    """The card's latest versions, newest first: what was done, by whom and when."""
    item = authored(session, team_id, key)
    if item is None:
        return []
    return [Version(v.number, v.status, v.changed_by, v.changed_at) for v in _versions(session, item)[:HISTORY_SHOWN]]


def submit(session: Session, deps: Deps, *, team_id: str, key: CardKey, values: form.FormValues) -> Submitted:
    """Check a submitted form; if it passes, keep it waiting on the preview (no version is made yet)."""
    checked = validate(body_from_form(values, key.rank))
    if checked.card is None:
        return Submitted("invalid", checked.errors)
    problems = deck_problems(session, deps, team_id, key, checked.card)
    if problems:
        return Submitted("invalid", problems)
    item = authored(session, team_id, key) or AuthoredCard(team_id=team_id, suit=key.suit, rank=key.rank)
    item.pending = checked.card.model_dump(mode="json")
    session.add(item)
    session.flush()
    return Submitted("ok", authored_id=item.id, card=checked.card)


@dataclass(frozen=True)
class Decided:
    status: Literal["draft", "published", "retired", "missing"]
    key: CardKey | None = None
    version: int = 0


def _item(session: Session, team_id: str, authored_id: int) -> AuthoredCard | None:
    item = session.get(AuthoredCard, authored_id)
    return item if item is not None and item.team_id == team_id else None


def key_of(item: AuthoredCard) -> CardKey:
    return CardKey(item.suit, item.rank)


def decide(session: Session, deps: Deps, *, team_id: str, user_id: str, authored_id: int, choice: form.Choice,
           now: datetime) -> Decided:  # fmt: skip
    """Keep the card's text as a new version: a draft, published into the deck, or retired from it (the shipped
    card of its suit and rank is then shown again)."""
    item = _item(session, team_id, authored_id)
    if item is None:
        return Decided("missing")
    body = current_body(session, deps, team_id, key_of(item))
    status = {"draft": in_use.DRAFT, "publish": in_use.PUBLISHED, "retire": in_use.RETIRED}[choice]
    number = (session.scalar(select(func.max(AuthoredCardVersion.number)).where(
        AuthoredCardVersion.authored_id == item.id)) or 0) + 1  # fmt: skip
    version = AuthoredCardVersion(
        team_id=team_id, authored_id=item.id, number=number, status=status, body=dict(body),
        changed_by=user_id, changed_at=now,
    )  # fmt: skip
    session.add(version)
    session.flush()
    item.pending = None
    if status != in_use.DRAFT:
        item.live_version_id, item.live_status = version.id, status
    return Decided("draft" if status == in_use.DRAFT else status, key_of(item), number)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Editable:
    key: CardKey
    values: dict[str, str | list[str]]
    history: list[Version]


def editable(session: Session, deps: Deps, team_id: str, key: CardKey) -> Editable:
    """What the form shows for a card: its text as it now stands and its latest versions."""
    body = current_body(session, deps, team_id, key)
    return Editable(key, form_from_body(body), history(session, team_id, key))


def editable_by_id(session: Session, deps: Deps, team_id: str, authored_id: int) -> Editable | None:
    """What the form shows when the preview's Edit is pressed."""
    item = _item(session, team_id, authored_id)
    return editable(session, deps, team_id, key_of(item)) if item is not None else None
