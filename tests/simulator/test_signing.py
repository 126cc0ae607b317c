"""Signing matches Slack's published worked example and slack_sdk's verifier."""

from __future__ import annotations

import time

from slack_sdk.signature import SignatureVerifier

from bot.sandbox.simulator.signing import sign, signed_headers, verify

# The worked example in Slack's "Verifying requests from Slack".
DOC_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
DOC_TIMESTAMP = 1531420618
DOC_BODY = (
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
    "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
    "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
    "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
)
DOC_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"


def test_the_documented_example_signs_to_the_documented_signature() -> None:
    assert sign(DOC_SECRET, DOC_TIMESTAMP, DOC_BODY) == DOC_SIGNATURE
    assert sign(DOC_SECRET, str(DOC_TIMESTAMP), DOC_BODY.encode()) == DOC_SIGNATURE
    assert verify(DOC_SECRET, DOC_TIMESTAMP, DOC_BODY, DOC_SIGNATURE)
    assert not verify(DOC_SECRET, DOC_TIMESTAMP, DOC_BODY + "x", DOC_SIGNATURE)


def test_slack_sdk_accepts_what_we_sign_and_refuses_a_changed_body() -> None:
    verifier = SignatureVerifier(DOC_SECRET, clock=_FixedClock(DOC_TIMESTAMP + 10))
    assert verifier.is_valid(DOC_BODY, str(DOC_TIMESTAMP), sign(DOC_SECRET, DOC_TIMESTAMP, DOC_BODY))
    now = int(time.time())
    body = '{"type":"event_callback","event":{"type":"app_mention","text":"héllo"}}'
    headers = signed_headers("another-secret", now, body, "application/json")
    live = SignatureVerifier("another-secret")
    assert live.is_valid_request(body, headers)
    assert not live.is_valid_request(body.replace("héllo", "hello"), headers)
    assert live.generate_signature(timestamp=str(now), body=body) == headers["X-Slack-Signature"]


class _FixedClock:
    def __init__(self, now: float) -> None:
        self._now = now

    def now(self) -> float:
        return self._now
