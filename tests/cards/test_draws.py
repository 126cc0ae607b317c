"""End to end over signed HTTP: each form of /ethicard, the channel's deck, and help for anything else."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.sandbox.simulator.server import SlackSimulator
from bot.texts import cards as texts
from bot.texts.common import ADMINS_ONLY, FAULT, escape
from dilemmas.deck import CardKey
from storage.models.cards import CardTally, ChannelDeck
from storage.models.impact import CardMonthTally
from tests.cards.conftest import OFFICER, SERGEANT, TEAM, card_in, cards_in, texts_of
from tests.support.harness import BotHarness


def _ask(bot: BotHarness, text: str, user: str = OFFICER, channel: str | None = TEAM) -> dict:
    result = bot.driver.command(user, "/ethicard", text, channel=channel)
    assert result.status == 200
    assert result.elapsed < 3.0
    answer = result.wait_response()
    assert answer.get("response_type", "ephemeral") == "ephemeral"
    return answer


def test_52_draws_in_one_channel_give_52_different_cards_and_the_53rd_says_the_deck_was_reshuffled(
    bot: BotHarness, people: SlackSimulator
) -> None:
    drawn = []
    for _ in range(52):
        answer = _ask(bot, "")
        assert texts.RESHUFFLED not in texts_of(answer)
        drawn.append(card_in(answer))
    assert len(set(drawn)) == 52
    again = _ask(bot, "")
    assert texts.RESHUFFLED in texts_of(again)
    assert people.messages(TEAM) == []  # all of it private
    assert sum(row.draws for row in bot.rows(CardTally)) == 53


def test_each_channel_and_dm_keeps_its_own_deck(bot: BotHarness, people: SlackSimulator) -> None:
    in_team = {card_in(_ask(bot, "")) for _ in range(30)}
    in_dm = {card_in(_ask(bot, "", channel=None)) for _ in range(30)}
    assert len(in_team) == 30
    assert len(in_dm) == 30
    assert in_team & in_dm  # 30 + 30 out of 52: two separate decks must overlap
    assert sorted(row.position for row in bot.rows(ChannelDeck)) == [30, 30]


def test_two_people_drawing_at_once_in_one_channel_never_get_the_same_card(
    bot: BotHarness, people: SlackSimulator
) -> None:
    users = [OFFICER, SERGEANT] * 26
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda user: _ask(bot, "", user=user), users))
    assert len({card_in(answer) for answer in answers}) == 52


def test_people_drawing_at_once_in_several_channels_each_get_their_own_cards_and_every_card_is_counted(
    bot: BotHarness, people: SlackSimulator
) -> None:
    # Draws arriving together are dealt in one transaction; each hand is dealt on its own, beside them.
    channels = [TEAM, "CTEAM00002", "CTEAM00003"]
    for channel in channels[1:]:
        people.add_channel(channel, channel.lower(), members=[OFFICER, SERGEANT])
    asks = [(channel, text) for channel in channels for text in ["", "hearts", "hand 3"] * 4]
    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(lambda ask: _ask(bot, ask[1], user=OFFICER, channel=ask[0]), asks))
    dealt: dict[str, list[CardKey]] = {channel: [] for channel in channels}
    for (channel, text), answer in zip(asks, answers, strict=True):
        cards = cards_in(answer)
        assert len(cards) == (3 if text == "hand 3" else 1), texts_of(answer)
        if text == "hearts":
            assert cards[0].suit == "hearts"
        dealt[channel] += cards
    for channel, cards in dealt.items():
        assert len(cards) == len(set(cards)) == 20, channel  # 4 draws, 4 hearts, 4 hands of 3: no card twice
    assert sorted(row.position for row in bot.rows(ChannelDeck)) == [20, 20, 20]
    assert sum(row.draws for row in bot.rows(CardTally)) == 60
    months = bot.rows(CardMonthTally)
    assert sum(row.draws for row in months) == 60
    assert sum(row.hands for row in months) == 12
    assert sum(row.draws for row in months if row.suit == "hearts") >= 12


def test_hands_dealt_at_once_in_many_channels_are_all_dealt_and_counted(
    bot: BotHarness, people: SlackSimulator
) -> None:
    # Each hand counts its cards on rows that other hands count on too (per card, per suit and month). On
    # PostgreSQL, two hands taking those rows' locks in different orders could each wait for the other until
    # one is cancelled and its person told nothing was recorded.
    channels = [f"CHAND{n:05d}" for n in range(12)]
    for channel in channels:
        people.add_channel(channel, channel.lower(), members=[OFFICER])
    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(lambda channel: _ask(bot, "hand 5", channel=channel), channels * 4))
    assert all(len(cards_in(answer)) == 5 for answer in answers), [texts_of(a) for a in answers if not cards_in(a)]
    assert sum(row.draws for row in bot.rows(CardTally)) == 240
    months = bot.rows(CardMonthTally)
    assert (sum(row.draws for row in months), sum(row.hands for row in months)) == (240, 48)


NAMED = [
    ("7h", CardKey("hearts", "7")),
    ("QS", CardKey("spades", "Q")),
    ("10d", CardKey("diamonds", "10")),
    ("ace of spades", CardKey("spades", "A")),
    ("queen of hearts", CardKey("hearts", "Q")),
    ("K♣", CardKey("clubs", "K")),
]
SUITS = [
    ("hearts", "hearts"), ("Diamonds", "diamonds"), ("clubs", "clubs"), ("spades", "spades"),
    ("the profession at work", "diamonds"), ("Protecting the Profession", "spades"),
]  # fmt: skip


def test_a_named_card_is_shown(bot: BotHarness, people: SlackSimulator) -> None:
    for text, expected in NAMED:
        answer = _ask(bot, text)
        assert card_in(answer) == expected, text
        assert escape(bot.deps.content.card(expected.suit, expected.rank).headline) in texts_of(answer)
    assert bot.rows(CardTally) == []  # showing a card by name is not a draw


def test_a_suit_draw_gives_a_card_of_that_suit(bot: BotHarness, people: SlackSimulator) -> None:
    for text, suit in SUITS:
        assert card_in(_ask(bot, text)).suit == suit, text


def test_thirteen_suit_draws_use_up_the_suit_then_the_deck_is_reshuffled(
    bot: BotHarness, people: SlackSimulator
) -> None:
    hearts = {card_in(_ask(bot, "hearts")) for _ in range(13)}
    assert len(hearts) == 13
    assert card_in(_ask(bot, "")).suit != "hearts"  # the rest of the deck holds no heart
    again = _ask(bot, "hearts")
    assert "Every hearts card in this deck has been drawn" in texts_of(again)


def test_a_hand_deals_distinct_cards(bot: BotHarness, people: SlackSimulator) -> None:
    for text, count in [("hand", 3), ("hand 1", 1), ("hand 3", 3), ("HAND 5", 5)]:
        hand = cards_in(_ask(bot, text))
        assert len(hand) == count, text
        assert len(set(hand)) == count


BAD = [
    "hand 6", "hand 0", "hand -1", "hand three", "11h", "joker", "hearts spades", "weekly", "<!channel>",
    "token=x&user_id=U1", "x" * 3000, "🃏🂡", "'; DROP TABLE card_decks; --", "<@U123|bob> please", "\n\t",
]  # fmt: skip


def test_anything_else_gets_the_help_privately(bot: BotHarness, people: SlackSimulator) -> None:
    for text in BAD:
        answer = _ask(bot, text)
        if text.strip() == "":
            assert card_in(answer)  # only whitespace is no argument at all: a draw
            continue
        expected = texts.HELP if not text.startswith("weekly") else ADMINS_ONLY
        assert expected.split("\n")[0] in texts_of(answer), text
    assert people.messages(TEAM) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400))
def test_any_argument_text_gets_a_private_answer_never_an_error(
    bot: BotHarness, people: SlackSimulator, text: str
) -> None:
    answer = _ask(bot, text)
    shown = texts_of(answer)
    assert cards_in(answer) or texts.HELP.split("\n")[0] in shown or ADMINS_ONLY in shown
    assert FAULT not in shown
    assert people.messages(TEAM) == []
