"""The period a report covers, as people type it, and the period it is compared with."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from bot.services.impact.period import Period, PeriodError, month_so_far, parse
from bot.texts.impact import period_label

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("words", "start", "end", "label", "before"),
    [
        ([], date(2026, 11, 1), date(2026, 12, 1), "November 2026", "October 2026"),
        (["2026-10"], date(2026, 10, 1), date(2026, 11, 1), "October 2026", "September 2026"),
        (["2026-07", "2026-09"], date(2026, 7, 1), date(2026, 10, 1), "July 2026 to September 2026",
         "April 2026 to June 2026"),
        (["2026-10-01", "2026-10-15"], date(2026, 10, 1), date(2026, 10, 16), "1 Oct 2026 to 15 Oct 2026",
         "1 Sep 2026 to 15 Sep 2026"),
        (["2026-10-10", "2026-10-19"], date(2026, 10, 10), date(2026, 10, 20), "10 Oct 2026 to 19 Oct 2026",
         "30 Sep 2026 to 9 Oct 2026"),
        (["2026-01", "2026-01-31"], date(2026, 1, 1), date(2026, 2, 1), "January 2026", "December 2025"),
    ],
)  # fmt: skip
def test_periods_as_typed_and_the_period_before(
    words: list[str], start: date, end: date, label: str, before: str
) -> None:
    period = parse(words, TODAY, LONDON)
    assert (period.start, period.end) == (start, end)
    assert period_label(period.start, period.end) == label
    previous = period.previous()
    assert period_label(previous.start, previous.end) == before


@pytest.mark.parametrize("words", [["last-month"], ["2026-13"], ["2026-10", "2026-09"], ["2020-01", "2026-01"],
                                   ["2026-10", "2026-11", "2026-12"], ["2026-02-30"]])  # fmt: skip
def test_words_that_name_no_period_are_refused(words: list[str]) -> None:
    with pytest.raises(PeriodError):
        parse(words, TODAY, LONDON)


def test_the_month_so_far_is_compared_with_the_same_days_a_month_before() -> None:
    period = month_so_far(TODAY, LONDON)
    assert (period.start, period.end) == (date(2026, 12, 1), date(2026, 12, 3))
    assert period.previous() == Period(date(2026, 11, 1), date(2026, 11, 3), LONDON)


def test_bounds_are_local_midnights_across_a_clock_change() -> None:
    start, end = Period(date(2026, 10, 1), date(2026, 11, 1), LONDON).bounds()
    assert (start.hour, end.hour) == (23, 0)  # BST at the start of October, GMT at the start of November
