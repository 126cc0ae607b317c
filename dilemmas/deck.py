"""The deck as plain data: card keys, reading what people type for a card or a suit, and shuffling.

A card is named by a short code everywhere it is stored or carried in a button: rank then suit letter,
such as ``7h``, ``qs`` or ``10d``.
"""

from __future__ import annotations

import functools
import random
import re
import secrets
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from dilemmas.references import RANK_NAMES, RANKS, SUIT_SYMBOLS, SUITS

SUIT_LETTERS: dict[str, str] = {"h": "hearts", "d": "diamonds", "c": "clubs", "s": "spades"}
MAX_HAND = 5
DEFAULT_HAND = 3

_RANK_WORDS: dict[str, str] = {
    "a": "A", "ace": "A", "1": "A", "one": "A",
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "ten": "10", "t": "10",
    "j": "J", "jack": "J", "knave": "J", "q": "Q", "queen": "Q", "k": "K", "king": "K",
    **{str(n): str(n) for n in range(2, 11)},
}  # fmt: skip
_SUIT_WORDS: dict[str, str] = {
    **{suit: suit for suit in SUITS},
    **{suit[:-1]: suit for suit in SUITS},
    **SUIT_LETTERS,
    **{symbol: suit for suit, symbol in SUIT_SYMBOLS.items()},
    "♡": "hearts", "♢": "diamonds", "♧": "clubs", "♤": "spades",
}  # fmt: skip
_SHORT_CODE = re.compile(r"^(10|[2-9]|[ajqkt1])\s*([hdcs♥♦♣♠♡♢♧♤])$")
_LONG_NAME = re.compile(r"^(\w+)\s+of\s+(\S+)$")


class CardKey(NamedTuple):
    suit: str
    rank: str

    @property
    def code(self) -> str:
        return f"{self.rank.lower()}{self.suit[0]}"

    @property
    def name(self) -> str:
        return f"{RANK_NAMES[self.rank]} of {self.suit.capitalize()}"

    @property
    def symbol(self) -> str:
        return SUIT_SYMBOLS[self.suit]


FULL_DECK: tuple[CardKey, ...] = tuple(CardKey(suit, rank) for suit in SUITS for rank in RANKS)


def from_code(code: str) -> CardKey | None:
    """The card a stored code names; None for anything that is not one of the 52."""
    if not isinstance(code, str) or len(code) > 3:
        return None
    return _BY_CODE.get(code) or parse_card(code)


def _normalise(text: str) -> str:
    # Emoji suits arrive with a variation selector; Slack may send curly quotes and odd spaces.
    text = unicodedata.normalize("NFKC", text).replace("\ufe0f", "").replace("\ufe0e", "")
    text = re.sub(r"[^\w\s♥♦♣♠♡♢♧♤]", " ", text.lower())
    return " ".join(text.split())


def parse_card(text: str) -> CardKey | None:
    """A card from ``7h``, ``QS``, ``10 d``, ``7♥``, ``ace of spades`` or ``queen of hearts``; else None."""
    words = _normalise(text)
    short = _SHORT_CODE.match(words)
    if short:
        return CardKey(_SUIT_WORDS[short.group(2)], _RANK_WORDS[short.group(1)])
    long = _LONG_NAME.match(words)
    if long and long.group(1) in _RANK_WORDS and long.group(2) in _SUIT_WORDS:
        return CardKey(_SUIT_WORDS[long.group(2)], _RANK_WORDS[long.group(1)])
    return None


def _theme_words(theme: str) -> str:
    words = _normalise(theme).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


_THEMES: dict[str, str] = {_theme_words(theme): suit for suit, theme in SUITS.items()}


def parse_suit(text: str) -> str | None:
    """A suit from its name (``hearts``, ``heart``), its symbol, or its theme (``the profession at work``)."""
    words = _normalise(text)
    if words in _SUIT_WORDS and words not in SUIT_LETTERS:
        return _SUIT_WORDS[words]
    return _THEMES.get(_theme_words(words))


def parse_hand_size(words: list[str]) -> int | None:
    """The size of a hand from the words after ``hand``: none means the default; 1 to 5 only."""
    if not words:
        return DEFAULT_HAND
    if len(words) != 1 or not re.fullmatch(r"[0-9]{1,2}", words[0]):
        return None
    size = int(words[0])
    return size if 1 <= size <= MAX_HAND else None


def shuffled(rng: random.Random | None = None) -> list[CardKey]:
    """A fresh deck in a random order (from the operating system's randomness unless a generator is given)."""
    order = list(FULL_DECK)
    (rng or secrets.SystemRandom()).shuffle(order)
    return order


def suit_cards(suit: str) -> list[CardKey]:
    return [CardKey(suit, rank) for rank in RANKS]


@dataclass(frozen=True)
class DeckState:
    """A channel's deck: the shuffled order and how many cards of it have been drawn."""

    order: tuple[CardKey, ...]
    position: int

    @property
    def remaining(self) -> int:
        return len(self.order) - self.position


def new_deck(rng: random.Random | None = None) -> DeckState:
    return DeckState(tuple(shuffled(rng)), 0)


def take(
    state: DeckState, suit: str | None = None, rng: random.Random | None = None, keep_back: Collection[CardKey] = ()
) -> tuple[CardKey, DeckState, bool]:
    """The next card (of `suit`, if given) and the deck after it; True when the deck had to be reshuffled.

    A suit draw takes the first card of that suit still in the deck and moves it to the drawn part, so no
    card repeats; when the suit is used up the whole deck is reshuffled. `keep_back` (the cards already
    dealt in a hand) go to the bottom of a fresh deck so that one hand never holds a card twice."""
    found = _first_of(state.order, state.position, suit)
    if found == state.position:  # the next card is the one wanted: the order stays as it was (no copy)
        return state.order[found], DeckState(state.order, found + 1), False
    order, position, reshuffled = list(state.order), state.position, False
    if found is None:
        fresh = shuffled(rng)
        order = [card for card in fresh if card not in keep_back] + [card for card in fresh if card in keep_back]
        position, reshuffled = 0, True
        found = _first_of(order, position, suit)
        assert found is not None
    card = order.pop(found)
    order.insert(position, card)
    return card, DeckState(tuple(order), position + 1), reshuffled


def _first_of(order: Sequence[CardKey], position: int, suit: str | None) -> int | None:
    for index in range(position, len(order)):
        if suit is None or order[index].suit == suit:
            return index
    return None


def encode(state: DeckState) -> str:
    return " ".join(card.code for card in state.order)


# Every card by its own code, so that reading a stored deck (on every draw) needs no parsing.
_BY_CODE: dict[str, CardKey] = {card.code: card for card in FULL_DECK}


def decode(order: str, position: int) -> DeckState | None:
    """The deck stored as codes; None when it is not a whole deck (then a fresh one is shuffled)."""
    cards = _cards_of(order)
    return None if cards is None else DeckState(cards, max(0, min(position, len(FULL_DECK))))


@functools.lru_cache(maxsize=4096)
def _cards_of(order: str) -> tuple[CardKey, ...] | None:
    """A stored order read once: a channel's order stays the same from one draw to the next until a reshuffle."""
    cards = [from_code(code) for code in order.split()]
    if len(cards) != len(FULL_DECK) or None in cards or len(set(cards)) != len(FULL_DECK):
        return None
    return tuple(card for card in cards if card is not None)
