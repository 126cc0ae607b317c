"""Reading `/dilemma schedule #channel mon 09:00 [for 5d] [nudge 2d] [format …] [tags a,b] [tz Europe/London]`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dilemmas.selection import FORMATS, unknown_tags

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_OPEN_MINUTES = 5 * 24 * 60
MAX_OPEN_MINUTES = 7 * 24 * 60
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
_DURATION = re.compile(r"^(\d{1,5})([dhm])$")
_UNIT_MINUTES = {"d": 24 * 60, "h": 60, "m": 1}


ProblemCode = Literal[
    "bad_weekday", "bad_time", "bad_duration", "bad_format", "bad_tags", "bad_timezone", "unexpected_word",
    "missing_value", "bad_nudge",
]  # fmt: skip


class ScheduleProblem(ValueError):
    """The words cannot be read as a schedule: `code` says why, `words` are the ones at fault (unknown tags, an
    unexpected word); the handler puts it into words for the person."""

    def __init__(self, code: ProblemCode, words: Sequence[str] = ()) -> None:
        super().__init__(code)
        self.code: ProblemCode = code
        self.words = tuple(words)


@dataclass(frozen=True)
class ScheduleSpec:
    channel_id: str
    weekday: str
    hour: int
    minute: int
    timezone: str
    open_minutes: int = DEFAULT_OPEN_MINUTES
    fmt: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)
    nudge_minutes: int | None = None  # a reminder in the thread this long before the close


def parse_schedule(channel_id: str, words: list[str], default_timezone: str) -> ScheduleSpec:
    """The words after the channel: a weekday and a time, then optional `for`, `format`, `tags` and `tz`."""
    if len(words) < 2:
        raise ScheduleProblem("bad_weekday" if not words else "bad_time")
    weekday = words[0].lower()[:3]
    if words[0].lower() not in (weekday, _full_day(weekday)) or weekday not in WEEKDAYS:
        raise ScheduleProblem("bad_weekday")
    time = _TIME.match(words[1])
    if time is None:
        raise ScheduleProblem("bad_time")
    options = _pairs(words[2:])
    open_minutes = _duration(options["for"]) if "for" in options else DEFAULT_OPEN_MINUTES
    nudge = _duration(options["nudge"], "bad_nudge") if "nudge" in options else None
    if nudge is not None and nudge >= open_minutes:
        raise ScheduleProblem("bad_nudge")  # it would fall at or before the post itself
    fmt = options.get("format")
    if fmt is not None and fmt.lower() not in FORMATS:
        raise ScheduleProblem("bad_format")
    tags = tuple(tag for tag in options.get("tags", "").lower().split(",") if tag)
    unknown = unknown_tags(tags)
    if unknown:
        raise ScheduleProblem("bad_tags", unknown)
    timezone = options.get("tz", default_timezone)
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ScheduleProblem("bad_timezone") from exc
    return ScheduleSpec(
        channel_id=channel_id,
        weekday=weekday,
        hour=int(time.group(1)),
        minute=int(time.group(2)),
        timezone=timezone,
        open_minutes=open_minutes,
        fmt=fmt.lower() if fmt else None,
        tags=tags,
        nudge_minutes=nudge,
    )


def _full_day(prefix: str) -> str:
    names = {"mon": "monday", "tue": "tuesday", "wed": "wednesday", "thu": "thursday", "fri": "friday",
             "sat": "saturday", "sun": "sunday"}  # fmt: skip
    return names.get(prefix, "")


def _pairs(words: list[str]) -> dict[str, str]:
    options: dict[str, str] = {}
    index = 0
    while index < len(words):
        key = words[index].lower()
        if key not in ("for", "nudge", "format", "tags", "tag", "tz"):
            raise ScheduleProblem("unexpected_word", [words[index]])
        if index + 1 >= len(words):
            raise ScheduleProblem("missing_value")
        options["tags" if key == "tag" else key] = words[index + 1]
        index += 2
    return options


def _duration(word: str, problem: ProblemCode = "bad_duration") -> int:
    match = _DURATION.match(word.lower())
    if match is None:
        raise ScheduleProblem(problem)
    minutes = int(match.group(1)) * _UNIT_MINUTES[match.group(2)]
    if not 1 <= minutes <= MAX_OPEN_MINUTES:
        raise ScheduleProblem(problem)
    return minutes
