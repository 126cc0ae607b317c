"""A small bank written into a directory, good by every rule of `dilemmas.checks`, that a test can spoil."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from dilemmas.references import THEMES

ALL_STANDARDS = list(range(1, 11))

# Texts that share no word that counts (stop words aside), so no two items are alike.
CARD_TEXTS: list[tuple[str, str, str]] = [
    (
        "Would you report a tyre swapped from the fleet garage?",
        "Mechanics whisper; invoices remember.",
        "A mechanic fits pool vehicle tyres onto his brother's hatchback during weekend overtime.",
    ),
    (
        "Could you ignore a sergeant snoring through nights?",
        "Fatigue spreads quietly across rotas.",
        "Dozing behind locked custody doors, an exhausted supervisor leaves detainees unchecked until dawn.",
    ),
    (
        "Should your drone footage reach a neighbour's podcast?",
        "Aerial clips travel astonishingly fast.",
        "Thermal recordings from a rooftop search surface weeks later on amateur true-crime episodes.",
    ),
]

DILEMMA_TEXTS: list[tuple[str, str]] = [
    (
        "Harbour parking permits",
        "Marina berth holders receive complimentary parking passes stamped by a harbourmaster who regularly "
        "invites inspectors sailing. Nobody asked whether accepting them breaches gift registers.",
    ),
    (
        "Bingo hall raffle",
        "Pensioners organising bingo evenings donate raffle tickets to beat patrols. Someone notices winners "
        "seem always uniformed, prompting murmurs among volunteers about fixing draws.",
    ),
    (
        "Allotment shed keys",
        "Gardeners complain padlocks vanished following property seizures; cannabis plants were bagged yet "
        "tools, seeds and keys disappeared without exhibit labels or receipts.",
    ),
    (
        "Translator invoices",
        "Interpreting agencies bill Lithuanian sessions nobody attended. Spreadsheet totals double quarterly "
        "while a finance clerk approves claims countersigned by his cousin.",
    ),
    (
        "Quiz night photographs",
        "Trivia teams post pictures showing trophies beside confiscated fireworks. Captions joke about "
        "evidence lockers doubling as prize cupboards; regulars retweet gleefully.",
    ),
    (
        "Stables overnight",
        "Mounted branch grooms sleep beside horses during heatwaves, claiming unpaid hours. Veterinary "
        "bills mention sedatives ordered privately through a farrier's account.",
    ),
]


def option_set(panel: str) -> list[dict[str, str]]:
    """Four options; the panel's has the shortest text, so it never gives itself away by length."""
    texts = {
        "A": "Say nothing for now and wait to see.",
        "B": "Ask the person directly what happened there.",
        "C": "Tell a supervisor about it today, in person.",
        "D": "Put it in writing to professional standards.",
    }
    options = [{"key": key, "label": f"Choice {key}", "text": text} for key, text in texts.items()]
    for option in options:
        if option["key"] == panel:
            option["text"] = "Report it."
    return options


def card(rank: str, headline: str, prompt: str, scenario: str, themes: list[str]) -> dict[str, Any]:
    return {
        "rank": rank,
        "headline": headline,
        "prompt": prompt,
        "scenarios": [scenario],
        "questions": ["What would you do first?", "Who else needs to know?"],
        "why_it_matters": "Public confidence rests on small choices made when nobody seems to be watching.",
        "tags": {"standards": list(ALL_STANDARDS), "themes": list(themes)},
        "signposts": ["line-manager"],
    }


def dilemma(number: int, title: str, scenario: str, fmt: str) -> dict[str, Any]:
    return {
        "id": f"small-{number}",
        "title": title,
        "format": fmt,
        "scenario": scenario,
        "options": option_set("A"),
        "prompts": ["What are the risks of each choice?", "What would you want a colleague to do?"],
        "panel_view": {
            "option": "A",
            "reasoning": "The panel weighed the harm, the evidence and the duty to report, and chose the "
            "plainest route that protects the public and the people involved.",
        },
        "tags": {"standards": list(ALL_STANDARDS)},
        "signposts": ["line-manager"],
    }


def good_bank() -> dict[str, Any]:
    themes = list(THEMES)
    cards = [card(str(n + 2), *texts, themes=themes[n::3]) for n, texts in enumerate(CARD_TEXTS)]
    formats = ["on-the-panel", "what-would-you-do"]
    dilemmas = [dilemma(n, title, text, formats[n % 2]) for n, (title, text) in enumerate(DILEMMA_TEXTS)]
    return {"cards": cards, "dilemmas": dilemmas}


def write_bank(root: Path, bank: dict[str, Any]) -> Path:
    (root / "cards").mkdir(parents=True, exist_ok=True)
    (root / "bank").mkdir(parents=True, exist_ok=True)
    (root / "signposts.yml").write_text(
        yaml.safe_dump({"line-manager": {"name": "Your line manager", "detail": "Talk to them early."}})
    )
    (root / "cards" / "hearts.yml").write_text(yaml.safe_dump({"suit": "hearts", "cards": bank["cards"]}))
    for item in bank["dilemmas"]:
        (root / "bank" / f"{item['id']}.yml").write_text(yaml.safe_dump(item))
    return root
