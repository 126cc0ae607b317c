"""Dilemma measures: posts, responses, participation, comments and agreement with the panel's view.

Responses and comments are read from the counts recorded on each post at its close, so they hold no pseudonym.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dilemmas.loader import Content
from dilemmas.references import CPD_TOPICS, PRINCIPLES, STANDARDS
from storage.models.dilemmas import DilemmaPost


@dataclass
class Agreement:
    agreed: int = 0
    responses: int = 0

    def add(self, agreed: int, responses: int) -> None:
        self.agreed += agreed
        self.responses += responses


@dataclass
class ChannelFigures:
    posts: int = 0
    responses: int = 0
    reached: int = 0  # members of the channel when each post went up, added over the posts that know it
    responses_reached: int = 0  # responses on those same posts
    agreement: Agreement = field(default_factory=Agreement)


@dataclass
class DilemmaFigures:
    posts: int = 0
    closed: int = 0
    responses: int = 0
    comments: int = 0
    reached: int = 0
    responses_reached: int = 0
    agreement: Agreement = field(default_factory=Agreement)
    by_standard: dict[str, Agreement] = field(default_factory=lambda: defaultdict(Agreement))
    by_principle: dict[str, Agreement] = field(default_factory=lambda: defaultdict(Agreement))
    by_topic: dict[str, Agreement] = field(default_factory=lambda: defaultdict(Agreement))
    by_channel: dict[str, ChannelFigures] = field(default_factory=lambda: defaultdict(ChannelFigures))
    by_department: dict[str, ChannelFigures] = field(default_factory=lambda: defaultdict(ChannelFigures))


def posts_between(session: Session, team_id: str, start: datetime, end: datetime) -> list[DilemmaPost]:
    return list(
        session.scalars(
            select(DilemmaPost).where(
                DilemmaPost.team_id == team_id, DilemmaPost.opened_at >= start, DilemmaPost.opened_at < end
            )
        )
    )


def measure(posts: list[DilemmaPost], content: Content, departments: dict[str, str]) -> DilemmaFigures:
    """The figures of the posts opened in a period; only closed posts have responses."""
    figures = DilemmaFigures()
    for post in posts:
        figures.posts += 1
        channel = figures.by_channel[post.channel_id]
        # Channels with no department are a row of their own, so the rows add up to the same total as the channels.
        department = figures.by_department[departments.get(post.channel_id, "")] if departments else None
        channel.posts += 1
        if department is not None:
            department.posts += 1
        if post.status != "closed":
            continue
        figures.closed += 1
        responses = int(post.voters or 0)
        figures.responses += responses
        figures.comments += int(post.comments or 0)
        for place in (figures, channel, department):
            if place is None:
                continue
            if isinstance(place, ChannelFigures):
                place.responses += responses
            if post.member_count:
                place.reached += post.member_count
                place.responses_reached += responses
        dilemma = content.dilemmas.get(post.dilemma_id)
        if dilemma is None:
            continue  # a dilemma since taken out of the bank: its panel's view is no longer known
        agreed = int((post.tally or {}).get(dilemma.panel_view.option, 0))
        for agreement in (figures.agreement, channel.agreement, department.agreement if department else None):
            if agreement is not None:
                agreement.add(agreed, responses)
        for number in dilemma.tags.standards:
            figures.by_standard[STANDARDS[number]].add(agreed, responses)
        for key in dilemma.tags.principles:
            figures.by_principle[PRINCIPLES[key]].add(agreed, responses)
        for key in dilemma.tags.topics:
            figures.by_topic[CPD_TOPICS[key]].add(agreed, responses)
    return figures
