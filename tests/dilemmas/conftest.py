"""A team channel of seven voters, a small channel of three, and helpers to drive a week of dilemmas."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy import select

from bot.sandbox.simulator.server import SlackSimulator
from storage.models import Duty
from storage.models.dilemmas import DilemmaPost
from tests.support.cli import tick_at
from tests.support.harness import ADMIN, TEAM_ID, BotHarness

ROOT = Path(__file__).resolve().parents[2]
TEAM_A, TEAM_B, NO_BOT = "CTEAMA0001", "CTEAMB0001", "CNOBOT0001"
VOTERS_A = [f"UVOTERA{n:03d}" for n in range(1, 8)]
VOTERS_B = [f"UVOTERB{n:03d}" for n in range(1, 4)]


@pytest.fixture
def people(sim: SlackSimulator) -> SlackSimulator:
    for user in VOTERS_A + VOTERS_B:
        sim.add_user(user, user.lower())
    sim.add_channel(TEAM_A, "response-team-a", members=[*VOTERS_A, ADMIN])
    sim.add_channel(TEAM_B, "custody-b", members=[*VOTERS_B, ADMIN])
    sim.add_channel(NO_BOT, "quiet-corner", members=[ADMIN], bot_is_member=False)
    return sim


def admin_says(bot: BotHarness, text: str, channel: str = TEAM_A) -> dict[str, Any]:
    result = bot.driver.command(ADMIN, "/dilemma", text, channel=channel)
    assert result.status == 200
    assert result.elapsed < 3.0
    return result.wait_response()


def pending_post_duty(bot: BotHarness) -> list[Duty]:
    return bot.rows(Duty, Duty.kind == "dilemma.post", Duty.status == "pending")


def post_in(bot: BotHarness, channel: str) -> DilemmaPost:
    with bot.deps.db.unit_of_work() as session:
        newest_first = select(DilemmaPost).where(DilemmaPost.channel_id == channel).order_by(DilemmaPost.id.desc())
        post = session.scalar(newest_first)
        assert post is not None
        return post


def cli_tick(bot: BotHarness, at: datetime) -> subprocess.CompletedProcess[str]:
    """`standards-bot tick --at …` as an operator runs it, against the same database and simulator."""
    return tick_at(bot, at)


def stale_click(bot: BotHarness, user: str, channel: str, post_id: int, option: str) -> dict[str, Any]:
    """A click on a vote button of a message as it was before it changed (a client that has not refreshed)."""
    url = bot.sim.new_response_url(user=user, channel=channel, source="block_actions")
    payload = {
        "type": "block_actions",
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM_ID},
        "api_app_id": bot.driver.api_app_id,
        "token": bot.driver.verification_token,
        "trigger_id": bot.sim.issue_trigger(user),
        "team": {"id": TEAM_ID, "domain": "standards"},
        "container": {"type": "message", "message_ts": "1.0", "channel_id": channel, "is_ephemeral": False},
        "channel": {"id": channel, "name": "team"},
        "response_url": url,
        "actions": [
            {"type": "button", "action_id": f"dilemma_vote_{option}", "block_id": f"dilemma-vote-{post_id}",
             "value": str(post_id), "text": {"type": "plain_text", "text": option}, "action_ts": "1.0"}
        ],
        "state": {"values": {}},
    }  # fmt: skip
    result = bot.driver.send(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")
    assert result.status == 200
    assert result.elapsed < 3.0
    url_id = url.rsplit("/", 1)[-1]
    post = bot.sim.wait_for(
        lambda: next((p for p in bot.sim.responses if p.response_url_id == url_id), None), what="the private answer"
    )
    return post.payload


def vote(bot: BotHarness, user: str, message: dict[str, Any], option: str, **send: Any) -> dict[str, Any]:
    result = bot.driver.click(user, message=message, action_id=f"dilemma_vote_{option}", **send)
    assert result.status == 200
    assert result.elapsed < 3.0
    answer = result.wait_response()
    assert answer.get("response_type", "ephemeral") == "ephemeral"
    return answer


def comment(bot: BotHarness, user: str, message: dict[str, Any], text: str) -> Any:
    opened = bot.driver.click(user, message=message, action_id="dilemma_comment")
    assert opened.status == 200
    view = bot.sim.wait_for(lambda: bot.sim.views_for(user), what="the comment form")[-1]
    return bot.driver.submit(user, view, {"text": text})


def texts_of(message: dict[str, Any]) -> str:
    """The message's text and every `text` string in its blocks, one a line."""
    found: list[str] = [str(message.get("text", ""))]

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "text" and isinstance(item, str):
                    found.append(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(message.get("blocks") or [])
    return "\n".join(found)
