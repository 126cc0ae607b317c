"""Buttons and forms for the standards team alone: a signed request from anyone else, as someone replaying an old
message or crafting requests could send, is refused privately and changes nothing.

The buttons are only ever shown to admins, so these requests are forged: each carries a response URL the
simulator issued, where the bot's private answer can be read.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest

from bot.blocks import authoring, card_authoring, cpd, cpd_forms
from bot.blocks import dilemmas as dilemma_blocks
from bot.sandbox.simulator.server import SlackSimulator
from bot.texts.common import ADMINS_ONLY
from handlers.admin import RETRY_ACTION
from storage.models import OutboxMessage
from storage.models.authoring import AuthoredDilemma
from tests.support.harness import ADMIN, BotHarness

OFFICER = "UOFFICER01"
CHANNEL = "CTEAM00001"
FORM = "application/x-www-form-urlencoded"

BUTTONS = [
    authoring.DRAFT_ACTION, authoring.PUBLISH_ACTION, authoring.RETIRE_ACTION, authoring.EDIT_ACTION,
    authoring.SCHEDULE_ACTION, authoring.QUESTION_DRAFT_ACTION, authoring.QUESTION_DECLINE_ACTION,
    card_authoring.DRAFT_ACTION, card_authoring.PUBLISH_ACTION, card_authoring.RETIRE_ACTION,
    card_authoring.EDIT_ACTION, dilemma_blocks.REMOVE_ACTION, cpd.CANCEL_ACTION, f"{RETRY_ACTION}:1",
]  # fmt: skip
FORMS = [authoring.FORM_CALLBACK, card_authoring.FORM_CALLBACK, cpd_forms.EVENT_CALLBACK, cpd_forms.ATTENDANCE_CALLBACK]


@pytest.fixture
def people(sim: SlackSimulator) -> SlackSimulator:
    sim.add_user(OFFICER, "pc.jones")
    sim.add_channel(CHANNEL, "response-team-a", members=[OFFICER, ADMIN])
    return sim


def _send(bot: BotHarness, payload: dict[str, Any]) -> Any:
    base = {
        "user": {"id": OFFICER, "username": "pc.jones", "team_id": bot.sim.team_id},
        "team": {"id": bot.sim.team_id, "domain": "standards"}, "api_app_id": "A0STANDARDS", "token": "x",
        "trigger_id": bot.sim.issue_trigger(OFFICER),
    }  # fmt: skip
    return bot.driver.send(urlencode({"payload": json.dumps({**base, **payload})}), FORM)


def _answers(sim: SlackSimulator, response_url: str) -> list[str]:
    url_id = response_url.rsplit("/", 1)[-1]
    with sim.lock:
        return [str(p.payload.get("text")) for p in sim.responses if p.response_url_id == url_id]


@pytest.mark.parametrize("action_id", BUTTONS)
def test_a_standards_team_button_clicked_by_anyone_else_is_refused_privately(
    bot: BotHarness, people: SlackSimulator, action_id: str
) -> None:
    origin = {"action_id": action_id, "block_id": "forged", "message_ts": "1.000001"}
    url = people.new_response_url(
        user=OFFICER, channel=CHANNEL, source="block_actions", origin=origin, message_ts="1.000001",
        message_is_ephemeral=True,
    )  # fmt: skip
    action = {
        "type": "button", "action_id": action_id, "block_id": "forged", "value": "1", "action_ts": "1.0",
        "selected_conversation": CHANNEL,
    }  # fmt: skip
    result = _send(
        bot,
        {
            "type": "block_actions", "actions": [action], "response_url": url,
            "container": {"type": "message", "message_ts": "1.000001", "channel_id": CHANNEL, "is_ephemeral": True},
            "channel": {"id": CHANNEL, "name": "response-team-a"}, "state": {"values": {}},
        },
    )  # fmt: skip
    assert result.status == 200
    assert result.elapsed < 3.0
    people.wait_for(lambda: _answers(people, url), timeout=10, what="the private answer")
    assert _answers(people, url) == [ADMINS_ONLY]
    assert not [call for call in people.calls if call.method.startswith(("views.", "chat."))]
    assert bot.rows(OutboxMessage) == []


@pytest.mark.parametrize("callback_id", FORMS)
def test_a_standards_team_form_submitted_by_anyone_else_is_refused_and_saves_nothing(
    bot: BotHarness, people: SlackSimulator, callback_id: str
) -> None:
    view = {
        "id": "V0FORGED", "type": "modal", "callback_id": callback_id, "private_metadata": "",
        "state": {"values": {}}, "blocks": [], "title": {"type": "plain_text", "text": "Forged"},
    }  # fmt: skip
    result = _send(bot, {"type": "view_submission", "view": view, "response_urls": []})
    assert result.status == 200
    assert result.elapsed < 3.0
    assert result.response_action == "update"
    assert ADMINS_ONLY in json.dumps(result.body)
    assert bot.rows(AuthoredDilemma) == []
    assert bot.rows(OutboxMessage) == []
