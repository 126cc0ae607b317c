"""The bank-wide rules of `dilemmas.checks`: each passes on a small good bank and fails on a small bad one,
naming file, item and field."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from dilemmas import checks, coverage
from dilemmas.loader import Content, Problem, read_tree
from tests.content.bank import good_bank, option_set, write_bank


def load(root: Path, bank: dict[str, Any]) -> Content:
    content, problems = read_tree(write_bank(root, bank))
    assert problems == [], problems  # the small bank is valid item by item; only the bank-wide rules differ
    return content


@pytest.fixture
def bank() -> dict[str, Any]:
    return copy.deepcopy(good_bank())


def test_the_small_good_bank_passes_every_rule(tmp_path: Path, bank: dict[str, Any]) -> None:
    content = load(tmp_path, bank)
    assert (len(content.cards), len(content.dilemmas)) == (3, 6)
    assert checks.check_bank(content) == []
    pairs = checks.similarities(content)
    assert len(pairs) == 9 * 8 // 2
    assert pairs[0].score <= checks.NEAR_DUPLICATE_ABOVE


def test_a_format_where_the_panels_option_is_longest_too_often_fails(tmp_path: Path, bank: dict[str, Any]) -> None:
    panel = [d for d in bank["dilemmas"] if d["format"] == "on-the-panel"]
    assert len(panel) == 3  # so at most one may have the panel's option longest
    for dilemma in panel[:2]:
        dilemma["options"] = option_set("C")
        dilemma["options"][0]["text"] = "Wait, and say nothing to anyone until someone else raises it with you first."
    content = load(tmp_path, bank)
    problems = checks.check_balance(content)
    assert [(p.item, p.field) for p in problems] == [(d["id"], "panel_view.option") for d in panel[:2]]
    assert all(p.file == str(tmp_path / "bank" / f"{p.item}.yml") for p in problems)
    assert "2 of the 3 'on-the-panel' dilemmas; at most 1" in problems[0].message
    assert checks.check_bank(content) == problems


def test_one_longest_panel_option_in_three_is_allowed(tmp_path: Path, bank: dict[str, Any]) -> None:
    first = next(d for d in bank["dilemmas"] if d["format"] == "what-would-you-do")
    first["options"][0]["text"] = "Wait, and say nothing to anyone until someone else raises it with you first."
    assert checks.check_balance(load(tmp_path, bank)) == []


def test_a_near_duplicate_across_a_card_and_a_dilemma_fails(tmp_path: Path, bank: dict[str, Any]) -> None:
    card = bank["cards"][0]
    bank["dilemmas"][3]["title"] = "Tyres from the fleet garage"
    bank["dilemmas"][3]["scenario"] = card["scenarios"][0] + " His brother later sells the hatchback with them on."
    content = load(tmp_path, bank)
    problems = checks.check_near_duplicates(content)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.file, problem.item, problem.field) == (
        str(tmp_path / "cards" / "hearts.yml"),
        "card 2 of hearts",
        "headline, prompt, scenarios",
    )
    assert "a near-duplicate of small-3" in problem.message
    assert str(tmp_path / "bank" / "small-3.yml") in problem.message
    score = float(problem.message.split("similarity ")[1].split(",")[0])
    assert score > checks.NEAR_DUPLICATE_ABOVE
    assert "above the limit of 0.10" in problem.message


def test_two_dilemmas_alike_are_reported_once_on_the_first(tmp_path: Path, bank: dict[str, Any]) -> None:
    bank["dilemmas"][5]["scenario"] = bank["dilemmas"][4]["scenario"].replace("Trivia", "Pub quiz")
    problems = checks.check_near_duplicates(load(tmp_path, bank))
    assert [(p.item, p.field) for p in problems] == [("small-4", "title, scenario")]
    assert "small-5" in problems[0].message


def test_a_standard_in_too_few_dilemmas_or_cards_fails(tmp_path: Path, bank: dict[str, Any]) -> None:
    for dilemma in bank["dilemmas"][:2]:  # Standard 4 is then in 4 dilemmas
        dilemma["tags"]["standards"].remove(4)
    bank["cards"][0]["tags"]["standards"].remove(5)  # Standard 5 is then on 2 cards
    problems = checks.check_coverage(load(tmp_path, bank))
    assert problems == [
        Problem(
            str(tmp_path / "bank"),
            "Standard 4 (Use of force)",
            "tags.standards",
            "tagged in 4 dilemma(s); at least 5 are needed",
        ),
        Problem(
            str(tmp_path / "cards"),
            "Standard 5 (Orders and instructions)",
            "tags.standards",
            "tagged in 2 card(s); at least 3 are needed",
        ),
    ]


def test_a_theme_with_no_card_and_no_dilemma_fails(tmp_path: Path, bank: dict[str, Any]) -> None:
    owner = next(card for card in bank["cards"] if "cadets" in card["tags"]["themes"])
    owner["tags"]["themes"].remove("cadets")
    problems = checks.check_themes(load(tmp_path, bank))
    assert [(p.item, p.field) for p in problems] == [("theme 'cadets' (Volunteer police cadets)", "tags.themes")]
    assert problems[0].file == f"{tmp_path / 'cards'}, {tmp_path / 'bank'}"
    assert problems[0].message == "no card and no dilemma is tagged with this theme"


def test_a_theme_on_a_dilemma_alone_is_enough(tmp_path: Path, bank: dict[str, Any]) -> None:
    owner = next(card for card in bank["cards"] if "cadets" in card["tags"]["themes"])
    owner["tags"]["themes"].remove("cadets")
    bank["dilemmas"][0]["tags"]["themes"] = ["cadets"]
    assert checks.check_themes(load(tmp_path, bank)) == []


def test_the_report_counts_cards_and_dilemmas_per_standard_principle_topic_and_theme(
    tmp_path: Path, bank: dict[str, Any]
) -> None:
    bank["cards"][1]["tags"]["principles"] = ["courage"]
    bank["dilemmas"][2]["tags"]["topics"] = ["vetting", "complaints"]
    text = coverage.report(load(tmp_path, bank))
    assert text.startswith("3 cards and 6 dilemmas. The panel's option is the longest option in 0 of 3")
    assert "| 4. Use of force | 3 | 6 |" in text
    assert "| Courage | 1 | 0 |" in text
    assert "| Vetting | 0 | 1 |" in text
    assert "| Complaints | 0 | 1 |" in text
    assert "| Volunteer police cadets | 1 | 0 |" in text
    for heading in ("Standards of Professional Behaviour", "Code of Ethics principles", "CPD topics", "Themes"):
        assert f"**{heading}**" in text


def test_the_report_goes_between_its_markers_and_nowhere_else(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\nBefore.\n{coverage.START}\nold tables\n{coverage.END}\nAfter.\n")
    coverage.write_into(readme, "new tables\n")
    assert readme.read_text() == f"# Title\n\nBefore.\n{coverage.START}\nnew tables\n{coverage.END}\nAfter.\n"
    (tmp_path / "plain.md").write_text("no markers\n")
    with pytest.raises(coverage.ReportTargetError):
        coverage.write_into(tmp_path / "plain.md", "tables\n")
