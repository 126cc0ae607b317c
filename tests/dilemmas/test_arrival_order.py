"""A vote counts as of its click: a change of mind acknowledged before the close is what the reveal counts."""

from __future__ import annotations

from bot.sandbox.simulator.server import SlackSimulator
from storage.models.dilemmas import DilemmaVote
from tests.dilemmas.conftest import TEAM_A, admin_says, post_in
from tests.support.harness import ADMIN, BotHarness

CHANGERS = [f"UCHANGE{n:03d}" for n in range(20)]


def test_a_vote_changed_by_a_second_click_always_counts_the_last_click(bot: BotHarness, sim: SlackSimulator) -> None:
    for person in CHANGERS:
        sim.add_user(person, person.lower())
    sim.add_channel(TEAM_A, "response-team-a", members=[ADMIN, *CHANGERS])
    admin_says(bot, "post")
    [message] = sim.wait_for(lambda: sim.messages(TEAM_A), what="the dilemma")
    for person in CHANGERS:  # B, then A: the second click is sent only once the first was acknowledged
        for option in ("B", "A"):
            result = bot.driver.click(person, message=message, action_id=f"dilemma_vote_{option}")
            assert result.status == 200
            assert result.elapsed < 3.0
    post = post_in(bot, TEAM_A)
    assert sorted(vote.option for vote in bot.rows(DilemmaVote, DilemmaVote.post_id == post.id)) == ["A"] * 20
    admin_says(bot, f"close <#{TEAM_A}|response-team-a>")
    reveal = sim.wait_for(
        lambda: [m for m in sim.thread(TEAM_A, message["ts"]) if m["ts"] != message["ts"]], what="the reveal"
    )
    assert "20 responses" in str(reveal)
    tally = post_in(bot, TEAM_A).tally or {}
    assert tally.get("A") == 20
    assert sum(tally.values()) == 20
