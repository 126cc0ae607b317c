"""Scripted failures, rate limits and trigger_id lifetimes, as slack_sdk sees them."""

from __future__ import annotations

import time

import pytest
import requests
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.sandbox.simulator.server import SlackSimulator
from tests.simulator.conftest import ALICE, TOKEN

MODAL = {"type": "modal", "title": {"type": "plain_text", "text": "Hi"}, "blocks": []}


def test_a_429_is_waited_out_by_slack_sdk_and_the_post_arrives_once(sim: SlackSimulator) -> None:
    client = WebClient(
        token=TOKEN, base_url=sim.api_url, retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)]
    )
    sim.fail_next("chat.postMessage", error="ratelimited", times=1, retry_after=1)
    started = time.monotonic()
    client.chat_postMessage(channel="CGENERAL01", text="after the wait")
    assert time.monotonic() - started >= 1.0
    attempts = sim.calls_to("chat.postMessage")
    assert [(c.ok, c.error) for c in attempts] == [(False, "ratelimited"), (True, None)]
    assert attempts[1].at - attempts[0].at >= 1.0
    assert [m["text"] for m in sim.messages("CGENERAL01")] == ["after the wait"]


def test_the_429_carries_retry_after_and_other_faults_are_slack_errors(sim: SlackSimulator) -> None:
    sim.fail_next("chat.postMessage", error="ratelimited", retry_after=7)
    sim.fail_next("chat.postMessage", error="internal_error")
    answer = requests.post(
        f"{sim.api_url}chat.postMessage", data={"token": TOKEN, "channel": "CGENERAL01", "text": "x"}, timeout=5
    )
    assert (answer.status_code, answer.headers["Retry-After"], answer.json()["error"]) == (429, "7", "ratelimited")
    client = WebClient(token=TOKEN, base_url=sim.api_url)
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="CGENERAL01", text="x")
    assert (raised.value.response.status_code, raised.value.response["error"]) == (200, "internal_error")
    client.chat_postMessage(channel="CGENERAL01", text="third time")
    sim.fail_next("auth.test", error="fatal_error", times=5)
    sim.clear_faults()
    assert client.auth_test()["ok"]


def test_the_token_bucket_limits_each_channel_separately(sim: SlackSimulator) -> None:
    sim.rate_limit("chat.postMessage", per_second=1, burst=2, per_channel=True)
    client = WebClient(token=TOKEN, base_url=sim.api_url)
    for _ in range(2):
        client.chat_postMessage(channel="CGENERAL01", text="burst")
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="CGENERAL01", text="too soon")
    assert raised.value.response.status_code == 429
    assert int(raised.value.response.headers["Retry-After"][0]) >= 1
    client.chat_postMessage(channel=ALICE, text="another channel has its own bucket")
    time.sleep(1.05)
    client.chat_postMessage(channel="CGENERAL01", text="refilled")
    assert [m["text"] for m in sim.messages("CGENERAL01")] == ["burst", "burst", "refilled"]


def test_a_shared_bucket_limits_all_channels(sim: SlackSimulator) -> None:
    sim.rate_limit("chat.postMessage", per_second=0.5)
    client = WebClient(token=TOKEN, base_url=sim.api_url)
    client.chat_postMessage(channel="CGENERAL01", text="one")
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel=ALICE, text="two")
    assert raised.value.response.headers["Retry-After"][0] == "2"


def test_trigger_ids_must_be_issued_fresh_and_unused(sim: SlackSimulator) -> None:
    client = WebClient(token=TOKEN, base_url=sim.api_url)
    fresh = sim.issue_trigger(ALICE)
    assert client.views_open(trigger_id=fresh, view=MODAL)["view"]["id"].startswith("V")
    assert [v["title"]["text"] for v in sim.views_for(ALICE)] == ["Hi"]
    old = sim.issue_trigger(ALICE, issued_at=time.monotonic() - 3.1)
    for trigger, error in (
        (fresh, "exchanged_trigger_id"),
        (old, "expired_trigger_id"),
        ("1.2.abc", "invalid_trigger_id"),
    ):
        with pytest.raises(SlackApiError) as raised:
            client.views_open(trigger_id=trigger, view=MODAL)
        assert raised.value.response["error"] == error
