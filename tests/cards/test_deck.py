"""The deck as plain data: references people type, suit draws, shuffling and storage codes."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dilemmas import deck
from dilemmas.deck import FULL_DECK, CardKey, DeckState


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7h", CardKey("hearts", "7")),
        ("QS", CardKey("spades", "Q")),
        ("10d", CardKey("diamonds", "10")),
        ("10 D", CardKey("diamonds", "10")),
        ("ace of spades", CardKey("spades", "A")),
        ("Queen of Hearts", CardKey("hearts", "Q")),
        ("seven of clubs", CardKey("clubs", "7")),
        ("7♥️", CardKey("hearts", "7")),
        ("K♠", CardKey("spades", "K")),
        ("jack of diamond", CardKey("diamonds", "J")),
        ("ah", CardKey("hearts", "A")),
    ],
)
def test_card_references_name_the_right_card(text: str, expected: CardKey) -> None:
    assert deck.parse_card(text) == expected


@pytest.mark.parametrize("text", ["", "11h", "0s", "7x", "hearts", "ace", "ace of", "of spades", "queen of cups", "zz"])
def test_what_is_not_a_card_is_refused(text: str) -> None:
    assert deck.parse_card(text) is None


@pytest.mark.parametrize(
    ("text", "suit"),
    [
        ("hearts", "hearts"),
        ("Spade", "spades"),
        ("♦", "diamonds"),
        ("The Individual in the Profession", "hearts"),
        ("profession at work", "diamonds"),
        ("society and the profession", "clubs"),
        ("Protecting the Profession!", "spades"),
    ],
)
def test_suits_are_known_by_name_symbol_and_theme(text: str, suit: str) -> None:
    assert deck.parse_suit(text) == suit


@pytest.mark.parametrize("text", ["h", "the profession", "cups", "", "hearts and spades"])
def test_what_is_not_a_suit_is_refused(text: str) -> None:
    assert deck.parse_suit(text) is None


@pytest.mark.parametrize(
    ("words", "size"),
    [([], 3), (["1"], 1), (["5"], 5), (["0"], None), (["6"], None), (["two"], None), (["3", "4"], None)],
)
def test_hand_sizes_are_one_to_five(words: list[str], size: int | None) -> None:
    assert deck.parse_hand_size(words) == size


def test_every_code_names_its_card_and_back() -> None:
    assert len(set(FULL_DECK)) == 52
    for card in FULL_DECK:
        assert deck.from_code(card.code) == card
        assert deck.parse_card(card.name) == card


def test_52_takes_give_every_card_once_then_a_reshuffle() -> None:
    state = deck.new_deck(random.Random(1))
    drawn = []
    for _ in range(52):
        card, state, reshuffled = deck.take(state)
        assert not reshuffled
        drawn.append(card)
    assert sorted(drawn) == sorted(FULL_DECK)
    _, state, reshuffled = deck.take(state)
    assert reshuffled
    assert state.position == 1


def test_a_suit_draw_takes_the_next_card_of_that_suit_and_never_repeats_it() -> None:
    state = deck.new_deck(random.Random(2))
    first_heart = next(card for card in state.order if card.suit == "hearts")
    card, state, _ = deck.take(state, "hearts")
    assert card == first_heart
    hearts = [card]
    for _ in range(12):
        card, state, reshuffled = deck.take(state, "hearts")
        assert card.suit == "hearts"
        assert not reshuffled
        hearts.append(card)
    assert len(set(hearts)) == 13
    rest = [deck.take(state)[0] for _ in range(1)]
    assert rest[0].suit != "hearts"  # hearts are used up in this deck; other suits are not
    card, state, reshuffled = deck.take(state, "hearts")
    assert reshuffled
    assert card.suit == "hearts"


def test_a_hand_across_a_reshuffle_holds_no_card_twice() -> None:
    state = deck.new_deck(random.Random(3))
    for _ in range(50):
        _, state, _ = deck.take(state)
    hand: list[CardKey] = []
    for _ in range(5):
        card, state, _ = deck.take(state, keep_back=hand)
        hand.append(card)
    assert len(set(hand)) == 5


def test_a_stored_deck_round_trips_and_a_damaged_one_is_refused() -> None:
    state = deck.new_deck(random.Random(4))
    state = DeckState(state.order, 17)
    assert deck.decode(deck.encode(state), 17) == state
    assert deck.decode("", 0) is None
    assert deck.decode(" ".join(["7h"] * 52), 0) is None
    assert deck.decode(deck.encode(state) + " qs", 0) is None


@given(st.text(max_size=300))
def test_any_text_is_a_card_a_suit_or_nothing_never_an_error(text: str) -> None:
    card = deck.parse_card(text)
    suit = deck.parse_suit(text)
    assert card is None or card in FULL_DECK
    assert suit is None or suit in {"hearts", "diamonds", "clubs", "spades"}
    assert deck.parse_hand_size(text.split()) in {None, 1, 2, 3, 4, 5}
