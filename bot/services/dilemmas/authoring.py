"""Dilemmas written in Slack by the standards team: the form read into the bank's model, checked by the bank's
rules, and each change kept as a version (draft, published or retired) with who made it and when."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.services import content_form as form
from bot.services.dilemmas import bank, questions, schedules
from dilemmas import checks
from dilemmas.loader import Content
from dilemmas.models import OPTION_KEYS, Dilemma
from storage.models import utcnow
from storage.models.authoring import AuthoredDilemma, AuthoredDilemmaVersion, PanelQuestion

if TYPE_CHECKING:
    from bot.deps import Deps

# The form's fields (its input blocks): the model's fields, with options, tags and links spread over inputs.
TEXT_FIELDS = ("id", "title", "format", "scenario", "prompts", "panel_option", "reasoning", "links")
OPTION_FIELDS = tuple(f"{key}_{part}" for key in OPTION_KEYS for part in ("label", "text"))
REQUIRED_OPTIONS = 3


@dataclass(frozen=True)
class Checked:
    dilemma: Dilemma | None
    errors: dict[str, str] = field(default_factory=dict)  # field -> the model's or the bank's words


@dataclass(frozen=True)
class Submitted:
    status: Literal["ok", "invalid"]
    errors: dict[str, str] = field(default_factory=dict)
    authored_id: int | None = None
    dilemma: Dilemma | None = None


def body_from_form(values: form.FormValues, dilemma_id: str) -> dict[str, Any]:
    """The item as the YAML bank would hold it. Options C and D may be left empty (D only with C)."""
    options = []
    for index, key in enumerate(OPTION_KEYS):
        label, text = form.text(values, f"{key}_label"), form.text(values, f"{key}_text")
        if index < REQUIRED_OPTIONS or label or text:
            options.append({"key": key, "label": label, "text": text})
    return {
        "id": dilemma_id,
        "title": form.text(values, "title"),
        "format": form.text(values, "format"),
        "scenario": form.text(values, "scenario"),
        "options": options,
        "prompts": form.lines(form.text(values, "prompts")),
        "panel_view": {"option": form.text(values, "panel_option"), "reasoning": form.text(values, "reasoning")},
        **form.shared_from_form(values),
    }


def form_from_body(body: Mapping[str, Any]) -> dict[str, str | list[str]]:
    """What the form shows for an item: the inverse of body_from_form."""
    values: dict[str, str | list[str]] = {
        "id": str(body.get("id", "")),
        "title": str(body.get("title", "")),
        "format": str(body.get("format", "")),
        "scenario": str(body.get("scenario", "")),
        "prompts": "\n".join(body.get("prompts", [])),
        "panel_option": str(body.get("panel_view", {}).get("option", "")),
        "reasoning": str(body.get("panel_view", {}).get("reasoning", "")),
        **form.shared_to_form(body),
    }
    for option in body.get("options", []):
        values[f"{option['key']}_label"], values[f"{option['key']}_text"] = option["label"], option["text"]
    return values


def _field_of(location: Sequence[int | str], body: Mapping[str, Any]) -> str:
    """The form field a validation error belongs beside."""
    if not location:
        return "panel_option"  # the model's own checks: options in order, the panel's option offered
    head = str(location[0])
    if head == "options":
        if len(location) >= 3 and isinstance(location[1], int) and location[1] < len(body["options"]):
            return f"{body['options'][location[1]]['key']}_{location[2]}"
        return "C_label"
    if head == "panel_view":
        return "panel_option" if len(location) < 2 or location[1] == "option" else "reasoning"
    if head == "tags":
        return str(location[1]) if len(location) > 1 else "standards"
    return head if head in TEXT_FIELDS or head in form.LIST_FIELDS else "title"


def validate(body: Mapping[str, Any]) -> Checked:
    """The bank's model, with each problem beside its field (the first problem of each field)."""
    try:
        return Checked(Dilemma.model_validate(body))
    except ValidationError as exc:
        return Checked(None, form.problems_by_field(exc, lambda location: _field_of(location, body)))


def bank_problems(session: Session, deps: Deps, team_id: str, dilemma: Dilemma) -> dict[str, str]:
    """The rules `standards-bot content check` applies to the bank as a whole, for the bank with this item in it:
    only the problems this item causes."""
    in_use = bank.bank(session, deps, team_id)
    before = Content(cards=deps.content.cards, dilemmas=dict(in_use))
    after = Content(cards=deps.content.cards, dilemmas={**in_use, dilemma.id: dilemma})
    errors: dict[str, str] = {}
    for pair in checks.similarities(after):
        if pair.score <= checks.NEAR_DUPLICATE_ABOVE:
            break
        names = (pair.first.name, pair.second.name)
        if dilemma.id in names:
            other = names[1] if names[0] == dilemma.id else names[0]
            errors.setdefault(
                "scenario",
                f"a near-duplicate of {other}: similarity {pair.score:.3f}, "
                f"above the limit of {checks.NEAR_DUPLICATE_ABOVE:.2f}",
            )
    for problem in checks.check_balance(after):
        if problem.item == dilemma.id:
            errors.setdefault("panel_option", problem.message)
    earlier = {str(problem) for problem in checks.check_coverage(before) + checks.check_themes(before)}
    for problem in checks.check_coverage(after) + checks.check_themes(after):
        if str(problem) not in earlier:
            errors.setdefault(problem.field.removeprefix("tags."), f"{problem.item}: {problem.message}")
    return errors


def authored(session: Session, team_id: str, dilemma_id: str) -> AuthoredDilemma | None:
    return session.scalar(
        select(AuthoredDilemma).where(AuthoredDilemma.team_id == team_id, AuthoredDilemma.dilemma_id == dilemma_id)
    )


def _latest(session: Session, item: AuthoredDilemma) -> AuthoredDilemmaVersion | None:
    return session.scalar(
        select(AuthoredDilemmaVersion)
        .where(AuthoredDilemmaVersion.authored_id == item.id)
        .order_by(AuthoredDilemmaVersion.number.desc())
        .limit(1)
    )


def current_body(session: Session, deps: Deps, team_id: str, dilemma_id: str) -> dict[str, Any] | None:
    """The item as the form should show it: waiting on a preview, else its latest version, else the YAML's."""
    item = authored(session, team_id, dilemma_id)
    if item is not None:
        if item.pending is not None:
            return dict(item.pending)
        latest = _latest(session, item)
        if latest is not None:
            return dict(latest.body)
    shipped = deps.content.dilemmas.get(dilemma_id)
    return shipped.model_dump(mode="json") if shipped is not None else None


def submit(
    session: Session,
    deps: Deps,
    *,
    team_id: str,
    values: form.FormValues,
    editing: str | None,
    question_id: int | None = None,
) -> Submitted:
    """Check a submitted form; if it passes, keep it waiting on the preview (no version is made yet)."""
    dilemma_id = editing or form.text(values, "id")
    body = body_from_form(values, dilemma_id)
    checked = validate(body)
    if checked.dilemma is None:
        return Submitted("invalid", checked.errors)
    existing = authored(session, team_id, dilemma_id)
    if editing is None and (existing is not None or dilemma_id in deps.content.dilemmas):
        return Submitted("invalid", {"id": "this id is already used in the bank; choose another"})
    problems = bank_problems(session, deps, team_id, checked.dilemma)
    if problems:
        return Submitted("invalid", problems)
    item = existing or AuthoredDilemma(team_id=team_id, dilemma_id=dilemma_id)
    item.pending = checked.dilemma.model_dump(mode="json")
    if question_id is not None:
        question = session.get(PanelQuestion, question_id)
        if question is not None and question.team_id == team_id:
            item.question_id, question.status = question.id, "drafted"
            questions.erase(session, question, utcnow())
    session.add(item)
    session.flush()
    return Submitted("ok", authored_id=item.id, dilemma=checked.dilemma)


@dataclass(frozen=True)
class Decided:
    status: Literal["draft", "published", "retired", "scheduled", "missing", "no_schedule"]
    dilemma_id: str = ""
    version: int = 0
    due: datetime | None = None


def decide(session: Session, deps: Deps, *, team_id: str, user_id: str, authored_id: int, choice: form.Choice,
           now: datetime) -> Decided:  # fmt: skip
    """Keep the item's text as a new version: a draft, published into the bank, or retired from it."""
    item = session.get(AuthoredDilemma, authored_id)
    if item is None or item.team_id != team_id:
        return Decided("missing")
    latest = _latest(session, item)
    body = item.pending or (latest.body if latest else None) or current_body(session, deps, team_id, item.dilemma_id)
    if body is None:
        return Decided("missing")
    status = {"draft": bank.DRAFT, "publish": bank.PUBLISHED, "retire": bank.RETIRED}[choice]
    number = (session.scalar(select(func.max(AuthoredDilemmaVersion.number)).where(
        AuthoredDilemmaVersion.authored_id == item.id)) or 0) + 1  # fmt: skip
    version = AuthoredDilemmaVersion(
        team_id=team_id, authored_id=item.id, number=number, status=status, body=dict(body),
        changed_by=user_id, changed_at=now,
    )  # fmt: skip
    session.add(version)
    session.flush()
    item.pending = None
    if status != bank.DRAFT:
        item.live_version_id, item.live_status = version.id, status
    return Decided("draft" if status == bank.DRAFT else status, item.dilemma_id, number)  # type: ignore[arg-type]


def schedule_next(session: Session, deps: Deps, *, team_id: str, user_id: str, authored_id: int, channel_id: str,
                  now: datetime) -> Decided:  # fmt: skip
    """Publish the item (if it is not already, as it now reads) and have the channel's next weekly post use it."""
    schedule = schedules.schedule_of(session, team_id, channel_id)
    if schedule is None or schedule.status != "active":
        return Decided("no_schedule")
    item = session.get(AuthoredDilemma, authored_id)
    if item is None or item.team_id != team_id:
        return Decided("missing")
    published = decided = None
    if item.pending is not None or item.live_status != bank.PUBLISHED:
        decided = decide(session, deps, team_id=team_id, user_id=user_id, authored_id=authored_id,
                         choice="publish", now=now)  # fmt: skip
        published = decided.version
    schedule.next_dilemma_id = item.dilemma_id
    return Decided("scheduled", item.dilemma_id, published or 0, schedules.next_due(session, schedule))


def pending_dilemma(session: Session, deps: Deps, team_id: str, authored_id: int) -> Dilemma | None:
    """The item as the preview shows it."""
    item = session.get(AuthoredDilemma, authored_id)
    if item is None or item.team_id != team_id:
        return None
    body = current_body(session, deps, team_id, item.dilemma_id)
    return Dilemma.model_validate(body) if body is not None else None


@dataclass(frozen=True)
class Editable:
    dilemma_id: str
    values: dict[str, str | list[str]]
    question_id: int | None


def editable(session: Session, deps: Deps, team_id: str, authored_id: int) -> Editable | None:
    """What the form shows when the preview's Edit is pressed."""
    item = session.get(AuthoredDilemma, authored_id)
    if item is None or item.team_id != team_id:
        return None
    body = current_body(session, deps, team_id, item.dilemma_id)
    return Editable(item.dilemma_id, form_from_body(body), item.question_id) if body is not None else None


def authored_id_for(session: Session, team_id: str, dilemma_id: str) -> int | None:
    item = authored(session, team_id, dilemma_id)
    return item.id if item else None


def from_question(session: Session, team_id: str, authored_id: int) -> bool:
    item = session.get(AuthoredDilemma, authored_id)
    return item is not None and item.team_id == team_id and item.question_id is not None
