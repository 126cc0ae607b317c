"""End to end over real HTTP: DM notice, anonymous case with replies both ways, refusals, status by receipt."""

from __future__ import annotations

from typing import Any

from bot.sandbox.simulator.server import SlackSimulator
from storage.models.concerns import ConcernAudit, ConcernCase, ConcernMessage
from tests.concerns.conftest import CASES, HANDLER, OUTSIDER, REPORTER, open_form
from tests.concerns.flows import ANSWER, CONCERN, NOTE, REPLY, button, dm_with, round_trip, thread_texts
from tests.support.harness import BotHarness


def test_a_direct_message_gets_the_notice_and_a_button_to_the_same_form(case_bot: BotHarness) -> None:
    case_bot.driver.dm(REPORTER, "My inspector keeps fiddling overtime claims")
    notice = dm_with(case_bot, REPORTER, "Open the private form")
    assert "stay in Slack's history" in str(notice["blocks"])
    assert case_bot.rows(ConcernCase) == []  # a DM is not a case
    result = case_bot.driver.click(REPORTER, message=notice, action_id=button(notice, "Open the private form"))
    assert result.status == 200
    [form] = case_bot.sim.wait_for(lambda: case_bot.sim.views_for(REPORTER), what="the form")
    assert form["callback_id"] == open_form(case_bot, OUTSIDER)["callback_id"] == "concern.form"


def test_bot_messages_edits_and_deletions_in_the_dm_are_ignored(case_bot: BotHarness, people: SlackSimulator) -> None:
    channel = people.open_im(REPORTER)
    base = {"type": "message", "channel": channel, "channel_type": "im", "ts": "1.000001"}
    for event in (
        {**base, "user": REPORTER, "subtype": "message_changed", "message": {"text": "edited"}},
        {**base, "subtype": "message_deleted", "deleted_ts": "1.000000"},
        {**base, "bot_id": "BOTHER", "subtype": "bot_message", "text": "from another bot"},
        {**base, "bot_id": "BOTHER", "user": "UOTHERBOT1", "text": "a bot with a user"},
    ):
        assert case_bot.driver.event(event).status == 200
    case_bot.driver.dm(REPORTER, "a real message")  # a control: this one is answered
    dm_with(case_bot, REPORTER, "Open the private form")
    replies = [m for m in people.dms(REPORTER) if m.get("bot_id")]
    assert len(replies) == 1


def test_an_anonymous_case_with_replies_goes_round_and_back(case_bot: BotHarness, people: SlackSimulator) -> None:
    flow = round_trip(case_bot)
    post_text = str(flow.post)
    assert CONCERN in post_text
    assert REPORTER not in post_text
    thread = thread_texts(case_bot, flow.post)
    assert "The reporter answered" in thread
    assert ANSWER in thread
    assert REPORTER not in thread
    assert NOTE in thread
    assert NOTE not in str(people.dms(REPORTER))
    messages = case_bot.rows(ConcernMessage)
    assert sorted(m.kind for m in messages) == ["answer", "note", "reply"]
    assert {m.author for m in messages if m.kind == "answer"} == {None}
    [case] = case_bot.rows(ConcernCase)
    assert case.status == "acknowledged"
    assert case.feedback_at is not None


def test_a_non_member_is_refused_on_every_button_and_each_attempt_is_audited(case_bot: BotHarness) -> None:
    from tests.concerns.conftest import case_post, raise_concern

    raised = raise_concern(case_bot, "Someone looks up neighbours on the records system")
    post = case_post(case_bot, raised.reference)
    for label in ("Acknowledge", "Reply to reporter", "Internal note", "Set status", "Show audit"):
        result = case_bot.driver.click(OUTSIDER, message=post, action_id=button(post, label))
        assert "Only members of the case channel" in result.wait_response()["text"]
    assert case_bot.sim.views_for(OUTSIDER) == []
    refused = case_bot.rows(ConcernAudit, ConcernAudit.action == "refused")
    assert [row.actor for row in refused] == [OUTSIDER] * 5
    [case] = case_bot.rows(ConcernCase)
    assert case.status == "received"


def test_membership_is_checked_at_each_action_and_fails_closed(case_bot: BotHarness, people: SlackSimulator) -> None:
    from tests.concerns.conftest import case_post, raise_concern

    raised = raise_concern(case_bot, "A supervisor is bullying probationers")
    post = case_post(case_bot, raised.reference)
    people.fail_next("conversations.members", "internal_error")
    result = case_bot.driver.click(HANDLER, message=post, action_id=button(post, "Acknowledge"))
    assert "could not confirm" in result.wait_response()["text"]
    assert case_bot.rows(ConcernCase)[0].status == "received"
    with people.lock:  # the handler leaves the channel: the next click is refused
        people.ws.channels[CASES].members.remove(HANDLER)
    result = case_bot.driver.click(HANDLER, message=post, action_id=button(post, "Acknowledge"))
    assert "Only members of the case channel" in result.wait_response()["text"]


def test_status_with_the_receipt_shows_the_replies_and_a_wrong_code_is_plainly_unknown(case_bot: BotHarness) -> None:
    flow = round_trip(case_bot)
    answer = case_bot.driver.command(REPORTER, "/concern", f"status {flow.raised.code.lower()}").wait_response()
    words = str(answer)
    assert "Could you tell us roughly" in words
    assert ANSWER in words
    assert answer.get("response_type", "ephemeral") == "ephemeral"
    wrong = "ZZZZ" + flow.raised.code[4:]
    for code in (wrong, "not-a-code", flow.raised.code[:-1] + ("0" if flow.raised.code[-1] != "0" else "1")):
        reply = case_bot.driver.command(OUTSIDER, "/concern", f"status {code}").wait_response()
        assert reply["text"].startswith("There is no case with that code")


def test_a_handler_acknowledges_sets_status_and_closes_with_an_outcome(case_bot: BotHarness) -> None:
    from tests.concerns.conftest import case_post, raise_concern
    from tests.concerns.flows import submit_case_form

    raised = raise_concern(case_bot, "Gifts from a local garage owner to the custody team", contact="silent")
    post = case_post(case_bot, raised.reference)
    case_bot.driver.click(HANDLER, message=post, action_id=button(post, "Acknowledge"))
    case_bot.sim.wait_for(lambda: "Acknowledged by" in thread_texts(case_bot, post), what="the acknowledgement")
    missing = submit_case_form(case_bot, HANDLER, post, "Set status", {"status": "closed"})
    assert missing.errors
    assert "outcome" in missing.errors
    [status_form] = case_bot.sim.views_for(HANDLER)
    result = case_bot.driver.submit(HANDLER, status_form, {"status": "closed", "outcome": "Words of advice given"})
    assert result.status == 200
    assert not result.errors
    case_bot.sim.wait_for(lambda: "Words of advice given" in thread_texts(case_bot, post), what="the outcome")
    answer = case_bot.driver.command(REPORTER, "/concern", f"status {raised.code}").wait_response()
    assert "closed" in str(answer)
    assert "Words of advice given" in str(answer)
    assert "Answer the case team" not in str(answer)
    [case] = case_bot.rows(ConcernCase)
    assert case.status == "closed"
    assert case.reporter_sealed is None


def _audit_view(bot: BotHarness, user: str, post: dict[str, Any]) -> str:
    bot.driver.click(user, message=post, action_id=button(post, "Show audit"))
    return str(bot.sim.wait_for(lambda: bot.sim.views_for(user), what="the audit log"))


def test_the_audit_log_is_for_admins_in_the_case_channel_and_records_every_step(case_bot: BotHarness) -> None:
    from tests.support.harness import ADMIN

    flow = round_trip(case_bot)
    log = _audit_view(case_bot, ADMIN, flow.post)
    for words in (
        "concern received",
        "replied to the reporter",
        "the reporter answered",
        "added an internal note",
        "was refused",
        "the reporter checked the status",
        f"<@{HANDLER}>",
        f"<@{OUTSIDER}>",
    ):
        assert words in log, words
    assert REPORTER not in log
    result = case_bot.driver.click(HANDLER, message=flow.post, action_id=button(flow.post, "Show audit"))
    assert "Only the standards team's admins" in result.wait_response()["text"]
    actions = [row.action for row in case_bot.rows(ConcernAudit)]
    assert "viewed-audit" in actions
    assert None in {row.actor for row in case_bot.rows(ConcernAudit)}
    assert REPLY not in str([(row.action, row.detail) for row in case_bot.rows(ConcernAudit)])
