"""The outbox: posts that must arrive do, once, waiting out rate limits; a post that keeps failing is kept."""

from __future__ import annotations

import itertools

from sqlalchemy import select

from bot import outbox, outbox_failed
from bot.sandbox.simulator.server import SlackSimulator
from storage.models import OutboxMessage
from tests.support.harness import ADMIN, TEAM_ID, BotHarness


def _enqueue(bot: BotHarness, **kwargs: object) -> int:
    with bot.deps.db.unit_of_work() as session:
        message = outbox.enqueue(session, team_id=TEAM_ID, **kwargs)  # type: ignore[arg-type]
        return message.id


def _row(bot: BotHarness, message_id: int) -> OutboxMessage:
    with bot.deps.db.unit_of_work() as session:
        row = session.get(OutboxMessage, message_id)
        assert row is not None
        return row


def test_a_post_that_meets_429_three_times_arrives_once_after_waiting_as_told(bot: BotHarness) -> None:
    sim: SlackSimulator = bot.sim
    sim.add_channel("CGENERAL01", "general", members=[ADMIN])
    sim.fail_next("chat.postMessage", error="ratelimited", times=3, retry_after=1)
    message_id = _enqueue(
        bot, method="chat.postMessage", payload={"channel": "CGENERAL01", "text": "This week's dilemma"}
    )
    report = outbox.deliver_due(bot.deps)
    assert report.sent == 1
    assert [m["text"] for m in sim.messages("CGENERAL01")] == ["This week's dilemma"]
    attempts = [call for call in sim.calls_to("chat.postMessage")]
    assert [call.ok for call in attempts] == [False, False, False, True]
    gaps = [later.at - earlier.at for earlier, later in itertools.pairwise(attempts)]
    assert all(gap >= 0.95 for gap in gaps), gaps
    row = _row(bot, message_id)
    assert (row.status, row.result_channel) == ("sent", "CGENERAL01")
    assert row.result_ts == sim.messages("CGENERAL01")[0]["ts"]


def test_a_rate_limit_that_outlasts_the_client_is_retried_by_the_clock_after_retry_after(bot: BotHarness) -> None:
    bot.sim.add_channel("CGENERAL01", "general", members=[ADMIN])
    bot.sim.fail_next("chat.postMessage", error="ratelimited", times=4, retry_after=1)
    message_id = _enqueue(bot, method="chat.postMessage", payload={"channel": "CGENERAL01", "text": "hello"})
    first = outbox.deliver_due(bot.deps)
    assert (first.sent, first.postponed) == (0, 1)
    row = _row(bot, message_id)
    assert (row.status, row.last_error) == ("pending", "ratelimited")
    bot.sim.wait_for(lambda: outbox.deliver_due(bot.deps).sent == 1, timeout=5, what="the retry after Retry-After")
    assert [m["text"] for m in bot.sim.messages("CGENERAL01")] == ["hello"]


def test_a_post_the_channel_refuses_is_kept_as_failed_and_admins_are_alerted(bot: BotHarness) -> None:
    bot.sim.add_channel("CGONE00001", "gone", members=[ADMIN], bot_is_member=False)
    message_id = _enqueue(
        bot, method="chat.postMessage", payload={"channel": "CGONE00001", "text": "x"}, purpose="test post"
    )
    report = outbox.deliver_due(bot.deps)
    assert report.failed == 1
    row = _row(bot, message_id)
    assert (row.status, row.last_error) == ("failed", "not_in_channel")
    alerts = bot.sim.dms(ADMIN)
    assert len(alerts) == 1
    assert "test post" in alerts[0]["text"]
    assert "not_in_channel" in alerts[0]["text"]
    with bot.deps.db.unit_of_work() as session:
        assert [m.id for m in outbox_failed.failed_messages(session, TEAM_ID)] == [message_id]


def test_other_failures_back_off_and_are_never_dropped(bot: BotHarness) -> None:
    bot.sim.add_channel("CGENERAL01", "general", members=[ADMIN])
    bot.sim.fail_next("chat.postMessage", error="internal_error", times=1)
    message_id = _enqueue(bot, method="chat.postMessage", payload={"channel": "CGENERAL01", "text": "kept"})
    assert outbox.deliver_due(bot.deps).postponed == 1
    row = _row(bot, message_id)
    assert row.status == "pending"
    assert row.attempts == 1
    assert row.last_error == "internal_error"
    assert row.next_attempt_at > row.created_at
    report = bot.tick(row.next_attempt_at)
    assert report.delivery.sent == 1
    assert [m["text"] for m in bot.sim.messages("CGENERAL01")] == ["kept"]


def test_a_thread_reply_waits_for_its_parent_and_lands_in_its_thread(bot: BotHarness) -> None:
    bot.sim.add_channel("CGENERAL01", "general", members=[ADMIN])
    with bot.deps.db.unit_of_work() as session:
        parent = outbox.enqueue(
            session, team_id=TEAM_ID, method="chat.postMessage", payload={"channel": "CGENERAL01", "text": "post"}
        )
        reply = outbox.enqueue(
            session,
            team_id=TEAM_ID,
            method="chat.postMessage",
            payload={"channel": "CGENERAL01", "text": "reply"},
            refs={"thread_ts": parent.id},
        )
        reply_id, parent_id = reply.id, parent.id
    assert outbox.deliver_due(bot.deps, only=[reply_id]).postponed == 1
    assert outbox.deliver_due(bot.deps, only=[parent_id]).sent == 1
    parent_ts = bot.sim.messages("CGENERAL01")[0]["ts"]
    bot.sim.wait_for(lambda: outbox.deliver_due(bot.deps, only=[reply_id]).sent == 1, timeout=10, what="reply")
    assert [m["text"] for m in bot.sim.thread("CGENERAL01", parent_ts)][-1] == "reply"


def test_sealed_payloads_are_not_readable_in_the_database(bot: BotHarness) -> None:
    bot.sim.add_channel("CCASES0001", "cases", members=[ADMIN], is_private=True)
    message_id = _enqueue(
        bot,
        method="chat.postMessage",
        payload={"channel": "CCASES0001", "text": "a confidential sentence"},
        seal_with=bot.deps.keyring,
    )
    with bot.deps.db.unit_of_work() as session:
        stored = session.scalar(select(OutboxMessage.payload).where(OutboxMessage.id == message_id))
    assert "confidential" not in str(stored)
    assert outbox.deliver_due(bot.deps).sent == 1
    assert [m["text"] for m in bot.sim.messages("CCASES0001")] == ["a confidential sentence"]


def _post_a_follow_up(session: object, row: OutboxMessage, deps: object) -> list[int]:
    follow_up = outbox.enqueue(
        session,  # type: ignore[arg-type]
        team_id=row.team_id,
        method="chat.postMessage",
        payload={"channel": row.payload["channel"], "text": "the follow-up"},
    )
    return [follow_up.id]


def test_a_follow_up_that_a_hook_asks_for_is_sent_in_the_same_delivery(bot: BotHarness) -> None:
    bot.deps.features.add_hook("test.follow_up", _post_a_follow_up)
    bot.sim.add_channel("CGENERAL01", "general", members=[ADMIN])
    first = _enqueue(
        bot, method="chat.postMessage", payload={"channel": "CGENERAL01", "text": "first"}, on_sent="test.follow_up"
    )
    report = outbox.deliver_due(bot.deps, only=[first])
    assert report.sent == 2
    assert [m["text"] for m in bot.sim.messages("CGENERAL01")] == ["first", "the follow-up"]


def test_an_invite_of_someone_already_in_the_channel_counts_as_sent(bot: BotHarness) -> None:
    bot.sim.add_user("UMEMBER001", "already.here")
    bot.sim.add_channel("CGENERAL01", "general", members=[ADMIN, "UMEMBER001"])
    message_id = _enqueue(bot, method="conversations.invite", payload={"channel": "CGENERAL01", "users": "UMEMBER001"})
    assert outbox.deliver_due(bot.deps).sent == 1
    assert [c.error for c in bot.sim.calls_to("conversations.invite")] == ["already_in_channel"]
    assert _row(bot, message_id).status == "sent"
    assert not [m for m in bot.sim.dms(ADMIN) if "could not be delivered" in m["text"]]


def test_a_successful_invite_keeps_the_channel_id_as_its_result(bot: BotHarness) -> None:
    bot.sim.add_user("UNEW000001", "new.ambassador")
    bot.sim.add_channel("CGENERAL01", "general", members=[ADMIN])
    message_id = _enqueue(bot, method="conversations.invite", payload={"channel": "CGENERAL01", "users": "UNEW000001"})
    assert outbox.deliver_due(bot.deps).sent == 1
    row = _row(bot, message_id)
    assert (row.status, row.result_channel) == ("sent", "CGENERAL01")


def _tell_someone(session: object, row: OutboxMessage, deps: object) -> list[int]:
    told = outbox.enqueue(
        session,  # type: ignore[arg-type]
        team_id=row.team_id,
        method="chat.postMessage",
        payload={"channel": "CGENERAL01", "text": "the post could not be made"},
    )
    return [told.id]


def test_a_follow_up_of_a_final_failure_is_sent_at_once(bot: BotHarness) -> None:
    bot.deps.features.add_hook("test.tell_someone", _tell_someone)
    bot.sim.add_channel("CGENERAL01", "general", members=[ADMIN])
    bot.sim.add_channel("CGONE00001", "gone", members=[ADMIN], bot_is_member=False)
    _enqueue(
        bot, method="chat.postMessage", payload={"channel": "CGONE00001", "text": "x"}, on_failed="test.tell_someone"
    )
    outbox.deliver_due(bot.deps)
    assert [m["text"] for m in bot.sim.messages("CGENERAL01")] == ["the post could not be made"]


def test_messages_handed_to_the_delivery_threads_arrive(bot: BotHarness) -> None:
    bot.sim.add_channel("CGENERAL01", "general", members=[ADMIN])
    ids = [
        _enqueue(bot, method="chat.postMessage", payload={"channel": "CGENERAL01", "text": f"n{n}"}) for n in range(6)
    ]
    outbox.deliver_soon(bot.deps, ids[:3])
    outbox.deliver_soon(bot.deps, ids[3:])
    bot.sim.wait_for(lambda: {_row(bot, i).status for i in ids} == {"sent"}, what="all six marked sent")
    assert sorted(m["text"] for m in bot.sim.messages("CGENERAL01")) == [f"n{n}" for n in range(6)]
