"""Decisions: only the person asked decides, once, however often or however fast they click; admins decide for an
approver who has left, confirm first-come, and may decline with a reason."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from bot.sandbox.simulator.server import SlackSimulator
from bot.texts.common import ADMINS_ONLY
from dilemmas.loader import Content
from storage.models import utcnow
from storage.models.ambassadors import Ambassador, AmbassadorApplication, ApplicationApproval
from tests.ambassadors.conftest import (
    APPLICANT,
    GONE,
    LINE,
    OUTSIDER,
    STANDARDS,
    apply,
    decline,
    dm_with,
    dms_with,
    open_drive,
    press,
    texts_of,
    today,
)
from tests.support.harness import ADMIN, BotHarness, start_bot

DEPUTY = "UADMIN0002"
REQUEST = "would like to be a standards ambassador"


def _ephemerals(bot: BotHarness, user: str, phrase: str) -> list[dict]:
    return [e for e in bot.sim.ephemerals(user=user) if phrase in e.get("text", "")]


def _approval(bot: BotHarness, step: str) -> ApplicationApproval:
    [found] = bot.rows(ApplicationApproval, ApplicationApproval.step == step)
    return found


def test_only_the_person_asked_decides_and_admins_may_decline_at_the_end(amb_bot: BotHarness) -> None:
    open_drive(amb_bot)
    apply(amb_bot, APPLICANT)
    line_request = dm_with(amb_bot, LINE, REQUEST)
    for stranger in (OUTSIDER, ADMIN, STANDARDS):  # an admin too, while the line manager can be reached
        assert press(amb_bot, stranger, line_request, "Approve").wait_response()["text"] == (
            "Only the person asked to approve this step can decide it."
        )
    press(amb_bot, OUTSIDER, line_request, "Decline").wait_response()
    assert amb_bot.sim.views_for(OUTSIDER) == []
    assert _approval(amb_bot, "line_manager").decision is None

    press(amb_bot, LINE, line_request, "Approve")
    press(amb_bot, STANDARDS, dm_with(amb_bot, STANDARDS, REQUEST), "Approve")
    confirm_request = dm_with(amb_bot, ADMIN, "Both managers approved")
    assert press(amb_bot, LINE, confirm_request, "Confirm").wait_response()["text"] == ADMINS_ONLY

    done = decline(amb_bot, ADMIN, confirm_request, "Please apply again once your probation ends")
    assert done.response_action == "update"
    told = texts_of(dm_with(amb_bot, APPLICANT, "has not been taken forward"))
    assert "declined by the standards team" in told
    assert "Please apply again once your probation ends" in told
    [application] = amb_bot.rows(AmbassadorApplication)
    assert application.status == "declined"
    assert amb_bot.rows(Ambassador) == []


def test_double_and_concurrent_clicks_give_one_decision(amb_bot: BotHarness) -> None:
    open_drive(amb_bot)
    apply(amb_bot, APPLICANT)
    line_request = dm_with(amb_bot, LINE, REQUEST)
    amb_bot.sim.fail_next("chat.update", "internal_error")  # the request keeps its buttons a while, as on a slow link
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: press(amb_bot, LINE, line_request, "Approve"), range(4)))
    assert all(result.status == 200 for result in results)
    again = f"You already approved this on {today().day} {today():%b %Y}."
    amb_bot.sim.wait_for(lambda: len(_ephemerals(amb_bot, LINE, again)) == 3, what="three answers of 'already'")
    press(amb_bot, LINE, line_request, "Approve")  # and once more, later
    amb_bot.sim.wait_for(lambda: len(_ephemerals(amb_bot, LINE, again)) == 4, what="a fourth 'already'")

    approval = _approval(amb_bot, "line_manager")
    assert (approval.decision, approval.decided_by) == ("approved", LINE)
    dm_with(amb_bot, APPLICANT, "has approved your application")
    assert len(dms_with(amb_bot, APPLICANT, "has approved your application")) == 1
    assert amb_bot.rows(ApplicationApproval, ApplicationApproval.step == "admin") == []


@pytest.fixture
def two_admins(database_url: str, people: SlackSimulator, content: Content) -> Iterator[BotHarness]:
    people.add_user(DEPUTY, "deputy.lead", is_admin=True)
    harness = start_bot(database_url, people, content, STANDARDS_BOT_ADMINS=f"{ADMIN},{DEPUTY}")
    yield harness
    harness.close()


def test_the_first_admin_to_confirm_wins_and_every_admin_sees_who(two_admins: BotHarness) -> None:
    bot = two_admins
    open_drive(bot)
    apply(bot, APPLICANT)
    for approver in (LINE, STANDARDS):
        press(bot, approver, dm_with(bot, approver, REQUEST), "Approve")
    requests = {admin: dm_with(bot, admin, "Both managers approved") for admin in (ADMIN, DEPUTY)}
    bot.sim.fail_next("chat.update", "internal_error", times=2)
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda admin: press(bot, admin, requests[admin], "Confirm"), requests))

    bot.sim.wait_for(lambda: bot.rows(Ambassador), what="the new ambassador")
    winner = _approval(bot, "admin").decided_by
    loser = DEPUTY if winner == ADMIN else ADMIN
    bot.sim.wait_for(
        lambda: _ephemerals(bot, loser, f"This was already confirmed by <@{winner}>"), what="the loser told"
    )
    assert len(bot.rows(Ambassador)) == 1
    dm_with(bot, APPLICANT, "Welcome to the standards ambassadors")
    assert len(dms_with(bot, APPLICANT, "Welcome to the standards ambassadors")) == 1

    bot.tick(utcnow() + timedelta(minutes=1))  # the updates that failed at first are sent again by the clock
    for admin, request in requests.items():
        shown = bot.sim.message(request["channel"], request["ts"]) or {}
        assert f"Confirmed* by <@{winner}>" in texts_of(shown), admin


def test_an_approver_who_has_left_is_decided_for_by_an_admin(amb_bot: BotHarness) -> None:
    open_drive(amb_bot)
    apply(amb_bot, APPLICANT, line=GONE)
    on_behalf = dm_with(amb_bot, ADMIN, "cannot be reached in Slack")
    words = texts_of(on_behalf)
    assert f"<@{GONE}>, named as <@{APPLICANT}>'s line manager" in words
    assert "user_disabled" in words
    dm_with(amb_bot, ADMIN, "could not be delivered (ambassador.request)")  # the outbox's own alert
    dm_with(amb_bot, APPLICANT, "your ambassador application is now with the standards team")  # at once, no tick

    refused = press(amb_bot, OUTSIDER, on_behalf, "Approve").wait_response()
    assert refused["text"] == "Only the person asked to approve this step can decide it."
    press(amb_bot, ADMIN, on_behalf, "Approve")
    dm_with(amb_bot, APPLICANT, "The standards team, in place of your line manager")
    amb_bot.sim.wait_for(
        lambda: f"by <@{ADMIN}> for <@{GONE}>" in texts_of(amb_bot.sim.message(on_behalf["channel"], on_behalf["ts"]))
    )
    approval = _approval(amb_bot, "line_manager")
    assert (approval.approver_id, approval.decision, approval.decided_by) == (GONE, "approved", ADMIN)
    assert _approval(amb_bot, "standards_manager").decision is None  # the other manager still decides for themselves
