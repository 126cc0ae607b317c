"""The welcome when the ambassadors channel is not set, or will not take the new ambassador: admins are told."""

from __future__ import annotations

from bot.sandbox.simulator.server import SlackSimulator
from storage.models import OutboxMessage
from storage.models.ambassadors import Ambassador
from tests.ambassadors.conftest import APPLICANT, CHANNEL, LINE, STANDARDS, apply, dm_with, open_drive, press, says
from tests.support.harness import ADMIN, BotHarness


def _confirmed(bot: BotHarness) -> None:
    open_drive(bot)
    apply(bot, APPLICANT)
    for approver in (LINE, STANDARDS):
        press(bot, approver, dm_with(bot, approver, "would like to be a standards ambassador"), "Approve")
    press(bot, ADMIN, dm_with(bot, ADMIN, "Both managers approved"), "Confirm")


def test_with_no_ambassadors_channel_the_welcome_says_so_and_admins_are_asked_to_add_them(
    bot: BotHarness, people: SlackSimulator
) -> None:
    _confirmed(bot)
    dm_with(bot, APPLICANT, "The standards team will add you to the ambassadors' channel")
    dm_with(bot, ADMIN, "No ambassadors channel is set (`STANDARDS_BOT_AMBASSADORS_CHANNEL`)")
    assert bot.rows(OutboxMessage, OutboxMessage.method == "conversations.invite") == []
    assert [a.status for a in bot.rows(Ambassador)] == ["active"]
    assert "already a standards ambassador" in says(bot, "apply", user=APPLICANT)


def test_a_channel_that_will_not_take_the_new_ambassador_is_reported_to_admins(amb_bot: BotHarness) -> None:
    amb_bot.sim.set_bot_membership(CHANNEL, False)
    _confirmed(amb_bot)
    dm_with(amb_bot, APPLICANT, "Welcome to the standards ambassadors")
    alert = dm_with(amb_bot, ADMIN, "could not be added to")
    assert f"<@{APPLICANT}>" in alert["text"]
    assert f"<#{CHANNEL}>" in alert["text"]
    [invite] = amb_bot.rows(OutboxMessage, OutboxMessage.method == "conversations.invite")
    assert (invite.status, invite.last_error) == ("failed", "not_in_channel")
    assert APPLICANT not in amb_bot.sim.ws.channels[CHANNEL].members
