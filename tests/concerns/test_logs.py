"""Logs at DEBUG, with every library's logging on, hold no request body, concern text, receipt code or the Slack ID
behind an anonymous action: a concern's round trip, a vote and an anonymous comment, and forged requests."""

from __future__ import annotations

import logging
import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from bot.logging_policy import WITHHELD, redact
from storage.db import make_engine
from tests.concerns.conftest import ADMIN, REPORTER
from tests.concerns.flows import ANSWER, CONCERN, NOTE, REPLY, round_trip
from tests.dilemmas.conftest import comment, vote
from tests.support.harness import BotHarness

TEAM = "CTEAMLOGS1"
VOTER = "UVOTERLOG1"
COMMENT = "Quietly I think the sergeant was right to report it"
FORGED = "Inspector Marlowe altered the custody log on the night of the flood"


def _markers(code: str) -> list[str]:
    return [
        CONCERN, REPLY, ANSWER, NOTE, COMMENT, FORGED, code, code.replace("-", ""), REPORTER, VOTER,
        CONCERN.replace(" ", "+"), FORGED.replace(" ", "+"), COMMENT.replace(" ", "+"),  # form-encoded bodies
    ]  # fmt: skip


def test_every_feature_at_debug_leaves_no_marker_in_the_logs(
    case_bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    # Bolt fixes each of its loggers' level when it makes them: open them all, as an operator at DEBUG would have.
    for name in [*logging.root.manager.loggerDict, "slack_bolt", "slack_sdk", "sqlalchemy.engine", "urllib3"]:
        logging.getLogger(name).setLevel(logging.DEBUG)
    flow = round_trip(case_bot)

    case_bot.sim.add_user(VOTER, "pc.voter")
    case_bot.sim.add_channel(TEAM, "response-team-logs", members=[VOTER, ADMIN])
    assert case_bot.driver.command(ADMIN, "/dilemma", "post", channel=TEAM).status == 200
    post = case_bot.sim.wait_for(lambda: case_bot.sim.messages(TEAM), what="the dilemma post")[0]
    assert "recorded anonymously" in vote(case_bot, VOTER, post, "A")["text"]
    assert comment(case_bot, VOTER, post, COMMENT).status == 200
    case_bot.sim.wait_for(
        lambda: COMMENT in str(case_bot.sim.thread(TEAM, post["ts"])), what="the anonymous comment in the thread"
    )

    # The other features, each once: a card drawn and shared, CPD and ambassador commands, the report, Home.
    drawn = case_bot.driver.command(VOTER, "/ethicard", "", channel=TEAM).wait_response()
    assert drawn.get("blocks")
    for user, command, words in (
        (VOTER, "/cpd", ""),
        (VOTER, "/ambassador", "help"),
        (ADMIN, "/standards", "report"),
        (ADMIN, "/standards", "settings"),
    ):
        assert case_bot.driver.command(user, command, words, channel=TEAM).wait_response()
    case_bot.driver.open_home(VOTER)
    case_bot.sim.wait_for(lambda: case_bot.sim.home(VOTER), what="the Home tab")

    # Requests Slack did not sign, or signed too long ago, are logged by Bolt with their body unless cut.
    forged = case_bot.driver.command(REPORTER, "/concern", f"status {flow.raised.code} {FORGED}", bad_signature=True)
    stale = case_bot.driver.command(REPORTER, "/concern", FORGED, timestamp=int(time.time()) - 600)
    assert (forged.status, stale.status) == (401, 401)
    case_bot.tick()

    logged = caplog.text + "\n".join(record.getMessage() for record in caplog.records)
    assert len(caplog.records) > 100  # the libraries did log, at DEBUG
    assert "Invalid request signature detected" in logged
    for marker in _markers(flow.raised.code):
        assert marker not in logged, marker


def test_database_errors_carry_no_parameters(tmp_path: object) -> None:
    engine = make_engine("sqlite://")
    with pytest.raises(SQLAlchemyError) as raised, engine.connect() as connection:
        connection.execute(text("INSERT INTO nowhere (what) VALUES (:what)"), {"what": CONCERN})
    engine.dispose()
    assert CONCERN not in str(raised.value)
    assert "hidden" in str(raised.value)


@pytest.mark.parametrize(
    ("message", "kept"),
    [
        ('Responding with status: 200 body: "{\\"text\\": \\"x\\"}" (3 millis)', "Responding with status: 200"),
        ("Invalid request signature detected (signature: v0=ab, timestamp: 1, body: payload=%7B)", "signature"),
        ("Sending a request - url: https://slack.com/api/chat.postMessage, query_params: {}", "chat.postMessage"),
        ("Received the following response - status: 200, headers: {}, body: {}", "status: 200"),
        ("Unhandled request ({'type': 'block_actions'})", "Unhandled request"),
    ],
)
def test_library_messages_are_cut_before_their_content(message: str, kept: str) -> None:
    redacted = redact(message)
    assert kept in redacted
    assert redacted.endswith(WITHHELD)
    assert "text" not in redacted.removesuffix(WITHHELD)
