"""Sending the impact report to an admin: the figures, the charts and the files go by direct message, through
the outbox, so they arrive even if Slack is briefly unavailable."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot import charts, outbox
from bot.services.impact import exports
from bot.services.impact import report as impact
from bot.services.impact.figures import ImpactReport
from bot.services.impact.period import Period

if TYPE_CHECKING:
    from bot.deps import Deps

FILE_STEM = "standards-impact"


def build(deps: Deps, team_id: str, period: Period, now: datetime, *, trends: bool = True) -> ImpactReport:
    with deps.db.unit_of_work() as session:
        return impact.build_for(session, deps, team_id, period, now, trends=trends)


def _upload(deps: Deps, team_id: str, user_id: str, purpose: str, comment: str, files: list[dict[str, Any]]) -> int:
    with deps.db.unit_of_work() as session:
        message = outbox.enqueue_dm_upload(
            session, team_id=team_id, user_id=user_id, purpose=purpose, comment=comment, files=files
        )
        return message.id


def _stem(report: ImpactReport) -> str:
    return f"{FILE_STEM}-{report.period_label.lower().replace(' ', '-')}"


def send_charts(deps: Deps, team_id: str, user_id: str, report: ImpactReport) -> None:
    """Draw the charts (outside any transaction: it takes a second or two) and send them in one DM."""
    files = [
        outbox.file_upload(f"{_stem(report)}-{chart.key}.png", chart.title, charts.png(chart, report))
        for chart in charts.CHARTS
    ]
    message_id = _upload(
        deps,
        team_id,
        user_id,
        "impact charts",
        deps.messages.impact_texts.CHARTS_COMMENT.format(period=report.period_label),
        files,
    )
    outbox.deliver_due(deps, only=[message_id])


def send_exports(deps: Deps, team_id: str, user_id: str, report: ImpactReport) -> None:
    stem, texts = _stem(report), deps.messages.impact_texts
    files = [
        outbox.file_upload(f"{stem}.csv", f"{report.period_label} (CSV)", exports.to_csv(report, texts)),
        outbox.file_upload(f"{stem}.xlsx", f"{report.period_label} (XLSX)", exports.to_xlsx(report, texts)),
    ]
    message_id = _upload(
        deps,
        team_id,
        user_id,
        "impact export",
        deps.messages.impact_texts.EXPORT_COMMENT.format(period=report.period_label),
        files,
    )
    outbox.deliver_due(deps, only=[message_id])


def send_report(deps: Deps, team_id: str, user_id: str, report: ImpactReport, blocks: list[dict[str, Any]]) -> None:
    """The figures as a DM (for a click on the Home tab, which has no private reply), then the charts."""
    with deps.db.unit_of_work() as session:
        message = outbox.enqueue(
            session,
            team_id=team_id,
            method="dm.post",
            purpose="impact report",
            payload={
                "user": user_id,
                "text": deps.messages.impact_texts.report_title(report.period_label),
                "blocks": blocks,
            },
        )
    outbox.deliver_due(deps, only=[message.id])
    send_charts(deps, team_id, user_id, report)
