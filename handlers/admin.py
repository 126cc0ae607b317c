"""`/standards`: the standards team's report, export and settings."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot import outbox, outbox_failed
from bot.middleware import deps_of
from bot.services.admin import reports
from bot.texts import admin as texts
from handlers import impact
from handlers.common import admins_only, answer_help, is_admin, later, parse_command_text, private, refuse_non_admin

COMMAND = "/standards"
RETRY_ACTION = "standards:retry"
RETRY_PATTERN = re.compile(r"^standards:retry:\d+$")


def register(app: App) -> None:
    app.command(COMMAND)(on_command)
    app.action(RETRY_PATTERN, middleware=[admins_only])(on_retry)


def on_command(ack: Ack, command: dict[str, str], respond: Respond, context: BoltContext) -> None:
    ack()
    deps = deps_of(context)
    parsed = parse_command_text(command.get("text"))
    if parsed.verb in {"", "help"}:
        answer_help(respond, COMMAND, texts.HELP)
        return
    if parsed.verb not in {"report", "export", "settings", "department"}:
        answer_help(respond, COMMAND, texts.HELP, parsed.raw)
        return
    if not is_admin(deps, command["user_id"]):
        refuse_non_admin(respond)
        return
    team_id = context.team_id or ""
    if parsed.verb == "settings":
        private(respond, texts.settings_lines(_visible_settings(deps)))
        return
    if parsed.verb == "department":
        impact.answer_department(deps, respond, team_id, command["user_id"], parsed.args)
        return
    period = impact.period_of(deps, parsed.args, respond)
    if period is None:
        return
    with deps.db.unit_of_work() as session:
        sections = reports.build_report(session, team_id, deps.features.report_sections)
        problems = reports.delivery_problems(session, team_id)
    if parsed.verb == "report":
        impact.answer_report(deps, respond, team_id, command["user_id"], period, _report_blocks(sections, problems))
        return
    with deps.db.unit_of_work() as session:
        report_file = outbox.file_upload(
            "standards-bot-report.csv", "Standards Bot report", reports.export_csv(sections)
        )
        message = outbox.enqueue_dm_upload(
            session, team_id=team_id, user_id=command["user_id"], purpose="standards export",
            comment=texts.EXPORT_COMMENT, files=[report_file],
        )  # fmt: skip
    private(respond, texts.EXPORT_SENT)
    outbox.deliver_soon(deps, [message.id])
    later(respond, impact.answer_export, deps, team_id, command["user_id"], period)


def _visible_settings(deps: Any) -> dict[str, str]:
    settings = deps.settings
    return {
        "SLACK_API_URL": settings.slack_api_url,
        "DATABASE_URL": "PostgreSQL" if not settings.is_sqlite else "SQLite",
        "mode": "Socket Mode" if settings.slack_app_token else "HTTP",
        "STANDARDS_BOT_ADMINS": ", ".join(f"<@{user}>" for user in sorted(settings.admins)) or texts.NOT_SET,
        "STANDARDS_BOT_CASE_CHANNEL": f"<#{settings.case_channel}>" if settings.case_channel else texts.NOT_SET,
        "STANDARDS_BOT_AMBASSADORS_CHANNEL": (
            f"<#{settings.ambassadors_channel}>" if settings.ambassadors_channel else texts.NOT_SET
        ),
        "STANDARDS_BOT_TIMEZONE": settings.timezone,
        "STANDARDS_BOT_CONTENT_DIR": str(settings.content_dir) if settings.content_dir else texts.NOT_SET,
        "STANDARDS_BOT_SIGNPOSTS": ", ".join(settings.signposts) if settings.signposts else texts.NOT_SET,
        "STANDARDS_BOT_CASE_RETENTION_DAYS": str(settings.case_retention_days),
        "STANDARDS_BOT_ACK_DAYS": str(settings.ack_days),
        "STANDARDS_BOT_FEEDBACK_MONTHS": str(settings.feedback_months),
        "STANDARDS_BOT_STATEMENT_MIN_WORDS": str(settings.statement_min_words),
    }


def _report_blocks(sections: list[reports.ReportSection], problems: list[reports.DeliveryProblem]) -> list[Any]:
    blocks: list[dict[str, Any]] = [{"type": "header", "text": {"type": "plain_text", "text": texts.REPORT_TITLE}}]
    if not problems:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": texts.NO_PROBLEMS}})
    else:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": texts.PROBLEMS_INTRO}})
        for problem in problems[:10]:
            block: dict[str, Any] = {
                "type": "section",
                "text": {"type": "mrkdwn", "text": f"*{problem.what}*: `{problem.error}`"[:3000]},
            }
            if problem.message_id:
                block["accessory"] = {
                    "type": "button",
                    "action_id": f"{RETRY_ACTION}:{problem.message_id}",
                    "text": {"type": "plain_text", "text": texts.RETRY},
                    "value": str(problem.message_id),
                }
            blocks.append(block)
    for section in sections[:30]:
        text = f"*{section.title}*\n" + "\n".join(section.lines)
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}})
    return blocks[:50]


def on_retry(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    deps = deps_of(context)
    message_id = int(body["actions"][0]["value"])
    with deps.db.unit_of_work() as session:
        retried = outbox_failed.retry_failed(session, message_id)
    private(respond, texts.RETRIED if retried else texts.NOT_RETRIED)
    if retried:
        outbox.deliver_soon(deps, [message_id])
