"""A tiny Bolt app driven end to end: command → ephemeral with a button → click → modal → refused → accepted."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from slack_bolt import Ack, App, Respond
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

from bot.sandbox.simulator.driver import SlackDriver
from bot.sandbox.simulator.server import SlackSimulator
from tests.simulator.conftest import BOB, TOKEN

SECRET = "e2e-signing-secret"


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def build_app(sim: SlackSimulator) -> App:
    app = App(client=WebClient(token=TOKEN, base_url=sim.api_url), signing_secret=SECRET)

    @app.command("/demo")
    def demo(ack: Ack, respond: Respond) -> None:
        ack()
        respond(
            text="Want to sign up?",
            blocks=[
                {"type": "section", "text": {"type": "mrkdwn", "text": "Want to sign up?"}},
                {
                    "type": "actions",
                    "block_id": "choices",
                    "elements": [
                        {"type": "button", "action_id": "sign_up", "text": {"type": "plain_text", "text": "Sign up"}},
                    ],
                },
            ],
        )

    @app.action("sign_up")
    def sign_up(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        client.views_open(
            trigger_id=body["trigger_id"],
            view={
                "type": "modal",
                "callback_id": "signup",
                "title": {"type": "plain_text", "text": "Sign up"},
                "submit": {"type": "plain_text", "text": "Save"},
                "blocks": [
                    {
                        "type": "input",
                        "block_id": "name",
                        "label": {"type": "plain_text", "text": "Name"},
                        "element": {"type": "plain_text_input", "action_id": "value"},
                    },
                    {
                        "type": "input",
                        "block_id": "team",
                        "label": {"type": "plain_text", "text": "Team"},
                        "element": {
                            "type": "static_select",
                            "action_id": "choice",
                            "options": [
                                {"text": {"type": "plain_text", "text": "Red"}, "value": "red"},
                                {"text": {"type": "plain_text", "text": "Blue"}, "value": "blue"},
                            ],
                        },
                    },
                ],
            },
        )

    @app.view("signup")
    def signup(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        values = view["state"]["values"]
        name = values["name"]["value"]["value"]
        if not name or len(name) < 3:
            ack(response_action="errors", errors={"name": "At least 3 letters, please"})
            return
        ack()
        team = values["team"]["choice"]["selected_option"]["value"]
        client.chat_postMessage(channel=body["user"]["id"], text=f"Welcome {name} of team {team}")

    @app.event("app_home_opened")
    def home(event: dict[str, Any], client: WebClient) -> None:
        blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "Your standards"}}]
        client.views_publish(user_id=event["user"], view={"type": "home", "blocks": blocks})

    @app.event("message")
    def direct(event: dict[str, Any], say: Any) -> None:
        if event.get("channel_type") == "im":
            say(f"You said: {event['text']}")

    return app


@pytest.fixture
def driver(sim: SlackSimulator) -> Iterator[SlackDriver]:
    logging.getLogger("slack_bolt").setLevel(logging.WARNING)
    server = make_server(
        "127.0.0.1", 0, SlackRequestHandler(build_app(sim)), server_class=_Server, handler_class=_Quiet
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield SlackDriver(f"http://127.0.0.1:{server.server_port}/slack/events", SECRET, sim)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_command_click_modal_refused_then_accepted(sim: SlackSimulator, driver: SlackDriver) -> None:
    result = driver.command(BOB, "/demo", channel="CGENERAL01")
    assert (result.status, result.elapsed < 3) == (200, True)
    answer = result.wait_response()
    assert answer["text"] == "Want to sign up?"
    assert [r.origin["command"] for r in sim.responses] == ["/demo"]
    [prompt] = sim.ephemerals(user=BOB, channel="CGENERAL01")

    with pytest.raises(AssertionError, match="sign_up"):
        driver.click(BOB, message=prompt, text="Nope")
    assert driver.click(BOB, message=answer, text="Sign up").status == 200
    [modal] = sim.wait_for(lambda: sim.views_for(BOB), what="the sign-up modal")
    assert modal["title"]["text"] == "Sign up"

    with pytest.raises(AssertionError, match="not in the view"):
        driver.submit(BOB, modal, {"nickname": "x"})
    with pytest.raises(AssertionError, match="no option 'green'"):
        driver.submit(BOB, modal, {"choice": "green"})
    refused = driver.submit(BOB, modal, {"value": "Al", "choice": "Blue"})
    assert refused.errors == {"name": "At least 3 letters, please"}
    assert sim.views_for(BOB) != []

    accepted = driver.submit(BOB, modal, {"name.value": "Alice", "team.choice": "red"})
    assert (accepted.status, accepted.errors) == (200, None)
    assert sim.views_for(BOB) == []
    welcome = sim.wait_for(lambda: sim.dms(BOB), what="the welcome DM")
    assert welcome[0]["text"] == "Welcome Alice of team red"


def test_forged_and_stale_requests_are_refused(sim: SlackSimulator, driver: SlackDriver) -> None:
    assert driver.command(BOB, "/demo", channel="CGENERAL01", bad_signature=True).status == 401
    assert driver.command(BOB, "/demo", channel="CGENERAL01", timestamp=1531420618).status == 401
    assert sim.responses == []
    with pytest.raises(AssertionError, match="UNOBODY"):
        driver.command("UNOBODY", "/demo", channel="CGENERAL01")


def test_events_home_tab_dm_and_url_verification(sim: SlackSimulator, driver: SlackDriver) -> None:
    assert driver.url_verification("chal-123").body == {"challenge": "chal-123"}
    assert driver.open_home(BOB).status == 200
    home = sim.wait_for(lambda: sim.home(BOB), what="the Home tab")
    assert home["blocks"][0]["text"]["text"] == "Your standards"
    assert driver.dm(BOB, "hello").status == 200
    sim.wait_for(lambda: len(sim.dms(BOB)) == 2, what="the reply in the DM")
    assert [(m["user"], m["text"]) for m in sim.dms(BOB)] == [(BOB, "hello"), (sim.bot_user_id, "You said: hello")]
    again = driver.event({"type": "app_home_opened", "user": BOB, "tab": "home"}, event_id="Ev1", retry_num=1)
    assert again.status == 200
