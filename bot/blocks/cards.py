"""Block Kit for the ethics cards: the card's face, the private draw, channel posts, the full card, the Home tab."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.texts import cards as texts
from bot.texts.common import escape
from dilemmas.deck import CardKey
from dilemmas.models import Card, Signpost
from dilemmas.references import PRINCIPLES, STANDARDS, SUIT_SYMBOLS, SUITS

Block = dict[str, Any]

SHARE = "cards.share"
SHARE_HAND = "cards.share_hand"
DRAW_ANOTHER = "cards.draw_another"
# Buttons that repeat in one message or view carry the card's code after a colon, as action IDs must be unique.
MORE = "cards.more"
SHOW = "cards.show"
HOME_DRAW = "cards.home_draw"
HOME_SUIT = "cards.home_suit"
ANY_SUIT = "any"


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def _button(label: str, action_id: str, value: str, *, primary: bool = False) -> Block:
    button: Block = {"type": "button", "text": _plain(label), "action_id": action_id, "value": value}
    if primary:
        button["style"] = "primary"
    return button


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def fallback_text(key: CardKey, card: Card) -> str:
    return texts.FACE_FALLBACK.format(name=f"{key.symbol} {key.name}", headline=escape(card.headline))


def face(key: CardKey, card: Card) -> list[Block]:
    """The card as a playing card reads: suit and rank, the question, the prompt under it, the theme."""
    return [
        {"type": "header", "text": _plain(f"{key.symbol} {key.name}")},
        _section(f"*{escape(card.headline)}*\n_{escape(card.prompt)}_"),
        _context(f"{key.symbol} {key.suit.capitalize()}: {SUITS[key.suit]}"),
    ]


def private_card(key: CardKey, card: Card, *, suit: str | None = None, reshuffled: bool = False) -> list[Block]:
    """The card shown only to the person who drew it, with what they can do next."""
    notice: list[Block] = []
    if reshuffled:
        notice = [_context(texts.SUIT_RESHUFFLED.format(suit=suit) if suit else texts.RESHUFFLED)]
    actions = {
        "type": "actions",
        "block_id": f"cards.actions.{key.code}",
        "elements": [
            _button(texts.SHARE, SHARE, key.code, primary=True),
            _button(texts.DRAW_ANOTHER, DRAW_ANOTHER, suit or ANY_SUIT),
            _button(texts.MORE, f"{MORE}:{key.code}", key.code),
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
        "elements": [_button(texts.MORE, f"{MORE}:{key.code}", key.code)],
    }


def shared_card(key: CardKey, card: Card, user_id: str) -> list[Block]:
    return [*face(key, card), _context(texts.SHARED_BY.format(user=user_id)), _more_only(key)]


def weekly_card(key: CardKey, card: Card) -> list[Block]:
    return [*face(key, card), _context(texts.WEEKLY_FOOTER), _more_only(key)]


def _hand_cards(hand: Sequence[tuple[CardKey, Card]]) -> list[Block]:
    blocks: list[Block] = []
    for key, card in hand:
        blocks.append(
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": f"*{key.symbol} {key.name}*\n{escape(card.headline)}"},
                "accessory": _button(texts.MORE, f"{MORE}:{key.code}", key.code),
            }
        )
        blocks.append(_context(f"_{escape(card.prompt)}_"))
    return blocks


def private_hand(hand: Sequence[tuple[CardKey, Card]], *, reshuffled: bool = False) -> list[Block]:
    notice = [_context(texts.RESHUFFLED)] if reshuffled else []
    codes = " ".join(key.code for key, _ in hand)
    share = {"type": "actions", "elements": [_button(texts.SHARE_HAND, SHARE_HAND, codes, primary=True)]}
    return [*notice, _section(texts.HAND_INTRO.format(count=len(hand))), *_hand_cards(hand), share]


def shared_hand(hand: Sequence[tuple[CardKey, Card]], user_id: str) -> list[Block]:
    return [
        _section(texts.HAND_SHARED_INTRO.format(count=len(hand))),
        *_hand_cards(hand),
        _context(texts.SHARED_BY.format(user=user_id)),
    ]


def _bullets(items: Sequence[str]) -> str:
    return "\n".join(f"• {escape(item)}" for item in items)


def _touches(card: Card) -> str:
    lines = [texts.STANDARD.format(number=n, name=STANDARDS[n]) for n in card.tags.standards]
    lines += [texts.PRINCIPLE.format(name=PRINCIPLES[p]) for p in card.tags.principles]
    return _bullets(lines)


def _signpost(post: Signpost) -> str:
    name = f"<{post.url}|{escape(post.name)}>" if post.url else f"*{escape(post.name)}*"
    return f"• {name}: {escape(post.detail)}"


def details(key: CardKey, card: Card, signposts: Mapping[str, Signpost]) -> list[Block]:
    """The deeper side of the card: scenarios, questions, why it matters, what it touches, where to get help."""
    blocks = [
        {"type": "divider"},
        _section(f"{texts.MODAL_SCENARIOS}\n{_bullets(card.scenarios)}"),
        _section(f"{texts.MODAL_QUESTIONS}\n{_bullets(card.questions)}"),
        _section(f"{texts.MODAL_WHY}\n{escape(card.why_it_matters)}"),
        _section(f"{texts.MODAL_TOUCHES}\n{_touches(card)}"),
    ]
    posts = [_signpost(signposts[slug]) for slug in card.signposts if slug in signposts]
    if posts:
        blocks.append(_section(f"{texts.MODAL_SIGNPOSTS}\n" + "\n".join(posts)))
    if card.links:
        links = "\n".join(f"• <{link.url}|{escape(link.title)}>" for link in card.links)
        blocks.append(_section(f"{texts.MODAL_LINKS}\n{links}"))
    blocks.append(_context(texts.NO_MODEL_ANSWER))
    return blocks


def card_modal(key: CardKey, card: Card, signposts: Mapping[str, Signpost]) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": "cards.card",
        "title": _plain(f"{key.symbol} {key.name}"),
        "close": _plain(texts.CLOSE),
        "blocks": [*face(key, card), *details(key, card, signposts)],
    }


def suit_modal(suit: str, cards: Sequence[tuple[CardKey, Card]]) -> dict[str, Any]:
    intro = texts.SUIT_MODAL_INTRO.format(symbol=SUIT_SYMBOLS[suit], suit=suit.capitalize(), theme=SUITS[suit])
    blocks: list[Block] = [_section(intro)]
    for key, card in cards:
        blocks.append(
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": f"*{key.symbol} {key.name}*\n{escape(card.headline)}"},
                "accessory": _button(texts.SHOW, f"{SHOW}:{key.code}", key.code),
            }
        )
    return {
        "type": "modal",
        "callback_id": "cards.suit",
        "title": _plain(texts.SUIT_MODAL_TITLE.format(suit=f"{SUIT_SYMBOLS[suit]} {suit.capitalize()}")),
        "close": _plain(texts.CLOSE),
        "blocks": blocks,
    }


def home_section() -> list[Block]:
    options = [
        {"text": _plain(f"{SUIT_SYMBOLS[suit]} {suit.capitalize()}: {theme}"), "value": suit}
        for suit, theme in SUITS.items()
    ]
    return [
        {"type": "header", "text": _plain(texts.HOME_TITLE)},
        _section(texts.HOME_INTRO),
        {
            "type": "actions",
            "block_id": "cards.home",
            "elements": [
                _button(texts.DRAW_A_CARD, HOME_DRAW, ANY_SUIT, primary=True),
                {
                    "type": "static_select",
                    "action_id": HOME_SUIT,
                    "placeholder": _plain(texts.BROWSE_PLACEHOLDER),
                    "options": options,
                },
            ],
        },
    ]
