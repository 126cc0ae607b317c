"""`/ethicard` and its buttons: draw, show, deal, share, draw another, more; the Home tab's deck; weekly cards.

Every card is shown as the deck in use holds it: a card the standards team rewrote and published in Slack in
place of the shipped one."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackRequestError

from bot import outbox
from bot.acknowledge import after_ack, arrived_at
from bot.blocks import cards as blocks
from bot.deps import Deps
from bot.features import Features
from bot.middleware import deps_of
from bot.services import cards as service
from bot.services.cards import in_use
from bot.texts import cards as texts
from dilemmas import deck
from dilemmas.deck import CardKey
from dilemmas.models import Card
from handlers import card_authoring
from handlers.common import (
    answer_help,
    channel_ref,
    is_admin,
    parse_command_text,
    private,
    refuse_non_admin,
)
from storage.models import utcnow
from storage.models.cards import WeeklyCard

COMMAND = "/ethicard"
log = logging.getLogger(__name__)


def register(app: App, features: Features) -> None:
    app.command(COMMAND)(on_command)
    app.action(blocks.SHARE)(on_share)
    app.action(blocks.SHARE_HAND)(on_share_hand)
    app.action(blocks.DRAW_ANOTHER)(on_draw_another)
    app.action(re.compile(rf"^{re.escape(blocks.MORE)}(:|$)"))(on_more)
    app.action(re.compile(rf"^{re.escape(blocks.SHOW)}(:|$)"))(on_show)
    app.action(blocks.HOME_DRAW)(on_home_draw)
    app.action(blocks.HOME_SUIT)(on_home_suit)
    features.add_home_section(30, home_section)
    card_authoring.register(app)


def home_section(deps: Deps, team_id: str, user_id: str) -> list[dict[str, Any]]:
    return blocks.home_section()


def _shown(deps: Deps, team_id: str, keys: list[CardKey]) -> list[Card]:
    """The cards as the deck in use holds them, read in one short transaction."""
    with deps.db.transaction() as connection:
        return in_use.cards(connection, deps, team_id, keys)


def _team_of(body: dict[str, Any], context: BoltContext) -> str:
    return str((body.get("team") or {}).get("id") or context.team_id or "")


def on_command(ack: Ack, command: dict[str, str], respond: Respond, context: BoltContext, client: WebClient) -> None:
    # The answer (a card drawn, a hand dealt, help) comes back in the acknowledgement itself.
    ack()
    _answer_command(respond, command, context, client)


def _answer_command(respond: Respond, command: dict[str, str], context: BoltContext, client: WebClient) -> None:
    deps = deps_of(context)
    parsed = parse_command_text(command.get("text"))
    team_id, channel_id, user_id = command["team_id"], command["channel_id"], command["user_id"]
    whole = parsed.raw.strip()
    if parsed.verb == "help":
        answer_help(respond, COMMAND, texts.HELP)
    elif parsed.verb == "":
        _answer_draw(deps, respond, team_id, channel_id, None)
    elif (key := deck.parse_card(whole)) is not None:
        (card,) = _shown(deps, team_id, [key])
        private(respond, blocks.fallback_text(key, card), blocks.shown_card(key, card))
    elif (suit := deck.parse_suit(whole)) is not None:
        _answer_draw(deps, respond, team_id, channel_id, suit)
    elif parsed.verb == "hand" and (size := deck.parse_hand_size(parsed.args)) is not None:
        with deps.db.transaction() as connection:
            dealt = service.deal(connection, team_id=team_id, channel_id=channel_id, count=size)
            hand = list(zip(dealt.cards, in_use.cards(connection, deps, team_id, dealt.cards), strict=True))
        private(
            respond, texts.HAND_FALLBACK.format(count=len(hand)), blocks.private_hand(hand, reshuffled=dealt.reshuffled)
        )
    elif parsed.verb == "weekly":
        if not is_admin(deps, user_id):
            refuse_non_admin(respond)
        else:
            _weekly(deps, respond, team_id, user_id, parsed.args, arrived_at(context))
    elif parsed.verb == "edit":
        if not is_admin(deps, user_id):
            refuse_non_admin(respond)
        else:
            card_authoring.open_form(deps, client, command["trigger_id"], respond, team_id, parsed.rest)
    else:
        answer_help(respond, COMMAND, texts.HELP, parsed.raw)


def _draw_one(deps: Deps, team_id: str, wanted: service.Wanted) -> tuple[service.Drawn, Card]:
    """One card from a deck of the team, and how the deck in use shows it.

    Draws in one team at once (in channels and on Home tabs) are dealt together, in one transaction
    (bot.batches): each is a trip to the database and a commit less, and the counts they share are written once."""

    def record(wanted: Sequence[service.Wanted]) -> list[tuple[service.Drawn, Card]]:
        with deps.db.transaction() as connection:
            dealt = service.deal_for(connection, team_id, wanted)
            return [(one, in_use.card(connection, deps, team_id, one.card, rewritten=one.rewritten)) for one in dealt]

    return deps.batches.run(("card-draws", team_id), wanted, record)


def _answer_draw(
    deps: Deps, respond: Respond, team_id: str, channel_id: str, suit: str | None, *, replace: bool = False
) -> None:
    drawn, card = _draw_one(deps, team_id, service.Wanted(channel_id, 1, suit))
    key = drawn.card
    text, card_blocks = (
        blocks.fallback_text(key, card),
        blocks.private_card(key, card, suit=suit, reshuffled=drawn.reshuffled),
    )
    if replace:
        respond(text=text, blocks=card_blocks, response_type="ephemeral", replace_original=True)
    else:
        private(respond, text, card_blocks)


def _weekly(deps: Deps, respond: Respond, team_id: str, user_id: str, args: list[str], now: datetime) -> None:
    settings = deps.settings
    if not args:
        with deps.db.unit_of_work() as session:
            rows = service.list_weekly(session, team_id)
            lines = [_weekly_line(row, settings.tz) for row in rows]
        private(respond, "\n".join([texts.WEEKLY_LIST_HEAD, *lines]) if lines else texts.WEEKLY_NONE)
        return
    if len(args) == 2 and args[0].lower() in {"off", "stop"} and (channel := channel_ref(args[1])):
        with deps.db.unit_of_work() as session:
            stopped = service.stop_weekly(session, team_id=team_id, channel_id=channel)
        private(respond, (texts.WEEKLY_OFF if stopped else texts.WEEKLY_NONE_THERE).format(channel=channel))
        return
    when = service.parse_weekly_time(args[1], args[2]) if len(args) == 3 else None
    channel = channel_ref(args[0]) if len(args) == 3 else None
    if when is None or channel is None:
        answer_help(respond, COMMAND, texts.WEEKLY_HELP, "weekly " + " ".join(args))
        return
    with deps.db.unit_of_work() as session:
        row = service.set_weekly(
            session, team_id=team_id, channel_id=channel, when=when, set_by=user_id,
            timezone=settings.timezone, now=now,
        )  # fmt: skip
        first = row.next_at
    assert first is not None
    private(
        respond,
        texts.WEEKLY_SET.format(
            channel=channel,
            day=texts.WEEKDAYS[when.day],
            time=texts.clock_time(when.hour, when.minute),
            tz=settings.timezone,
            first=texts.when(first.astimezone(settings.tz)),
        ),
    )


def _weekly_line(row: WeeklyCard, tz: tzinfo) -> str:
    if row.status == "active" and row.next_at is not None:
        state = texts.WEEKLY_ACTIVE.format(next=texts.when(row.next_at.astimezone(tz)))
    else:
        state = texts.WEEKLY_PAUSED.format(reason=row.paused_reason or "paused")
    return texts.WEEKLY_LINE.format(
        channel=row.channel_id, day=texts.WEEKDAYS[row.day_of_week], time=texts.clock_time(row.hour, row.minute),
        tz=row.timezone, state=state,
    )  # fmt: skip


def _card_of(action: dict[str, Any]) -> CardKey | None:
    return deck.from_code(str(action.get("value") or ""))


def _channel_of(body: dict[str, Any]) -> str:
    return str((body.get("container") or {}).get("channel_id") or (body.get("channel") or {}).get("id") or "")


def on_share(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext, client: WebClient
) -> None:
    ack()
    key = _card_of(action)
    if key is None:
        private(respond, texts.CARD_GONE)
        return
    deps = deps_of(context)
    (card,) = _shown(deps, _team_of(body, context), [key])
    user_id = body["user"]["id"]
    text, shown = blocks.fallback_text(key, card), blocks.shared_card(key, card, user_id)
    _share(deps, respond, context, client, body, [key], text, shown)


def on_share_hand(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext, client: WebClient
) -> None:
    ack()
    keys = [deck.from_code(code) for code in str(action.get("value") or "").split()]
    if not keys or None in keys or len(keys) > deck.MAX_HAND:
        private(respond, texts.CARD_GONE)
        return
    deps = deps_of(context)
    known = [key for key in keys if key is not None]
    hand = list(zip(known, _shown(deps, _team_of(body, context), known), strict=True))
    user_id = body["user"]["id"]
    text = texts.HAND_FALLBACK.format(count=len(hand))
    _share(deps, respond, context, client, body, [key for key, _ in hand], text, blocks.shared_hand(hand, user_id))


def _share(
    deps: Deps,
    respond: Respond,
    context: BoltContext,
    client: WebClient,
    body: dict[str, Any],
    keys: list[CardKey],
    text: str,
    card_blocks: list[dict[str, Any]],
) -> None:
    """Count the share, then post it once the acknowledgement has gone: the count is committed before anyone can
    see the card, and no post goes out for a share the database could not take."""
    team_id, channel = str((body.get("team") or {}).get("id") or ""), _channel_of(body)
    message = {"channel": channel, "text": text, "blocks": card_blocks, "unfurl_links": False, "unfurl_media": False}
    shared_at = utcnow()
    with deps.db.unit_of_work() as session:
        service.record_shares(session.connection(), team_id=team_id, cards=keys, at=shared_at)
    after_ack(context, _post_share, deps, respond, client, team_id, keys, shared_at, message)


def _post_share(
    deps: Deps,
    respond: Respond,
    client: WebClient,
    team_id: str,
    keys: list[CardKey],
    shared_at: datetime,
    message: dict[str, Any],
) -> None:
    """Post at once so that a refusal can be explained to the person; keep it in the outbox if Slack is busy."""
    channel = str(message["channel"])
    try:
        client.chat_postMessage(**message)
        return
    except SlackApiError as exc:
        error = str(exc.response.get("error") or "")
        if error in service.REFUSALS:
            with deps.db.unit_of_work() as session:
                service.withdraw_shares(session.connection(), team_id=team_id, cards=keys, at=shared_at)
            private(respond, texts.NOT_IN_CHANNEL.format(channel=channel))
            return
        log.warning("sharing a card failed (%s); kept in the outbox", error or exc.response.status_code)
    except (SlackRequestError, OSError) as exc:  # counted already, so it must still arrive
        log.warning("sharing a card failed (%s); kept in the outbox", type(exc).__name__)
    with deps.db.unit_of_work() as session:
        queued = [service.queue_post(session, team_id=team_id, message=message, purpose="card-share").id]
    outbox.deliver_soon(deps, queued)
    private(respond, texts.SHARE_QUEUED.format(channel=channel))


def on_draw_another(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    value = str(action.get("value") or "")
    suit = value if value in deck.SUIT_LETTERS.values() else None
    team_id = str((body.get("team") or {}).get("id") or "")
    _answer_draw(deps_of(context), respond, team_id, _channel_of(body), suit, replace=True)


def on_more(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    ack()
    key = _card_of(action)
    if key is not None:
        deps = deps_of(context)
        (card,) = _shown(deps, _team_of(body, context), [key])
        view = blocks.card_modal(key, card, deps.content.signposts)
        after_ack(context, client.views_open, trigger_id=body["trigger_id"], view=view)


def on_show(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    ack()
    key = _card_of(action)
    if key is not None:
        deps = deps_of(context)
        (card,) = _shown(deps, _team_of(body, context), [key])
        view = blocks.card_modal(key, card, deps.content.signposts)
        after_ack(context, client.views_push, trigger_id=body["trigger_id"], view=view)


def on_home_draw(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    ack()
    deps = deps_of(context)
    user_id = body["user"]["id"]
    team_id = str((body.get("team") or {}).get("id") or "")
    drawn, card = _draw_one(deps, team_id, service.Wanted(service.home_deck(user_id)))
    view = blocks.card_modal(drawn.card, card, deps.content.signposts)
    after_ack(context, client.views_open, trigger_id=body["trigger_id"], view=view)


def on_home_suit(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    ack()
    suit = str((action.get("selected_option") or {}).get("value") or "")
    if suit not in deck.SUIT_LETTERS.values():
        return
    deps = deps_of(context)
    keys = deck.suit_cards(suit)
    cards = list(zip(keys, _shown(deps, _team_of(body, context), keys), strict=True))
    after_ack(context, client.views_open, trigger_id=body["trigger_id"], view=blocks.suit_modal(suit, cards))
