"""Applicants, their managers, the standards team and an ambassadors channel, and helpers to apply and decide."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.sandbox.simulator.driver import Result
from bot.sandbox.simulator.server import SlackSimulator
from dilemmas.loader import Content
from storage.models.ambassadors import AmbassadorApplication, ApplicationApproval
from tests.support.cli import tick_at
from tests.support.harness import ADMIN, BotHarness, start_bot

ROOT = Path(__file__).resolve().parents[2]
LONDON = ZoneInfo("Europe/London")
APPLICANT = "UAPPLY0001"
SECOND = "UAPPLY0002"
LINE = "ULINEMGR01"
STANDARDS = "USTDMGR001"
OUTSIDER = "UOUTSIDE01"
GONE = "UGONEMGR01"
CHANNEL = "CAMBASS001"
REQUEST = "would like to be a standards ambassador"
WEEK, FORTNIGHT = timedelta(days=7), timedelta(days=14)
SENTENCE = "I want to help colleagues speak up early and do the right thing when nobody is watching"


def statement(words: int) -> str:
    vocabulary = SENTENCE.split()
    return " ".join(vocabulary[i % len(vocabulary)] for i in range(words))


@pytest.fixture
def people(sim: SlackSimulator) -> SlackSimulator:
    sim.add_user(APPLICANT, "pc.patel")
    sim.add_user(SECOND, "pcso.evans")
    sim.add_user(LINE, "ps.okafor")
    sim.add_user(STANDARDS, "di.marsh")
    sim.add_user(OUTSIDER, "pc.curious")
    sim.add_user(GONE, "ps.departed", deleted=True)
    sim.add_channel(CHANNEL, "standards-ambassadors", members=[ADMIN])
    return sim


@pytest.fixture
def amb_bot(database_url: str, people: SlackSimulator, content: Content) -> Iterator[BotHarness]:
    harness = start_bot(database_url, people, content, STANDARDS_BOT_AMBASSADORS_CHANNEL=CHANNEL)
    yield harness
    harness.close()


def today() -> date:
    return datetime.now(LONDON).date()


def texts_of(message: dict[str, Any]) -> str:
    """Every piece of text a person sees in a message or view."""
    parts = [str(message.get("text") or "")]
    for block in message.get("blocks") or []:
        parts.append(str((block.get("text") or {}).get("text", "")))
        for element in block.get("elements") or []:
            if isinstance(element, dict):
                text = element.get("text")
                parts.append(str(text.get("text", "") if isinstance(text, dict) else text or ""))
    return "\n".join(parts)


def says(bot: BotHarness, text: str, user: str = ADMIN) -> str:
    result = bot.driver.command(user, "/ambassador", text)
    assert result.status == 200
    assert result.elapsed < 3
    return texts_of(result.wait_response())


def open_drive(bot: BotHarness, days: int = 14) -> date:
    closes = today() + timedelta(days=days)
    assert "Applications are open until the end of" in says(bot, f"drive open {closes:%Y-%m-%d}")
    return closes


def open_form(bot: BotHarness, user: str) -> dict[str, Any]:
    before = bot.sim.views_for(user)
    assert bot.driver.command(user, "/ambassador", "apply").status == 200
    return bot.sim.wait_for(lambda: [v for v in bot.sim.views_for(user) if v not in before], what="the form")[0]


def fill(
    *,
    department: str = "Response Policing",
    role: str = "PC",
    line: str | None = LINE,
    standards: str | None = STANDARDS,
    words: int = 400,
    text: str | None = None,
) -> dict[str, Any]:
    return {
        "department": department,
        "role": role,
        "line_manager": line,
        "standards_manager": standards,
        "statement": statement(words) if text is None else text,
    }


def apply(bot: BotHarness, user: str, **values: Any) -> Result:
    form = open_form(bot, user)
    result = bot.driver.submit(user, form, fill(**values))
    assert result.status == 200
    return result


def dm_with(bot: BotHarness, user: str, phrase: str) -> dict[str, Any]:
    def found() -> dict[str, Any] | None:
        for message in bot.sim.dms(user):
            if phrase in texts_of(message):
                return message
        return None

    return bot.sim.wait_for(found, what=f"a DM to {user} with {phrase!r}")


def dms_with(bot: BotHarness, user: str, phrase: str) -> list[dict[str, Any]]:
    return [message for message in bot.sim.dms(user) if phrase in texts_of(message)]


def press(bot: BotHarness, user: str, message: dict[str, Any], label: str) -> Result:
    result = bot.driver.click(user, message=message, text=label)
    assert result.status == 200
    return result


def decline(bot: BotHarness, user: str, message: dict[str, Any], reason: str) -> Result:
    before = bot.sim.views_for(user)
    press(bot, user, message, "Decline")
    form = bot.sim.wait_for(lambda: [v for v in bot.sim.views_for(user) if v not in before], what="the reason form")[0]
    return bot.driver.submit(user, form, {"reason": reason})


def cli_tick(bot: BotHarness, at: datetime) -> subprocess.CompletedProcess[str]:
    """`standards-bot tick --at …` as an operator runs it, against the same database and simulator."""
    return tick_at(bot, at)


def approval(bot: BotHarness, step: str, applicant: str = APPLICANT) -> ApplicationApproval:
    [application] = bot.rows(
        AmbassadorApplication,
        AmbassadorApplication.applicant_id == applicant,
        AmbassadorApplication.status.in_(("managers", "confirming")),
    )
    [found] = bot.rows(
        ApplicationApproval, ApplicationApproval.application_id == application.id, ApplicationApproval.step == step
    )
    return found
