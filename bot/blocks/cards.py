"""Block Kit for the ethics cards: the card's face, the private draw, channel posts, the full card, the Home tab."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.blocks.elements import Block, button, context, plain, section, signposts_text
from bot.texts import cards as texts
from bot.texts.common import escape
from dilemmas.deck import CardKey
from dilemmas.models import Card, Signpost
from dilemmas.references import PRINCIPLES, STANDARDS, SUIT_SYMBOLS, SUITS

SHARE = "cards.share"
SHARE_HAND = "cards.share_hand"
DRAW_ANOTHER = "cards.draw_another"
# Buttons that repeat in one message or view carry the card's code after a colon, as action IDs must be unique.
MORE = "cards.more"
SHOW = "cards.show"
HOME_DRAW = "cards.home_draw"
HOME_SUIT = "cards.home_suit"
ANY_SUIT = "any"


def fallback_text(key: CardKey, card: Card) -> str:
    return texts.FACE_FALLBACK.format(name=f"{key.symbol} {key.name}", headline=escape(card.headline))


def face(key: CardKey, card: Card) -> list[Block]:
    """The card as a playing card reads: suit and rank, the question, the prompt under it, the theme."""
    return [
        {"type": "header", "text": plain(f"{key.symbol} {key.name}")},
        section(f"*{escape(card.headline)}*\n_{escape(card.prompt)}_"),
        context(f"{key.symbol} {key.suit.capitalize()}: {SUITS[key.suit]}"),
    ]


def private_card(key: CardKey, card: Card, *, suit: str | None = None, reshuffled: bool = False) -> list[Block]:
    """The card shown only to the person who drew it, with what they can do next."""
    notice: list[Block] = []
    if reshuffled:
        notice = [context(texts.SUIT_RESHUFFLED.format(suit=suit) if suit else texts.RESHUFFLED)]
    actions = {
        "type": "actions",
        "block_id": f"cards.actions.{key.code}",
        "elements": [
            button(texts.SHARE, SHARE, key.code, "primary"),
            button(texts.DRAW_ANOTHER, DRAW_ANOTHER, suit or ANY_SUIT),
            button(texts.MORE, f"{MORE}:{key.code}", key.code),
        ],
    }
    return [*notice, *face(key, card), actions]


def shown_card(key: CardKey, card: Card) -> list[Block]:
    """A card asked for by name: the same as a draw, but "Draw another" draws from the channel's deck."""
    return private_card(key, card)


def _more_only(key: CardKey) -> Block:
    return {
        "type": "actions",
        "block_id": f"cards.more.{key.code}",
        "elements": [button(texts.MORE, f"{MORE}:{key.code}", key.code)],
    }


def shared_card(key: CardKey, card: Card, user_id: str) -> list[Block]:
    return [*face(key, card), context(texts.SHARED_BY.format(user=user_id)), _more_only(key)]


def weekly_card(key: CardKey, card: Card) -> list[Block]:
    return [*face(key, card), context(texts.WEEKLY_FOOTER), _more_only(key)]


def _hand_cards(hand: Sequence[tuple[CardKey, Card]]) -> list[Block]:
    blocks: list[Block] = []
    for key, card in hand:
        blocks.append(
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": f"*{key.symbol} {key.name}*\n{escape(card.headline)}"},
                "accessory": button(texts.MORE, f"{MORE}:{key.code}", key.code),
            }
        )
        blocks.append(context(f"_{escape(card.prompt)}_"))
    return blocks


def private_hand(hand: Sequence[tuple[CardKey, Card]], *, reshuffled: bool = False) -> list[Block]:
    notice = [context(texts.RESHUFFLED)] if reshuffled else []
    codes = " ".join(key.code for key, _ in hand)
    share = {"type": "actions", "elements": [button(texts.SHARE_HAND, SHARE_HAND, codes, "primary")]}
    return [*notice, section(texts.HAND_INTRO.format(count=len(hand))), *_hand_cards(hand), share]


def shared_hand(hand: Sequence[tuple[CardKey, Card]], user_id: str) -> list[Block]:
    return [
        section(texts.HAND_SHARED_INTRO.format(count=len(hand))),
        *_hand_cards(hand),
        context(texts.SHARED_BY.format(user=user_id)),
    ]


def _bullets(items: Sequence[str]) -> str:
    return "\n".join(f"• {escape(item)}" for item in items)


def _touches(card: Card) -> str:
    lines = [texts.STANDARD.format(number=n, name=STANDARDS[n]) for n in card.tags.standards]
    lines += [texts.PRINCIPLE.format(name=PRINCIPLES[p]) for p in card.tags.principles]
    return _bullets(lines)


def details(key: CardKey, card: Card, signposts: Mapping[str, Signpost]) -> list[Block]:
    """The deeper side of the card: scenarios, questions, why it matters, what it touches, where to get help."""
    blocks = [
        {"type": "divider"},
        section(f"{texts.MODAL_SCENARIOS}\n{_bullets(card.scenarios)}"),
        section(f"{texts.MODAL_QUESTIONS}\n{_bullets(card.questions)}"),
        section(f"{texts.MODAL_WHY}\n{escape(card.why_it_matters)}"),
        section(f"{texts.MODAL_TOUCHES}\n{_touches(card)}"),
    ]
    posts = [signposts[slug] for slug in card.signposts if slug in signposts]
    if posts:
        blocks.append(section(signposts_text(texts.MODAL_SIGNPOSTS, posts)))
    if card.links:
        links = "\n".join(f"• <{link.url}|{escape(link.title)}>" for link in card.links)
        blocks.append(section(f"{texts.MODAL_LINKS}\n{links}"))
    blocks.append(context(texts.NO_MODEL_ANSWER))
    return blocks


def card_modal(key: CardKey, card: Card, signposts: Mapping[str, Signpost]) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": "cards.card",
        "title": plain(f"{key.symbol} {key.name}"),
        "close": plain(texts.CLOSE),
        "blocks": [*face(key, card), *details(key, card, signposts)],
    }


def suit_modal(suit: str, cards: Sequence[tuple[CardKey, Card]]) -> dict[str, Any]:
    intro = texts.SUIT_MODAL_INTRO.format(symbol=SUIT_SYMBOLS[suit], suit=suit.capitalize(), theme=SUITS[suit])
    blocks: list[Block] = [section(intro)]
    for key, card in cards:
        blocks.append(
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": f"*{key.symbol} {key.name}*\n{escape(card.headline)}"},
                "accessory": button(texts.SHOW, f"{SHOW}:{key.code}", key.code),
            }
        )
    return {
        "type": "modal",
        "callback_id": "cards.suit",
        "title": plain(texts.SUIT_MODAL_TITLE.format(suit=f"{SUIT_SYMBOLS[suit]} {suit.capitalize()}")),
        "close": plain(texts.CLOSE),
        "blocks": blocks,
    }


def home_section() -> list[Block]:
    options = [
        {"text": plain(f"{SUIT_SYMBOLS[suit]} {suit.capitalize()}: {theme}"), "value": suit}
        for suit, theme in SUITS.items()
    ]
    return [
        {"type": "header", "text": plain(texts.HOME_TITLE)},
        section(texts.HOME_INTRO),
        {
            "type": "actions",
            "block_id": "cards.home",
            "elements": [
                button(texts.DRAW_A_CARD, HOME_DRAW, ANY_SUIT, "primary"),
                {
                    "type": "static_select",
                    "action_id": HOME_SUIT,
                    "placeholder": plain(texts.BROWSE_PLACEHOLDER),
                    "options": options,
                },
            ],
        },
    ]
