"""Block Kit of the impact report: the figures for a period in `/standards report`, and the admin's Home glance."""

from __future__ import annotations

from bot.blocks.elements import MESSAGE_BLOCKS, Block, button, context, packed, plain, section
from bot.services.impact.figures import Headline, ImpactReport, Table
from bot.texts import impact as texts

REPORT_ACTION = "impact:report"
EXPORT_ACTION = "impact:export"
TABLE_ROWS = 12  # the rest of a long table (forty channels, say) is in the export
GLANCE = ["responses", "participation", "agreement", "draws", "concerns", "ack_on_time", "ambassadors", "attendance"]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _label(text: str) -> str:
    """Row names are escaped, except a channel mention the report itself wrote."""
    return text if text.startswith("<#") and text.endswith(">") else _escape(text)


def headline_line(item: Headline, previous_label: str) -> str:
    moved = texts.change(item.current, item.previous)
    trend = f", {moved}" if moved else ""
    return (
        f"• {_escape(item.label)}: *{texts.show(item.current)}* ({previous_label}: {texts.show(item.previous)}{trend})"
    )


def table_lines(table: Table) -> list[str]:
    head = f"*{_escape(table.title)}* ({' / '.join(_escape(column) for column in table.columns)})"
    rows = [row for row in table.rows if not row.total][:TABLE_ROWS] + [row for row in table.rows if row.total]
    more = len([row for row in table.rows if not row.total]) - TABLE_ROWS
    lines = [head, *(f"• {_label(row.label)}: {' / '.join(texts.show(v) for v in row.values)}" for row in rows)]
    return [*lines, texts.more_rows(more)] if more > 0 else lines


def report_blocks(report: ImpactReport, room: int = MESSAGE_BLOCKS) -> list[Block]:
    """The period's figures: headlines by family with their change, then each breakdown, within `room` blocks."""
    blocks: list[Block] = [
        {"type": "header", "text": plain(texts.report_title(report.period_label)[:150])},
        context(f"{texts.compared_with(report.previous_label)} {texts.RULE}"),
    ]
    families: dict[str, list[str]] = {}
    for item in report.headlines:
        families.setdefault(item.family, []).append(headline_line(item, report.previous_label))
    for family, lines in families.items():
        blocks += [section(part) for part in packed([f"*{family}*", *lines])]
    for table in report.tables:
        if table.rows:
            blocks += [section(part) for part in packed(table_lines(table))]
    blocks.append(context(texts.CHARTS_AND_EXPORT))
    return blocks[: max(room - 1, 0)] + blocks[-1:] if len(blocks) > room else blocks


def glance_blocks(report: ImpactReport) -> list[Block]:
    """The admin's Home: this month so far against the same days of the month before, and the way to the rest."""
    wanted = {item.key: item for item in report.headlines}
    fields = []
    for key in GLANCE:
        item = wanted[key]
        moved = texts.change(item.current, item.previous)
        text = f"*{_escape(item.label)}*\n{texts.show(item.current)}" + (f" ({moved})" if moved else "")
        fields.append({"type": "mrkdwn", "text": text})
    return [
        {"type": "header", "text": plain(texts.GLANCE_TITLE)},
        context(texts.glance_period(report.period_label, report.previous_label)),
        {"type": "section", "fields": fields[:10]},
        {
            "type": "actions",
            "elements": [
                button(texts.FULL_REPORT_BUTTON, REPORT_ACTION, "month"),
                button(texts.EXPORT_BUTTON, EXPORT_ACTION, "month"),
            ],
        },
        context(texts.RULE_SHORT),
    ]
