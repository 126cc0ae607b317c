"""Case IDs are never given out twice, and a reporter's Answer button opens its own case only, even after a purge."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bot.texts import concerns as texts
from storage.db import make_engine
from storage.migrate import upgrade
from storage.models import OutboxMessage
from storage.models.concerns import ConcernAudit, ConcernCase
from tests.concerns.conftest import HANDLER, OUTSIDER, REPORTER, case_post, raise_concern
from tests.concerns.flows import button, dm_with, submit_case_form, thread_texts
from tests.support.harness import BotHarness

OLD_REPLY = "Thank you for telling us about the Sunday shift"
NEW_CONCERN = "An inspector tells his team to leave stop-and-search records blank"
LATE_ANSWER = "Something the old reporter writes long after the purge"


def _forge(bot: BotHarness, dm: dict[str, Any], value: str) -> None:
    """Put another value on the DM's Answer button, as someone who edits a request before it is sent would."""
    channel = next(c for c, messages in bot.sim.ws.messages.items() if any(m.ts == dm["ts"] for m in messages))
    with bot.sim.lock:
        stored = bot.sim.ws.find_message(channel, dm["ts"])
        assert stored is not None
        assert stored.blocks is not None
        for block in stored.blocks:
            for element in block.get("elements") or []:
                if element.get("action_id") == "concern.answer":
                    element["value"] = value


def _still_shown(bot: BotHarness, dm: dict[str, Any]) -> None:
    with bot.sim.lock:
        [stored] = [m for messages in bot.sim.ws.messages.values() for m in messages if m.ts == dm["ts"]]
        stored.deleted = False


def _answer_form_after_click(bot: BotHarness, user: str, dm: dict[str, Any]) -> dict[str, Any]:
    before = len(bot.sim.calls_to("views.open"))
    assert bot.driver.click(user, message=dm, action_id=button(dm, "Answer the case team")).status == 200
    bot.sim.wait_for(lambda: len(bot.sim.calls_to("views.open")) > before, what="a modal after Answer")
    return bot.sim.views_for(user)[-1]


def test_after_a_purge_an_old_answer_button_and_a_forged_one_are_refused(case_bot: BotHarness) -> None:
    old = raise_concern(case_bot, "Sunday shift sergeant takes fuel cards home", contact="relay-dm")
    post = case_post(case_bot, old.reference)
    submit_case_form(case_bot, HANDLER, post, "Reply to reporter", {"reply": OLD_REPLY})
    old_dm = dm_with(case_bot, REPORTER, "Sunday shift")
    open_answer_form = _answer_form_after_click(case_bot, REPORTER, old_dm)  # opened, left open through the purge
    assert open_answer_form["callback_id"] == "concern.answer"
    submit_case_form(case_bot, HANDLER, post, "Set status", {"status": "closed", "outcome": "Words of advice"})
    case_bot.sim.wait_for(
        lambda: not case_bot.rows(OutboxMessage, OutboxMessage.status == "pending"), what="every send to finish"
    )
    [gone] = case_bot.rows(ConcernCase)
    assert gone.closed_at is not None
    case_bot.tick(gone.closed_at + timedelta(days=366))
    assert case_bot.rows(ConcernCase) == []

    new = raise_concern(case_bot, NEW_CONCERN, user=OUTSIDER, contact="relay-dm")
    new_post = case_post(case_bot, new.reference)
    [case] = case_bot.rows(ConcernCase)
    assert case.id > gone.id  # never the purged case's number
    assert case.answer_digest is not None

    late = case_bot.driver.submit(REPORTER, open_answer_form, {"answer": LATE_ANSWER})
    assert late.status == 200
    assert texts.CASE_GONE in str(late.body)
    assert old_dm["ts"] not in {m["ts"] for m in case_bot.sim.dms(REPORTER)}  # the purge deleted it from Slack
    _still_shown(case_bot, old_dm)  # as a client that has not caught up still shows it, button and all
    refused = _answer_form_after_click(case_bot, REPORTER, old_dm)
    assert texts.CASE_GONE in str(refused["blocks"])
    for forged in (f"{case.id}.{'0' * 32}", f"{gone.id}.{'f' * 32}", "", "x" * 40, f"{case.id}"):
        _forge(case_bot, old_dm, forged)
        shown = _answer_form_after_click(case_bot, REPORTER, old_dm)
        assert texts.CASE_GONE in str(shown["blocks"]), forged
    assert LATE_ANSWER not in thread_texts(case_bot, new_post)
    history = case_bot.rows(ConcernAudit, ConcernAudit.case_id == case.id)
    assert {row.reference for row in history} == {new.reference}
    assert "purged" not in {row.action for row in history}


def test_the_migration_keeps_every_case_and_message_and_starts_ids_after_every_one_given_out(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")  # the bot's own engine: foreign keys on
    upgrade(engine, "0008_cpd")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO concern_cases (id, team_id, reference, lookup, receipt_hash, category, contact, status, "
                "delivery, received_at) VALUES (1, 'T1', 'SC-2026-0001', 'AAAAA', 'h', 'other', 'silent', "
                "'received', 'pending', '2026-01-05 10:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO concern_messages (id, team_id, case_id, kind, body_sealed, created_at) "
                "VALUES (1, 'T1', 1, 'note', x'00', '2026-01-05 10:00:00')"
            )
        )
        for case_id in (1, 2):  # case 2 was purged: only its audit rows remain
            connection.execute(
                text(
                    "INSERT INTO concern_audit (team_id, case_id, reference, action, at) "
                    f"VALUES ('T1', {case_id}, 'SC-2026-000{case_id}', 'received', '2026-01-05 10:00:00')"
                )
            )
    upgrade(engine)
    with engine.begin() as connection:
        assert connection.execute(text("SELECT count(*) FROM concern_messages")).scalar_one() == 1
        schema = connection.execute(text("SELECT sql FROM sqlite_master WHERE name = 'concern_cases'")).scalar_one()
        assert "AUTOINCREMENT" in schema
        connection.execute(
            text(
                "INSERT INTO concern_cases (team_id, reference, lookup, receipt_hash, category, contact, status, "
                "delivery, received_at) VALUES ('T1', 'SC-2026-0003', 'BBBBB', 'h', 'other', 'silent', "
                "'received', 'pending', '2026-01-06 10:00:00')"
            )
        )
        new_id = connection.execute(text("SELECT id FROM concern_cases WHERE lookup = 'BBBBB'")).scalar_one()
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    engine.dispose()
    assert new_id == 3
