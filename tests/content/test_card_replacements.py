"""An organisation's own suit files replace shipped cards of the same suit and rank: the deck keeps 52 cards."""

from __future__ import annotations

from pathlib import Path

import yaml

from dilemmas.loader import check_content


def _write(root: Path, suit: str, cards: list[dict[str, object]]) -> None:
    (root / "cards").mkdir(parents=True, exist_ok=True)
    (root / "cards" / f"{suit}.yml").write_text(yaml.safe_dump({"suit": suit, "cards": cards}), encoding="utf-8")


def test_a_card_in_the_content_directory_replaces_the_shipped_one(tmp_path: Path) -> None:
    shipped, problems = check_content()
    assert problems == []
    card = shipped.card("spades", "Q").model_dump(mode="json")
    card["headline"] = "Would you query an overtime claim you knew had been padded by your own supervisor?"
    _write(tmp_path, "spades", [card])
    content, problems = check_content(tmp_path)
    assert problems == []
    assert len(content.cards) == 52
    assert content.card("spades", "Q").headline == card["headline"]
    assert content.card("spades", "K") == shipped.card("spades", "K")
    assert content.card_files[("spades", "Q")] == str(tmp_path / "cards" / "spades.yml")


def test_one_card_replaced_twice_is_a_problem(tmp_path: Path) -> None:
    shipped, _ = check_content()
    card = shipped.card("hearts", "2").model_dump(mode="json")
    _write(tmp_path, "hearts", [card, card])
    _, problems = check_content(tmp_path)
    assert [(problem.item, problem.message) for problem in problems] == [
        ("card 2 of hearts", "this card appears twice")
    ]
