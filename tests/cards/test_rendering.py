"""Every card renders into blocks the simulator accepts, on every surface: private answer, channel post, modal."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient

from bot.blocks import cards as blocks
from bot.sandbox.simulator.server import SlackSimulator
from dilemmas.deck import FULL_DECK, suit_cards
from dilemmas.loader import Content
from dilemmas.references import SUITS
from tests.cards.conftest import OFFICER, TEAM
from tests.support.harness import BOT_TOKEN


@pytest.fixture
def client(people: SlackSimulator) -> WebClient:
    return WebClient(token=BOT_TOKEN, base_url=people.api_url)


def test_the_deck_holds_exactly_one_card_per_suit_and_rank(content: Content) -> None:
    assert sorted(content.cards) == sorted((key.suit, key.rank) for key in FULL_DECK)


def test_all_52_cards_render_privately_in_a_channel_and_in_a_modal(
    content: Content, people: SlackSimulator, client: WebClient
) -> None:
    for key in FULL_DECK:
        card = content.card(key.suit, key.rank)
        text = blocks.fallback_text(key, card)
        client.chat_postEphemeral(
            channel=TEAM, user=OFFICER, text=text, blocks=blocks.private_card(key, card, reshuffled=True)
        )
        client.chat_postMessage(channel=TEAM, text=text, blocks=blocks.shared_card(key, card, OFFICER))
        client.chat_postMessage(channel=TEAM, text=text, blocks=blocks.weekly_card(key, card))
        view = blocks.card_modal(key, card, content.signposts)
        client.views_open(trigger_id=people.issue_trigger(OFFICER), view=view)
    assert len(people.messages(TEAM)) == 104
    assert len(people.ephemerals(OFFICER, TEAM)) == 52


def test_the_biggest_hand_each_suit_and_the_home_section_render(
    content: Content, people: SlackSimulator, client: WebClient
) -> None:
    for suit in SUITS:
        cards = [(key, content.card(key.suit, key.rank)) for key in suit_cards(suit)]
        client.views_open(trigger_id=people.issue_trigger(OFFICER), view=blocks.suit_modal(suit, cards))
        client.chat_postMessage(channel=TEAM, text="hand", blocks=blocks.shared_hand(cards[:5], OFFICER))
        client.chat_postEphemeral(
            channel=TEAM, user=OFFICER, text="hand", blocks=blocks.private_hand(cards[-5:], reshuffled=True)
        )
    home = {"type": "home", "blocks": blocks.home_section()}
    client.views_publish(user_id=OFFICER, view=home)
    assert people.home(OFFICER) is not None
