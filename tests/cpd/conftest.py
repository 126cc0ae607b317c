"""Ambassadors, an ambassadors channel and the bot announcing there; helpers to create events and answer them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.sandbox.simulator.server import SlackSimulator
from dilemmas.loader import Content
from storage.models.cpd import CpdEvent
from tests.support.harness import ADMIN, BotHarness, start_bot

AMBASSADORS = "CAMBASSADO1"
ASHA, BEN, CARYS, DEV = "UASHA00001", "UBEN000001", "UCARYS0001", "UDEV000001"
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def people(sim: SlackSimulator) -> SlackSimulator:
    for user, name in ((ASHA, "pc.asha"), (BEN, "ps.ben"), (CARYS, "carys.staff"), (DEV, "dc.dev")):
        sim.add_user(user, name)
    sim.add_channel(AMBASSADORS, "standards-ambassadors", members=[ADMIN, ASHA, BEN, CARYS, DEV])
    return sim


@pytest.fixture
def cpd_bot(database_url: str, people: SlackSimulator, content: Content) -> Iterator[BotHarness]:
    harness = start_bot(database_url, people, content, STANDARDS_BOT_AMBASSADORS_CHANNEL=AMBASSADORS)
    yield harness
    harness.close()


@contextmanager
def bot_with_ambassadors(
    database_url: str, sim: SlackSimulator, content: Content, people: list[str]
) -> Iterator[BotHarness]:
    """The bot announcing in an ambassadors channel of the admin and `people` (each added to the workspace)."""
    for person in people:
        sim.add_user(person, person.lower())
    sim.add_channel(AMBASSADORS, "standards-ambassadors", members=[ADMIN, *people])
    harness = start_bot(database_url, sim, content, STANDARDS_BOT_AMBASSADORS_CHANNEL=AMBASSADORS)
    try:
        yield harness
    finally:
        harness.close()


def in_days(days: int, hour: int = 18) -> datetime:
    """A start `days` from now, on the hour in London."""
    local = (datetime.now(LONDON) + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)
    return local


def form_values(starts: datetime, **overrides: Any) -> dict[str, Any]:
    local = starts.astimezone(LONDON)
    values: dict[str, Any] = {
        "title": "Notifiable associations: what to declare",
        "topic": "notifiable-associations",
        "date": f"{local:%Y-%m-%d}",
        "time": f"{local:%H:%M}",
        "duration": "90",
        "place": "Lloyd House, room 4.12",
        "capacity": "2",
        "speaker": "DI Rana, Counter-Corruption Unit",
        "description": "What counts as a notifiable association, with three cases from the last year.",
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


def open_form(bot: BotHarness, text: str = "new", user: str = ADMIN) -> dict[str, Any]:
    before = len(bot.sim.views_for(user))
    assert bot.driver.command(user, "/cpd", text).status == 200
    return bot.sim.wait_for(lambda: bot.sim.views_for(user)[before:], what="the event form")[0]


def create_event(bot: BotHarness, starts: datetime, **overrides: Any) -> CpdEvent:
    form = open_form(bot)
    result = bot.driver.submit(ADMIN, form, form_values(starts, **overrides))
    assert result.status == 200
    assert result.response_action == "update", result.body
    bot.driver.close(ADMIN, form)
    [event] = [e for e in bot.rows(CpdEvent) if e.title == form_values(starts, **overrides)["title"]][-1:]
    return event


def announcement(bot: BotHarness, event_id: int) -> dict[str, Any]:
    def found() -> dict[str, Any] | None:
        for message in bot.sim.messages(AMBASSADORS):
            if f"Event #{event_id} ·" in str(message.get("blocks")):
                return message
        return None

    return bot.sim.wait_for(found, what=f"the announcement of event {event_id}")


def rsvp(bot: BotHarness, user: str, message: dict[str, Any], label: str) -> str:
    """`user` presses Going, Maybe or Can't go on `message`; returns the private answer's text."""
    result = bot.driver.click(user, message=message, text=label)
    assert result.status == 200
    return str(result.wait_response()["text"])


def dm_texts(bot: BotHarness, user: str) -> list[str]:
    return [str(m.get("text") or "") + str(m.get("blocks") or "") for m in bot.sim.dms(user)]


def calendar_files(bot: BotHarness, user: str) -> list[dict[str, Any]]:
    return bot.sim.files(bot.sim.open_im(user))


def calendar_sequence(file: dict[str, Any]) -> int:
    """The SEQUENCE of a calendar file: a later file must have a higher one for calendars to take it."""
    content = file["content"].decode() if isinstance(file["content"], bytes) else file["content"]
    return int(next(line for line in content.splitlines() if line.startswith("SEQUENCE:")).removeprefix("SEQUENCE:"))


def counts_shown(message: dict[str, Any]) -> str:
    for block in message.get("blocks") or []:
        for element in block.get("elements") or []:
            if isinstance(element, dict) and "*Going*" in str(element.get("text")):
                return str(element["text"])
    raise AssertionError(f"no counts in {message}")


__all__ = ["ADMIN"]
