"""Signposts per organisation: the Crimestoppers Integrity Line only where the force subscribes and says so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.sandbox.simulator.server import SlackSimulator
from dilemmas.loader import Content, check_content, load_content
from tests.concerns.conftest import CASES, REPORTER, raise_concern
from tests.support.harness import BotHarness, start_bot

SUBSCRIBED = "psd-confidential-line,crimestoppers-integrity-line,iopc-report-line"


@pytest.fixture
def subscribed_bot(database_url: str, people: SlackSimulator) -> Iterator[BotHarness]:
    content = load_content(None, SUBSCRIBED.split(","))
    harness = start_bot(
        database_url, people, content, STANDARDS_BOT_CASE_CHANNEL=CASES, STANDARDS_BOT_SIGNPOSTS=SUBSCRIBED
    )
    yield harness
    harness.close()


def test_by_default_the_integrity_line_is_known_but_not_shown(content: Content) -> None:
    assert "crimestoppers-integrity-line" in content.known_signposts
    assert "crimestoppers-integrity-line" not in content.signposts
    assert {"psd-confidential-line", "iopc-report-line", "line-manager"} <= set(content.signposts)


def test_a_force_that_subscribes_shows_the_integrity_line_with_its_own_site(subscribed_bot: BotHarness) -> None:
    subscribed_bot.driver.open_home(REPORTER)
    home = subscribed_bot.sim.wait_for(lambda: subscribed_bot.sim.home(REPORTER), what="the Home tab")
    assert "Crimestoppers Integrity Line" in str(home)
    assert "https://www.theiline.co.uk/" in str(home)
    raised = raise_concern(subscribed_bot, "Someone is selling seized phones")
    receipt = str(raised.view)
    assert "Crimestoppers Integrity Line" in receipt


def test_a_force_can_leave_out_routes_it_does_not_have() -> None:
    content = load_content(None, ["line-manager", "psd-confidential-line"])
    assert sorted(content.signposts) == ["line-manager", "psd-confidential-line"]
    assert "ethics-committee" in content.known_signposts  # items that name it still load; it is just not shown


def test_an_unknown_signpost_in_the_setting_is_a_content_problem() -> None:
    _, problems = check_content(None, ["line-manager", "the-bat-signal"])
    assert [(p.file, p.item) for p in problems] == [("STANDARDS_BOT_SIGNPOSTS", "the-bat-signal")]


def test_a_force_that_gives_its_own_integrity_line_entry_shows_it(tmp_path: Path) -> None:
    (tmp_path / "signposts.yml").write_text(
        "crimestoppers-integrity-line:\n"
        "  name: Crimestoppers Integrity Line\n"
        "  detail: Our force subscribes. Call 0800 000 0000 (an example number).\n"
        "  url: https://www.theiline.co.uk/\n"
    )
    content = load_content(tmp_path)
    assert content.signposts["crimestoppers-integrity-line"].detail.startswith("Our force subscribes")
