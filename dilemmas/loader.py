"""Load and validate the deck, the dilemma bank and the signposts, naming file, item and field of each problem."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from dilemmas.models import Card, Dilemma, Signpost
from dilemmas.references import CPD_TOPICS, RANKS, STANDARDS, SUITS

PACKAGE_DIR = Path(__file__).resolve().parent
MIN_DILEMMAS = 52

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    file: str
    item: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.item}: {self.field}: {self.message}"


class ContentError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the content")
        self.problems = problems


@dataclass
class Content:
    cards: dict[tuple[str, str], Card] = field(default_factory=dict)
    dilemmas: dict[str, Dilemma] = field(default_factory=dict)
    signposts: dict[str, Signpost] = field(default_factory=dict)  # the routes that apply in this organisation
    dilemma_files: dict[str, str] = field(default_factory=dict)
    card_files: dict[tuple[str, str], str] = field(default_factory=dict)
    known_signposts: dict[str, Signpost] = field(default_factory=dict)  # every route an item may name

    def card(self, suit: str, rank: str) -> Card:
        return self.cards[(suit, rank)]


def load_content(extra_dir: Path | None = None, signposts: Collection[str] | None = None) -> Content:
    """Load the packaged content plus an organisation's own directory; raise ContentError on any problem.

    `signposts` are the keys of the routes that apply in the organisation; None means every route that is not
    marked `opt_in` (a service only some organisations subscribe to)."""
    content, problems = check_content(extra_dir, signposts)
    if problems:
        raise ContentError(problems)
    return content


def check_content(
    extra_dir: Path | None = None, signposts: Collection[str] | None = None
) -> tuple[Content, list[Problem]]:
    content = Content()
    problems: list[Problem] = []
    _load_signposts(PACKAGE_DIR / "signposts.yml", content, problems)
    if extra_dir is not None and (extra_dir / "signposts.yml").is_file():
        _load_signposts(extra_dir / "signposts.yml", content, problems)
    _choose_signposts(content, signposts, problems)
    for path in sorted((PACKAGE_DIR / "cards").glob("*.yml")):
        _load_suit(path, content, problems)
    if extra_dir is not None:
        # An organisation's own suit files replace the shipped cards of the same suit and rank: the deck keeps 52.
        replaced: set[tuple[str, str]] = set()
        for path in sorted((extra_dir / "cards").glob("*.yml")):
            _load_suit(path, content, problems, replaced)
    bank_dirs = [PACKAGE_DIR / "bank"]
    if extra_dir is not None:
        if not extra_dir.is_dir():
            problems.append(Problem(str(extra_dir), "-", "-", "the content directory does not exist"))
        bank_dirs.append(extra_dir / "bank")
    for bank in bank_dirs:
        for path in sorted(bank.glob("*.yml")):
            _load_dilemma(path, content, problems)
    _check_whole(content, problems)
    return content, problems


def read_tree(root: Path) -> tuple[Content, list[Problem]]:
    """Only what one directory holds (`cards/*.yml`, `bank/*.yml`, `signposts.yml`), without the packaged
    content and without the rules for a whole deck and bank: a small bank to check on its own."""
    content = Content()
    problems: list[Problem] = []
    if (root / "signposts.yml").is_file():
        _load_signposts(root / "signposts.yml", content, problems)
    _choose_signposts(content, None, problems)
    for path in sorted((root / "cards").glob("*.yml")):
        _load_suit(path, content, problems)
    for path in sorted((root / "bank").glob("*.yml")):
        _load_dilemma(path, content, problems)
    return content, problems


SIGNPOSTS_SETTING = "STANDARDS_BOT_SIGNPOSTS"


def _choose_signposts(content: Content, chosen: Collection[str] | None, problems: list[Problem]) -> None:
    known = content.known_signposts
    if chosen is None:
        content.signposts = {key: signpost for key, signpost in known.items() if not signpost.opt_in}
        return
    for key in chosen:
        if key not in known:
            problems.append(Problem(SIGNPOSTS_SETTING, key, "-", f"unknown signpost; use one of {sorted(known)}"))
    content.signposts = {key: known[key] for key in chosen if key in known}


# libyaml's safe loader when PyYAML was built with it: the same documents, parsed about ten times faster, which
# is most of the time any process of the bot takes to start.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path, problems: list[Problem]) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.append(Problem(_name(path), "-", "-", f"cannot be read as YAML: {exc}"))
        return None


def _name(path: Path) -> str:
    try:
        return str(path.relative_to(PACKAGE_DIR.parent))
    except ValueError:
        return str(path)


def _add_validation_problems(path: Path, item: str, exc: ValidationError, problems: list[Problem]) -> None:
    for error in exc.errors():
        location = ".".join(str(part) for part in error["loc"]) or "-"
        problems.append(Problem(_name(path), item, location, error["msg"]))


def _validate(model: type[M], data: Any, path: Path, item: str, problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        _add_validation_problems(path, item, exc, problems)
        return None


def _load_signposts(path: Path, content: Content, problems: list[Problem]) -> None:
    data = _read_yaml(path, problems)
    if data is None:
        return
    try:
        content.known_signposts.update(TypeAdapter(dict[str, Signpost]).validate_python(data))
    except ValidationError as exc:
        _add_validation_problems(path, "signposts", exc, problems)


def _load_suit(
    path: Path, content: Content, problems: list[Problem], replaced: set[tuple[str, str]] | None = None
) -> None:
    """A suit file's cards; with `replaced`, each replaces the card already loaded of its suit and rank (and
    `replaced` gathers them, so that one card given twice is still an error)."""
    data = _read_yaml(path, problems)
    if not isinstance(data, dict):
        if data is not None:
            problems.append(Problem(_name(path), "-", "-", "expected a mapping with 'suit' and 'cards'"))
        return
    cards = data.get("cards")
    if not isinstance(cards, list):
        problems.append(Problem(_name(path), "-", "cards", "expected a list of cards"))
        return
    suit = data.get("suit")
    if suit not in SUITS:
        problems.append(Problem(_name(path), "-", "suit", f"unknown suit {suit!r}; use one of {list(SUITS)}"))
        return
    extra = set(data) - {"suit", "cards"}
    if extra:
        problems.append(Problem(_name(path), "-", ",".join(sorted(extra)), "unknown field"))
    for index, raw in enumerate(cards):
        rank = raw.get("rank") if isinstance(raw, dict) else None
        item = f"card {rank or '#' + str(index + 1)} of {suit}"
        card = _validate(Card, raw, path, item, problems)
        if card is None:
            continue
        if (suit, card.rank) in (content.cards if replaced is None else replaced):
            problems.append(Problem(_name(path), item, "rank", "this card appears twice"))
            continue
        if replaced is not None:
            replaced.add((suit, card.rank))
        content.cards[(suit, card.rank)] = card
        content.card_files[(suit, card.rank)] = _name(path)


def _load_dilemma(path: Path, content: Content, problems: list[Problem]) -> None:
    data = _read_yaml(path, problems)
    item = data.get("id", path.stem) if isinstance(data, dict) else path.stem
    dilemma = _validate(Dilemma, data, path, str(item), problems)
    if dilemma is None:
        return
    if dilemma.id in content.dilemmas:
        first = content.dilemma_files[dilemma.id]
        problems.append(Problem(_name(path), dilemma.id, "id", f"the same id is already used in {first}"))
        return
    content.dilemmas[dilemma.id] = dilemma
    content.dilemma_files[dilemma.id] = _name(path)


def _check_whole(content: Content, problems: list[Problem]) -> None:
    deck_file = _name(PACKAGE_DIR / "cards")
    for suit in SUITS:
        for rank in RANKS:
            if (suit, rank) not in content.cards:
                problems.append(Problem(deck_file, f"card {rank} of {suit}", "-", "missing from the deck"))
    for (suit, rank), card in content.cards.items():
        for key in card.signposts:
            if key not in content.known_signposts:
                problems.append(Problem(deck_file, f"card {rank} of {suit}", "signposts", f"unknown signpost {key!r}"))
    for dilemma_id, dilemma in content.dilemmas.items():
        for key in dilemma.signposts:
            if key not in content.known_signposts:
                problems.append(
                    Problem(content.dilemma_files[dilemma_id], dilemma_id, "signposts", f"unknown signpost {key!r}")
                )
    bank_file = _name(PACKAGE_DIR / "bank")
    if len(content.dilemmas) < MIN_DILEMMAS:
        problems.append(
            Problem(
                bank_file, "-", "-", f"the bank holds {len(content.dilemmas)} dilemmas; a year needs {MIN_DILEMMAS}"
            )
        )
    used_topics = {topic for d in content.dilemmas.values() for topic in d.tags.topics}
    for topic in CPD_TOPICS:
        if topic not in used_topics:
            problems.append(Problem(bank_file, "-", "tags.topics", f"no dilemma covers the CPD topic {topic!r}"))
    used_standards = {number for d in content.dilemmas.values() for number in d.tags.standards}
    for number in STANDARDS:
        if number not in used_standards:
            problems.append(Problem(bank_file, "-", "tags.standards", f"no dilemma covers Standard {number}"))
    formats = {d.format for d in content.dilemmas.values()}
    for fmt in ("on-the-panel", "what-would-you-do"):
        if content.dilemmas and fmt not in formats:
            problems.append(Problem(bank_file, "-", "format", f"no dilemma in the {fmt!r} format"))
