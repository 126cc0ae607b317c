"""A demo force for trying the impact report: a year of a 3,000-person force with 40 team channels, 160
ambassadors, weekly dilemmas, cards, CPD events and concerns, written through the bot's own services.

It never talks to Slack: the messages the services queue are dropped at the end, and the duties they schedule
are removed, so a bot later started on the same database sends nothing for the demo team. Use a database of its
own (`DATABASE_URL=sqlite:///demo.db standards-bot demo`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, select

from bot.demo import activity, people
from bot.demo.force import Force
from bot.services.impact.period import add_months
from bot.settings import ConfigError, Settings
from storage.models import Duty, OutboxMessage
from storage.models.dilemmas import DilemmaPost


@dataclass(frozen=True)
class Summary:
    team_id: str
    first_day: date
    end_day: date  # the day after the last
    posts: int
    votes: int
    concerns: int
    events: int
    ambassadors: int

    def __str__(self) -> str:
        return (
            f"filled {self.team_id} from {self.first_day} to {self.end_day - timedelta(days=1)}: "
            f"{self.posts} dilemma posts with {self.votes} votes, {self.concerns} concerns, {self.events} CPD events, "
            f"{self.ambassadors} ambassadors."
        )


def fill(settings: Settings, *, team_id: str, seed: int, months: int = 12, today: datetime | None = None) -> Summary:
    """The `months` full months before this one, filled week by week."""
    from bot.deps import Deps
    from bot.wiring import register_all
    from storage.migrate import upgrade

    deps = Deps.from_settings(settings)
    register_all(deps.features)
    upgrade(deps.db.engine)
    with deps.db.unit_of_work() as session:
        if session.scalar(select(DilemmaPost.id).where(DilemmaPost.team_id == team_id).limit(1)) is not None:
            deps.close()
            raise ConfigError(f"the database already holds demo data for {team_id}: use a fresh one or another --team.")
    local_today = (today or datetime.now(UTC)).astimezone(settings.tz).date()
    first = add_months(local_today.replace(day=1), -months)
    start = datetime(first.year, first.month, first.day, tzinfo=settings.tz).astimezone(UTC)
    end_day = local_today.replace(day=1)
    end = datetime(end_day.year, end_day.month, end_day.day, tzinfo=settings.tz).astimezone(UTC)
    force = Force(team_id, random.Random(seed))
    try:
        ambassadors = people.roster(deps, force, start, end)
        posts, votes = activity.dilemmas(deps, force, start, end)
        activity.cards(deps, force, start, end)
        concerns = activity.concerns(deps, force, start, end)
        events = people.cpd_events(deps, force, start, end)
        with deps.db.unit_of_work() as session:
            session.execute(delete(OutboxMessage).where(OutboxMessage.team_id == team_id))
            session.execute(delete(Duty).where(Duty.team_id == team_id))
    finally:
        deps.close()
    return Summary(team_id, first, end_day, posts, votes, concerns, events, ambassadors)
