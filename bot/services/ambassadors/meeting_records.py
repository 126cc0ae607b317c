"""What standards managers record of their monthly meetings: one record per manager, ambassador and month, from
the reminder's buttons, with an optional note of the local trends discussed; and the tallies of the last 12 months
that the roster and the Home tab show."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.ambassadors import common
from storage.models.ambassadors import Ambassador, AmbassadorMeeting
from storage.upsert import insert_for

if TYPE_CHECKING:
    from bot.deps import Deps

MET_ACTION = "ambassador.meeting.met"
MISSED_ACTION = "ambassador.meeting.missed"
# A message's action IDs must differ, so each ambassador's buttons carry the ambassador's ID after the action's.
MET_ACTION_PATTERN = re.compile(rf"^{re.escape(MET_ACTION)}:")
MISSED_ACTION_PATTERN = re.compile(rf"^{re.escape(MISSED_ACTION)}:")
TOPICS_CALLBACK = "ambassador.meeting.topics"
TOPICS = "topics"
TOPICS_LIMIT = 1500
WINDOW_MONTHS = 12
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Recorded:
    status: Literal["recorded", "changed", "unchanged", "not_yours", "invalid"]
    ambassador: str = ""
    month: str = ""


@dataclass(frozen=True)
class Tally:
    """Months with a meeting among the last `months` (at most 12, fewer for someone who joined since)."""

    met: int
    months: int


@dataclass(frozen=True)
class TeamTally:
    ambassadors: int
    met_this_month: int
    met: int
    possible: int


def month_of(day: date) -> str:
    return f"{day:%Y-%m}"


def month_name(month: str) -> str:
    """ "2026-05" as "May 2026"."""
    year, number = (int(part) for part in month.split("-"))
    return f"{date(year, number, 1):%B %Y}"


def action_id(action: str, ambassador: str) -> str:
    return f"{action}:{ambassador}"


def button_value(ambassador: str, month: str) -> str:
    return f"{ambassador}|{month}"


def parse_value(value: str) -> tuple[str, str] | None:
    ambassador, _, month = value.partition("|")
    if not ambassador or len(ambassador) > 32 or not _MONTH.match(month):
        return None
    return ambassador, month


def _index(month: str) -> int:
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1


def _months_back(today: date, count: int) -> list[str]:
    last = today.year * 12 + today.month - 1
    return [f"{index // 12:04d}-{index % 12 + 1:02d}" for index in range(last - count + 1, last + 1)]


def record(
    session: Session, deps: Deps, *, team_id: str, manager: str, value: str, met: bool, now: datetime
) -> Recorded:
    """The manager's answer for one ambassador and month; a second click changes the same record."""
    parsed = parse_value(value)
    if parsed is None or _index(parsed[1]) > _index(month_of(common.today(deps, now))):
        return Recorded("invalid")
    ambassador, month = parsed
    supported = session.scalar(
        select(Ambassador.id).where(
            Ambassador.team_id == team_id,
            Ambassador.user_id == ambassador,
            Ambassador.standards_manager_id == manager,
        )
    )
    if supported is None:  # only the ambassador's own standards manager records their meetings
        return Recorded("not_yours", ambassador, month)
    keys = {"team_id": team_id, "manager_id": manager, "ambassador_id": ambassador, "month": month}
    # Two clicks at once both find no record: the insert lets one make it and the other change it.
    inserted = session.scalar(
        insert_for(session)(AmbassadorMeeting.__table__)
        .values(**keys, met=met, recorded_at=now)
        .on_conflict_do_nothing(index_elements=list(keys))
        .returning(AmbassadorMeeting.__table__.c.id)
    )
    if inserted is not None:
        return Recorded("recorded", ambassador, month)
    row = session.scalar(select(AmbassadorMeeting).filter_by(**keys).with_for_update())
    assert row is not None
    if row.met == met:
        return Recorded("unchanged", ambassador, month)
    row.met, row.recorded_at = met, now
    if not met:
        row.topics = None  # a meeting that did not happen discussed nothing
    return Recorded("changed", ambassador, month)


def note_topics(
    session: Session, deps: Deps, *, team_id: str, manager: str, value: str, topics: str, now: datetime
) -> Recorded:
    """The note from the small form after *We met*; it records the meeting too, should the click's record be gone."""
    outcome = record(session, deps, team_id=team_id, manager=manager, value=value, met=True, now=now)
    if outcome.status in ("invalid", "not_yours"):
        return outcome
    row = session.scalar(
        select(AmbassadorMeeting).filter_by(
            team_id=team_id, manager_id=manager, ambassador_id=outcome.ambassador, month=outcome.month
        )
    )
    assert row is not None
    row.topics = topics.strip()[:TOPICS_LIMIT] or None
    return outcome


def tallies(
    session: Session, deps: Deps, *, team_id: str, people: Iterable[tuple[str, date]], now: datetime
) -> dict[str, Tally]:
    """For each (ambassador, joined on): months met among the last 12, or since they joined if that is fewer."""
    joined = dict(people)
    today = common.today(deps, now)
    window = _months_back(today, WINDOW_MONTHS)
    met: dict[str, set[str]] = defaultdict(set)
    if joined:
        rows = session.execute(
            select(AmbassadorMeeting.ambassador_id, AmbassadorMeeting.month).where(
                AmbassadorMeeting.team_id == team_id,
                AmbassadorMeeting.ambassador_id.in_(list(joined)),
                AmbassadorMeeting.month >= window[0],
                AmbassadorMeeting.met.is_(True),
            )
        )
        for ambassador, month in rows:
            met[ambassador].add(month)  # a change of manager may leave two records of one month: it counts once
    current = _index(month_of(today))
    return {
        user: Tally(min(len(met[user]), months), months)
        for user, on in joined.items()
        for months in [max(1, min(WINDOW_MONTHS, current - _index(month_of(on)) + 1))]
    }


def team_tally(session: Session, deps: Deps, *, team_id: str, now: datetime) -> TeamTally:
    """The standards team's view: all active ambassadors together."""
    active = session.execute(
        select(Ambassador.user_id, Ambassador.joined_on).where(
            Ambassador.team_id == team_id, Ambassador.status == "active"
        )
    ).all()
    found = tallies(session, deps, team_id=team_id, people=[(user, on) for user, on in active], now=now)
    this_month = month_of(common.today(deps, now))
    met_now = set(
        session.scalars(
            select(AmbassadorMeeting.ambassador_id).where(
                AmbassadorMeeting.team_id == team_id,
                AmbassadorMeeting.month == this_month,
                AmbassadorMeeting.met.is_(True),
            )
        )
    )
    return TeamTally(
        ambassadors=len(active),
        met_this_month=len(met_now & set(found)),
        met=sum(tally.met for tally in found.values()),
        possible=sum(tally.months for tally in found.values()),
    )
