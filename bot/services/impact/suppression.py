"""Small numbers never single anyone out.

A figure from fewer than five people is shown as "fewer than 5". Where cells add up to a total that is shown,
one hidden cell could be worked out by subtraction, so more cells are withheld (the smallest first) until no
hidden small cell has a single possible value; if that cannot be done, the total is withheld instead.
"""

from __future__ import annotations

import statistics
from collections.abc import Collection, Mapping, Sequence

from bot.services.impact.figures import Value

MINIMUM = 5


def count(number: int) -> Value:
    """A count of people or of what people did."""
    return Value(float(number)) if number >= MINIMUM else Value(None, "small")


def tally(number: int) -> Value:
    """A count of things the standards team made (posts, events): nobody's action, never hidden."""
    return Value(float(number))


def share(part: int, whole: int) -> Value:
    """A percentage, shown only when both the part and the whole come from five people or more."""
    if whole == 0:
        return Value(None, "none", "percent")
    if part < MINIMUM or whole < MINIMUM:
        return Value(None, "small", "percent")
    return Value(100.0 * part / whole, unit="percent")


def mean(numbers: Sequence[float], unit: str = "mean") -> Value:
    if not numbers:
        return Value(None, "none", unit)  # type: ignore[arg-type]
    if len(numbers) < MINIMUM:
        return Value(None, "small", unit)  # type: ignore[arg-type]
    return Value(float(statistics.fmean(numbers)), unit=unit)  # type: ignore[arg-type]


def median(numbers: Sequence[float], unit: str = "days") -> Value:
    if not numbers:
        return Value(None, "none", unit)  # type: ignore[arg-type]
    if len(numbers) < MINIMUM:
        return Value(None, "small", unit)  # type: ignore[arg-type]
    return Value(float(statistics.median(numbers)), unit=unit)  # type: ignore[arg-type]


def rate(part: int, whole: int, per: int = 100) -> Value:
    """`part` people for every `per` of `whole` (ambassadors per 100 staff): hidden when `part` is small."""
    if whole <= 0:
        return Value(None, "none", "rate")
    if part < MINIMUM:
        return Value(None, "small", "rate")
    return Value(per * part / whole, unit="rate")


def protect(
    cells: Mapping[str, int], total: int | None = None, *, known: Collection[str] = ()
) -> tuple[dict[str, Value], Value]:
    """The cells of one breakdown and their total, hidden so that no small cell can be worked out. `known` cells
    are not shown, but someone could know them all the same (the ambassadors outside any department with a
    headcount, say), so they are counted as shown when asking what could be worked out."""
    total = sum(cells.values()) if total is None else total
    status = {key: "shown" if number >= MINIMUM or key in known else "small" for key, number in cells.items()}
    total_shown = total >= MINIMUM
    if total_shown:
        while _exposed(cells, status, total):
            open_cells = [key for key in cells if status[key] == "shown" and key not in known]
            if not open_cells:
                total_shown = False
                break
            status[min(open_cells, key=lambda key: (cells[key], key))] = "withheld"
    values = {
        key: Value(float(cells[key])) if state == "shown" else Value(None, state)  # type: ignore[arg-type]
        for key, state in status.items()
    }
    if total_shown:
        return values, Value(float(total))
    return values, Value(None, "small" if total < MINIMUM else "withheld")


def _exposed(cells: Mapping[str, int], status: Mapping[str, str], total: int) -> bool:
    """Whether someone who knows the rule, the total and the shown cells could pin down a small cell."""
    hidden = [key for key, state in status.items() if state != "shown"]
    if not hidden:
        return False
    rest = total - sum(cells[key] for key, state in status.items() if state == "shown")
    bounds = {key: (0, MINIMUM - 1) if status[key] == "small" else (MINIMUM, rest) for key in hidden}
    for key in hidden:
        if status[key] != "small":
            continue
        others = [bounds[other] for other in hidden if other != key]
        lowest = max(0, rest - sum(high for _, high in others))
        highest = min(MINIMUM - 1, rest - sum(low for low, _ in others))
        if lowest >= highest:
            return True
    return False
