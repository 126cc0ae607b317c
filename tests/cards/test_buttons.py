"""End to end over signed HTTP: Share to channel, Draw another, More, sharing a hand, and the Home tab's deck."""

from __future__ import annotations

from typing import Any

from bot.sandbox.simulator.server import SlackSimulator
from bot.texts import cards as texts
from storage.models.cards import CardTally
from tests.cards.conftest import OFFICER, OUTSIDE, TEAM, card_in, cards_in, texts_of
from tests.support.harness import BotHarness


def _private_card(bot: BotHarness, people: SlackSimulator, text: str = "", channel: str = TEAM) -> dict[str, Any]:
    bot.driver.command(OFFICER, "/ethicard", text, channel=channel).wait_response()
    return people.ephemerals(OFFICER, channel)[-1]


def test_share_posts_the_card_in_the_channel_naming_who_shared_it(bot: BotHarness, people: SlackSimulator) -> None:
    private = _private_card(bot, people)
    key = card_in(private)
    result = bot.driver.click(OFFICER, message=private, text=texts.SHARE)
    assert result.status == 200
    posted = people.wait_for(lambda: people.messages(TEAM), what="the shared card")
    assert len(posted) == 1
    assert card_in(posted[0]) == key
    assert f"Shared by <@{OFFICER}> with `/ethicard`" in texts_of(posted[0])
    [call] = people.calls_to("chat.postMessage")
    assert call.args["unfurl_links"] is False
    tally = bot.rows(CardTally, CardTally.suit == key.suit, CardTally.rank == key.rank)
    assert [(row.draws, row.shares) for row in tally] == [(1, 1)]


def test_share_where_the_bot_is_not_a_member_explains_how_to_invite_it(bot: BotHarness, people: SlackSimulator) -> None:
    private = _private_card(bot, people, channel=OUTSIDE)
    result = bot.driver.click(OFFICER, message=private, text=texts.SHARE)
    answer = result.wait_response()
    assert "/invite @Standards Bot" in answer["text"]
    assert answer.get("response_type", "ephemeral") == "ephemeral"
    assert people.messages(OUTSIDE) == []
    assert sum(row.shares for row in bot.rows(CardTally)) == 0


def test_share_while_slack_is_failing_is_kept_and_posted(bot: BotHarness, people: SlackSimulator) -> None:
    private = _private_card(bot, people)
    people.fail_next("chat.postMessage", "internal_error", times=1)
    result = bot.driver.click(OFFICER, message=private, text=texts.SHARE)
    assert "will appear" in result.wait_response()["text"]
    posted = people.wait_for(lambda: people.messages(TEAM), what="the kept share to be posted")
    assert card_in(posted[0]) == card_in(private)


def test_draw_another_replaces_the_private_card_with_the_next_of_the_deck(
    bot: BotHarness, people: SlackSimulator
) -> None:
    private = _private_card(bot, people)
    first = card_in(private)
    seen = {first}
    for _ in range(5):
        bot.driver.click(OFFICER, message=private, text=texts.DRAW_ANOTHER)
        people.wait_for(lambda: card_in(people.ephemerals(OFFICER, TEAM)[-1]) not in seen, what="another card")
        private = people.ephemerals(OFFICER, TEAM)[-1]
        seen.add(card_in(private))
    assert len(people.ephemerals(OFFICER, TEAM)) == 1  # replaced, not added
    assert len(seen) == 6


def test_draw_another_after_a_suit_draw_stays_in_that_suit(bot: BotHarness, people: SlackSimulator) -> None:
    private = _private_card(bot, people, "spades")
    bot.driver.click(OFFICER, message=private, text=texts.DRAW_ANOTHER)
    people.wait_for(lambda: card_in(people.ephemerals(OFFICER, TEAM)[-1]) != card_in(private), what="another")
    assert card_in(people.ephemerals(OFFICER, TEAM)[-1]).suit == "spades"


def test_more_opens_a_modal_with_the_whole_card(bot: BotHarness, people: SlackSimulator) -> None:
    private = _private_card(bot, people, "7h")
    result = bot.driver.click(OFFICER, message=private, text=texts.MORE)
    assert result.status == 200
    [view] = people.wait_for(lambda: people.views_for(OFFICER), what="the card's modal")
    card = bot.deps.content.card("hearts", "7")
    shown = texts_of(view)
    assert view["title"]["text"] == "♥ 7 of Hearts"
    assert texts.MODAL_SCENARIOS in shown
    assert texts.MODAL_QUESTIONS in shown
    assert texts.MODAL_WHY in shown
    assert card.questions[0].split("'")[0] in shown


def test_more_on_a_shared_card_opens_the_modal_for_anyone_in_the_channel(
    bot: BotHarness, people: SlackSimulator
) -> None:
    private = _private_card(bot, people, "qs")
    bot.driver.click(OFFICER, message=private, text=texts.SHARE)
    [posted] = people.wait_for(lambda: people.messages(TEAM), what="the shared card")
    bot.driver.click("USERGEANT1", message=posted, text=texts.MORE)
    [view] = people.wait_for(lambda: people.views_for("USERGEANT1"), what="the card's modal")
    assert view["title"]["text"] == "♠ Queen of Spades"


def test_a_hand_can_be_shared_whole(bot: BotHarness, people: SlackSimulator) -> None:
    private = _private_card(bot, people, "hand 4")
    hand = cards_in(private)
    bot.driver.click(OFFICER, message=private, text=texts.SHARE_HAND)
    [posted] = people.wait_for(lambda: people.messages(TEAM), what="the shared hand")
    assert cards_in(posted) == hand
    assert f"Shared by <@{OFFICER}>" in texts_of(posted)
    assert sum(row.shares for row in bot.rows(CardTally)) == 4


def test_the_home_tab_draws_a_card_and_browses_a_suit(bot: BotHarness, people: SlackSimulator) -> None:
    bot.driver.open_home(OFFICER)
    home = people.wait_for(lambda: people.home(OFFICER), what="the Home tab")
    assert texts.DRAW_A_CARD in texts_of(home)
    bot.driver.click(OFFICER, view=home, text=texts.DRAW_A_CARD)
    [drawn] = people.wait_for(lambda: people.views_for(OFFICER), what="a drawn card")
    assert card_in(drawn)
    assert sum(row.draws for row in bot.rows(CardTally)) == 1

    bot.driver.click(OFFICER, view=home, action_id="cards.home_suit", selected="clubs")
    [suit] = people.wait_for(
        lambda: people.views_for(OFFICER) if people.views_for(OFFICER)[0]["id"] != drawn["id"] else None,
        what="the suit",
    )
    clubs = cards_in(suit)
    assert len(clubs) == 13
    assert {key.suit for key in clubs} == {"clubs"}
    bot.driver.click(OFFICER, view=suit, action_id="cards.show:jc")
    stack = people.wait_for(lambda: len(people.views_for(OFFICER)) == 2 and people.views_for(OFFICER), what="a push")
    assert stack[-1]["title"]["text"] == "♣ Jack of Clubs"
