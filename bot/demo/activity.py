"""The demo force's year of dilemmas, cards and concerns, through the services the bot's listeners call."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.demo.force import Force
from bot.services.concerns import handling as concern_handling
from bot.services.concerns import reporter as concern_service
from bot.services.concerns.cases import config
from bot.services.dilemmas import posts as dilemma_posts
from bot.services.dilemmas import votes as dilemma_votes
from bot.services.impact import cards as impact_cards
from bot.services.impact import outcomes
from bot.services.impact.period import add_months
from dilemmas.references import SUITS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from bot.deps import Deps

OUTCOMES = ["action-taken", "advice-given", "no-further-action", "referred"]
OUTCOME_WEIGHTS = [3, 4, 3, 1]
CONTACTS = ["relay", "silent", "named"]
CONTACT_WEIGHTS = [55, 30, 15]
COMMENTS = ["I would have asked my sergeant first.", "Hard one: I can see both sides.", "This happened on my team."]


def dilemmas(deps: Deps, force: Force, start: datetime, end: datetime) -> tuple[int, int]:
    """A dilemma a week in every channel, open for five days; votes lean towards the panel's view by a share that
    differs from dilemma to dilemma, and participation grows a little over the year."""
    bank = sorted(deps.content.dilemmas.values(), key=lambda d: d.id)
    leaning = {d.id: force.rng.uniform(0.4, 0.85) for d in bank}
    posts = votes = 0
    week, opened = 0, start + timedelta(hours=9)
    while opened + timedelta(days=5) < end:
        for index, channel in enumerate(force.channels):
            dilemma = bank[(week + index * 7) % len(bank)]
            members = force.members[channel]
            keen = force.keenness[channel] * (1 + 0.3 * week / 52) * force.rng.uniform(0.7, 1.3)
            voters = force.rng.sample(members, min(len(members), round(len(members) * keen)))
            with deps.db.unit_of_work() as session:
                post, _ = dilemma_posts.open_post(
                    session, deps, team_id=force.team_id, channel_id=channel, dilemma=dilemma, now=opened,
                    closes_at=opened + timedelta(days=5),
                )  # fmt: skip
                post.member_count = len(members)  # what Slack reports once the post is up
                session.flush()
                others = [o.key for o in dilemma.options if o.key != dilemma.panel_view.option]
                for voter in voters:
                    agree = force.rng.random() < leaning[dilemma.id]
                    option = dilemma.panel_view.option if agree else force.rng.choice(others)
                    when = opened + timedelta(hours=force.rng.uniform(0.1, 110))
                    dilemma_votes.cast_vote(
                        session.connection(),
                        deps,
                        team_id=force.team_id,
                        post_id=post.id,
                        user_id=voter,
                        option=option,
                        now=when,
                    )
                for voter in voters[: force.rng.choice([0, 0, 1, 2, 3])]:
                    dilemma_votes.add_comment(
                        session, deps, team_id=force.team_id, post_id=post.id, user_id=voter,
                        text=force.rng.choice(COMMENTS), now=opened + timedelta(hours=30),
                    )  # fmt: skip
                dilemma_posts.close_post(session, deps, post, opened + timedelta(days=5), early=False)
            posts, votes = posts + 1, votes + len(voters)
        week, opened = week + 1, opened + timedelta(days=7)
    return posts, votes


def cards(deps: Deps, force: Force, start: datetime, end: datetime) -> None:
    """Draws, shares and hands by suit and month, kept as the deck service keeps them."""
    month = start.astimezone(deps.settings.tz).date().replace(day=1)
    with deps.db.unit_of_work() as session:
        while month < end.astimezone(deps.settings.tz).date():
            key = month.strftime("%Y-%m")
            for suit in SUITS:
                impact_cards.record(
                    session.connection(), force.team_id, key, {suit: force.rng.randint(60, 240)}, kind="draws"
                )
                impact_cards.record(
                    session.connection(), force.team_id, key, {suit: force.rng.randint(3, 30)}, kind="shares"
                )
            impact_cards.record(session.connection(), force.team_id, key, {"*": force.rng.randint(8, 40)}, kind="hands")
            month = add_months(month, 1)


def concerns_per_month(force: Force) -> int:
    return force.rng.randint(5, 14)


def concerns(deps: Deps, force: Force, start: datetime, end: datetime) -> int:
    """Concerns through the form's service, acknowledged, answered, read by their reporters and closed."""
    categories = [category.key for category in config(deps).categories]
    everyone = [user for members in force.members.values() for user in members]
    received_count, moment = 0, start
    while moment < end:
        month_end = min(moment + timedelta(days=30), end)
        for _ in range(concerns_per_month(force)):
            received = moment + (month_end - moment) * force.rng.random()
            _one_concern(deps, force, force.rng.choice(categories), force.rng.choice(everyone), received, end)
            received_count += 1
        moment = month_end
    return received_count


def _one_concern(deps: Deps, force: Force, category: str, reporter: str, received: datetime, end: datetime) -> None:
    rng, team_id = force.rng, force.team_id
    contact = rng.choices(CONTACTS, CONTACT_WEIGHTS)[0]
    submission = concern_service.Submission(category, "A demo concern: nothing real is described here.", "", contact)
    with deps.db.unit_of_work() as session:
        case_id = concern_service.submit(
            session, deps, team_id=team_id, user_id=reporter, submission=submission, now=received
        ).case_id
    acknowledged = received + timedelta(days=rng.uniform(0.2, 6.5) if rng.random() < 0.88 else rng.uniform(7.5, 15))
    replied = received + timedelta(days=rng.uniform(10, 100))
    closed = replied + timedelta(days=rng.uniform(0, 30))
    steps: list[tuple[datetime, Callable[[Session], object]]] = [
        (acknowledged, lambda s: concern_handling.acknowledge(s, deps, team_id=team_id, case_id=case_id,
                                                               actor="UDEMOCASE", now=acknowledged)),
        (replied, lambda s: concern_handling.reply(s, deps, team_id=team_id, case_id=case_id, actor="UDEMOCASE",
                                                    text="Thank you: we are looking into it.", now=replied)),
    ]  # fmt: skip
    if contact != "named" and rng.random() < 0.6:
        steps.append(
            (replied + timedelta(days=2), lambda s: concern_service.reporter_status(s, deps, team_id, case_id))
        )
    if rng.random() < 0.7:
        steps.append((closed, lambda s: _close(s, deps, force, case_id, closed)))
    for when, step in steps:
        if when >= end:
            break
        with deps.db.unit_of_work() as session:  # one transaction each, so the audit log keeps their order
            step(session)


def _close(session: object, deps: Deps, force: Force, case_id: int, now: datetime) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    outcome = force.rng.choices(OUTCOMES, OUTCOME_WEIGHTS)[0]
    concern_handling.set_status(
        session, deps, team_id=force.team_id, case_id=case_id, actor="UDEMOCASE", status="closed",
        outcome="Demo outcome.", now=now,
    )  # fmt: skip
    outcomes.record(session, team_id=force.team_id, case_id=case_id, status="closed", kind=outcome)
