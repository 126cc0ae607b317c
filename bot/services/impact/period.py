"""The period a report covers: whole days in the organisation's time zone, and the period it is compared with."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def add_months(day: date, months: int) -> date:
    """The first of the month `months` after `day`'s month (negative: before)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """From `start` (included) to `end` (excluded), both local days."""

    start: date
    end: date
    tz: ZoneInfo

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def whole_months(self) -> int:
        """How many calendar months it spans exactly, or 0 when it does not begin and end on the first."""
        if self.start.day != 1 or self.end.day != 1:
            return 0
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month

    def bounds(self) -> tuple[datetime, datetime]:
        return self.instant(self.start), self.instant(self.end)

    def instant(self, day: date) -> datetime:
        return datetime(day.year, day.month, day.day, tzinfo=self.tz).astimezone(UTC)

    def contains(self, moment: datetime) -> bool:
        start, end = self.bounds()
        return start <= moment < end

    def months(self) -> list[date]:
        """The first day of every month the period touches."""
        first, months = self.start.replace(day=1), []
        while first < self.end:
            months.append(first)
            first = add_months(first, 1)
        return months

    def previous(self) -> Period:
        """Whole months are compared with as many months before; a month so far with the same days a month
        before; any other span with the same number of days just before it."""
        if self.whole_months:
            return Period(add_months(self.start, -self.whole_months), self.start, self.tz)
        if self.start.day == 1 and self.end <= add_months(self.start, 1):
            start = add_months(self.start, -1)
            return Period(start, min(start + timedelta(days=self.days), self.start), self.tz)
        return Period(self.start - timedelta(days=self.days), self.start, self.tz)


def last_full_month(today: date, tz: ZoneInfo) -> Period:
    this_month = today.replace(day=1)
    return Period(add_months(this_month, -1), this_month, tz)


def month_so_far(today: date, tz: ZoneInfo) -> Period:
    return Period(today.replace(day=1), today + timedelta(days=1), tz)


class PeriodError(ValueError):
    """The words a person typed do not name a period; the message says what would."""


def parse(words: list[str], today: date, tz: ZoneInfo) -> Period:
    """`[]`: the last full month; `2026-10`: that month; `2026-10 2026-12`: October to December;
    `2026-10-01 2026-10-31`: those days, both included; a single day: from it to today."""
    if not words:
        return last_full_month(today, tz)
    if len(words) > 2:
        raise PeriodError("too many")
    first = _start_of(words[0])
    if len(words) == 1:
        end = add_months(first, 1) if _MONTH.match(words[0]) else today + timedelta(days=1)
    else:
        end = _end_of(words[1])
    if end <= first:
        raise PeriodError("backwards")
    if (end - first).days > 3 * 366:
        raise PeriodError("too long")
    return Period(first, end, tz)


def _start_of(word: str) -> date:
    return _read(word)[0]


def _end_of(word: str) -> date:
    return _read(word)[1]


def _read(word: str) -> tuple[date, date]:
    """The first day a word names, and the day after the last."""
    try:
        if found := _MONTH.match(word):
            first = date(int(found[1]), int(found[2]), 1)
            return first, add_months(first, 1)
        if found := _DAY.match(word):
            day = date(int(found[1]), int(found[2]), int(found[3]))
            return day, day + timedelta(days=1)
    except ValueError:
        pass
    raise PeriodError(word)
