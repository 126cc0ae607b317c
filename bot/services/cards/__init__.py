"""The cards feature's domain logic: each channel's deck drawn atomically, counts per card, cards of the week."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.orm import Session

from bot import outbox
from bot.clock import DutyContext, cancel, schedule
from bot.features import Features
from bot.services.cards import in_use
from bot.services.cards.report import card_section
from bot.services.impact import cards as impact_cards
from dilemmas import deck
from dilemmas.deck import CardKey, DeckState
from storage.models import OutboxMessage, utcnow
from storage.models.cards import CardTally, ChannelDeck, WeeklyCard
from storage.prepared import Prepared

if TYPE_CHECKING:
    from bot.deps import Deps

WEEKLY_DUTY = "cards.weekly"
WEEKLY_FAILED = "cards.weekly_failed"
# Slack's answers that mean the bot cannot post in the channel until a person does something.
REFUSALS = frozenset({"not_in_channel", "channel_not_found", "is_archived"})
HOME_DECK_PREFIX = "home:"


@dataclass(frozen=True)
class Drawn:
    cards: list[CardKey]
    reshuffled: bool
    # Whether the team had any rewritten card published when the deck was read: if not, every card is shipped.
    rewritten: bool = True

    @property
    def card(self) -> CardKey:
        return self.cards[0]


# A draw is the hottest path of the bot: its statements are prepared once (storage.prepared) and run on a bare
# connection without the ORM's unit of work, so that a draw costs little more than its acknowledgement.
_WHERE_DECK = (ChannelDeck.team_id == bindparam("b_team"), ChannelDeck.channel_id == bindparam("b_channel"))
# The deck, and whether the team has a rewritten card in use (in_use): most have none, and then the card drawn
# needs no second look-up.
_LOCK_DECK = Prepared.of(
    select(ChannelDeck.card_order, ChannelDeck.position, in_use.ANY_REWRITTEN)
    .where(*_WHERE_DECK)
    .with_for_update(of=ChannelDeck)
)
_SAVE_DECK = Prepared.of(
    update(ChannelDeck)
    .where(*_WHERE_DECK)
    .values(
        card_order=bindparam("b_order"),
        position=bindparam("b_position"),
        shuffles=ChannelDeck.shuffles + bindparam("b_reshuffled"),
        updated_at=bindparam("b_now"),
    )
)


def _new_deck_statement(insert: Any) -> Any:
    return (
        insert(ChannelDeck)
        .values(
            team_id=bindparam("b_team"), channel_id=bindparam("b_channel"), card_order="", position=0, shuffles=0,
            updated_at=bindparam("b_now"),
        )
        .on_conflict_do_nothing(index_elements=["team_id", "channel_id"])
    )  # fmt: skip


def _tally_statement(insert: Any) -> Any:
    statement = insert(CardTally).values(
        team_id=bindparam("b_team"), suit=bindparam("b_suit"), rank=bindparam("b_rank"),
        draws=bindparam("b_draws"), shares=bindparam("b_shares"),
    )  # fmt: skip
    return statement.on_conflict_do_update(
        index_elements=["team_id", "suit", "rank"],
        set_={
            "draws": CardTally.draws + statement.excluded.draws,
            "shares": CardTally.shares + statement.excluded.shares,
        },
    )


_NEW_DECK = Prepared(_new_deck_statement)
_TALLY = Prepared(_tally_statement)


def _locked_deck(connection: Connection, team_id: str, channel_id: str) -> tuple[str, int, bool]:
    """The channel's deck (order and position), created if new, locked until the transaction ends, and whether
    the team has a rewritten card in use.

    Two people drawing at once in one channel queue on this lock (FOR UPDATE on PostgreSQL; SQLite's write
    lock is taken when the transaction begins), so each sees the position the other left."""
    keys = {"b_team": team_id, "b_channel": channel_id}
    row = _LOCK_DECK.first(connection, keys)
    if row is None:
        _NEW_DECK.execute(connection, {**keys, "b_now": utcnow()})
        row = _LOCK_DECK.first(connection, keys)
    assert row is not None
    card_order, position, rewritten = row
    return str(card_order or ""), int(position or 0), bool(rewritten)


@dataclass(frozen=True)
class Wanted:
    """Cards asked of a channel's deck: one (of a suit, if given), or a hand of `count`."""

    channel_id: str
    count: int = 1
    suit: str | None = None


def deal_for(
    connection: Connection, team_id: str, wanted: Sequence[Wanted], rng: random.Random | None = None
) -> list[Drawn]:
    """Cards for several people at once (bot.batches), dealt in the order they asked, each from their channel's
    deck as the one before left it; a used-up deck is reshuffled first.

    Every row is locked in one order, whatever the batch: the decks by channel, then the counts per card, then
    the counts per month and suit. Two batches (or a batch and a share) that touch the same rows therefore
    queue for them instead of each holding what the other waits for."""
    for one in wanted:
        if not 1 <= one.count <= deck.MAX_HAND:
            raise ValueError(f"a hand holds 1 to {deck.MAX_HAND} cards")
    stored: dict[str, tuple[str, DeckState | None]] = {}
    states: dict[str, DeckState] = {}
    reshuffles: Counter[str] = Counter()
    rewritten = False
    for channel_id in sorted({one.channel_id for one in wanted}):
        card_order, position, rewritten = _locked_deck(connection, team_id, channel_id)
        read = deck.decode(card_order, position)
        stored[channel_id] = (card_order, read)
        states[channel_id] = read or deck.new_deck(rng)
    drawn: list[Drawn] = []
    for one in wanted:
        state, dealt, reshuffled = states[one.channel_id], list[CardKey](), False
        for _ in range(one.count):
            card, state, fresh = deck.take(state, one.suit, rng, keep_back=dealt)
            dealt.append(card)
            reshuffled = reshuffled or fresh
        states[one.channel_id] = state
        reshuffles[one.channel_id] += int(reshuffled)
        drawn.append(Drawn(dealt, reshuffled, rewritten))
    now = utcnow()
    for channel_id, state in states.items():
        card_order, read = stored[channel_id]
        # An order that did not change is written back as it was read (encoding 52 cards costs more than the SQL).
        order = card_order if read and state.order is read.order else deck.encode(state)
        _SAVE_DECK.execute(
            connection,
            {
                "b_team": team_id, "b_channel": channel_id, "b_order": order, "b_position": state.position,
                "b_reshuffled": reshuffles[channel_id], "b_now": now,
            },
        )  # fmt: skip
    every_card = [card for one in drawn for card in one.cards]
    _count(connection, team_id, every_card, draws=1)
    impact_cards.record_draws(connection, team_id, [one.cards for one in drawn], now)
    return drawn


def draw(
    connection: Connection,
    *,
    team_id: str,
    channel_id: str,
    suit: str | None = None,
    rng: random.Random | None = None,
) -> Drawn:
    """The next card of the channel's deck (of one suit if given); a used-up deck is reshuffled first."""
    (drawn,) = deal_for(connection, team_id, [Wanted(channel_id, 1, suit)], rng)
    return drawn


def deal(
    connection: Connection, *, team_id: str, channel_id: str, count: int, rng: random.Random | None = None
) -> Drawn:
    """A hand of distinct cards from the channel's deck."""
    (drawn,) = deal_for(connection, team_id, [Wanted(channel_id, count)], rng)
    return drawn


def home_deck(user_id: str) -> str:
    """The deck behind the Home tab's Draw a card button: one per person."""
    return f"{HOME_DECK_PREFIX}{user_id}"


def _count(connection: Connection, team_id: str, cards: Iterable[CardKey], *, draws: int = 0, shares: int = 0) -> None:
    """Add to each card's counts, one row per card however often it appears, in suit and rank order (the lock
    order deal_for keeps)."""
    times = Counter((card.suit, card.rank) for card in cards)
    if not times:
        return
    _TALLY.execute_many(
        connection,
        [
            {"b_team": team_id, "b_suit": suit, "b_rank": rank, "b_draws": draws * n, "b_shares": shares * n}
            for (suit, rank), n in sorted(times.items())
        ],
    )


def record_shares(
    connection: Connection, *, team_id: str, cards: Iterable[CardKey], at: datetime | None = None
) -> None:
    shared = list(cards)
    _count(connection, team_id, shared, shares=1)
    impact_cards.record_shares(connection, team_id, [card.suit for card in shared], at or utcnow())


def withdraw_shares(connection: Connection, *, team_id: str, cards: Iterable[CardKey], at: datetime) -> None:
    """Take back the shares counted at `at` when Slack then refused the post: a card nobody saw was not shared."""
    shared = list(cards)
    _count(connection, team_id, shared, shares=-1)
    month = at.astimezone(UTC).strftime("%Y-%m")
    taken_back = {suit: -number for suit, number in Counter(card.suit for card in shared).items()}
    impact_cards.record(connection, team_id, month, taken_back, kind="shares")


def tallies(session: Session, team_id: str) -> list[CardTally]:
    return list(
        session.scalars(select(CardTally).where(CardTally.team_id == team_id).order_by(CardTally.suit, CardTally.id))
    )


def queue_post(session: Session, *, team_id: str, message: dict[str, Any], purpose: str) -> OutboxMessage:
    """A post kept in the outbox when Slack could not take it at once, so that a share is not lost."""
    return outbox.enqueue(session, team_id=team_id, method="chat.postMessage", payload=message, purpose=purpose)


# Card of the week ------------------------------------------------------------------------------------------------


# The days a card of the week can be set on, by their names (which `/ethicard weekly` also takes).
WEEKDAYS: dict[str, str] = {
    "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
    "fri": "Friday", "sat": "Saturday", "sun": "Sunday",
}  # fmt: skip


@dataclass(frozen=True)
class WeeklyTime:
    day: str
    hour: int
    minute: int


def parse_weekly_time(day: str, time: str) -> WeeklyTime | None:
    """``mon`` (or ``monday``) and ``09:00``; None for anything else."""
    day = day.lower()[:3] if day.lower() in {d.lower() for d in WEEKDAYS.values()} else day.lower()
    if day not in WEEKDAYS:
        return None
    hour_text, _, minute_text = time.replace(".", ":").partition(":")
    if not (hour_text.isdigit() and minute_text.isdigit() and len(hour_text) <= 2 and len(minute_text) == 2):
        return None
    hour, minute = int(hour_text), int(minute_text)
    if hour > 23 or minute > 59:
        return None
    return WeeklyTime(day, hour, minute)


def next_fire(row: WeeklyCard, after: datetime) -> datetime:
    trigger = CronTrigger(day_of_week=row.day_of_week, hour=row.hour, minute=row.minute, timezone=row.timezone)
    # A trigger fires at or after the instant given; a second later, so that a run never reschedules itself.
    fire: datetime | None = trigger.get_next_fire_time(None, after + timedelta(seconds=1))
    assert fire is not None
    return fire


def set_weekly(
    session: Session, *, team_id: str, channel_id: str, when: WeeklyTime, set_by: str, timezone: str, now: datetime
) -> WeeklyCard:
    row = session.scalar(
        select(WeeklyCard).where(WeeklyCard.team_id == team_id, WeeklyCard.channel_id == channel_id).with_for_update()
    )
    if row is None:
        row = WeeklyCard(team_id=team_id, channel_id=channel_id, version=0)
        session.add(row)
    row.day_of_week, row.hour, row.minute, row.timezone = when.day, when.hour, when.minute, timezone
    row.status, row.paused_reason, row.set_by, row.updated_at = "active", None, set_by, utcnow()
    row.version += 1
    session.flush()
    cancel(session, team_id=team_id, kind=WEEKLY_DUTY, key_prefix=f"{channel_id}:")
    _schedule_next(session, row, now)
    return row


def stop_weekly(session: Session, *, team_id: str, channel_id: str) -> bool:
    row = session.scalar(select(WeeklyCard).where(WeeklyCard.team_id == team_id, WeeklyCard.channel_id == channel_id))
    if row is None or row.status == "off":
        return False
    _halt(session, row, "off", None)
    return True


def list_weekly(session: Session, team_id: str) -> list[WeeklyCard]:
    return list(
        session.scalars(
            select(WeeklyCard)
            .where(WeeklyCard.team_id == team_id, WeeklyCard.status != "off")
            .order_by(WeeklyCard.channel_id)
        )
    )


def _halt(session: Session, row: WeeklyCard, status: str, reason: str | None) -> None:
    row.status, row.paused_reason, row.next_at, row.updated_at = status, reason, None, utcnow()
    row.version += 1
    cancel(session, team_id=row.team_id, kind=WEEKLY_DUTY, key_prefix=f"{row.channel_id}:")


def _schedule_next(session: Session, row: WeeklyCard, after: datetime) -> None:
    due = next_fire(row, after)
    row.next_at = due
    schedule(
        session,
        team_id=row.team_id,
        kind=WEEKLY_DUTY,
        # The version keeps a re-set schedule from colliding with a run already done for the same instant.
        key=f"{row.channel_id}:v{row.version}:{due.astimezone(ZoneInfo('UTC')).isoformat()}",
        due_at=due,
        payload={"weekly_id": row.id, "version": row.version},
    )


def post_weekly(ctx: DutyContext) -> None:
    row = ctx.session.get(WeeklyCard, ctx.payload.get("weekly_id"))
    if row is None or row.status != "active" or row.version != ctx.payload.get("version"):
        return  # the schedule changed or stopped after this run was planned
    drawn = draw(ctx.session.connection(), team_id=row.team_id, channel_id=row.channel_id)
    key = drawn.card
    card = in_use.card(ctx.session, ctx.deps, row.team_id, key)
    blocks = ctx.deps.messages.card_blocks
    outbox.enqueue(
        ctx.session,
        team_id=row.team_id,
        method="chat.postMessage",
        payload={
            "channel": row.channel_id,
            "text": blocks.fallback_text(key, card),
            "blocks": blocks.weekly_card(key, card),
            "unfurl_links": False,
            "unfurl_media": False,
        },
        purpose="card-of-the-week",
        on_failed=WEEKLY_FAILED,
        hook_args={"weekly_id": row.id, "version": row.version},
    )
    _schedule_next(ctx.session, row, ctx.now)


def weekly_failed(session: Session, message: OutboxMessage, deps: Deps) -> None:
    """Pause a card of the week the channel refuses, and tell the standards team how to mend it."""
    if message.last_error not in REFUSALS:
        return
    row = session.get(WeeklyCard, message.hook_args.get("weekly_id"))
    if row is None or row.status != "active":
        return
    _halt(session, row, "paused", message.last_error)
    texts = deps.messages.card_texts
    alert = texts.WEEKLY_PAUSED_ALERT.format(
        channel=row.channel_id,
        reason=message.last_error,
        day=row.day_of_week,
        time=texts.clock_time(row.hour, row.minute),
    )
    for admin in sorted(deps.settings.admins):
        outbox.enqueue(
            session, team_id=row.team_id, method="dm.post", purpose="card-of-the-week-paused",
            payload={"user": admin, "text": alert},
        )  # fmt: skip


def register(features: Features) -> None:
    features.add_duty(WEEKLY_DUTY, post_weekly)
    features.add_hook(WEEKLY_FAILED, weekly_failed)
    features.add_report_section(20, "cards", card_section)
