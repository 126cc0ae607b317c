"""Choosing a channel's next dilemma: by format and tags, and no repeats until the bank is used up.

Pure functions over the loaded bank and the channel's history, so they can be tested without a database.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from dilemmas.models import Dilemma
from dilemmas.references import CPD_TOPICS, NDM_STAGES, PRINCIPLES, STANDARDS

FORMATS = ("on-the-panel", "what-would-you-do")


def known_tags() -> list[str]:
    """Every tag a schedule may name: CPD topics, principles, decision-model stages, and standard-1 … standard-10."""
    return [*CPD_TOPICS, *PRINCIPLES, *NDM_STAGES, *(f"standard-{number}" for number in STANDARDS)]


def unknown_tags(tags: Iterable[str]) -> list[str]:
    catalogue = set(known_tags())
    return [tag for tag in tags if tag not in catalogue]


def tags_of(dilemma: Dilemma) -> set[str]:
    tags = dilemma.tags
    return {*tags.topics, *tags.principles, *tags.ndm, *(f"standard-{number}" for number in tags.standards)}


def matching(bank: Mapping[str, Dilemma], *, fmt: str | None = None, tags: Sequence[str] = ()) -> list[Dilemma]:
    """Dilemmas in the format (any if None) that carry at least one of the tags (any if none given)."""
    wanted = set(tags)
    return [
        dilemma
        for dilemma in bank.values()
        if (fmt is None or dilemma.format == fmt) and (not wanted or wanted & tags_of(dilemma))
    ]


def choose_next(
    bank: Mapping[str, Dilemma],
    history: Sequence[str],
    *,
    fmt: str | None = None,
    tags: Sequence[str] = (),
    seed: str = "",
) -> Dilemma | None:
    """The next dilemma for a channel whose past posts are `history` (oldest first), or None if none match.

    A dilemma the channel has had fewer times always comes first, so nothing repeats until every match has
    been used; among equals, the one used longest ago, then an order shuffled by `seed` (the channel), so
    that two channels do not walk the bank in the same order."""
    candidates = matching(bank, fmt=fmt, tags=tags)
    if not candidates:
        return None
    times_used = Counter(history)
    last_used = {dilemma_id: index for index, dilemma_id in enumerate(history)}

    def rank(dilemma: Dilemma) -> tuple[int, int, str]:
        shuffled = hashlib.sha256(f"{seed}:{dilemma.id}".encode()).hexdigest()
        return times_used[dilemma.id], last_used.get(dilemma.id, -1), shuffled

    return min(candidates, key=rank)
