"""The impact report for a period, compared with the period before: every figure goes through the suppression
rule here, so what leaves this module (for Slack, charts, files) holds no hidden number."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from bot.services.cpd.rsvps import ANSWERS
from bot.services.dilemmas import bank
from bot.services.impact import briefings, cards, concerns, departments, dilemmas, people
from bot.services.impact import suppression as rule
from bot.services.impact.figures import Headline, ImpactReport, Point, Row, Table, Value
from bot.services.impact.messages import ImpactTexts
from bot.services.impact.outcomes import KINDS as OUTCOMES
from bot.services.impact.period import Period, add_months
from dilemmas.loader import Content
from dilemmas.references import SUITS
from storage.models.dilemmas import DilemmaPost

if TYPE_CHECKING:
    from bot.deps import Deps

TREND_MONTHS = 12
OUTSIDE = ""  # the cell of ambassadors in departments with no headcount
Labeller = Callable[[str], str]


@dataclass
class Figures:
    """The raw figures of one period. They never leave this module unprotected."""

    dilemmas: dilemmas.DilemmaFigures
    cards: cards.CardFigures
    concerns: concerns.ConcernFigures
    people: people.PeopleFigures
    briefings: briefings.BriefingFigures


def _agreement(agreement: dilemmas.Agreement | None) -> Value:
    if agreement is None:
        return Value(None, "none", "percent")
    return rule.share(agreement.agreed, agreement.responses)


def _on_time(deadline: concerns.Deadline) -> Value:
    return rule.share(deadline.on_time, deadline.due)


def _participation(place: dilemmas.DilemmaFigures | dilemmas.ChannelFigures) -> Value:
    return rule.share(place.responses_reached, place.reached)


Headlines = dict[str, list[tuple[str, str, Callable[[Figures], Value]]]]
Breakdowns = list[tuple[str, str, str, Callable[[Figures], Mapping[str, int]], str, list[str] | None]]


def headlines(texts: ImpactTexts) -> Headlines:
    """The headline figures of each family, in the order they are shown: (key, words, the value from a period's
    figures)."""
    return {
        texts.FAMILY_DILEMMAS: [
            ("posts", texts.POSTS, lambda f: rule.tally(f.dilemmas.posts)),
            ("responses", texts.RESPONSES, lambda f: rule.count(f.dilemmas.responses)),
            ("participation", texts.PARTICIPATION, lambda f: _participation(f.dilemmas)),
            ("comments", texts.COMMENTS, lambda f: rule.count(f.dilemmas.comments)),
            ("agreement", texts.AGREEMENT, lambda f: _agreement(f.dilemmas.agreement)),
            ("briefings", texts.BRIEFINGS, lambda f: rule.tally(f.briefings.held)),
            ("briefing_present", texts.BRIEFING_PRESENT, lambda f: rule.count(f.briefings.present)),
            ("briefing_agreement", texts.BRIEFING_AGREEMENT,
             lambda f: rule.share(f.briefings.agreed, f.briefings.raised)),
        ],
        texts.FAMILY_CARDS: [
            ("draws", texts.CARD_DRAWS, lambda f: rule.count(f.cards.draws)),
            ("shares", texts.CARD_SHARES, lambda f: rule.count(f.cards.shares)),
            ("hands", texts.CARD_HANDS, lambda f: rule.count(f.cards.hands)),
        ],
        texts.FAMILY_CONCERNS: [
            ("concerns", texts.RECEIVED, lambda f: rule.count(f.concerns.received)),
            ("ack_median", texts.ACK_MEDIAN, lambda f: rule.median(f.concerns.acknowledgement.days)),
            ("ack_on_time", texts.ACK_ON_TIME, lambda f: _on_time(f.concerns.acknowledgement)),
            ("feedback_median", texts.FEEDBACK_MEDIAN, lambda f: rule.median(f.concerns.feedback.days)),
            ("feedback_on_time", texts.FEEDBACK_ON_TIME, lambda f: _on_time(f.concerns.feedback)),
            ("came_back", texts.CAME_BACK, lambda f: rule.share(f.concerns.came_back, f.concerns.replied)),
        ],
        texts.FAMILY_PEOPLE: [
            ("ambassadors", texts.AMBASSADORS, lambda f: rule.count(f.people.ambassadors)),
            ("inducted", texts.INDUCTED, lambda f: rule.share(f.people.inducted_on_time, f.people.induction_due)),
            ("events", texts.EVENTS, lambda f: rule.tally(f.people.events)),
            ("attendance", texts.ATTENDANCE, lambda f: rule.share(f.people.going_attended, f.people.going)),
            ("walk_ins", texts.WALK_INS, lambda f: rule.count(f.people.walk_ins)),
            ("rating", texts.RATING, lambda f: rule.mean(f.people.ratings)),
            ("confidence_before", texts.CONFIDENCE_BEFORE, lambda f: rule.mean(f.people.confidence_before)),
            ("confidence_after", texts.CONFIDENCE_AFTER, lambda f: rule.mean(f.people.confidence_after)),
        ],
    }  # fmt: skip


def breakdowns(texts: ImpactTexts) -> Breakdowns:
    """(key, family, title, the cells from a period's figures, row names, fixed order of rows or None)"""
    in_concerns, in_people, kinds = texts.FAMILY_CONCERNS, texts.FAMILY_PEOPLE, list(OUTCOMES)
    return [
        ("cards_by_suit", texts.FAMILY_CARDS, texts.CARDS_BY_SUIT, lambda f: f.cards.by_suit, "suit", list(SUITS)),
        ("concerns_by_category", in_concerns, texts.BY_CATEGORY, lambda f: f.concerns.by_category, "category", None),
        ("concerns_by_contact", in_concerns, texts.BY_CONTACT, lambda f: f.concerns.by_contact, "contact", None),
        ("concerns_by_outcome", in_concerns, texts.BY_OUTCOME, lambda f: f.concerns.by_outcome, "outcome", kinds),
        ("cpd_answers", in_people, texts.ANSWERS, lambda f: f.people.answers, "answer", list(ANSWERS)),
        ("cpd_distribution", in_people, texts.CPD_DISTRIBUTION, lambda f: f.people.cpd_counts, "plain", people.BUCKETS),
    ]  # fmt: skip


def agreements(texts: ImpactTexts) -> list[tuple[str, str, str]]:
    return [
        ("agreement_by_standard", texts.BY_STANDARD, "by_standard"),
        ("agreement_by_principle", texts.BY_PRINCIPLE, "by_principle"),
        ("agreement_by_topic", texts.BY_TOPIC, "by_topic"),
    ]


def build_for(
    session: Session, deps: Deps, team_id: str, period: Period, now: datetime, *, trends: bool = True
) -> ImpactReport:
    from bot.services.concerns.cases import config

    targets = (deps.settings.ack_days, deps.settings.feedback_months)
    label = config(deps).label
    texts = deps.messages.impact_texts
    # The dilemmas as their posts show them, those written in Slack included, for the breakdowns by tag.
    content = replace(deps.content, dilemmas=bank.shown(session, deps, team_id))
    return build(session, team_id, content, period, now, label, texts=texts, trends=trends, targets=targets)


def build(
    session: Session,
    team_id: str,
    content: Content,
    period: Period,
    now: datetime,
    category: Labeller = str,
    *,
    texts: ImpactTexts,
    trends: bool = True,
    targets: tuple[int, int] = (7, 3),
) -> ImpactReport:
    """The figures for `period` and the one before; with `trends`, the months of the year to its end as well (the
    Home tab's glance has no charts, so it leaves them out). `texts` words the figures and tables."""
    before = period.previous()
    channels = departments.of_channels(session, team_id)
    last_month = (period.end - timedelta(days=1)).replace(day=1)
    earliest = add_months(last_month, 1 - TREND_MONTHS) if trends else before.start
    window = Period(min(before.start, earliest), period.end, period.tz)
    posts = dilemmas.posts_between(session, team_id, *window.bounds())
    held = briefings.briefings_between(session, team_id, *window.bounds())

    def figures_of(span: Period) -> Figures:
        return Figures(
            dilemmas.measure([post for post in posts if span.contains(post.opened_at)], content, channels),
            cards.measure(session, team_id, span),
            concerns.measure(session, team_id, span, now, targets),
            people.measure(session, team_id, span, now),
            briefings.measure([row for row in held if span.contains(row.held_at)], content),
        )

    current, previous = figures_of(period), figures_of(before)
    report = ImpactReport(texts.period_label(period.start, period.end), texts.period_label(before.start, before.end))
    columns = (report.period_label, report.previous_label)
    report.headlines = [
        Headline(key, family, label, make(current), make(previous))
        for family, specs in headlines(texts).items()
        for key, label, make in specs
    ]
    for key, title, attribute in agreements(texts):
        now_rows, then_rows = getattr(current.dilemmas, attribute), getattr(previous.dilemmas, attribute)
        rows = tuple(
            Row(label, (_agreement(now_rows.get(label)), _agreement(then_rows.get(label))))
            for label in sorted(set(now_rows) | set(then_rows))
        )
        report.tables.append(Table(key, texts.FAMILY_DILEMMAS, title, columns, rows))
    by_channel = _places(texts, "by_channel", texts.BY_CHANNEL, current.dilemmas.by_channel, lambda key: f"<#{key}>")
    report.tables.append(by_channel)
    if channels:
        departments_table = _places(
            texts,
            "by_department",
            texts.BY_DEPARTMENT,
            current.dilemmas.by_department,
            lambda k: k or texts.UNKNOWN_DEPARTMENT,
        )
        report.tables.append(departments_table)
    labellers: dict[str, Callable[[str], str]] = {
        "category": category, "suit": _suit, "contact": lambda key: texts.CONTACT_LABELS.get(key, key),
        "plain": str, "outcome": lambda key: texts.OUTCOME_NAMES.get(key, key),
        "answer": lambda key: texts.ANSWER_NAMES.get(key, key),
    }  # fmt: skip
    for key, family, title, cells, labeller, order in breakdowns(texts):
        table = _breakdown(
            texts, key, family, title, cells(current), cells(previous), columns, labellers[labeller], order
        )
        report.tables.append(table)
    report.tables.append(_coverage(texts, current.people, previous.people, columns))
    if not trends:
        return report
    monthly = _monthly_dilemmas(posts, window, content)
    series = {
        "responses": {month: f.responses for month, f in monthly.items()},
        "card draws": cards.measure(session, team_id, window).by_month,
        "concerns": concerns.measure(session, team_id, window, now, targets).by_month,
    }
    for key, counts in series.items():
        report.trends[key] = _trend(counts, window, (period, before))
    report.trends["cpd"] = [
        Point(row.label, row.values[0]) for row in report.table("cpd_distribution").rows if not row.total
    ]
    return report


def _trend(counts: Mapping[str, int], window: Period, spans: tuple[Period, ...]) -> list[Point]:
    """Counts by month. The whole months of the period (and of the one before) add up to its headline figure, so
    they are protected together with it, as a breakdown is with its total; other months each on their own."""
    months = {month: counts.get(month, 0) for month in _months(window)}
    values: dict[str, Value] = {}
    for span in spans:
        inside = [f.strftime("%Y-%m") for f in span.months() if span.start <= f and add_months(f, 1) <= span.end]
        inside = [month for month in inside if month in months and month not in values]
        if inside:
            values.update(rule.protect({month: months[month] for month in inside})[0])
    return [Point(month, values.get(month) or rule.count(number)) for month, number in months.items()]


def _months(window: Period) -> list[str]:
    return [first.strftime("%Y-%m") for first in window.months()]


def _suit(key: str) -> str:
    """A suit with the theme it stands for: hearts are the individual in the profession, and so on."""
    return f"{key.capitalize()}: {SUITS[key]}" if key in SUITS else key


def _breakdown(
    texts: ImpactTexts,
    key: str,
    family: str,
    title: str,
    now_cells: Mapping[str, int],
    then_cells: Mapping[str, int],
    columns: tuple[str, ...],
    label: Labeller,
    order: list[str] | None,
) -> Table:
    """A breakdown and its total in each period, each protected on its own."""
    keys = order or sorted(set(now_cells) | set(then_cells), key=lambda k: (-now_cells.get(k, 0), k))
    now_values, now_total = rule.protect({k: now_cells.get(k, 0) for k in keys})
    then_values, then_total = rule.protect({k: then_cells.get(k, 0) for k in keys})
    rows = [Row(label(k), (now_values[k], then_values[k])) for k in keys]
    rows.append(Row(texts.TOTAL, (now_total, then_total), total=True))
    return Table(key, family, title, columns, tuple(rows))


def _places(texts: ImpactTexts, key: str, title: str, places: Mapping[str, Any], label: Labeller) -> Table:
    """Posts, responses, participation and agreement for each channel (or department) in the period."""
    keys = sorted(places, key=lambda k: (-places[k].responses, k))
    responses, total = rule.protect({k: places[k].responses for k in keys})
    rows = [
        Row(label(k), (rule.tally(p.posts), responses[k], _participation(p), _agreement(p.agreement)))
        for k in keys
        for p in (places[k],)
    ]
    posts = rule.tally(sum(place.posts for place in places.values()))
    rows.append(Row(texts.TOTAL, (posts, total, Value(None, "none"), Value(None, "none")), total=True))
    columns = (texts.POSTS, texts.RESPONSES, texts.PARTICIPATION, texts.AGREEMENT_COLUMN)
    return Table(key, texts.FAMILY_DILEMMAS, title, columns, tuple(rows))


def _coverage(
    texts: ImpactTexts, now: people.PeopleFigures, then: people.PeopleFigures, columns: tuple[str, ...]
) -> Table:
    """Ambassadors per 100 staff by department. A rate and a headcount give the number of ambassadors away, so the
    numbers behind the rates are protected together with the roster's total, as any breakdown is."""
    keys = sorted(now.coverage, key=lambda k: now.coverage[k].name)
    columns_of = [_rates(now, keys), _rates(then, keys)]
    rows = [Row(now.coverage[key].name, (columns_of[0][key], columns_of[1][key])) for key in keys]
    return Table("coverage", texts.FAMILY_PEOPLE, texts.COVERAGE, columns, tuple(rows))


def _rates(figures: people.PeopleFigures, keys: list[str]) -> dict[str, Value]:
    counts = {key: figures.coverage[key].ambassadors if key in figures.coverage else 0 for key in keys}
    outside = figures.ambassadors - sum(counts.values())  # in departments with no headcount
    protected, _ = rule.protect({**counts, OUTSIDE: outside}, figures.ambassadors, known={OUTSIDE})
    rates = {}
    for key in keys:
        place = figures.coverage.get(key)
        if place is None:
            rates[key] = Value(None, "none", "rate")
        elif protected[key].shown:
            rates[key] = rule.rate(place.ambassadors, place.headcount)
        else:
            rates[key] = Value(None, protected[key].status, "rate")
    return rates


def _monthly_dilemmas(posts: list[DilemmaPost], window: Period, content: Content) -> dict[str, dilemmas.DilemmaFigures]:
    by_month: dict[str, list[DilemmaPost]] = {month: [] for month in _months(window)}
    for post in posts:
        month = post.opened_at.astimezone(window.tz).strftime("%Y-%m")
        if month in by_month:
            by_month[month].append(post)
    return {month: dilemmas.measure(group, content, {}) for month, group in by_month.items()}
