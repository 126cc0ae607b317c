"""After every flow, neither the reporter's Slack ID nor the concern's words are in the database or the logs."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from sqlalchemy import select

from storage.models import Base
from tests.concerns.conftest import REPORTER
from tests.concerns.flows import ANSWER, CONCERN, NOTE, REPLY, round_trip
from tests.support.harness import BotHarness

PHRASES = ["Blackwood", "degrading memes", "Tuesday nights", "spring of the Lighthouse", "Lighthouse vetting"]
# The level the bot's own logging configuration gives Slack's libraries (cli.py: basicConfig at INFO).
SLACK_LIBRARY_LEVEL = logging.INFO


def _as_text(value: Any) -> str:
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("latin-1")
    if isinstance(value, dict | list):
        return json.dumps(value)
    return str(value)


def dump(bot: BotHarness) -> str:
    lines: list[str] = []
    with bot.deps.db.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in connection.execute(select(table)):
                lines.append(table.name + ": " + " | ".join(_as_text(value) for value in row))
    return "\n".join(lines)


def test_the_database_and_the_logs_hold_no_reporter_id_and_no_concern_text(
    case_bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    for name in ("bot", "handlers", "storage", "dilemmas", "standards_bot"):
        caplog.set_level(logging.DEBUG, logger=name)
    for name in ("slack_bolt", "slack_sdk"):
        caplog.set_level(SLACK_LIBRARY_LEVEL, logger=name)
    round_trip(case_bot)
    case_bot.tick()

    database = dump(case_bot)
    assert "concern_cases" in database
    assert "outbox" in database
    assert REPORTER not in database
    for phrase in [*PHRASES, CONCERN, REPLY, ANSWER, NOTE]:
        assert phrase not in database, phrase

    logs = "\n".join(f"{record.name} {record.getMessage()} {record.exc_text or ''}" for record in caplog.records)
    assert REPORTER not in logs
    for phrase in PHRASES:
        assert phrase not in logs, phrase


def test_the_dump_would_notice_plain_text(case_bot: BotHarness) -> None:
    """The check above can fail: a plain phrase written anywhere is found."""
    from storage.models.concerns import ConcernAudit

    with case_bot.deps.db.unit_of_work() as session:
        session.add(ConcernAudit(team_id="T", case_id=1, reference="SC", actor=REPORTER, action="x", detail=PHRASES[0]))
    database = dump(case_bot)
    assert REPORTER in database
    assert PHRASES[0] in database
