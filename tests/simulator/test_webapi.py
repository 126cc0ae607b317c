"""The Web API answers as Slack does, errors included, and records what the app did."""

from __future__ import annotations

import http.client
import json
import urllib.parse
from typing import Any

import pytest
import requests
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.sandbox.simulator.server import SlackSimulator
from tests.simulator.conftest import ALICE, BOB, GONE, TOKEN

SECTION = [{"type": "section", "text": {"type": "mrkdwn", "text": "*hello*"}}]


def error_of(call: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    with pytest.raises(SlackApiError) as raised:
        call(*args, **kwargs)
    return dict(raised.value.response.data)


def test_tokens_are_checked(sim: SlackSimulator) -> None:
    assert error_of(WebClient(base_url=sim.api_url).auth_test)["error"] == "not_authed"
    assert error_of(WebClient(token="xoxb-wrong", base_url=sim.api_url).auth_test)["error"] == "invalid_auth"
    answer = requests.post(f"{sim.api_url}no.such", data={"token": "x"}, timeout=5)
    assert (answer.status_code, answer.json()) == (200, {"ok": False, "error": "unknown_method"})
    assert [c.error for c in sim.calls] == ["not_authed", "invalid_auth", "unknown_method"]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"channel": "CNOPE00001", "text": "x"}, "channel_not_found"),
        ({"channel": "CSECRET001", "text": "x"}, "channel_not_found"),
        ({"channel": "CQUIET0001", "text": "x"}, "not_in_channel"),
        ({"channel": "COLD000001", "text": "x"}, "is_archived"),
        ({"channel": "CGENERAL01", "text": ""}, "no_text"),
        ({"channel": "CGENERAL01", "text": "x" * 40_001}, "msg_too_long"),
        ({"channel": "CGENERAL01", "text": "x", "thread_ts": "1.000001"}, "thread_not_found"),
    ],
)
def test_post_message_errors(client: WebClient, sim: SlackSimulator, kwargs: dict[str, Any], error: str) -> None:
    assert error_of(client.api_call, "chat.postMessage", json=kwargs)["error"] == error
    assert sim.messages(kwargs["channel"]) == []


def test_invalid_blocks_are_refused_with_the_problems(client: WebClient) -> None:
    blocks = [{"type": "input", "label": {"type": "plain_text", "text": "x"}, "element": {"type": "plain_text_input"}}]
    answer = error_of(client.chat_postMessage, channel="CGENERAL01", text="x", blocks=blocks)
    assert answer["error"] == "invalid_blocks"
    assert any("/blocks/0" in e for e in answer["errors"])


def test_messages_threads_updates_and_deletes(client: WebClient, sim: SlackSimulator) -> None:
    first = client.chat_postMessage(channel="CGENERAL01", text="one", blocks=SECTION)
    second = client.chat_postMessage(channel="CGENERAL01", text="two")
    assert float(second["ts"]) > float(first["ts"])
    assert first["message"]["blocks"] == SECTION
    reply = client.chat_postMessage(channel="CGENERAL01", text="reply", thread_ts=first["ts"])
    client.chat_postMessage(channel="CGENERAL01", text="nested", thread_ts=reply["ts"])
    client.chat_update(channel="CGENERAL01", ts=first["ts"], text="one, edited")
    client.chat_delete(channel="CGENERAL01", ts=second["ts"])
    assert [m["text"] for m in sim.messages("CGENERAL01")] == ["one, edited"]
    assert [m["text"] for m in sim.thread("CGENERAL01", first["ts"])] == ["one, edited", "reply", "nested"]
    assert error_of(client.chat_update, channel="CGENERAL01", ts=second["ts"], text="x")["error"] == "message_not_found"
    assert error_of(client.chat_delete, channel="CGENERAL01", ts="9.000001")["error"] == "message_not_found"
    assert "one, edited" in sim.all_text()
    assert "*hello*" in sim.all_text()


def test_ephemerals_need_the_user_in_the_channel(client: WebClient, sim: SlackSimulator) -> None:
    sim.add_user("UCAROL0001", "carol")
    answer = client.chat_postEphemeral(channel="CGENERAL01", user=BOB, text="just you")
    assert answer["message_ts"]
    assert error_of(client.chat_postEphemeral, channel="CGENERAL01", user="UCAROL0001", text="x")["error"] == (
        "user_not_in_channel"
    )
    assert [(e["user"], e["text"]) for e in sim.ephemerals(channel="CGENERAL01")] == [(BOB, "just you")]
    assert sim.ephemerals(user=ALICE) == []


def test_dms_users_and_members(client: WebClient, sim: SlackSimulator) -> None:
    channel = client.conversations_open(users=BOB)["channel"]["id"]
    assert channel.startswith("D")
    assert client.conversations_open(users=BOB)["channel"]["id"] == channel
    client.chat_postMessage(channel=channel, text="hello bob")
    client.chat_postMessage(channel=BOB, text="by user id")
    assert [m["text"] for m in sim.dms(BOB)] == ["hello bob", "by user id"]
    assert error_of(client.conversations_open, users="UNOPE00001")["error"] == "user_not_found"
    assert client.users_info(user=GONE)["user"]["deleted"] is True
    assert client.users_info(user=ALICE)["user"]["is_admin"] is True
    assert error_of(client.users_info, user="UNOPE00001")["error"] == "user_not_found"
    members, cursor = [], None
    while True:
        page = client.conversations_members(channel="CGENERAL01", limit=1, cursor=cursor)
        members += page["members"]
        cursor = page["response_metadata"]["next_cursor"]
        if not cursor:
            break
    assert members == [ALICE, BOB, sim.bot_user_id]
    assert client.conversations_info(channel="COLD000001")["channel"]["is_archived"] is True
    assert error_of(client.conversations_info, channel="CSECRET001")["error"] == "channel_not_found"


def test_views_publish_update_and_hash(client: WebClient, sim: SlackSimulator) -> None:
    home = {"type": "home", "blocks": SECTION}
    published = client.views_publish(user_id=ALICE, view=home)["view"]
    assert published["id"].startswith("V")
    assert sim.home(ALICE)["blocks"] == SECTION
    newer = client.views_publish(user_id=ALICE, view=home, hash=published["hash"])["view"]
    assert newer["id"] == published["id"]
    assert newer["hash"] != published["hash"]
    stale = error_of(client.views_update, view_id=published["id"], view=home, hash=published["hash"])
    assert stale["error"] == "hash_conflict"
    bad = error_of(client.views_publish, user_id=ALICE, view={"type": "home", "blocks": [{"type": "nope"}]})
    assert bad["error"] == "invalid_arguments"
    assert bad["response_metadata"]["messages"]


def test_file_upload_in_two_steps(client: WebClient, sim: SlackSimulator) -> None:
    client.files_upload_v2(channel="CGENERAL01", content="a,b\n1,2\n", filename="export.csv", title="Export")
    [shared] = sim.files("CGENERAL01")
    assert (shared["name"], shared["title"], shared["content"]) == ("export.csv", "Export", b"a,b\n1,2\n")
    assert [c.method for c in sim.calls] == ["files.getUploadURLExternal", "files.completeUploadExternal"]


def test_response_urls_post_ephemeral_in_channel_replace_and_refuse_bad_blocks(
    client: WebClient, sim: SlackSimulator
) -> None:
    url = sim.new_response_url(user=BOB, channel="CGENERAL01", source="command", origin={"command": "/x"})
    assert requests.post(url, json={"text": "private"}, timeout=5).status_code == 200
    assert requests.post(url, json={"text": "public", "response_type": "in_channel"}, timeout=5).status_code == 200
    bad = requests.post(url, json={"text": "x", "blocks": [{"type": "bogus"}]}, timeout=5)
    assert (bad.status_code, bad.text) == (400, "invalid_blocks")
    assert [e["text"] for e in sim.ephemerals(user=BOB)] == ["private"]
    assert [m["text"] for m in sim.messages("CGENERAL01")] == ["public"]
    assert [(r.origin, r.status) for r in sim.responses] == [({"command": "/x"}, 200)] * 2 + [({"command": "/x"}, 400)]
    ts = client.chat_postMessage(channel="CGENERAL01", text="vote")["ts"]
    action_url = sim.new_response_url(user=BOB, channel="CGENERAL01", source="block_actions", message_ts=ts)
    requests.post(action_url, json={"replace_original": True, "text": "voted"}, timeout=5)
    assert [m["text"] for m in sim.messages("CGENERAL01")] == ["public", "voted"]
    requests.post(action_url, json={"delete_original": True}, timeout=5)
    assert [m["text"] for m in sim.messages("CGENERAL01")] == ["public"]


def test_counts_say_from_outside_how_many_calls_and_answers_have_arrived(
    client: WebClient, sim: SlackSimulator
) -> None:
    counts_url = sim.api_url.removesuffix("api/") + "counts"
    assert requests.get(counts_url, timeout=5).json() == {"api_calls": 0, "responses": 0}
    client.chat_postMessage(channel="CGENERAL01", text="hello")
    url = sim.new_response_url(user=BOB, channel="CGENERAL01", source="command", origin={"command": "/x"})
    requests.post(url, json={"text": "private"}, timeout=5)
    requests.post(url, json={"text": "again"}, timeout=5)
    assert requests.get(counts_url, timeout=5).json() == {"api_calls": 1, "responses": 2}
    assert requests.post(counts_url, timeout=5).status_code == 404  # read only


def test_wait_for_returns_the_value_or_fails_with_recent_calls(client: WebClient, sim: SlackSimulator) -> None:
    client.auth_test()
    assert sim.wait_for(lambda: sim.calls_to("auth.test"), timeout=0.5)[0].ok
    with pytest.raises(AssertionError, match=r"a message(.|\n)*auth.test ok"):
        sim.wait_for(lambda: sim.messages("CGENERAL01"), timeout=0.1, what="a message")


def test_invite_adds_people_to_a_channel_the_bot_is_in(client: WebClient, sim: SlackSimulator) -> None:
    sim.add_user("UNEW000001", "new.starter")
    client.conversations_invite(channel="CGENERAL01", users="UNEW000001")
    assert "UNEW000001" in client.conversations_members(channel="CGENERAL01")["members"]
    assert error_of(client.conversations_invite, channel="CGENERAL01", users="UNEW000001")["error"] == (
        "already_in_channel"
    )
    assert error_of(client.conversations_invite, channel="CGENERAL01", users=GONE)["error"] == "cant_invite"
    assert error_of(client.conversations_invite, channel="CQUIET0001", users=BOB)["error"] == "not_in_channel"
    assert error_of(client.conversations_invite, channel="COLD000001", users=BOB)["error"] == "is_archived"


def test_a_connection_is_kept_alive_between_requests(sim: SlackSimulator) -> None:
    """As Slack's are: a client that keeps its connection (as the bot's response poster does) sends its next
    request on it, instead of opening one for every answer."""
    url = urllib.parse.urlsplit(sim.api_url)
    connection = http.client.HTTPConnection(url.hostname or "", url.port, timeout=5)
    try:
        answers = []
        for _ in range(3):
            connection.request("POST", f"{url.path}auth.test", body=b"", headers={"Authorization": f"Bearer {TOKEN}"})
            response = connection.getresponse()
            answers.append((response.status, response.getheader("Connection"), json.loads(response.read())["ok"]))
            assert connection.sock is not None  # not closed by the server after its answer
    finally:
        connection.close()
    assert answers == [(200, None, True)] * 3
