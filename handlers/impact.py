"""The impact report in Slack: `/standards report` and `/standards export` for a period (called from the admin
handler), and the admin's Home glance with buttons for the full report and the files."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.acknowledge import after_ack
from bot.blocks import impact as blocks
from bot.blocks.confidence import CONFIDENCE_ACTION
from bot.blocks.elements import MESSAGE_BLOCKS
from bot.deps import Deps
from bot.features import Features
from bot.middleware import deps_of
from bot.services.impact import confidence, delivery, departments
from bot.services.impact.period import Period, PeriodError, month_so_far, parse
from bot.texts import confidence as confidence_texts
from bot.texts import impact as texts
from handlers.common import channel_ref, is_admin, later, private
from storage.models import utcnow

HOME_ORDER = 5  # an admin sees the figures first


def register(app: App, features: Features) -> None:
    app.action(blocks.REPORT_ACTION)(on_report_clicked)
    app.action(blocks.EXPORT_ACTION)(on_export_clicked)
    app.action(re.compile(rf"^{CONFIDENCE_ACTION}:[1-5]$"))(on_confidence_clicked)
    features.add_home_section(HOME_ORDER, home_section)


def period_of(deps: Deps, words: list[str], respond: Respond) -> Period | None:
    """The period the words name; if they name none, the person is told how to write one."""
    today = utcnow().astimezone(deps.settings.tz).date()
    try:
        return parse(words, today, deps.settings.tz)
    except PeriodError:
        private(respond, texts.PERIOD_HELP)
        return None


def answer_report(
    deps: Deps, respond: Respond, team_id: str, user_id: str, period: Period, before: list[dict[str, Any]]
) -> None:
    """The figures privately, after what the admin report already shows, then the charts in a DM."""
    report = delivery.build(deps, team_id, period, utcnow())
    room = MESSAGE_BLOCKS - len(before)
    private(respond, texts.report_title(report.period_label), [*before, *blocks.report_blocks(report, room)])
    later(respond, delivery.send_charts, deps, team_id, user_id, report)


def answer_export(deps: Deps, team_id: str, user_id: str, period: Period) -> None:
    delivery.send_exports(deps, team_id, user_id, delivery.build(deps, team_id, period, utcnow()))


def answer_department(deps: Deps, respond: Respond, team_id: str, user_id: str, words: list[str]) -> None:
    """`/standards department #channel Response`: the channel's dilemma figures count for that department;
    `/standards department #channel` alone takes the department away; with no channel, the list."""
    if not words:
        with deps.db.unit_of_work() as session:
            given = departments.of_channels(session, team_id)
        private(respond, texts.departments_list(given))
        return
    channel = channel_ref(words[0])
    if channel is None:
        private(respond, texts.DEPARTMENT_HELP)
        return
    name = " ".join(words[1:]).strip().strip('"\u201c\u201d')
    with deps.db.unit_of_work() as session:
        departments.set_department(
            session, team_id=team_id, channel_id=channel, department=name, set_by=user_id, now=utcnow()
        )
    private(respond, texts.department_set(channel, name))


def home_section(deps: Deps, team_id: str, user_id: str) -> list[dict[str, Any]]:
    if not is_admin(deps, user_id):
        return []
    return blocks.glance_blocks(delivery.build(deps, team_id, _this_month(deps), utcnow(), trends=False))


def _this_month(deps: Deps) -> Period:
    return month_so_far(utcnow().astimezone(deps.settings.tz).date(), deps.settings.tz)


def on_report_clicked(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    deps, user_id = deps_of(context), body["user"]["id"]
    if not is_admin(deps, user_id):
        return  # the buttons are only on an admin's Home; a click from anyone else changes nothing
    after_ack(context, _send_report, deps, context.team_id or "", user_id)


def _send_report(deps: Deps, team_id: str, user_id: str) -> None:
    report = delivery.build(deps, team_id, _this_month(deps), utcnow())
    delivery.send_report(deps, team_id, user_id, report, blocks.report_blocks(report))


def on_export_clicked(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    deps, user_id = deps_of(context), body["user"]["id"]
    if is_admin(deps, user_id):
        after_ack(context, answer_export, deps, context.team_id or "", user_id, _this_month(deps))


def on_confidence_clicked(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    deps = deps_of(context)
    event, _, score = str(action.get("value") or "").partition(":")
    chosen = confidence.parse_score(score)
    if chosen is None or not event.isdigit():
        return
    with deps.db.unit_of_work() as session:
        status = confidence.record_before(
            session, deps, team_id=context.team_id or "", event_id=int(event), user_id=body["user"]["id"], score=chosen,
            now=utcnow(),
        )  # fmt: skip
    words = {"saved": confidence_texts.SAVED.format(score=chosen), "closed": confidence_texts.CLOSED}
    private(respond, words.get(status, confidence_texts.NOT_GOING))
