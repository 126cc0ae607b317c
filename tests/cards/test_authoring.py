"""Rewriting an ethics card in Slack over real HTTP: the form and its checks, the preview as `/ethicard` shows a
card, publishing it in place of the shipped card, retiring it, and the export that `content check` accepts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from bot.sandbox.simulator.server import SlackSimulator
from bot.texts.common import escape
from storage.models.cards import AuthoredCardVersion
from tests.cards.conftest import OFFICER, TEAM, card_in, texts_of
from tests.dilemmas.authoring_flows import close_forms, top_view, wait_for_view_saying, words
from tests.support.cli import cli_env, run_cli
from tests.support.harness import ADMIN, BotHarness

HEADLINE = "Would you mention a rival bidder's mistake you noticed while sitting on a procurement panel?"
SHIPPED = "How far would you stretch the truth to get a day off you had been refused?"


def card_values(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "headline": HEADLINE,
        "prompt": "Think about fairness to suppliers, the contract's purpose and who a tip-off would serve.",
        "scenarios": (
            "A police staff buyer scoring tenders for custody catering spots that the cheapest bidder has misread "
            "the menu specification; his brother-in-law works for that firm."
        ),
        "questions": "Who gains if the error is quietly pointed out?\nWhat would a losing bidder make of it later?",
        "why_it_matters": (
            "Public money and public trust both depend on contracts awarded on the merits, with every interest "
            "declared before the scoring starts."
        ),
        "standards": ["1", "5"],
        "principles": ["courage"],
        "signposts": ["line-manager"],
    }
    values.update(changes)
    return values


def _ethicard(bot: BotHarness, text: str, user: str = OFFICER) -> dict[str, Any]:
    result = bot.driver.command(user, "/ethicard", text, channel=TEAM)
    assert result.status == 200
    return result.wait_response()


def _edit(bot: BotHarness, code: str = "7h") -> dict[str, Any]:
    assert bot.driver.command(ADMIN, "/ethicard", f"edit {code}", channel=TEAM).status == 200
    return top_view(bot)


def _publish(bot: BotHarness) -> None:
    assert not bot.driver.submit(ADMIN, _edit(bot), card_values()).errors
    bot.driver.click(ADMIN, view=wait_for_view_saying(bot, "Preview:"), action_id="card_author_publish")
    wait_for_view_saying(bot, "is published")
    close_forms(bot)


def test_rewrite_check_preview_publish_draw_and_retire_a_card(bot: BotHarness, people: SlackSimulator) -> None:
    form = _edit(bot)
    assert SHIPPED in str(form)  # the form starts from the card as it stands

    # A headline that does not speak to the reader: the model's words beside the field, the text kept.
    refused = bot.driver.submit(ADMIN, form, card_values(headline="Is a procurement tip-off ever harmless here?"))
    assert refused.errors is not None
    assert "use 'you'" in refused.errors["headline"]
    assert "procurement tip-off" in str(top_view(bot)["state"])

    # Another card's scenario copied: refused by the deck's own near-duplicate rule.
    eight = bot.deps.content.card("hearts", "8")
    copied = bot.driver.submit(ADMIN, top_view(bot), card_values(scenarios="\n".join(eight.scenarios)))
    assert copied.errors is not None
    assert "near-duplicate of card 8 of hearts" in copied.errors["scenarios"]

    # The preview is the card as /ethicard shows it: its face and what More shows, then the choices.
    fixed = bot.driver.submit(ADMIN, top_view(bot), card_values())
    assert fixed.status == 200
    assert not fixed.errors
    preview = wait_for_view_saying(bot, "Preview:")
    shown = words(preview["blocks"])
    assert "♥ 7 of Hearts" in shown
    assert escape(HEADLINE) in shown
    assert "brother-in-law" in shown
    for label in ("Save as draft", "Publish", "Edit", "Retire"):
        assert label in shown
    assert escape(SHIPPED) in texts_of(_ethicard(bot, "7h"))  # nothing changes before a choice
    bot.driver.click(ADMIN, view=preview, action_id="card_author_publish")
    wait_for_view_saying(bot, "is published (version 1)")
    close_forms(bot)

    # Shown by name and drawn from the suit: the new text, never the shipped one.
    assert escape(HEADLINE) in texts_of(_ethicard(bot, "7h"))
    hearts = [_ethicard(bot, "hearts") for _ in range(13)]
    seven = next(answer for answer in hearts if card_in(answer).rank == "7")
    assert escape(HEADLINE) in texts_of(seven)
    assert not any(escape(SHIPPED) in texts_of(answer) for answer in hearts)

    # Retired: the shipped card is back; both versions are kept with who made them, and the form lists them.
    form = _edit(bot)
    assert "Version 1: published by <@" in words(form["blocks"])
    bot.driver.submit(ADMIN, form, {})
    bot.driver.click(ADMIN, view=wait_for_view_saying(bot, "Preview:"), action_id="card_author_retire")
    wait_for_view_saying(bot, "is retired (version 2)")
    assert escape(SHIPPED) in texts_of(_ethicard(bot, "7h"))
    versions = sorted(bot.rows(AuthoredCardVersion), key=lambda v: v.number)
    assert [(v.number, v.status, v.changed_by) for v in versions] == [(1, "published", ADMIN), (2, "retired", ADMIN)]


def test_only_the_standards_team_rewrites_cards(bot: BotHarness, people: SlackSimulator) -> None:
    assert "Only the standards team" in _ethicard(bot, "edit 7h")["text"]
    assert bot.sim.views_for(OFFICER) == []
    assert "Say which card" in _ethicard(bot, "edit joker", user=ADMIN)["text"]


def test_export_writes_suit_files_that_content_check_accepts(
    bot: BotHarness, people: SlackSimulator, tmp_path: Path
) -> None:
    _publish(bot)
    out = tmp_path / "exported"
    done = run_cli(bot, "content", "export", "--out", str(out))
    assert done.returncode == 0, done.stderr
    written = yaml.safe_load((out / "cards" / "hearts.yml").read_text(encoding="utf-8"))
    assert written["suit"] == "hearts"
    assert [(card["rank"], card["headline"]) for card in written["cards"]] == [("7", HEADLINE)]

    env = {**cli_env(bot), "STANDARDS_BOT_CONTENT_DIR": str(out)}
    checked = subprocess.run([sys.executable, "-m", "bot.cli", "content", "check"], env=env, capture_output=True,
                             text=True, timeout=120, check=False)  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "52 cards" in checked.stdout
