"""Applications never wait for ever: a manager who has not decided is reminded once after 7 days; after 14 days, or
at once when they have left Slack, the admins may decide in their place; and an application stuck from a closed
drive no longer stops its applicant applying in a new one."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

from slack_sdk.errors import SlackRequestError
from sqlalchemy import select

from bot.sandbox.simulator.server import SlackSimulator
from bot.services.ambassadors.waiting import has_left
from storage.models import Duty, OutboxMessage
from storage.models.ambassadors import AmbassadorApplication, ApplicationApproval
from tests.ambassadors.conftest import (
    APPLICANT,
    FORTNIGHT,
    LINE,
    OUTSIDER,
    REQUEST,
    STANDARDS,
    WEEK,
    apply,
    approval,
    cli_tick,
    decline,
    dm_with,
    dms_with,
    open_drive,
    press,
    says,
    texts_of,
)
from tests.support.harness import ADMIN, BotHarness

REMINDER = "Reminder: <@UAPPLY0001> is still waiting for your decision"
OVERDUE = "has not decided on this ambassador application in 14 days"
LEFT = "has left Slack* (their account is deactivated)"


def _asked_at(bot: BotHarness) -> datetime:
    return approval(bot, "line_manager").asked_at


def _now_reads(bot: BotHarness, message: dict) -> str:
    return texts_of(bot.sim.message(message["channel"], message["ts"]) or {})


def _buttons(bot: BotHarness, message: dict) -> list[dict]:
    shown = bot.sim.message(message["channel"], message["ts"]) or {}
    return [element for block in shown.get("blocks", []) if block["type"] == "actions" for element in block["elements"]]


def _nudges(bot: BotHarness, approval: ApplicationApproval) -> dict[str, str]:
    rows = bot.rows(Duty, Duty.kind == "ambassadors.approval_nudge", Duty.key.startswith(f"{approval.id}:"))
    return {row.key.split(":")[1]: row.status for row in rows}


def _deactivate(sim: SlackSimulator, user: str) -> None:
    with sim.lock:
        sim.ws.users[user].deleted = True


def test_a_request_ignored_for_a_week_gets_one_reminder_and_the_decision_replaces_both(amb_bot: BotHarness) -> None:
    bot = amb_bot
    open_drive(bot)
    apply(bot, APPLICANT)
    first = dm_with(bot, LINE, REQUEST)
    dm_with(bot, STANDARDS, REQUEST)
    line = approval(bot, "line_manager")
    assert _nudges(bot, line) == {"7d": "pending", "14d": "pending"}
    asked = _asked_at(bot)

    bot.tick(asked + WEEK - timedelta(minutes=1))
    assert dms_with(bot, LINE, REMINDER) == []
    cli_tick(bot, asked + WEEK)
    bot.tick(asked + WEEK)  # the same instant again, as a second clock would: nothing more
    [reminder] = dms_with(bot, LINE, REMINDER)
    assert len(dms_with(bot, STANDARDS, REMINDER)) == 1
    assert "Response Policing" in texts_of(reminder)
    assert [(b["text"]["text"], b["value"]) for b in _buttons(bot, reminder)] == [
        ("Approve", str(line.id)),
        ("Decline", str(line.id)),
    ]
    [told] = dms_with(bot, APPLICANT, f"still waiting for your line manager <@{LINE}>")
    assert "within 7 more days, the standards team will decide" in texts_of(told)
    assert len(dms_with(bot, APPLICANT, f"still waiting for your standards manager <@{STANDARDS}>")) == 1
    assert len(approval(bot, "line_manager").request_outbox_ids.split(",")) == 2
    assert dms_with(bot, ADMIN, OVERDUE) == []

    press(bot, LINE, reminder, "Approve")
    for message in (first, reminder):
        bot.sim.wait_for(lambda m=message: f"Approved* by <@{LINE}> on" in _now_reads(bot, m), what="the DM replaced")
        assert _buttons(bot, message) == []
    dm_with(bot, APPLICANT, "has approved your application")
    assert _nudges(bot, line) == {"7d": "done", "14d": "cancelled"}

    line_dms = len(bot.sim.dms(LINE))
    bot.tick(asked + FORTNIGHT)  # only the standards manager, who has still not decided, goes to the admins
    [overdue] = dms_with(bot, ADMIN, OVERDUE)
    assert f"<@{STANDARDS}>, <@{APPLICANT}>'s standards manager" in texts_of(overdue)
    assert len(bot.sim.dms(LINE)) == line_dms
    assert (approval(bot, "line_manager").decision, approval(bot, "line_manager").escalated_at) == ("approved", None)


def test_after_two_weeks_an_admin_decides_in_the_managers_place(amb_bot: BotHarness) -> None:
    bot = amb_bot
    open_drive(bot)
    apply(bot, APPLICANT)
    line_request = dm_with(bot, LINE, REQUEST)
    standards_request = dm_with(bot, STANDARDS, REQUEST)
    assert press(bot, ADMIN, line_request, "Approve").wait_response()["text"] == (
        "Only the person asked to approve this step can decide it."
    )

    cli_tick(bot, _asked_at(bot) + FORTNIGHT)  # the clock was down for a fortnight: no late reminders, only the admins
    assert dms_with(bot, LINE, REMINDER) == []
    assert dms_with(bot, APPLICANT, "still waiting") == []
    on_behalf = {
        step: [m for m in dms_with(bot, ADMIN, OVERDUE) if f"<@{APPLICANT}>'s {step}" in texts_of(m)]
        for step in ("line manager", "standards manager")
    }
    assert [len(found) for found in on_behalf.values()] == [1, 1]
    assert f"<@{LINE}>, <@{APPLICANT}>'s line manager" in texts_of(on_behalf["line manager"][0])
    dm_with(bot, APPLICANT, f"line manager <@{LINE}> has not decided in 14 days, so your ambassador application is now")
    assert len(dms_with(bot, APPLICANT, "is now with the standards team")) == 2
    line = approval(bot, "line_manager")
    assert line.escalated_at is not None
    assert "with the standards team in place of a manager" in says(bot, "list")
    report = texts_of(bot.driver.command(ADMIN, "/standards", "report").wait_response())
    assert "applications: 1 in progress (1 waiting for the standards team)" in report
    assert "with the standards team, who will decide in place of a manager" in says(bot, "apply", user=APPLICANT)

    admin_request = on_behalf["line manager"][0]
    assert press(bot, OUTSIDER, admin_request, "Approve").wait_response()["text"] == (
        "Only the person asked to approve this step can decide it."
    )
    press(bot, ADMIN, admin_request, "Approve")
    dm_with(bot, APPLICANT, f"The standards team, in place of your line manager <@{LINE}>, has approved")
    for message in (line_request, admin_request):
        bot.sim.wait_for(lambda m=message: f"by <@{ADMIN}> for <@{LINE}>" in _now_reads(bot, m), what="replaced")
    line = approval(bot, "line_manager")
    assert (line.approver_id, line.decision, line.decided_by) == (LINE, "approved", ADMIN)

    press(bot, STANDARDS, standards_request, "Approve")  # the approver may still decide for themselves
    standards_admin_request = on_behalf["standards manager"][0]
    bot.sim.wait_for(lambda: f"Approved* by <@{STANDARDS}> on" in _now_reads(bot, standards_admin_request))
    assert _buttons(bot, standards_admin_request) == []
    dm_with(bot, ADMIN, "Both managers approved")
    [application] = bot.rows(AmbassadorApplication)
    assert application.status == "confirming"


def test_a_step_older_than_two_weeks_is_the_admins_to_decide_even_before_the_clock_has_run(amb_bot: BotHarness) -> None:
    bot = amb_bot
    open_drive(bot)
    apply(bot, APPLICANT)
    line_request = dm_with(bot, LINE, REQUEST)
    with bot.deps.db.unit_of_work() as session:
        step = session.get(ApplicationApproval, approval(bot, "line_manager").id)
        assert step is not None
        step.asked_at -= FORTNIGHT
    assert press(bot, OUTSIDER, line_request, "Approve").wait_response()["text"] == (
        "Only the person asked to approve this step can decide it."
    )
    press(bot, ADMIN, line_request, "Approve")
    bot.sim.wait_for(lambda: f"by <@{ADMIN}> for <@{LINE}>" in _now_reads(bot, line_request), what="replaced")
    [decided] = bot.rows(ApplicationApproval, ApplicationApproval.step == "line_manager")
    assert (decided.decision, decided.decided_by, decided.escalated_at) == ("approved", ADMIN, None)
    assert approval(bot, "standards_manager").decision is None


def test_an_approver_deactivated_after_the_request_goes_to_the_admins_at_the_first_week(amb_bot: BotHarness) -> None:
    bot = amb_bot
    open_drive(bot)
    apply(bot, APPLICANT)
    dm_with(bot, LINE, REQUEST)
    standards_request = dm_with(bot, STANDARDS, REQUEST)
    _deactivate(bot.sim, LINE)
    asked = _asked_at(bot)

    bot.tick(asked + WEEK)
    [left] = dms_with(bot, ADMIN, LEFT)
    assert f"<@{LINE}>, named as <@{APPLICANT}>'s line manager" in texts_of(left)
    assert dms_with(bot, LINE, REMINDER) == []
    standards_reminder = dm_with(bot, STANDARDS, REMINDER)  # the other manager is only reminded
    dm_with(bot, APPLICANT, f"Your line manager <@{LINE}> has left Slack, so your ambassador application is now")
    line = approval(bot, "line_manager")
    assert line.escalated_at is not None
    assert _nudges(bot, line) == {"7d": "done", "14d": "cancelled"}

    decline(bot, ADMIN, left, "Your line manager has left: please apply again with your new one")
    told = texts_of(dm_with(bot, APPLICANT, "has not been taken forward"))
    assert "declined by the standards team" in told
    assert "please apply again with your new one" in told
    for message in (standards_request, standards_reminder):
        bot.sim.wait_for(lambda m=message: "No decision is needed" in _now_reads(bot, m), what="the request closed")
    [application] = bot.rows(AmbassadorApplication)
    assert application.status == "declined"
    [decided] = bot.rows(ApplicationApproval, ApplicationApproval.step == "line_manager")
    assert (decided.decision, decided.decided_by, decided.approver_id) == ("declined", ADMIN, LINE)

    before = {user: len(bot.sim.dms(user)) for user in (ADMIN, LINE, STANDARDS, APPLICANT)}
    bot.tick(asked + FORTNIGHT)  # the application has ended: nothing more about it
    assert {user: len(bot.sim.dms(user)) for user in before} == before
    assert dms_with(bot, ADMIN, OVERDUE) == []


def test_a_reminder_refused_because_the_account_is_gone_sends_the_step_to_the_admins(amb_bot: BotHarness) -> None:
    bot = amb_bot
    open_drive(bot)
    apply(bot, APPLICANT)
    dm_with(bot, LINE, REQUEST)
    _deactivate(bot.sim, LINE)
    bot.sim.fail_next("users.info", "internal_error", times=2)  # Slack cannot say, for either manager

    report = bot.tick(_asked_at(bot) + WEEK)
    assert report.failed == []
    on_behalf = dm_with(bot, ADMIN, "cannot be reached in Slack")
    assert "user_disabled" in texts_of(on_behalf)
    dm_with(bot, STANDARDS, REMINDER)
    dm_with(bot, APPLICANT, f"Your line manager <@{LINE}> cannot be reached in Slack")
    [failed] = bot.rows(OutboxMessage, OutboxMessage.purpose == "ambassador.reminder", OutboxMessage.status == "failed")
    assert failed.last_error == "user_disabled"
    assert approval(bot, "line_manager").escalated_at is not None
    assert [d.status for d in bot.rows(Duty, Duty.kind == "ambassadors.approval_nudge", Duty.key.endswith(":7d"))] == [
        "done",
        "done",
    ]

    press(bot, ADMIN, on_behalf, "Approve")
    dm_with(bot, APPLICANT, f"The standards team, in place of your line manager <@{LINE}>, has approved")
    assert approval(bot, "line_manager").decided_by == ADMIN


def test_a_stale_application_from_a_closed_drive_gives_way_to_a_new_one(amb_bot: BotHarness) -> None:
    bot = amb_bot
    open_drive(bot)
    apply(bot, APPLICANT)
    line_request = dm_with(bot, LINE, REQUEST)
    standards_request = dm_with(bot, STANDARDS, REQUEST)
    press(bot, LINE, line_request, "Approve")
    bot.sim.wait_for(lambda: "Approved" in _now_reads(bot, line_request))
    assert "closed: 1 application" in says(bot, "drive close")
    open_drive(bot)
    # Still recent: the application carries on and the person cannot apply again yet.
    assert "already applied" in says(bot, "apply", user=APPLICANT)
    assert "waiting for your standards manager" in says(bot, "apply", user=APPLICANT)

    [old] = bot.rows(AmbassadorApplication)
    with bot.deps.db.unit_of_work() as session:
        stale = session.get(AmbassadorApplication, old.id)
        assert stale is not None
        stale.created_at -= timedelta(days=15)
    standards_step = approval(bot, "standards_manager")
    result = apply(bot, APPLICANT, department="Custody")
    assert result.response_action == "update", result.body
    assert "Thank you. Your application has gone" in texts_of(result.body["view"])

    bot.sim.wait_for(lambda: "No decision is needed" in _now_reads(bot, standards_request), what="the old request")
    assert "has applied again in a new recruitment drive" in _now_reads(bot, standards_request)
    assert _buttons(bot, standards_request) == []
    assert f"Approved* by <@{LINE}>" in _now_reads(bot, line_request)  # a decision taken stays as it was
    ended = bot.rows(AmbassadorApplication, AmbassadorApplication.id == old.id)[0]
    assert (ended.status, ended.decline_reason) == ("declined", "superseded by a new application")
    assert _nudges(bot, standards_step) == {"7d": "cancelled", "14d": "cancelled"}
    [new] = bot.rows(AmbassadorApplication, AmbassadorApplication.id != old.id)
    assert (new.status, new.department, new.drive_id != old.drive_id) == ("managers", "Custody", True)
    for approver in (LINE, STANDARDS):
        assert "Custody" in texts_of(dm_with(bot, approver, REQUEST))
        assert len(dms_with(bot, approver, REQUEST)) == 1
    assert dms_with(bot, APPLICANT, "has not been taken forward") == []  # the person who replaced it is not told off

    assert "already applied" in says(bot, "apply", user=APPLICANT)  # one application per drive still holds
    assert len(bot.rows(AmbassadorApplication)) == 2


def test_a_stale_application_in_the_same_drive_still_counts(amb_bot: BotHarness) -> None:
    bot = amb_bot
    open_drive(bot, days=30)
    apply(bot, APPLICANT)
    with bot.deps.db.unit_of_work() as session:
        for application in session.scalars(select(AmbassadorApplication)):
            application.created_at -= timedelta(days=20)
    assert "already applied" in says(bot, "apply", user=APPLICANT)
    [application] = bot.rows(AmbassadorApplication)
    assert application.status == "managers"


class _Slack:
    def __init__(self, outcome: Any) -> None:
        self.outcome = outcome

    def users_info(self, user: str) -> Any:
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome


def test_an_approver_has_left_only_when_slack_says_their_account_is_deactivated() -> None:
    def asked(outcome: Any) -> bool:
        deps: Any = SimpleNamespace(slack=_Slack(outcome))
        return has_left(deps, LINE)

    assert asked({"ok": True, "user": {"id": LINE, "deleted": True}})
    assert not asked({"ok": True, "user": {"id": LINE, "deleted": False}})
    assert not asked(TimeoutError("Slack is slow"))  # could not check: not deactivated, and the duty carries on
    assert not asked(SlackRequestError("bad request"))
