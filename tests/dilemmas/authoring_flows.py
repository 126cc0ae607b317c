"""Helpers to write a dilemma through the form, as the standards team does in Slack."""

from __future__ import annotations

from typing import Any

from tests.support.harness import ADMIN, BotHarness

SCENARIO = (
    "During a night search for a missing teenager, the drone operator's thermal camera sweeps across allotments "
    "behind a row of terraced houses. On the replay she spots a sergeant from another shift tending a large, lit "
    "polytunnel at two in the morning, with extraction fans humming. The footage is saved automatically to the "
    "evidence server. Her supervisor, who plays five-a-side football with the sergeant, suggests trimming those "
    "frames before upload because they are irrelevant to the search."
)
REASONING = (
    "Editing evidence to protect a friend is itself misconduct, and what the footage shows may be criminal. "
    "Keeping it whole and reporting it is the honest course."
)


def form_values(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": "wwyd-drone-over-the-allotments",
        "title": "Drone over the allotments",
        "format": "what-would-you-do",
        "scenario": SCENARIO,
        "A_label": "Trim the frames",
        "A_text": "Agree: those frames have nothing to do with the missing teenager.",
        "B_label": "Keep everything",
        "B_text": "Upload all the footage untouched and say nothing more about it.",
        "C_label": "Keep and report",
        "C_text": "Upload it untouched and tell counter-corruption what you saw.",
        "prompts": "Who decides what footage is relevant?\nWhat would make it hard to speak up here?",
        "panel_option": "C",
        "reasoning": REASONING,
        "standards": ["1", "10"],
        "signposts": ["line-manager"],
    }
    values.update(changes)
    return values


def top_view(bot: BotHarness, user: str = ADMIN) -> dict[str, Any]:
    return bot.sim.wait_for(lambda: bot.sim.views_for(user), what="an open form")[-1]


def words(value: Any) -> str:
    """Every text a person would read in a message or view."""
    found: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, dict):
            for key, inner in item.items():
                if key == "text" and isinstance(inner, str):
                    found.append(inner)
                else:
                    walk(inner)
        elif isinstance(item, list):
            for inner in item:
                walk(inner)

    walk(value)
    return "\n".join(found)


def wait_for_view_saying(bot: BotHarness, phrase: str, user: str = ADMIN) -> dict[str, Any]:
    return bot.sim.wait_for(
        lambda: next((v for v in bot.sim.views_for(user) if phrase in words(v.get("blocks"))), None),
        what=f"a view saying {phrase!r}",
    )


def close_forms(bot: BotHarness, user: str = ADMIN) -> None:
    """The person closes what is open, as they would after reading a notice."""
    while bot.sim.views_for(user):
        bot.driver.close(user, bot.sim.views_for(user)[-1])
