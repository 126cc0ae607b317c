"""Rules for the bank as a whole that a trainer would apply: no guessable answers, no near-duplicates, every
Standard and theme covered. `standards-bot content check` runs them after loading; the bot itself does not,
so an organisation's own items never stop it from starting."""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from dilemmas.loader import Content, Problem
from dilemmas.models import Card
from dilemmas.references import STANDARDS, THEMES

FORMATS: tuple[str, ...] = ("on-the-panel", "what-would-you-do")
NEAR_DUPLICATE_ABOVE = 0.10
MIN_DILEMMAS_PER_STANDARD = 5
MIN_CARDS_PER_STANDARD = 3
MEASURE = (
    "TF-IDF over each item's text (cards: headline, prompt and scenarios; dilemmas: title and scenario), "
    "English stop words removed, sublinear term frequency, words and word pairs; cosine similarity of every "
    "pair of items, cards and dilemmas together"
)
CARD_FIELDS = "headline, prompt, scenarios"
DILEMMA_FIELDS = "title, scenario"


@dataclass(frozen=True)
class Item:
    name: str
    file: str
    fields: str
    text: str


@dataclass(frozen=True)
class Pair:
    score: float
    first: Item
    second: Item


def card_name(suit: str, rank: str) -> str:
    return f"card {rank} of {suit}"  # as the loader names cards


def items(content: Content) -> list[Item]:
    found = [
        Item(card_name(suit, rank), content.card_files.get((suit, rank), "-"), CARD_FIELDS, _card_text(card))
        for (suit, rank), card in content.cards.items()
    ]
    found += [
        Item(dilemma_id, content.dilemma_files.get(dilemma_id, "-"), DILEMMA_FIELDS, f"{d.title} {d.scenario}")
        for dilemma_id, d in content.dilemmas.items()
    ]
    return found


def _card_text(card: Card) -> str:
    return " ".join([card.headline, card.prompt, *card.scenarios])


def load_similarity_measure() -> None:
    """Import scikit-learn now: its first import takes seconds, which a form's answer (3 s at most) cannot spare.
    A web server calls this before it starts its workers, so that each has it already and none spends those
    seconds while it serves."""
    try:
        for module in ("sklearn.feature_extraction.text", "sklearn.metrics.pairwise"):
            importlib.import_module(module)
    except ImportError:  # the checks say so themselves when they run
        return


def similarities(content: Content) -> list[Pair]:
    """Every pair of items with its similarity, most similar first."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # imported here: slow, and only checks need it
    from sklearn.metrics.pairwise import cosine_similarity

    every = items(content)
    if len(every) < 2:
        return []
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, ngram_range=(1, 2))
    try:
        matrix = vectorizer.fit_transform([item.text for item in every])
    except ValueError:  # nothing but stop words anywhere: no two texts share a word that counts
        return []
    scores = cosine_similarity(matrix)
    pairs = [Pair(float(scores[i, j]), every[i], every[j]) for i, j in itertools.combinations(range(len(every)), 2)]
    return sorted(pairs, key=lambda pair: pair.score, reverse=True)


def check_near_duplicates(content: Content, pairs: list[Pair] | None = None) -> list[Problem]:
    pairs = similarities(content) if pairs is None else pairs
    return [
        Problem(
            pair.first.file,
            pair.first.name,
            pair.first.fields,
            f"a near-duplicate of {pair.second.name} ({pair.second.file}): similarity {pair.score:.3f}, "
            f"above the limit of {NEAR_DUPLICATE_ABOVE:.2f}",
        )
        for pair in pairs
        if pair.score > NEAR_DUPLICATE_ABOVE
    ]


def panel_longest(content: Content, fmt: str) -> tuple[list[str], int]:
    """The dilemmas of a format whose panel's option is the longest option text (on a tie, the first listed),
    and how many dilemmas the format has."""
    of_format = [d for d in content.dilemmas.values() if d.format == fmt]
    longest = [
        d.id for d in of_format if max(d.options, key=lambda option: len(option.text)).key == d.panel_view.option
    ]
    return longest, len(of_format)


def balance_limit(total: int) -> int:
    return total // 3


def check_balance(content: Content) -> list[Problem]:
    problems: list[Problem] = []
    for fmt in FORMATS:
        longest, total = panel_longest(content, fmt)
        if len(longest) <= balance_limit(total):
            continue
        for dilemma_id in longest:
            problems.append(
                Problem(
                    content.dilemma_files.get(dilemma_id, "-"),
                    dilemma_id,
                    "panel_view.option",
                    f"the panel's option is the longest option text, as in {len(longest)} of the {total} "
                    f"{fmt!r} dilemmas; at most {balance_limit(total)} (a third) may be, or the answer is guessable",
                )
            )
    return problems


def check_coverage(content: Content) -> list[Problem]:
    problems: list[Problem] = []
    for number, name in STANDARDS.items():
        dilemmas = sum(1 for d in content.dilemmas.values() if number in d.tags.standards)
        cards = sum(1 for c in content.cards.values() if number in c.tags.standards)
        item = f"Standard {number} ({name})"
        if dilemmas < MIN_DILEMMAS_PER_STANDARD:
            problems.append(
                Problem(
                    _folders(content.dilemma_files.values(), "dilemmas/bank"),
                    item,
                    "tags.standards",
                    f"tagged in {dilemmas} dilemma(s); at least {MIN_DILEMMAS_PER_STANDARD} are needed",
                )
            )
        if cards < MIN_CARDS_PER_STANDARD:
            problems.append(
                Problem(
                    _folders(content.card_files.values(), "dilemmas/cards"),
                    item,
                    "tags.standards",
                    f"tagged in {cards} card(s); at least {MIN_CARDS_PER_STANDARD} are needed",
                )
            )
    return problems


def check_themes(content: Content) -> list[Problem]:
    used = {theme for c in content.cards.values() for theme in c.tags.themes}
    used |= {theme for d in content.dilemmas.values() for theme in d.tags.themes}
    where = ", ".join(
        [
            _folders(content.card_files.values(), "dilemmas/cards"),
            _folders(content.dilemma_files.values(), "dilemmas/bank"),
        ]
    )
    return [
        Problem(where, f"theme {key!r} ({name})", "tags.themes", "no card and no dilemma is tagged with this theme")
        for key, name in THEMES.items()
        if key not in used
    ]


def check_bank(content: Content, pairs: list[Pair] | None = None) -> list[Problem]:
    """Every rule of this module, in the order the README lists them."""
    return [
        *check_balance(content),
        *check_near_duplicates(content, pairs),
        *check_coverage(content),
        *check_themes(content),
    ]


def _folders(files: Iterable[str], default: str) -> str:
    folders = sorted({str(PurePath(file).parent) for file in files if file != "-"})
    return ", ".join(folders) if folders else default
