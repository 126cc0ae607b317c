"""The seeded demo: what the standards team would have set up, done through the bot's own request path.

Every step is a slash command, a click or a form that a pretend person sends over signed HTTP, exactly as
Slack would; nothing is written to the database by hand.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.sandbox import people

if TYPE_CHECKING:
    from bot.sandbox.runner import Sandbox

log = logging.getLogger(__name__)

EVENT_TITLE = "Notifiable associations: what to declare"
EARLY_VOTES = ((people.MANAGER, "B"), (people.CHRIS, "B"), (people.ROBIN, "A"), (people.TAYLOR, "B"))


class DemoError(RuntimeError):
    """A demo step the bot did not accept; the sandbox still starts, without the rest of the demo."""


def seed(box: Sandbox) -> None:
    box.demo = "setting up"
    _schedules(box)
    _open_dilemma(box)
    _cpd_event(box)
    _drive(box)
    box.demo = "ready"


def seed_quietly(box: Sandbox) -> None:
    """Seed the demo; if a step fails, say so and let the sandbox run without the rest."""
    try:
        seed(box)
    except Exception as exc:  # the sandbox stays useful without the demo, so report it and go on
        box.demo = "incomplete"
        log.warning("the demo could not be set up completely (%s); the sandbox runs without it", exc)
        return
    print("standards-bot: the demo is set up: schedules, an open dilemma, a CPD event and a recruitment drive.",
          flush=True)  # fmt: skip


def _command(box: Sandbox, user: str, command: str, text: str, channel: str | None = None) -> dict[str, Any]:
    result = box.driver.command(user, command, text, channel=channel)
    if result.status != 200:
        raise DemoError(f"{command} {text} was answered with HTTP {result.status}")
    return result.wait_response(timeout=10)


def _schedules(box: Sandbox) -> None:
    admin = people.ADMIN.id
    _command(box, admin, "/dilemma", f"schedule <#{people.CUSTODY.id}|{people.CUSTODY.name}> mon 09:00 for 5d",
             people.CUSTODY.id)  # fmt: skip
    _command(box, admin, "/dilemma", f"schedule <#{people.NEIGHBOURHOOD.id}|{people.NEIGHBOURHOOD.name}> thu 10:00"
             " for 3d format what-would-you-do", people.NEIGHBOURHOOD.id)  # fmt: skip


def _open_dilemma(box: Sandbox) -> None:
    channel = people.RESPONSE.id
    _command(box, people.ADMIN.id, "/dilemma", "post", channel)
    post = box.sim.wait_for(lambda: box.sim.messages(channel)[-1:], timeout=10, what="the dilemma post")[0]
    for voter, option in EARLY_VOTES:
        result = box.driver.click(voter.id, message=post, action_id=f"dilemma_vote_{option}")
        if result.status != 200:
            raise DemoError(f"a vote was answered with HTTP {result.status}")
        result.wait_response(timeout=10)


def _cpd_event(box: Sandbox) -> None:
    admin = people.ADMIN.id
    before = len(box.sim.views_for(admin))
    _checked_status(box.driver.command(admin, "/cpd", "new", channel=people.AMBASSADORS.id).status)
    form = box.sim.wait_for(lambda: box.sim.views_for(admin)[before:], timeout=10, what="the event form")[0]
    starts = _in_days(box, 3, hour=18)
    values = {
        "title": EVENT_TITLE,
        "topic": "notifiable-associations",
        "date": f"{starts:%Y-%m-%d}",
        "time": f"{starts:%H:%M}",
        "duration": "90",
        "place": "Headquarters, training room 2",
        "capacity": "20",
        "speaker": "DI Rana, Counter-Corruption Unit",
        "description": "What counts as a notifiable association, with three cases from the last year.",
    }
    result = box.driver.submit(admin, form, values)
    _checked_status(result.status)
    if result.errors:
        raise DemoError(f"the event form was refused: {result.errors}")
    box.driver.close(admin, form["id"])


def _drive(box: Sandbox) -> None:
    closes = _in_days(box, 21, hour=12).date()
    _command(box, people.ADMIN.id, "/ambassador", "headcount Response Policing 120", people.RESPONSE.id)
    _command(box, people.ADMIN.id, "/ambassador", f"drive open {closes:%Y-%m-%d}", people.RESPONSE.id)


def _in_days(box: Sandbox, days: int, *, hour: int) -> datetime:
    zone = ZoneInfo(box.deps.settings.timezone)
    local = box.clock.now().astimezone(zone) + timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def _checked_status(status: int) -> None:
    if status != 200:
        raise DemoError(f"the bot answered with HTTP {status}")
