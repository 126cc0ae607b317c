"""Small numbers never single anyone out: the rule for one cell, and an attacker who tries to work a hidden cell
out from the total and the cells shown beside it."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.services.impact import suppression as rule
from bot.services.impact.figures import Value
from bot.texts.impact import show


def test_a_figure_from_four_people_is_fewer_than_5_and_from_five_is_shown() -> None:
    assert show(rule.count(4)) == "fewer than 5"
    assert rule.count(4).number is None
    assert show(rule.count(5)) == "5"
    assert show(rule.mean([4, 4, 5, 3])) == "fewer than 5"
    assert show(rule.mean([4, 4, 5, 3, 4])) == "4.0"
    assert show(rule.share(4, 50)) == "fewer than 5"
    assert show(rule.share(5, 50)) == "10%"


def test_a_lone_small_cell_beside_a_total_takes_another_with_it() -> None:
    cells, total = rule.protect({"bullying": 6, "corruption": 3})
    assert show(total) == "9"
    assert show(cells["corruption"]) == "fewer than 5"
    assert show(cells["bullying"]) == "withheld"  # else 9 - 6 = 3 would give it away


def test_the_smallest_shown_cell_is_the_one_withheld() -> None:
    cells, total = rule.protect({"a": 40, "b": 7, "c": 2})
    assert [show(cells[key]) for key in "abc"] == ["40", "withheld", "fewer than 5"]
    assert show(total) == "49"


def test_two_small_cells_of_four_would_add_up_to_eight_so_a_third_is_withheld() -> None:
    cells, _ = rule.protect({"a": 4, "b": 4, "c": 10, "d": 30})
    assert show(cells["c"]) == "withheld"
    assert show(cells["d"]) == "30"


def test_a_total_from_fewer_than_five_is_hidden_too() -> None:
    cells, total = rule.protect({"a": 3, "b": 0})
    assert show(total) == "fewer than 5"
    assert all(value.number is None for value in cells.values())


def recover(shown: dict[str, Value], total: Value) -> dict[str, set[int]]:
    """Everything an attacker who knows the rule can tell about each hidden small cell: the values it may have."""
    assert total.number is not None
    hidden = [key for key, value in shown.items() if not value.shown]
    rest = int(total.number) - sum(int(value.number or 0) for value in shown.values() if value.shown)
    ranges = [range(0, 5) if shown[key].status == "small" else range(5, rest + 1) for key in hidden]
    possible: dict[str, set[int]] = {key: set() for key in hidden}
    for guess in itertools.product(*ranges):
        if sum(guess) == rest:
            for key, number in zip(hidden, guess, strict=True):
                possible[key].add(number)
    return {key: numbers for key, numbers in possible.items() if shown[key].status == "small"}


def test_the_attacker_pins_down_a_cell_when_only_the_small_one_is_hidden() -> None:
    naive = {"bullying": Value(6.0), "corruption": Value(None, "small")}
    assert recover(naive, Value(9.0)) == {"corruption": {3}}  # what the rule exists to stop


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=25), min_size=1, max_size=5))
def test_no_hidden_small_cell_can_be_worked_out_from_the_total(numbers: list[int]) -> None:
    cells = {f"cell{index}": number for index, number in enumerate(numbers)}
    shown, total = rule.protect(cells)
    for key, value in shown.items():
        if cells[key] < 5:
            assert value.status == "small"
        if value.shown:
            assert value.number == cells[key]
    if not total.shown:
        assert total.number is None
        return
    assert total.number == sum(numbers)
    for key, possible in recover(shown, total).items():
        assert cells[key] in possible
        assert len(possible) >= 2, f"{key} could be worked out as {possible}"
