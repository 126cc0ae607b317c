"""The coverage report: Markdown tables of what the deck and the bank cover, for the README's content section
(`standards-bot content check --report`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from dilemmas import checks
from dilemmas.loader import Content
from dilemmas.models import Tags
from dilemmas.references import CPD_TOPICS, PRINCIPLES, STANDARDS, THEMES

START = "<!-- content-report:start -->"
END = "<!-- content-report:end -->"


class ReportTargetError(Exception):
    """The file to write the report into lacks the markers that say where it goes."""


def report(content: Content, pairs: list[checks.Pair] | None = None) -> str:
    pairs = checks.similarities(content) if pairs is None else pairs
    sections = [
        _summary(content, pairs),
        _table(
            "Standards of Professional Behaviour",
            "Standard",
            f"at least {checks.MIN_CARDS_PER_STANDARD} cards and {checks.MIN_DILEMMAS_PER_STANDARD} dilemmas each",
            {str(number): f"{number}. {name}" for number, name in STANDARDS.items()},
            content,
            lambda tags: [str(number) for number in tags.standards],
        ),
        _table("Code of Ethics principles", "Principle", None, PRINCIPLES, content, lambda tags: tags.principles),
        _table("CPD topics", "CPD topic", None, CPD_TOPICS, content, lambda tags: tags.topics),
        _table("Themes", "Theme", "each in at least one card or dilemma", THEMES, content, lambda tags: tags.themes),
    ]
    return "\n\n".join(sections) + "\n"


def _summary(content: Content, pairs: list[checks.Pair]) -> str:
    balance = []
    for fmt in checks.FORMATS:
        longest, total = checks.panel_longest(content, fmt)
        balance.append(f"{len(longest)} of {total} `{fmt}` (at most {checks.balance_limit(total)})")
    top = f"{pairs[0].score:.3f}" if pairs else "none"
    over = sum(1 for pair in pairs if pair.score > checks.NEAR_DUPLICATE_ABOVE)
    return (
        f"{len(content.cards)} cards and {len(content.dilemmas)} dilemmas. The panel's option is the longest option "
        f"in {' and '.join(balance)} dilemmas. The most similar pair of items scores {top}; "
        f"{over} pair(s) score above {checks.NEAR_DUPLICATE_ABOVE:.2f}."
    )


def _table(
    title: str,
    column: str,
    rule: str | None,
    catalogue: Mapping[str, str],
    content: Content,
    keys_of: Callable[[Tags], list[str]],
) -> str:
    heading = f"**{title}**" + (f" ({rule})" if rule else "")
    lines = [heading, "", f"| {column} | cards | dilemmas |", "| --- | ---: | ---: |"]
    for key, name in catalogue.items():
        cards = sum(1 for card in content.cards.values() if key in keys_of(card.tags))
        dilemmas = sum(1 for dilemma in content.dilemmas.values() if key in keys_of(dilemma.tags))
        lines.append(f"| {name} | {cards} | {dilemmas} |")
    return "\n".join(lines)


def write_into(path: Path, text: str) -> None:
    """Replace what lies between the report's markers in `path` (a README) with `text`."""
    document = path.read_text(encoding="utf-8")
    start, end = document.find(START), document.find(END)
    if start < 0 or end < start:
        raise ReportTargetError(f"{path} has no {START} … {END} markers to write the report between")
    path.write_text(document[: start + len(START)] + "\n" + text + document[end:], encoding="utf-8")
