"""End to end: a drive opens, one application is approved by both managers and confirmed, another is declined,
and the monthly meeting reminders go out through `standards-bot tick --at`, exactly once."""

from __future__ import annotations

from datetime import timedelta

from storage.models import Duty
from storage.models.ambassadors import Ambassador, AmbassadorApplication, ApplicationApproval
from tests.ambassadors.conftest import (
    APPLICANT,
    CHANNEL,
    LINE,
    LONDON,
    SECOND,
    STANDARDS,
    apply,
    cli_tick,
    decline,
    dm_with,
    dms_with,
    open_drive,
    press,
    says,
    texts_of,
    today,
)
from tests.support.harness import ADMIN, BotHarness


def test_an_application_is_approved_by_both_managers_confirmed_and_welcomed(amb_bot: BotHarness) -> None:
    sim = amb_bot.sim
    assert "The headcount of *Response Policing* is now 1,200" in says(amb_bot, "headcount Response Policing 1200")
    open_drive(amb_bot)

    result = apply(amb_bot, APPLICANT, department="Response Policing", words=412)
    assert result.response_action == "update", result.body
    confirmation = texts_of(result.body["view"])
    assert "412 words" in confirmation
    assert f"<@{LINE}>" in confirmation
    assert f"<@{STANDARDS}>" in confirmation
    told = dm_with(amb_bot, APPLICANT, "has gone to your line manager")
    assert f"<@{LINE}>" in told["text"]
    assert f"<@{STANDARDS}>" in told["text"]

    line_request = dm_with(amb_bot, LINE, "would like to be a standards ambassador")
    assert "named you as their line manager" in texts_of(line_request)
    assert "Response Policing" in texts_of(line_request)
    press(amb_bot, LINE, line_request, "Approve")
    sim.wait_for(lambda: "Approved" in texts_of(sim.message(line_request["channel"], line_request["ts"]) or {}))
    replaced = sim.message(line_request["channel"], line_request["ts"]) or {}
    assert [b for b in replaced["blocks"] if b["type"] == "actions"] == []  # no buttons left to press
    dm_with(amb_bot, APPLICANT, "It is now waiting for your standards manager")

    standards_request = dm_with(amb_bot, STANDARDS, "would like to be a standards ambassador")
    press(amb_bot, STANDARDS, standards_request, "Approve")
    confirm_request = dm_with(amb_bot, ADMIN, "Both managers approved")
    dm_with(amb_bot, APPLICANT, "The standards team will confirm it shortly")
    [application] = amb_bot.rows(AmbassadorApplication)
    assert application.status == "confirming"

    press(amb_bot, ADMIN, confirm_request, "Confirm")
    welcome = dm_with(amb_bot, APPLICANT, "Welcome to the standards ambassadors")
    words = texts_of(welcome)
    assert "/cpd" in words
    assert "at least 6 CPD events a year" in words
    assert f"<@{STANDARDS}>" in words
    assert f"<#{CHANNEL}>" in words
    sim.wait_for(lambda: APPLICANT in sim.ws.channels[CHANNEL].members, what="the invitation to the channel")
    [ambassador] = amb_bot.rows(Ambassador)
    assert (ambassador.user_id, ambassador.status, ambassador.department) == (APPLICANT, "active", "Response Policing")
    assert ambassador.joined_on == today()
    assert ambassador.induction_due_on == today() + timedelta(days=28)
    assert ambassador.standards_manager_id == STANDARDS
    sim.wait_for(lambda: "Confirmed" in texts_of(sim.message(confirm_request["channel"], confirm_request["ts"]) or {}))
    decided = {a.step: (a.decision, a.decided_by) for a in amb_bot.rows(ApplicationApproval)}
    assert decided == {
        "line_manager": ("approved", LINE),
        "standards_manager": ("approved", STANDARDS),
        "admin": ("approved", ADMIN),
    }


def test_a_declined_application_ends_with_the_reason_sent_to_the_applicant(amb_bot: BotHarness) -> None:
    sim = amb_bot.sim
    open_drive(amb_bot)
    assert apply(amb_bot, SECOND, department="Custody").response_action == "update"
    line_request = dm_with(amb_bot, LINE, "would like to be a standards ambassador")
    standards_request = dm_with(amb_bot, STANDARDS, "would like to be a standards ambassador")

    blank = decline(amb_bot, LINE, line_request, "   ")
    assert blank.errors == {"reason": "Please give a reason: it is sent to the applicant."}
    form = sim.views_for(LINE)[-1]
    reason = "We are short-staffed until spring <!channel> <@USTDMGR001>"
    done = amb_bot.driver.submit(LINE, form, {"reason": reason})
    assert done.response_action == "update"
    assert "has been told, with your reason" in texts_of(done.body["view"])

    told = dm_with(amb_bot, SECOND, "has not been taken forward")
    words = texts_of(told)
    assert f"your line manager <@{LINE}>" in words
    assert "We are short-staffed until spring &lt;!channel&gt; &lt;@USTDMGR001&gt;" in words
    assert "<!channel>" not in words
    sim.wait_for(
        lambda: "No decision is needed" in texts_of(sim.message(standards_request["channel"], standards_request["ts"]))
    )
    sim.wait_for(lambda: "Declined" in texts_of(sim.message(line_request["channel"], line_request["ts"])))
    [application] = amb_bot.rows(AmbassadorApplication)
    assert (application.status, application.decline_reason) == ("declined", reason)
    assert amb_bot.rows(Ambassador) == []
    assert "your application is declined. You are welcome to apply again in the next" in says(amb_bot, "", user=SECOND)


def test_monthly_reminders_fire_through_the_cli_tick_exactly_once(amb_bot: BotHarness) -> None:
    open_drive(amb_bot)
    apply(amb_bot, APPLICANT, department="Neighbourhood Policing")
    for approver in (LINE, STANDARDS):
        press(amb_bot, approver, dm_with(amb_bot, approver, "would like to be a standards ambassador"), "Approve")
    press(amb_bot, ADMIN, dm_with(amb_bot, ADMIN, "Both managers approved"), "Confirm")
    dm_with(amb_bot, APPLICANT, "Welcome to the standards ambassadors")

    [duty] = amb_bot.rows(Duty, Duty.kind == "ambassadors.monthly", Duty.status == "pending")
    local = duty.due_at.astimezone(LONDON)
    assert (local.weekday(), local.day <= 7, local.hour, local.minute) == (0, True, 9, 0)
    assert duty.key == f"{local:%Y-%m-%d}"

    amb_bot.tick(duty.due_at - timedelta(minutes=1))
    assert dms_with(amb_bot, STANDARDS, "This month's ambassador meetings") == []
    cli_tick(amb_bot, duty.due_at)
    [listing] = dms_with(amb_bot, STANDARDS, "This month's ambassador meetings")
    assert f"<@{APPLICANT}> · Neighbourhood Policing · CPD this year 0/6" in texts_of(listing)
    [reminder] = dms_with(amb_bot, APPLICANT, "Time for this month's meeting")
    assert f"standards manager <@{STANDARDS}>" in texts_of(reminder)

    cli_tick(amb_bot, duty.due_at)  # the same instant again sends nothing more
    assert len(dms_with(amb_bot, STANDARDS, "This month's ambassador meetings")) == 1
    assert len(dms_with(amb_bot, APPLICANT, "Time for this month's meeting")) == 1
    [following] = amb_bot.rows(Duty, Duty.kind == "ambassadors.monthly", Duty.status == "pending")
    next_local = following.due_at.astimezone(LONDON)
    assert (next_local.weekday(), next_local.day <= 7, next_local.hour) == (0, True, 9)
    assert (next_local.year * 12 + next_local.month) - (local.year * 12 + local.month) == 1
